"""An RFC 3161 time-stamp authority over HTTP, offline: each request is answered by `openssl ts -reply` with a
throwaway TSA certificate. `hold()` makes it take requests and keep them waiting until `release()`, to stop a seal in
the middle."""
import http.server
import os
import subprocess
import tempfile
import threading


class OfflineTSA:
    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="paraphe-tsa-")
        self.certificate = os.path.join(self.directory, "tsa.pem")
        key = os.path.join(self.directory, "tsa.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                        "-subj", "/CN=Paraphe Offline TSA", "-addext", "extendedKeyUsage=critical,timeStamping",
                        "-addext", "keyUsage=critical,digitalSignature", "-keyout", key, "-out", self.certificate],
                       check=True, capture_output=True)
        with open(os.path.join(self.directory, "serial"), "w") as f:
            f.write("01\n")
        self.config = os.path.join(self.directory, "tsa.cnf")
        with open(self.config, "w") as f:
            f.write(f"""[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {self.directory}/serial
signer_cert = {self.certificate}
signer_key = {key}
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
ordering = no
tsa_name = no
""")
        self.requests = 0
        self.arrived = threading.Event()
        self.released = threading.Event()
        self.released.set()
        tsa = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                query = self.rfile.read(int(self.headers["Content-Length"]))
                tsa.requests += 1
                tsa.arrived.set()
                tsa.released.wait(120)
                paths = [os.path.join(tsa.directory, f"{tsa.requests}.{ext}") for ext in ("tsq", "tsr")]
                with open(paths[0], "wb") as f:
                    f.write(query)
                subprocess.run(["openssl", "ts", "-reply", "-config", tsa.config, "-queryfile", paths[0], "-out", paths[1]],
                               check=True, capture_output=True)
                answer = open(paths[1], "rb").read()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hold(self):
        self.arrived.clear()
        self.released.clear()

    def release(self):
        self.released.set()

    def stop(self):
        self.released.set()
        self.server.shutdown()
