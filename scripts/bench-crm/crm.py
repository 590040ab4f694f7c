"""The CRM sync against the sandbox over HTTP, where the CRM's allowance and the rep's wait are spent. Prints JSON.
    crm.py paraphe-binary contracts changes
- API calls per synced record: `changes` edits spread over `contracts` contracts, pushed as they come in;
- idle polling: calls per poll interval with nothing to do;
- stage change to contract generated: by polling alone, and with the Outbound Message hint;
- the peer: simple-salesforce writing the same records one call each, as a hand-written sync script does."""
import json
import os
import statistics
import sys
import time

import requests

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path[:0] = [os.path.join(ROOT, "tests", "support"), os.path.join(ROOT, "tests", "e2e")]
import conftest  # noqa: E402
from conftest import Server  # noqa: E402
from crm_sandbox import Sandbox  # noqa: E402
from test_browser import publish_template  # noqa: E402
import simple_salesforce  # noqa: E402

binary, contracts, changes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
conftest.BIN = binary
os.environ["PARAPHE_SANDBOX_BIN"] = os.path.join(os.path.dirname(binary), "paraphe-crm-sandbox")
import crm_sandbox  # noqa: E402
crm_sandbox.BIN = os.environ["PARAPHE_SANDBOX_BIN"]
INTERVAL = 2

sandbox = Sandbox()
server = Server("sqlite")
server.env.update(PARAPHE_CRM_POLL_SECONDS=str(INTERVAL), LOG_LEVEL="error")
server.cli("migrate")
server.cli("user", "create", "--email", "admin@paraphe.test", "--name", "Admin", "--password", "correct horse battery", "--role", "admin", "--role", "legal")
server.start()
result = {"contracts": contracts, "changes": changes, "interval": INTERVAL}


def wait_for(predicate, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise RuntimeError("timed out")


try:
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {server.token()}"
    api.base = server.url
    template, _ = publish_template(api)
    created = api.post(server.url + "/api/v1/integrations", json={
        "name": "Salesforce", "system": "salesforce", "baseUrl": sandbox.url, "allowPrivateNetwork": True,
        "credentials": {"clientId": "sandbox", "clientSecret": "sandbox"},
        "rules": [{"id": "contracting", "when": {"object": "Opportunity", "field": "StageName", "equals": "Contracting"}, "templateId": template}]}).json()
    integration = created["id"]
    field_map = created["fieldMap"] + [{"clmField": "variables.price", "crmObject": "Opportunity", "crmField": "Amount", "direction": "pull", "owner": "crm"}]
    assert api.patch(server.url + f"/api/v1/integrations/{integration}", json={"fieldMap": field_map}).status_code == 200
    token = sandbox.token()["access_token"]
    crm = requests.Session()
    crm.headers["Authorization"] = f"Bearer {token}"
    sobjects = sandbox.url + "/services/data/v59.0/sobjects/"
    account = crm.post(sobjects + "Account", json={"Name": "Banc d'essai SA", "BillingCity": "Lyon"}).json()["id"]
    opportunities = [crm.post(sobjects + "Opportunity", json={"Name": f"Opportunité {n}", "StageName": "Prospecting", "CloseDate": "2027-01-31",
                                                            "Amount": 1000 + n, "AccountId": account}).json()["id"] for n in range(60)]
    ids = []
    for n in range(contracts):
        r = api.post(server.url + "/api/v1/contracts", json={
            "templateId": template, "variables": {"price": {"amount": f"{1000 + n}.00", "currency": "EUR"}, "startDate": "2026-03-01"},
            "crm": {"integrationId": integration, "system": "salesforce", "objectType": "Opportunity", "objectId": opportunities[n % 50]}})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])

    def status():
        return api.get(server.url + f"/api/v1/integrations/{integration}").json()["status"]
    wait_for(lambda: status()["pending"] == 0)

    # 1. Calls per synced record, while the changes stream in.
    sandbox.admin("stats/reset")
    started = time.time()
    for k in range(changes):
        r = api.patch(server.url + f"/api/v1/contracts/{ids[k % contracts]}", json={"metadata": {"revision": k}})
        assert r.status_code == 200, r.text
    wait_for(lambda: status()["pending"] == 0)
    elapsed = time.time() - started
    stats = sandbox.stats()
    writes = stats["byRoute"].get("composite", 0)
    result.update(callsDuringChanges=stats["apiCalls"], compositeCalls=writes, pollCalls=stats["byRoute"].get("query", 0),
                  describeCalls=stats["byRoute"].get("describe", 0), seconds=elapsed,
                  recordsWritten=2 * contracts)
    records = sandbox.records("Paraphe_Contract__c")
    assert len(records) == contracts and len({r["Paraphe_Id__c"] for r in records}) == contracts

    # The peer: the same final state written one record per call with simple-salesforce (through its TLS twin).
    peer_sandbox = Sandbox(tls=True)
    session = requests.Session()
    session.verify = peer_sandbox.verify
    session.trust_env = False
    peer_token = peer_sandbox.token()
    sf = simple_salesforce.Salesforce(instance_url=peer_token["instance_url"], session_id=peer_token["access_token"], session=session, version="59.0")
    peer_started = time.time()
    peer_records = min(changes, 2000)
    for k in range(peer_records):
        sf.Paraphe_Contract__c.upsert(f"Paraphe_Id__c/{ids[k % contracts]}", {"Status__c": "draft", "Reference__c": f"R{k}"})
    peer_seconds = time.time() - peer_started
    result.update(peerCalls=peer_sandbox.stats()["apiCalls"], peerRecords=peer_records, peerSeconds=peer_seconds)
    peer_sandbox.stop()

    # 2. Idle polling: nothing changes for ten intervals.
    time.sleep(INTERVAL)
    sandbox.admin("stats/reset")
    time.sleep(INTERVAL * 10)
    result["idleCallsPerInterval"] = sandbox.stats()["apiCalls"] / 10

    # 3. Stage change to contract generated, by polling only, then with the Outbound Message hint.
    def contracts_for(opportunity):
        items = api.get(server.url + "/api/v1/contracts?limit=500").json()["items"]
        return [c for c in items if c["crm"] and c["crm"]["objectId"] == opportunity and c["id"] not in ids]

    def stage_to_contract(opportunity):
        started = time.time()
        crm.patch(sobjects + f"Opportunity/{opportunity}", json={"StageName": "Contracting"}).raise_for_status()
        wait_for(lambda: contracts_for(opportunity), timeout=60)
        return (time.time() - started) * 1000
    polled = [stage_to_contract(o) for o in opportunities[50:54]]
    sandbox.admin("outbound", {"object": "Opportunity", "url": f"{server.url}/hooks/salesforce/{integration}"})
    time.sleep(INTERVAL)
    pushed = [stage_to_contract(o) for o in opportunities[54:60]]
    assert all(len(contracts_for(o)) == 1 for o in opportunities[50:60])
    result.update(pollingMedianMs=statistics.median(polled), pollingMaxMs=max(polled), pushMedianMs=statistics.median(pushed), pushMaxMs=max(pushed))
finally:
    server.kill()
    sandbox.stop()
print(json.dumps(result))
