"""A contract goes from approved to signed: the sales rep sends it from the contract page, two signers (a colleague and
the customer's contact) sign on the public pages in headless Chromium with links and codes read from a real SMTP
server, the server seals it PAdES-B-T with an offline time-stamp authority, and the sealed PDF is checked by pdfsig,
pyHanko, openssl, qpdf and `paraphe verify`; a flipped byte is caught by all of them. Then kill -9 in the middle of a
seal: after a restart, exactly one sealed document with a valid chain. Screenshots 40-49."""
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN, BIN, ENGINES, Server
from test_browser import browser, click_and_load, publish_template, shot  # noqa: F401 (browser is a fixture)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from mailbox import Mailbox  # noqa: E402
from offline_tsa import OfflineTSA  # noqa: E402

SALES = ("hugo@paraphe.test", "correct horse battery")
SIGNER = ("sophie@paraphe.test", "correct horse battery")
CLIENT = "claire.martin@boulangeries.test"
PYTHON = os.environ.get("PARAPHE_PYTHON", sys.executable)


@pytest.fixture(params=ENGINES)
def signing_server(request):
    mailbox, tsa = Mailbox(), OfflineTSA()
    s = Server(request.param)
    s.env.update(PARAPHE_SMTP_URL=mailbox.smtp_url, PARAPHE_PUBLIC_URL=s.url, PARAPHE_TSA_URL=tsa.url, PARAPHE_TSA_CERT=tsa.certificate, PARAPHE_JOB_LEASE_SECONDS="6",
                 PARAPHE_ORGANISATION="Paraphe Démo SAS")
    s.cli("migrate")
    s.cli("user", "create", "--email", ADMIN[0], "--name", "Admin", "--password", ADMIN[1], "--role", "admin", "--role", "legal")
    s.start()
    s.mailbox, s.tsa = mailbox, tsa
    yield s
    s.kill()
    mailbox.stop()
    tsa.stop()


