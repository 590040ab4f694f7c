"""Renewals in headless Chromium: the calendar at laptop and phone widths, a contract's renewal card, and notice given
through the confirmation dialog, its letter among the documents; screenshots 40-49 for review."""
import json
import shutil
import subprocess
from datetime import date, timedelta

from selenium.webdriver.common.by import By

from test_browser import browser, click_and_load, login, nav, shot  # noqa: F401 (browser is a fixture)


def sample_pdf(text):
    """A minimal one-page PDF showing `text` (Latin-1), as a signed copy scanned elsewhere would be."""
    escaped = "".join("\\" + c if c in "()\\" else c for c in text)
    stream = f"BT /F1 14 Tf 72 720 Td ({escaped}) Tj ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_renewal_calendar_card_and_notice_through_the_dialog(server, api, browser):
    # given a subscription in force renewing tacitly in 46 days, one month's notice: due in about 15 days
    today = date.today()
    end = today + timedelta(days=45)
    metadata = {"title": "Abonnement Boulangeries Martin", "type": "msa", "status": "active", "signedAt": str(today - timedelta(days=320)),
                "startDate": str(end - timedelta(days=364)), "endDate": str(end), "renewal": {"mode": "tacit", "period": "P12M", "notice": "P1M"}}
    r = api.post(api.base + "/api/v1/contracts/import", files={"file": ("abonnement.pdf", sample_pdf("Abonnement signe"), "application/pdf")},
                 data={"metadata": json.dumps(metadata)})
    assert r.status_code == 201, r.text
    contract = r.json()
    assert contract["renewal"]["noticeDeadline"], contract

    b = browser
    login(b, server)
    nav(b, "Pilotage", "Renouvellements")
    main = b.find_element(By.TAG_NAME, "main").text
    assert "Renouvellements et préavis" in main and "Abonnement Boulangeries Martin" in main
    assert b.find_elements(By.CSS_SELECTOR, "table.month td.today"), "today is marked on the calendar"
    assert b.find_elements(By.CSS_SELECTOR, "table.month .mark.cal-notice"), "the notice deadline is on the calendar"
    shot(b, server.engine, "40-renewals")
    shot(b, server.engine, "41-renewals-phone", 390, 844)
    assert b.execute_script("return document.documentElement.scrollWidth - window.innerWidth;") <= 1, "fits the phone"
    b.set_window_size(1366, 900)

    # the list leads to the contract's renewal card
    click_and_load(b, b.find_element(By.CSS_SELECTOR, f"#renewals a[href='/contracts/{contract['id']}#renewal']"))
    card = b.find_element(By.ID, "renewal").text
    assert "se reconduit tacitement" in card and "Préavis à donner au plus tard le" in card
    shot(b, server.engine, "42-renewal-card")

    # notice given through the dialog: the card says so, and the letter is among the documents
    question = click_and_load(b, b.find_element(By.CSS_SELECTOR, "#renewal button[value=terminate]"), confirm=True)
    assert "Résilier ce contrat ?" in question and "lettre de préavis" in question
    assert "Résiliation enregistrée" in b.find_element(By.CSS_SELECTOR, ".toast[role=status]").text
    card = b.find_element(By.ID, "renewal").text
    assert f"Décision : résilier. Préavis donné ; le contrat prend fin le" in card
    assert "Décision de renouvellement : Résilier" in b.find_element(By.CSS_SELECTOR, "ol.timeline").text
    shot(b, server.engine, "43-renewal-decided")
    shot(b, server.engine, "44-renewal-decided-phone", 390, 844)

    letter = next(d for d in api.get(api.base + f"/api/v1/contracts/{contract['id']}").json()["documents"]
                  if d["source"] == "notice" and d["format"] == "pdf")
    pdf = api.get(api.base + f"/api/v1/documents/{letter['id']}/content")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    if shutil.which("qpdf"):
        path = f"/tmp/notice-{contract['id']}.pdf"
        with open(path, "wb") as f:
            f.write(pdf.content)
        assert subprocess.run(["qpdf", "--check", path], capture_output=True).returncode == 0
