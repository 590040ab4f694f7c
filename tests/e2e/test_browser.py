"""A person logs in, creates a contract and finds it by search, in headless Chromium; screenshots for review."""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
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
    question first (an irreversible move) in the page's dialog; it is answered yes, and the question is returned."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    question = None
    if confirm:
        dialog = driver.find_element(By.ID, "confirm")
        WebDriverWait(driver, 10).until(lambda d: dialog.get_attribute("open") is not None)
        question = driver.find_element(By.ID, "confirm-text").text
        driver.find_element(By.ID, "confirm-yes").click()

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
    # back where the sign-in was asked for (legal and admins otherwise land on their dashboard)
    assert b.current_url.endswith("/contracts")
    assert "Aucun contrat pour l'instant" in b.page_source.replace("&#39;", "'")
    b.get(server.url + "/")
    assert b.current_url.endswith("/dashboard")
    assert "Rien n'attend le juridique." in b.find_element(By.ID, "home-queue").find_element(By.XPATH, "..").text
    shot(b, server.engine, "02a-dashboard")
    b.get(server.url + "/contracts")
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
    # Declining the question keeps the contract as it is
    b.find_element(By.CSS_SELECTOR, "button[value=inReview]").click()
    WebDriverWait(b, 10).until(lambda d: d.find_element(By.ID, "confirm").get_attribute("open") is not None)
    shot(b, server.engine, "04b-confirm-dialog")
    b.find_element(By.CSS_SELECTOR, "#confirm button[value=no]").click()
    assert b.find_element(By.ID, "confirm").get_attribute("open") is None
    assert "Brouillon" in b.find_element(By.CSS_SELECTOR, ".badge[class*=status-]").text
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
    # stacked on a phone, each cell still says which column it is
    status = b.find_element(By.CSS_SELECTOR, "table.responsive tbody td:nth-child(4)")
    assert status.get_attribute("data-label") == "Statut"
    assert "Statut" in b.execute_script("return getComputedStyle(arguments[0], '::before').content", status)
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


SALES = ("camille@paraphe.test", "correct horse battery")


def add_people(api):
    """A new sales rep, and a finance approver for the derogation they will choose."""
    for email, name, role in [(SALES[0], "Camille Commerciale", "sales"), ("sophie@paraphe.test", "Sophie Finance", "finance")]:
        r = api.post(api.base + "/api/v1/users", json={"email": email, "name": name, "password": SALES[1], "roles": [role]})
        assert r.status_code == 201, r.text


def shown_step(b):
    return b.find_element(By.CSS_SELECTOR, ".wizard").get_attribute("data-current")


@pytest.mark.parametrize("width", [1366, 390])
def test_sales_journey_submits_a_contract_with_a_derogation_in_eight_interactions(server, api, browser, width):
    """A new sales rep, from the login page to a contract submitted with one derogation. Every click, choice and
    field typed counts; signing in counts as one (the address and password filled, as a password manager does)."""
    publish_template(api)
    add_people(api)
    b = browser
    b.set_window_size(width, 900)
    b.get(server.url + "/")
    interactions = 0
    # 1: sign in; a sales rep lands on their requests, which start a contract
    b.find_element(By.ID, "email").send_keys(SALES[0])
    b.find_element(By.ID, "password").send_keys(SALES[1])
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]")); interactions += 1
    assert b.current_url.endswith("/requests")
    shot(b, server.engine, f"10-sales-home-{width}", width)
    # 2: the template
    click_and_load(b, b.find_element(By.PARTIAL_LINK_TEXT, "Contrat de services")); interactions += 1
    assert shown_step(b) == "2"
    assert b.find_element(By.ID, "step-2").is_displayed() and not b.find_element(By.ID, "step-3").is_displayed()
    assert "Prix annuel HT" in b.page_source
    # 3: the counterparty; 4: the price
    Select(b.find_element(By.ID, "counterpartyId")).select_by_visible_text("Boulangeries Martin SAS"); interactions += 1
    b.find_element(By.ID, "variables.price.amount").send_keys("48 000"); interactions += 1
    WebDriverWait(b, 10).until(lambda d: "quarante-huit mille euros" in d.find_element(By.ID, "preview").text)
    preview = b.find_element(By.ID, "preview").text.replace("\u00a0", " ")
    assert "Boulangeries Martin SAS" in preview and "du 1er mars 2026 au 28 février 2027" in preview
    shot(b, server.engine, f"11-wizard-terms-{width}", width)
    # 5: on to the clauses
    b.find_element(By.CSS_SELECTOR, "#step-2 button[data-go='3']").click(); interactions += 1
    assert shown_step(b) == "3" and not b.find_element(By.ID, "step-2").is_displayed()
    approvals = lambda d: d.find_element(By.CSS_SELECTOR, "#step-3 [data-live=approvals]").text
    assert "Aucune validation requise" in approvals(b)
    # 6: the derogation; the approvals it triggers show at once, and the preview highlights it
    b.find_element(By.CSS_SELECTOR, "label[for='clauses.paymentTerms-payment60Days']").click(); interactions += 1
    WebDriverWait(b, 10).until(lambda d: "Finance" in approvals(d))
    assert "Paiement à 60 jours" in approvals(b) and "payment60Days" not in approvals(b)
    WebDriverWait(b, 10).until(lambda d: "soixante (60) jours" in d.find_element(By.CSS_SELECTOR, "#preview .article.marked").text)
    shot(b, server.engine, f"12-wizard-clauses-{width}", width)
    # 7: straight to the last step by the stepper
    b.find_element(By.CSS_SELECTOR, ".stepper a[data-step='5']").click(); interactions += 1
    assert shown_step(b) == "5"
    assert "Finance" in b.find_element(By.CSS_SELECTOR, "#step-5 [data-live=approvals]").text
    assert b.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    shot(b, server.engine, f"13-wizard-create-{width}", width)
    # 8: create and submit
    click_and_load(b, b.find_element(By.ID, "create-submit")); interactions += 1
    assert interactions <= 8
    assert "Contrat créé et envoyé en revue" in b.find_element(By.CSS_SELECTOR, ".toast").text
    assert b.find_element(By.TAG_NAME, "h1").text == "Contrat de services — Boulangeries Martin SAS"
    main = b.find_element(By.TAG_NAME, "main").text
    assert "1 dérogation" in main and "Paiement à 60 jours" in main and "payment60Days" not in main
    assert "contrat-de-services-boulangeries-martin-sas.pdf" in main and ".docx" in main
    shot(b, server.engine, f"14-submitted-contract-{width}", width)
    contracts = api.get(api.base + "/api/v1/contracts?derogation=payment60Days").json()["items"]
    assert [c["status"] for c in contracts] == ["inReview"]
    # the rep's home now says what the contract waits for
    b.get(server.url + "/requests")
    assert "validation finance" in b.find_element(By.TAG_NAME, "main").text


