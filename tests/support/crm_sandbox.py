"""Starts the real `paraphe-crm-sandbox` binary beside `paraphe`, over HTTP or HTTPS (certificates from trustme)."""
import os
import re
import subprocess
import tempfile
import time

import requests

BIN = os.environ.get("PARAPHE_SANDBOX_BIN") or os.path.join(os.path.dirname(os.environ.get("PARAPHE_BIN", ".build/debug/paraphe")),
                                                             "paraphe-crm-sandbox")


class Sandbox:
    def __init__(self, *args, tls=False):
        self.dir = tempfile.mkdtemp(prefix="crm-sandbox-")
        command = [BIN, "--port", "0", *args]
        self.verify = True
        if tls:
            import trustme
            ca = trustme.CA()
            cert = ca.issue_cert("127.0.0.1", "localhost")
            cert_path, key_path, ca_path = (os.path.join(self.dir, n) for n in ("cert.pem", "key.pem", "ca.pem"))
            cert.cert_chain_pems[0].write_to_path(cert_path)
            cert.private_key_pem.write_to_path(key_path)
            ca.cert_pem.write_to_path(ca_path)
            command += ["--tls-cert", cert_path, "--tls-key", key_path]
            self.verify = ca_path
        self.log = open(os.path.join(self.dir, "sandbox.log"), "w+")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on (\S+)", line)
        if not match:
            raise RuntimeError("sandbox did not start: " + line + open(self.log.name).read())
        self.url = match.group(1)
        self.host = self.url.split("://", 1)[1]

    def token(self):
        answer = requests.post(self.url + "/services/oauth2/token", verify=self.verify,
                               data={"grant_type": "client_credentials", "client_id": "sandbox", "client_secret": "sandbox"})
        answer.raise_for_status()
        return answer.json()

    def admin(self, path, body=None):
        answer = requests.post(self.url + "/__sandbox/" + path, json=body or {}, verify=self.verify, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def stats(self):
        return requests.get(self.url + "/__sandbox/stats", verify=self.verify, timeout=10).json()

    def records(self, sobject):
        return requests.get(self.url + "/__sandbox/records/" + sobject, verify=self.verify, timeout=10).json()

    def hubspot_records(self, object_type):
        return requests.get(self.url + "/__sandbox/hubspot/records/" + object_type, verify=self.verify, timeout=10).json()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
