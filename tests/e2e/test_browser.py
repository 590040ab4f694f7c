"""A person logs in, creates a contract and finds it by search, in headless Chromium; screenshots for review."""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
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


def click_and_load(driver, element):
    """Clicks something that loads a new page, and waits for that page."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(old))


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
    b.find_element(By.ID, "renewalPeriod").send_keys("P12M")
    b.find_element(By.ID, "renewalNotice").send_keys("P3M")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))

    assert b.find_element(By.TAG_NAME, "h1").text == "Contrat de résiliation <Lumière> & « fils »"
    page = b.find_element(By.TAG_NAME, "main").text
    assert "12 500,50 €" in page.replace("\u00a0", " ")
    assert "1er mars 2026" in page and "28 février 2027" in page
    assert "1er mars 2027" in page and "1er décembre 2026" in page, "next renewal and notice deadline"
    shot(b, server.engine, "04-contract")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=inReview]"))
    assert "En revue" in b.find_element(By.TAG_NAME, "main").text
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

    click_and_load(b, b.find_element(By.LINK_TEXT, "English"))
    assert "Contracts" in b.find_element(By.TAG_NAME, "h1").text
    shot(b, server.engine, "07-english")