def approved_contract(server):
    """Sophie (finance) may sign MSAs; Hugo (sales) generates one for a customer whose contact is Claire, names Sophie and
    submits it: with no rule, it is approved at once."""
    admin = {"Authorization": f"Bearer {server.token()}"}
    api = requests.Session()
    api.headers.update(admin)
    api.base = server.url
    template_id, customer_id = publish_template(api)
    r = api.patch(server.url + f"/api/v1/counterparties/{customer_id}", json={"contact": {"name": "Claire Martin", "email": CLIENT, "title": "Présidente"}})
    assert r.status_code == 200, r.text
    users = {}
    for (email, password), name, roles in [(SALES, "Hugo Commercial", ["sales"]), (SIGNER, "Sophie Finance", ["finance"])]:
        r = api.post(server.url + "/api/v1/users", json={"email": email, "name": name, "password": password, "roles": roles})
        assert r.status_code == 201, r.text
        users[email] = r.json()["id"]
    grant = {"userId": users[SIGNER[0]], "contractTypes": ["msa"], "maxAmount": {"amount": "100000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
    assert api.post(server.url + "/api/v1/signature-authorities", json=grant).status_code == 201
    sales = {"Authorization": f"Bearer {server.token(*SALES)}"}
    contract = requests.post(server.url + "/api/v1/contracts", headers=sales, json={
        "templateId": template_id, "counterpartyId": customer_id,
        "variables": {"price": {"amount": "48000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}).json()
    r = requests.put(server.url + f"/api/v1/contracts/{contract['id']}/signatory", headers=sales, json={"userId": users[SIGNER[0]]})
    assert r.status_code == 200, r.text
    r = requests.post(server.url + f"/api/v1/contracts/{contract['id']}/transitions", headers=sales, json={"to": "inReview"})
    assert r.json()["status"] == "approved", r.text
    return api, sales, contract


def login_as(b, server, who):
    b.delete_all_cookies()
    b.get(server.url + "/login")
    b.find_element(By.ID, "email").send_keys(who[0])
    b.find_element(By.ID, "password").send_keys(who[1])
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def wait_status(b, text, timeout=20):
    WebDriverWait(b, timeout).until(lambda d: text in d.find_element(By.ID, "status").text)


def sign_on_the_page(b, server, link, email, draw, engine, shots):
    b.delete_all_cookies()
    b.get(link)
    assert "Empreinte SHA-256" in b.find_element(By.TAG_NAME, "main").text
    shot(b, engine, shots[0], width=390, height=844)
    count = len(server.mailbox.messages())
    b.find_element(By.ID, "send-code").click()
    wait_status(b, "Code envoyé")
    code = Mailbox.code(server.mailbox.wait_for(email, "code", after=count))
    b.find_element(By.ID, "code").send_keys(code)
    b.find_element(By.ID, "verify-code").click()
    wait_status(b, "Adresse confirmée")
    b.find_element(By.ID, "consent").click()
    if draw:
        pad = b.find_element(By.ID, "pad")
        (ActionChains(b).move_to_element_with_offset(pad, -150, 10).click_and_hold()
         .move_by_offset(60, -30).move_by_offset(60, 40).move_by_offset(60, -35).move_by_offset(50, 20).release().perform())
    else:
        b.find_element(By.ID, "typed").send_keys("Claire Martin")
    shot(b, engine, shots[1], width=390, height=844)
    b.find_element(By.ID, "sign-button").click()
    wait_status(b, "votre signature est enregistrée")
    shot(b, engine, shots[2], width=390, height=844)


def wait_signed(server, headers, contract_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        contract = requests.get(server.url + f"/api/v1/contracts/{contract_id}", headers=headers).json()
        if contract["status"] == "signed":
            return contract
        time.sleep(0.3)
    raise AssertionError(f"not signed: {contract['status']}, {contract.get('signature')}")


def independent_checks(server, pdf_path, tsa_cert):
    """pdfsig (CA in an NSS database), pyHanko (PAdES level), openssl cms, qpdf: what each says, as booleans."""
    work = tempfile.mkdtemp(prefix="paraphe-sealed-")
    chain = open(os.path.join(server.data_dir, "keys", "seal-chain.pem")).read()
    ca = os.path.join(work, "ca.pem")
    open(ca, "w").write("-----BEGIN CERTIFICATE-----" + chain.split("-----BEGIN CERTIFICATE-----")[-1])
    nss = os.path.join(work, "nss")
    os.makedirs(nss)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "paraphe", "-t", "CT,C,C", "-i", ca], check=True, capture_output=True)
    pdfsig = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", pdf_path], capture_output=True, text=True).stdout
    pyhanko = subprocess.run([PYTHON, "-c", """
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko.keys import load_cert_from_pemder
with open(sys.argv[1], 'rb') as f:
    sig = PdfFileReader(f).embedded_signatures[0]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[load_cert_from_pemder(p) for p in sys.argv[2:]]))
    print('ok' if status.intact and status.valid and status.trusted else 'bad', status.coverage.name,
          'B-T' if status.timestamp_validity is not None and status.timestamp_validity.valid else 'B-B')
""", pdf_path, ca, tsa_cert], capture_output=True, text=True)
    data = open(pdf_path, "rb").read()
    start = data.rfind(b"/ByteRange [") + len(b"/ByteRange [")
    a, b_, c, d = [int(x) for x in data[start:data.index(b"]", start)].split()]
    signed = os.path.join(work, "signed.bin")
    open(signed, "wb").write(data[a:a + b_] + data[c:c + d])
    der = bytes.fromhex(data[b_ + 1:c - 1].decode())
    length = int.from_bytes(der[2:2 + (der[1] & 0x7F)], "big") + 2 + (der[1] & 0x7F) if der[1] & 0x80 else der[1] + 2
    cms = os.path.join(work, "sig.der")
    open(cms, "wb").write(der[:length])
    openssl = subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-content", signed, "-CAfile", ca,
                              "-out", "/dev/null"], capture_output=True, text=True)
    qpdf = subprocess.run(["qpdf", "--check", pdf_path], capture_output=True, text=True)
    return {"pdfsig": "Signature is Valid" in pdfsig and "Total document signed" in pdfsig and "Certificate is Trusted" in pdfsig,
            "pyhanko": pyhanko.stdout.split() == ["ok", "ENTIRE_FILE", "B-T"], "pyhanko_out": pyhanko.stdout + pyhanko.stderr[-500:],
            "openssl": openssl.returncode == 0, "qpdf": qpdf.returncode == 0, "pdfsig_out": pdfsig}


def test_two_signers_through_the_pages_to_a_sealed_pdf(signing_server, browser):
    server, b = signing_server, browser
    api, sales, contract = approved_contract(server)

    # Hugo sends it from the contract page: Sophie and Claire are already there
    login_as(b, server, SALES)
    b.get(server.url + f"/contracts/{contract['id']}")
    form = b.find_element(By.ID, "send-for-signature")
    assert b.find_element(By.NAME, "email.0").get_attribute("value") == SIGNER[0]
    assert b.find_element(By.NAME, "email.1").get_attribute("value") == CLIENT
    shot(b, server.engine, "40-send-for-signature")
    click_and_load(b, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    card = b.find_element(By.ID, "signature").text
    assert "en cours" in card and "Sophie Finance" in card and "Claire Martin" in card
    shot(b, server.engine, "41-signature-request-open")

    sophie = Mailbox.link(server.mailbox.wait_for(SIGNER[0], "Signature demandée"))
    claire = Mailbox.link(server.mailbox.wait_for(CLIENT, "Signature demandée"))
    assert sophie != claire
    sign_on_the_page(b, server, claire, CLIENT, draw=False, engine=server.engine, shots=["42-ceremony-read", "43-ceremony-sign", "44-ceremony-done"])
    sign_on_the_page(b, server, sophie, SIGNER[0], draw=True, engine=server.engine, shots=["45-ceremony-colleague", "46-ceremony-drawn", "47-done"])

    signed = wait_signed(server, sales, contract["id"])
    sealed = next(d for d in signed["documents"] if d["source"] == "sealed")
    pdf = requests.get(server.url + f"/api/v1/documents/{sealed['id']}/content", headers=sales).content
    work = tempfile.mkdtemp(prefix="paraphe-e2e-sealed-")
    path = os.path.join(work, "sealed.pdf")
    open(path, "wb").write(pdf)
    checks = independent_checks(server, path, server.tsa.certificate)
    assert checks["pdfsig"], checks["pdfsig_out"]
    assert checks["pyhanko"], checks["pyhanko_out"]
    assert checks["openssl"] and checks["qpdf"], checks
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    for expected in ["Page de signature", "Preuve de signature", "Claire Martin", "Sophie Finance", "jeton RFC 3161", contract["reference"]]:
        assert expected in text, expected
    verify = server.cli("verify", path, check=False)
    assert verify.returncode == 0 and "valid" in verify.stdout and "PAdES-B-T" in verify.stdout, verify.stdout + verify.stderr
    assert "not trusted" not in verify.stdout, "the authority of PARAPHE_TSA_CERT is trusted"

    # both signers and the sender receive it, attached
    for address in [SIGNER[0], CLIENT]:
        copy = server.mailbox.wait_for(address, "Contrat signé")
        assert copy["attachments"][0]["contentType"] == "application/pdf" and open(copy["attachments"][0]["path"], "rb").read() == pdf

    # the contract page shows the sealed document and its check
    login_as(b, server, SALES)
    b.get(server.url + f"/contracts/{contract['id']}")
    assert b.find_element(By.ID, "sealed-document").get_attribute("data-outcome") == "valid"
    shot(b, server.engine, "48-contract-signed-sealed")

    # anyone checks the file on /verify
    b.delete_all_cookies()
    b.get(server.url + "/verify")
    b.find_element(By.ID, "file").send_keys(path)
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert b.find_element(By.ID, "verdict").get_attribute("data-outcome") == "valid"
    shot(b, server.engine, "49-verify-valid")

    # one flipped byte, anywhere in the signed range, and every checker says so
    tampered = bytearray(pdf)
    tampered[len(pdf) // 3] ^= 0x01
    bad = os.path.join(work, "tampered.pdf")
    open(bad, "wb").write(tampered)
    checks = independent_checks(server, bad, server.tsa.certificate)
    assert not checks["pdfsig"] and not checks["pyhanko"] and not checks["openssl"], checks
    verify = server.cli("verify", bad, check=False)
    assert verify.returncode == 2 and "modified" in verify.stdout, verify.stdout
    assert server.cli("verify", os.path.join(server.data_dir, "server.log"), check=False).returncode == 4
    assert subprocess.run([BIN, "audit", "verify"], env=server.env, capture_output=True, text=True).returncode == 0


def test_kill9_in_the_middle_of_a_seal_seals_once(signing_server):
    server = signing_server
    api, sales, contract = approved_contract(server)
    r = requests.post(server.url + f"/api/v1/contracts/{contract['id']}/signature-requests", headers=sales, json={})
    assert r.status_code == 201, r.text
    for email in [SIGNER[0], CLIENT]:
        link = Mailbox.link(server.mailbox.wait_for(email, "Signature demandée"))
        token = link.rsplit("/", 1)[1]
        view = requests.get(server.url + f"/sign/{token}", headers={"Accept": "application/json"}).json()
        count = len(server.mailbox.messages())
        assert requests.post(server.url + f"/sign/{token}/otp").status_code == 202
        code = Mailbox.code(server.mailbox.wait_for(email, "code", after=count))
        assert requests.post(server.url + f"/sign/{token}/verify", json={"code": code}).status_code == 204
        if email == CLIENT:
            # the authority holds the seal's request: the server is stopped dead in the middle of sealing
            server.tsa.hold()
        r = requests.post(server.url + f"/sign/{token}/sign", json={"consent": True, "documentSha256": view["document"]["sha256"],
                                                                    "signature": {"kind": "typed", "text": "Signé"}})
        assert r.status_code == 200, r.text
    assert server.tsa.arrived.wait(30), "the seal job did not reach the time-stamp authority"
    server.kill(signal.SIGKILL)
    server.tsa.release()
    server.start()
    signed = wait_signed(server, sales, contract["id"], timeout=90)
    assert [d["source"] for d in signed["documents"]].count("sealed") == 1
    check = requests.get(server.url + f"/api/v1/contracts/{contract['id']}/verify", headers=sales).json()
    assert check["auditChain"] == "valid" and check["seals"][0]["outcome"] == "valid" and check["seals"][0]["anchorHolds"] is True, check
    server.kill()
    audit = subprocess.run([BIN, "audit", "verify"], env=server.env, capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    log = open(os.path.join(server.data_dir, "server.log")).read()
    assert "/sign/" not in log.replace("/sign/<token>", ""), "no signing link in the logs"
