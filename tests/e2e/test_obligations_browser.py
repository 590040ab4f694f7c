"""The commitments register in headless Chromium: the register at laptop and phone widths, its two directions, a
commitment met through the confirmation dialog with its history, and the contract's card; screenshots 50-55 for review."""
import json
from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import MANIFEST, browser, click_and_load, login, nav, shot  # noqa: F401 (browser is a fixture)
from test_renewals_browser import sample_pdf


def publish_with_commitments(api):
    for clause in [
        {"key": "paymentTerms", "title": "Modalités de paiement", "category": "paiement", "body": "Paiement à trente (30) jours.",
         "obligations": [{"wording": "Payer les factures à trente jours", "owedBy": "them", "ownerRole": "finance"}]},
        {"key": "publicReference", "title": "Référence commerciale", "category": "communication", "body": "Le Prestataire peut citer le Client.",
         "alternatives": [{"key": "noPublicReference", "title": "Le client refuse d'être cité publiquement", "body": "Le Prestataire ne cite pas le Client.",
                           "isDerogation": True, "derogationCategory": "publicity", "requiresApprovalBy": ["legal"],
                           "obligations": [{"wording": "Ne jamais citer {{client.name}} publiquement", "owedBy": "us", "ownerRole": "sales"}]}]},
    ]:
        r = api.post(api.base + "/api/v1/clauses", json=clause)
        assert r.status_code == 201, r.text
    template = api.post(api.base + "/api/v1/templates", json={"name": "Contrat de services", "contractType": "msa"}).json()
    r = api.post(api.base + f"/api/v1/templates/{template['id']}/versions", data=MANIFEST.encode(), headers={"Content-Type": "application/yaml"})
    assert r.status_code == 201, r.text
    assert api.post(api.base + f"/api/v1/templates/{template['id']}/versions/1/publish").status_code == 200
    return template["id"]


def test_register_directions_history_and_contract_card(server, api, browser):
    template = publish_with_commitments(api)
    customer = api.post(api.base + "/api/v1/counterparties", json={"name": "Boulangeries Martin SAS", "kind": "customer"}).json()
    generated = api.post(api.base + "/api/v1/contracts", json={
        "templateId": template, "counterpartyId": customer["id"], "variables": {"price": {"amount": "24000.00", "currency": "EUR"}},
        "clauses": {"publicReference": "noPublicReference"}})
    assert generated.status_code == 201, generated.text
    # a supplier contract in force, on which legal wrote down what the supplier owes us, due in three days
    supplier = api.post(api.base + "/api/v1/counterparties", json={"name": "Nuage Hébergement SARL", "kind": "supplier"}).json()
    today = date.today()
    metadata = {"title": "Hébergement — Nuage Hébergement", "type": "supplier", "counterpartyId": supplier["id"], "status": "active",
                "signedAt": str(today - timedelta(days=200)), "startDate": str(today - timedelta(days=200)), "endDate": str(today + timedelta(days=165))}
    imported = api.post(api.base + "/api/v1/contracts/import", files={"file": ("hebergement.pdf", sample_pdf("Contrat signe"), "application/pdf")},
                        data={"metadata": json.dumps(metadata)})
    assert imported.status_code == 201, imported.text
    added = api.post(api.base + f"/api/v1/contracts/{imported.json()['id']}/obligations", json={
        "wording": "Remettre l'attestation d'assurance de l'année", "owedBy": "them", "ownerRole": "legal", "dueOn": str(today + timedelta(days=3)),
        "every": "P1Y"})
    assert added.status_code == 201, added.text

    b = browser
    login(b, server)
    nav(b, "Pilotage", "Engagements")
    main = b.find_element(By.TAG_NAME, "main").text
    assert "Registre des engagements" in main
    assert "Ne jamais citer Boulangeries Martin SAS publiquement" in main and "Remettre l'attestation d'assurance de l'année" in main
    assert b.find_elements(By.CSS_SELECTOR, "main section.card h2 a"), "each counterparty heads its commitments"
    shot(b, server.engine, "50-obligations")
    shot(b, server.engine, "51-obligations-phone", 390, 844)
    assert b.execute_script("return document.documentElement.scrollWidth - window.innerWidth;") <= 1, "fits the phone"
    b.set_window_size(1366, 900)

    # what they owe us: the supplier's certificate, due in three days, flagged
    click_and_load(b, b.find_element(By.LINK_TEXT, "Ce qu'on nous doit"))
    main = b.find_element(By.TAG_NAME, "main").text
    assert "Remettre l'attestation d'assurance de l'année" in main and "Ne jamais citer" not in main
    assert b.find_elements(By.CSS_SELECTOR, "span.badge.wait"), "due within the week"
    shot(b, server.engine, "52-obligations-owed-to-us")

    # met, through the confirmation dialog: the next year's occurrence is due, and the history says so
    click_and_load(b, b.find_element(By.LINK_TEXT, "Remettre l'attestation d'assurance de l'année"))
    Select(b.find_element(By.NAME, "status")).select_by_visible_text("Respecté")
    b.find_element(By.NAME, "note").send_keys("Attestation reçue par courriel")
    question = click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"), confirm=True)
    assert "historique" in question
    assert "Engagement mis à jour" in b.find_element(By.CSS_SELECTOR, ".toast[role=status]").text
    history = b.find_element(By.CSS_SELECTOR, "main table").text
    assert "À tenir → Respecté" in history and "Attestation reçue par courriel" in history
    shot(b, server.engine, "53-obligation-history")
    shot(b, server.engine, "54-obligation-history-phone", 390, 844)
    b.set_window_size(1366, 900)

    # the contract's card lists its commitments, and legal may add one
    b.get(server.url + f"/contracts/{generated.json()['id']}#obligations")
    card = b.find_element(By.ID, "obligations").text
    assert "Ne jamais citer Boulangeries Martin SAS publiquement" in card and "Ajouter un engagement" in card
    shot(b, server.engine, "55-contract-obligations")
