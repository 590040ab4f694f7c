"""A person logs in, creates a contract and finds it by search, in headless Chromium; screenshots for review."""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADMIN

SHOTS = os.environ.get("PARAPHE_SCREENSHOTS", ".build/screenshots")


@pytest.fixture
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("chromium and chromedriver are needed (Debian: chromium chromium-driver); scripts/test installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=fr-FR", "--window-size=1366,900"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def nav(driver, group, label):
    """Opens a menu of the navigation and follows one of its links: two interactions, as a person makes them."""
    driver.find_element(By.XPATH, f"//nav[@id='main-nav']//summary[normalize-space()='{group}']").click()
    click_and_load(driver, driver.find_element(By.XPATH, f"//nav[@id='main-nav']//a[normalize-space()='{label}']"))


def click_and_load(driver, element, confirm=False):
    """Clicks something that loads a new page, and waits for that page. With `confirm`, the click must ask its
    question first (an irreversible move); it is answered yes, and the question is returned."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    question = None
    if confirm:
        WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert)
        question = driver.switch_to.alert.text
        driver.switch_to.alert.accept()

    def replaced(_):
        # Chromium may answer "node does not belong to the document" instead of "stale" while the page swaps.
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 10).until(replaced)
    return question


def shot(driver, engine, name, width=1366, height=900):
    os.makedirs(SHOTS, exist_ok=True)
    driver.set_window_size(width, height)
    driver.save_screenshot(os.path.join(SHOTS, f"{engine}-{name}.png"))


def test_login_create_and_find_by_search(server, browser):
    b = browser
    b.get(server.url + "/contracts")
    assert "/login" in b.current_url
    shot(b, server.engine, "01-login")
    b.find_element(By.ID, "email").send_keys(ADMIN[0])
    b.find_element(By.ID, "password").send_keys("wrong password")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "incorrect" in b.find_element(By.CSS_SELECTOR, "[role=alert]").text
    b.find_element(By.ID, "password").send_keys(ADMIN[1])
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert b.current_url.endswith("/contracts")
    assert "Aucun contrat pour l'instant" in b.page_source.replace("&#39;", "'")
    shot(b, server.engine, "02-empty-state")

    b.get(server.url + "/contracts/new")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    assert "Champ obligatoire" in b.find_element(By.ID, "title-error").text
    shot(b, server.engine, "03-form-errors")
    b.find_element(By.ID, "title").send_keys("Contrat de résiliation <Lumière> & « fils »")
    Select(b.find_element(By.ID, "type")).select_by_value("nda")
    b.find_element(By.ID, "amount").send_keys("12 500,50")
    # Typing into a date control depends on the browser's locale; setting the value is what a date picker does.
    b.execute_script("document.getElementById('startDate').value = '2026-03-01'; document.getElementById('endDate').value = '2027-02-28'")
    Select(b.find_element(By.ID, "renewalMode")).select_by_value("tacit")
    # Durations are chosen by their names, never typed as ISO.
    Select(b.find_element(By.ID, "renewalPeriod")).select_by_visible_text("12 mois")
    Select(b.find_element(By.ID, "renewalNotice")).select_by_visible_text("3 mois")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))

    assert b.find_element(By.TAG_NAME, "h1").text == "Contrat de résiliation <Lumière> & « fils »"
    page = b.find_element(By.TAG_NAME, "main").text
    assert "12 500,50 €" in page.replace("\u00a0", " ")
    assert "1er mars 2026" in page and "28 février 2027" in page
    assert "1er mars 2027" in page and "1er décembre 2026" in page, "next renewal and notice deadline"
    shot(b, server.engine, "04-contract")
    question = click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=inReview]"), confirm=True)
    assert "Envoyer ce contrat en revue ?" in question
    assert "En revue" in b.find_element(By.TAG_NAME, "main").text
    assert "Contrat envoyé en revue" in b.find_element(By.CSS_SELECTOR, ".toast[role=status]").text, "the action says it worked"
    assert "Changement de statut" in b.find_element(By.CSS_SELECTOR, "ol.timeline").text

    b.get(server.url + "/contracts")
    b.find_element(By.ID, "q").send_keys("resiliation lumiere")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.filters button"))
    rows = b.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert len(rows) == 1 and "Contrat de résiliation" in rows[0].text
    shot(b, server.engine, "05-search")
    shot(b, server.engine, "06-search-phone", 390, 844)
    b.find_element(By.ID, "q").clear()
    b.find_element(By.ID, "q").send_keys("introuvable")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.filters button"))
    assert "Aucun contrat ne correspond" in b.find_element(By.TAG_NAME, "main").text

    # Still at phone width: the navigation folds behind the menu button.
    assert not b.find_element(By.ID, "main-nav").is_displayed()
    b.find_element(By.CSS_SELECTOR, "button.menu-toggle").click()
    assert b.find_element(By.ID, "main-nav").is_displayed()
    shot(b, server.engine, "06b-menu-phone", 390, 844)
    click_and_load(b, b.find_element(By.LINK_TEXT, "English"))
    assert "Contracts" in b.find_element(By.TAG_NAME, "h1").text
    shot(b, server.engine, "07-english")


MANIFEST = """
title: "Contrat de services — {{client.name}}"
variables:
  - name: provider
    type: party
    label: Prestataire
    default: {name: Paraphe SAS, address: "1 rue de la Paix, 75002 Paris"}
  - name: client
    type: party
    label: Client
    required: true
    counterparty: true
  - name: price
    type: money
    label: Prix annuel HT
    help: Montant hors taxes facturé chaque année.
    required: true
  - name: startDate
    type: date
    label: Date d'effet
    default: "2026-03-01"
  - name: duration
    type: duration
    label: Durée
    default: P12M
parties:
  - variable: provider
    role: le Prestataire
  - variable: client
    role: le Client
computed:
  - name: endDate
    value: endDate(startDate, duration)
clauses:
  - id: prix
    title: Prix
    body: "Le prix annuel est de {{price}} ({{price | words}}), du {{startDate}} au {{endDate}}."
  - id: paiement
    clause: paymentTerms
  - id: reference
    clause: publicReference
    optional: true
terms:
  amount: price
  startDate: startDate
  endDate: endDate
"""


def publish_template(api):
    for clause in [
        {"key": "paymentTerms", "title": "Modalités de paiement", "category": "paiement", "body": "Paiement à trente (30) jours.",
         "alternatives": [{"key": "payment60Days", "title": "Paiement à 60 jours", "body": "Paiement à soixante (60) jours.",
                           "isDerogation": True, "derogationCategory": "payment", "requiresApprovalBy": ["finance"]}]},
        {"key": "publicReference", "title": "Référence commerciale", "category": "communication", "body": "Le Prestataire peut citer le Client.",
         "alternatives": [{"key": "noPublicReference", "title": "Le client refuse d'être cité publiquement", "body": "Le Prestataire ne cite pas le Client.",
                           "isDerogation": True, "derogationCategory": "publicity", "requiresApprovalBy": ["legal"]}]},
    ]:
        assert api.post(api.base + "/api/v1/clauses", json=clause).status_code == 201
    template = api.post(api.base + "/api/v1/templates", json={"name": "Contrat de services", "contractType": "msa"}).json()
    r = api.post(api.base + f"/api/v1/templates/{template['id']}/versions", data=MANIFEST.encode(), headers={"Content-Type": "application/yaml"})
    assert r.status_code == 201, r.text
    assert api.post(api.base + f"/api/v1/templates/{template['id']}/versions/1/publish").status_code == 200
    customer = api.post(api.base + "/api/v1/counterparties", json={"name": "Boulangeries Martin SAS", "kind": "customer",
                                                                    "registrationNumber": "552 100 554", "address": "12 rue de la Paix, 75002 Paris"}).json()
    return template["id"], customer["id"]


def login(b, server):
    b.get(server.url + "/login")
    b.find_element(By.ID, "email").send_keys(ADMIN[0])
    b.find_element(By.ID, "password").send_keys(ADMIN[1])
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def test_wizard_generates_a_contract_in_five_interactions(server, api, browser):
    template_id, customer_id = publish_template(api)
    b = browser
    login(b, server)
    interactions = 0
    # 1: "Nouveau contrat" on the contract list, where sales land
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "main a.button[href='/contracts/new']")); interactions += 1
    shot(b, server.engine, "10-template-picker")
    # 2: the template
    click_and_load(b, b.find_element(By.PARTIAL_LINK_TEXT, "Contrat de services")); interactions += 1
    assert "Prix annuel HT" in b.page_source
    assert "Montant hors taxes facturé chaque année." in b.page_source
    badges = [e.text for e in b.find_elements(By.CSS_SELECTOR, ".badge.derogation")]
    assert any("Dérogation" in t and "finance" in t for t in badges), badges
    # 3: the counterparty; 4: the price
    Select(b.find_element(By.ID, "counterpartyId")).select_by_visible_text("Boulangeries Martin SAS"); interactions += 1
    b.find_element(By.ID, "variables.price.amount").send_keys("48 000"); interactions += 1
    WebDriverWait(b, 10).until(lambda d: "quarante-huit mille euros" in d.find_element(By.ID, "preview").text)
    preview = b.find_element(By.ID, "preview").text.replace("\u00a0", " ")
    assert "Boulangeries Martin SAS" in preview and "du 1er mars 2026 au 28 février 2027" in preview
    shot(b, server.engine, "11-wizard-live-preview")
    # a derogation chosen shows in the preview too (not counted: the standard contract needs none)
    b.find_element(By.ID, "clauses.paymentTerms-payment60Days").click()
    WebDriverWait(b, 10).until(lambda d: "soixante (60) jours" in d.find_element(By.ID, "preview").text)
    shot(b, server.engine, "12-wizard-derogation")
    # 5: create
    click_and_load(b, b.find_element(By.ID, "create")); interactions += 1
    assert interactions <= 5
    assert b.find_element(By.TAG_NAME, "h1").text == "Contrat de services — Boulangeries Martin SAS"
    main = b.find_element(By.TAG_NAME, "main").text
    assert "1 dérogation" in main and "Paiement à 60 jours" in main and "payment60Days" not in main
    assert "contrat-de-services-boulangeries-martin-sas.pdf" in main and ".docx" in main
    shot(b, server.engine, "13-generated-contract")
    pdf = api.get(api.base + "/api/v1/contracts?derogation=payment60Days").json()["items"]
    assert len(pdf) == 1


def test_wizard_shows_errors_in_place_and_legal_sees_manifest_errors(server, api, browser):
    template_id, _ = publish_template(api)
    b = browser
    login(b, server)
    b.get(server.url + f"/contracts/new/{template_id}")
    click_and_load(b, b.find_element(By.ID, "create"))
    assert "Champ obligatoire" in b.find_element(By.ID, "variables.price-error").text
    shot(b, server.engine, "14-wizard-errors")

    b.get(server.url + f"/templates/{template_id}")
    source = b.find_element(By.ID, "source")
    source.clear()
    source.send_keys("title: NDA\nclauses:\n  - id: a\n    title: Objet\n    when: prix > 3\n    body: x\n")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=publish]"))
    errors = b.find_element(By.ID, "manifest-errors").text
    assert "Ligne 3" in errors and "unknown variable 'prix'" in errors
    shot(b, server.engine, "15-template-errors")
    b.get(server.url + "/clauses")
    assert "Le client refuse d'être cité publiquement" in b.find_element(By.TAG_NAME, "main").text
    shot(b, server.engine, "16-clause-library")
