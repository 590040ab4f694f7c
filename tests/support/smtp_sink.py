#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): STARTTLS required, AUTH PLAIN (mailer / s3cret) required after TLS.
Each message received is written to OUT/NNNN.json. Prints "READY <port> <ca.pem>" once listening; stops when stdin
closes."""
import argparse, email, email.policy, json, os, socket, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
import trustme

parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
parser.add_argument("--port", type=int, default=0)
args = parser.parse_args()

ca = trustme.CA()
cert = ca.issue_cert("127.0.0.1", "localhost")
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
cert.configure_cert(context)
ca_path = os.path.join(args.out, "ca.pem")
ca.cert_pem.write_to_path(ca_path)

port = args.port
if port == 0:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

class Handler:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        attachments = []
        if message.is_multipart():
            body = message.get_body(preferencelist=("plain",)).get_content()
            for index, part in enumerate(message.iter_attachments()):
                data = part.get_content()
                path = os.path.join(args.out, f"{Handler.count:04d}-{index}.bin")
                with open(path, "wb") as out:
                    out.write(data)
                attachments.append({"filename": part.get_filename(), "contentType": part.get_content_type(), "path": path,
                                    "size": len(data)})
        else:
            body = message.get_content()
        with open(os.path.join(args.out, f"{Handler.count:04d}.json"), "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None,
                       "authenticated": bool(session.authenticated), "subject": str(message["subject"]),
                       "headerTo": str(message["to"]), "body": body, "attachments": attachments,
                       "defects": len(message.defects)}, f)
        return "250 OK"

def authenticate(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login == b"mailer" and data.password == b"s3cret"
    return AuthResult(success=ok)

controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_require_tls=True, auth_required=True)
controller.start()
print(f"READY {port} {ca_path}", flush=True)
sys.stdin.read()
controller.stop()
