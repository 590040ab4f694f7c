"""Starts the real `paraphe` binary, on SQLite or on the throwaway Postgres cluster that scripts/test runs."""
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest
import requests

BIN = os.environ.get("PARAPHE_BIN", ".build/debug/paraphe")
PG_URL = os.environ.get("PARAPHE_TEST_POSTGRES_URL")
ADMIN = ("admin@paraphe.test", "correct horse battery")
ENGINES = ["sqlite", "postgres"] if PG_URL or os.environ.get("PARAPHE_REQUIRE_POSTGRES") == "1" else ["sqlite"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres_database():
    if not PG_URL:
        pytest.fail("PARAPHE_TEST_POSTGRES_URL is not set: run through scripts/test")
    name = "paraphe_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", PG_URL, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return PG_URL.rsplit("/", 1)[0] + "/" + name


class Server:
    def __init__(self, engine, data_dir=None, database_url=None):
        self.engine = engine
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="paraphe-e2e-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, PARAPHE_DATA_DIR=self.data_dir, PARAPHE_PORT=str(self.port), PARAPHE_HOST="127.0.0.1",
                        PARAPHE_BCRYPT_COST="4", LOG_LEVEL="warning")
        self.env.pop("DATABASE_URL", None)
        if engine == "postgres":
            self.env["DATABASE_URL"] = database_url or fresh_postgres_database()
        self.process = None

    def cli(self, *args, check=True):
        return subprocess.run([BIN, *args], env=self.env, capture_output=True, text=True, check=check, timeout=120)

    def start(self):
        self.log = open(os.path.join(self.data_dir, "server.log"), "a")
        self.process = subprocess.Popen([BIN, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + open(self.log.name).read()[-2000:])
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)

    def token(self, email=ADMIN[0], password=ADMIN[1]):
        r = requests.post(self.url + "/api/v1/auth/token", json={"email": email, "password": password}, timeout=10)
        assert r.status_code == 201, r.text
        return r.json()["token"]


@pytest.fixture(params=ENGINES)
def server(request):
    s = Server(request.param)
    s.cli("migrate")
    s.cli("user", "create", "--email", ADMIN[0], "--name", "Admin", "--password", ADMIN[1], "--role", "admin", "--role", "legal")
    s.start()
    yield s
    s.kill()


@pytest.fixture
def api(server):
    token = server.token()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.base = server.url
    return session
