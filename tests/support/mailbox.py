"""The SMTP sink (smtp_sink.py) as a fixture-friendly object: start it, read what it received."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time


class Mailbox:
    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="paraphe-mail-")
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smtp_sink.py")
        self.process = subprocess.Popen([sys.executable, script, "--out", self.directory, "--port", "0"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        ready = self.process.stdout.readline().split()
        assert ready and ready[0] == "READY", ready
        self.port, self.ca = int(ready[1]), ready[2]

    @property
    def smtp_url(self):
        return f"smtp://mailer:s3cret@127.0.0.1:{self.port}?starttls=true&ca={self.ca}"

    def messages(self):
        return [json.load(open(path)) for path in sorted(glob.glob(os.path.join(self.directory, "*.json")))]

    def wait_for(self, to, subject, after=0, timeout=30):
        """The first message to `to` whose subject contains `subject`, among those after the first `after`."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for message in self.messages()[after:]:
                if message["to"] == [to] and subject in message["subject"]:
                    return message
            time.sleep(0.2)
        raise AssertionError(f"no mail to {to} about {subject!r}: {[(m['to'], m['subject']) for m in self.messages()]}")

    @staticmethod
    def link(message):
        return re.search(r"(https?://\S+/sign/[A-Za-z0-9_-]+)", message["body"]).group(1)

    @staticmethod
    def code(message):
        return re.search(r"\b(\d{6})\b", message["body"]).group(1)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
