"""kill -9 under write load: every acknowledged create survives, the database opens clean, audit chains verify."""
import signal
import subprocess
import threading
import time

import requests

from conftest import ADMIN, Server


def test_kill9_loses_no_acknowledged_write():
    server = Server("sqlite")
    server.cli("user", "create", "--email", ADMIN[0], "--name", "Admin", "--password", ADMIN[1], "--role", "admin")
    server.start()
    token = server.token()
    acknowledged, stop = [], threading.Event()
    lock = threading.Lock()

    def writer(n):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        i = 0
        while not stop.is_set():
            i += 1
            try:
                r = session.post(server.url + "/api/v1/contracts", timeout=5, json={
                    "title": f"Charge {n}-{i}", "type": "msa", "amount": {"amount": "100.00", "currency": "EUR"}, "metadata": {"writer": n}})
            except requests.RequestException:
                return
            if r.status_code == 201:
                with lock:
                    acknowledged.append(r.json()["id"])
                try:
                    session.post(server.url + f"/api/v1/contracts/{r.json()['id']}/transitions", timeout=5, json={"to": "inReview"})
                except requests.RequestException:
                    return

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(3)
    server.kill(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join()
    assert len(acknowledged) > 50, "the load was too light to mean anything"

    integrity = subprocess.run(["sqlite3", f"{server.data_dir}/paraphe.sqlite", "PRAGMA integrity_check"], capture_output=True, text=True)
    assert integrity.stdout.strip() == "ok", integrity.stdout + integrity.stderr
    audit = server.cli("audit", "verify", check=False)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    server.start()
    try:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {server.token()}"
        missing = [i for i in acknowledged if session.get(server.url + f"/api/v1/contracts/{i}", timeout=5).status_code != 200]
        assert missing == [], f"{len(missing)} acknowledged contracts lost"
        refs = []
        cursor = None
        while True:
            page = session.get(server.url + "/api/v1/contracts", params={"limit": 500, **({"cursor": cursor} if cursor else {})}, timeout=10).json()
            refs += [c["reference"] for c in page["items"]]
            cursor = page["nextCursor"]
            if not cursor:
                break
        numbers = sorted(int(r.rsplit("-", 1)[1]) for r in refs)
        assert numbers == list(range(1, len(numbers) + 1)), "references must stay gap-free across the crash"
    finally:
        server.kill()


def test_audit_verify_reports_tampering():
    server = Server("sqlite")
    server.cli("user", "create", "--email", ADMIN[0], "--name", "Admin", "--password", ADMIN[1], "--role", "admin")
    server.start()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {server.token()}"
    created = session.post(server.url + "/api/v1/contracts", json={"title": "Contrat", "type": "nda"}, timeout=5).json()
    session.post(server.url + f"/api/v1/contracts/{created['id']}/transitions", json={"to": "inReview"}, timeout=5)
    server.kill()
    assert server.cli("audit", "verify").returncode == 0
    subprocess.run(["sqlite3", f"{server.data_dir}/paraphe.sqlite",
                    "UPDATE events SET actor = replace(actor, 'admin@', 'someone@') WHERE sequence = 1"], check=True)
    result = server.cli("audit", "verify", "--contract", created["reference"], check=False)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout and "edited" in result.stdout
