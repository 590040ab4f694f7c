"""A two-signer ceremony over HTTP against a running server, timed from the request to the sealed PDF: what the
sender waits for when both signers act at once. Mails go through a real SMTP server; the job worker's polling and
the mail deliveries are part of the time. Prints JSON.
    ceremony.py paraphe-binary runs"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import requests

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path[:0] = [os.path.join(ROOT, "tests", "support"), os.path.join(ROOT, "tests", "e2e")]
from mailbox import Mailbox  # noqa: E402
from conftest import Server  # noqa: E402
import conftest  # noqa: E402
from test_browser import publish_template  # noqa: E402

binary, runs = sys.argv[1], int(sys.argv[2])
conftest.BIN = binary
mailbox = Mailbox()
server = Server("sqlite")
server.env.update(PARAPHE_SMTP_URL=mailbox.smtp_url, PARAPHE_PUBLIC_URL=server.url, LOG_LEVEL="error")
server.cli("migrate")
server.cli("user", "create", "--email", "admin@paraphe.test", "--name", "Admin", "--password", "correct horse battery", "--role", "admin", "--role", "legal")
server.start()
try:
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {server.token()}"
    api.base = server.url
    template, customer = publish_template(api)
    api.patch(server.url + f"/api/v1/counterparties/{customer}", json={"contact": {"name": "Claire", "email": "claire@client.test"}})
    ids = {}
    for email, roles in [("sales@paraphe.test", ["sales"]), ("sophie@paraphe.test", ["finance"])]:
        ids[email] = api.post(server.url + "/api/v1/users", json={"email": email, "name": email.split("@")[0], "password": "correct horse battery",
                                                                  "roles": roles}).json()["id"]
    api.post(server.url + "/api/v1/signature-authorities", json={"userId": ids["sophie@paraphe.test"], "validFrom": "2026-01-01"})
    sales = {"Authorization": f"Bearer {server.token('sales@paraphe.test', 'correct horse battery')}"}
    totals, seals = [], []
    for _ in range(runs):
        contract = requests.post(server.url + "/api/v1/contracts", headers=sales, json={
            "templateId": template, "counterpartyId": customer,
            "variables": {"price": {"amount": "48000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}).json()
        requests.put(server.url + f"/api/v1/contracts/{contract['id']}/signatory", headers=sales, json={"userId": ids["sophie@paraphe.test"]})
        requests.post(server.url + f"/api/v1/contracts/{contract['id']}/transitions", headers=sales, json={"to": "inReview"})
        seen = len(mailbox.messages())
        start = time.perf_counter()
        assert requests.post(server.url + f"/api/v1/contracts/{contract['id']}/signature-requests", headers=sales, json={}).status_code == 201
        for email in ["sophie@paraphe.test", "claire@client.test"]:
            token = Mailbox.link(mailbox.wait_for(email, "Signature demandée", after=seen)).rsplit("/", 1)[1]
            sha = requests.get(server.url + f"/sign/{token}", headers={"Accept": "application/json"}).json()["document"]["sha256"]
            before = len(mailbox.messages())
            requests.post(server.url + f"/sign/{token}/otp")
            code = Mailbox.code(mailbox.wait_for(email, "code", after=before))
            requests.post(server.url + f"/sign/{token}/verify", json={"code": code})
            signed_at = time.perf_counter()
            r = requests.post(server.url + f"/sign/{token}/sign", json={"consent": True, "documentSha256": sha,
                                                                        "signature": {"kind": "typed", "text": email}})
            assert r.status_code == 200, r.text
        while requests.get(server.url + f"/api/v1/contracts/{contract['id']}", headers=sales).json()["status"] != "signed":
            time.sleep(0.02)
        end = time.perf_counter()
        totals.append((end - start) * 1000)
        seals.append((end - signed_at) * 1000)
    print(json.dumps({"runs": runs, "totalMedianMs": statistics.median(totals), "totalMaxMs": max(totals),
                      "lastSignatureToSealedMedianMs": statistics.median(seals)}))
finally:
    server.kill()
    mailbox.stop()