def test_wizard_review_step_lists_the_derogations(server, api, browser):
    template_id, _ = publish_template(api)
    b = browser
    login(b, server)
    # a step named in the address opens; until the form makes a contract, the review says what is missing
    b.get(server.url + f"/contracts/new/{template_id}#step-4")
    assert shown_step(b) == "4"
    review = lambda d: d.find_element(By.CSS_SELECTOR, "#step-4 [data-live=derogations]").text
    assert "Prix annuel HT" in review(b)
    b.find_element(By.CSS_SELECTOR, ".stepper a[data-step='2']").click()
    Select(b.find_element(By.ID, "counterpartyId")).select_by_visible_text("Boulangeries Martin SAS")
    b.find_element(By.ID, "variables.price.amount").send_keys("12 000")
    b.find_element(By.CSS_SELECTOR, ".stepper a[data-step='3']").click()
    b.find_element(By.CSS_SELECTOR, "label[for='clauses.publicReference-noPublicReference']").click()
    b.find_element(By.CSS_SELECTOR, "#step-3 button[data-go='4']").click()
    WebDriverWait(b, 10).until(lambda d: "Le client refuse d'être cité publiquement" in review(d))
    assert "1 dérogation" in review(b)
    shot(b, server.engine, "15-wizard-review")
    # Enter in a field moves on a step; it never creates the contract
    b.find_element(By.CSS_SELECTOR, ".stepper a[data-step='2']").click()
    b.find_element(By.ID, "variables.price.amount").send_keys(Keys.ENTER)
    assert shown_step(b) == "3" and "/contracts/new/" in b.current_url
    assert api.get(api.base + "/api/v1/contracts").json()["items"] == []


def test_wizard_shows_errors_in_place_and_legal_sees_manifest_errors(server, api, browser):
    template_id, _ = publish_template(api)
    b = browser
    login(b, server)
    b.get(server.url + f"/contracts/new/{template_id}")
    b.find_element(By.CSS_SELECTOR, ".stepper a[data-step='5']").click()
    click_and_load(b, b.find_element(By.ID, "create"))
    # refused, the wizard opens on the step of the first error
    assert shown_step(b) == "2"
    assert "Champ obligatoire" in b.find_element(By.ID, "variables.price-error").text
    shot(b, server.engine, "16-wizard-errors")

    b.get(server.url + f"/templates/{template_id}")
    source = b.find_element(By.ID, "source")
    source.clear()
    source.send_keys("title: NDA\nclauses:\n  - id: a\n    title: Objet\n    when: prix > 3\n    body: x\n")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=publish]"))
    errors = b.find_element(By.ID, "manifest-errors").text
    assert "Ligne 3" in errors and "variable inconnue « prix »" in errors
    shot(b, server.engine, "17-template-errors")
    b.get(server.url + "/clauses")
    assert "Le client refuse d'être cité publiquement" in b.find_element(By.TAG_NAME, "main").text
    shot(b, server.engine, "18-clause-library")
