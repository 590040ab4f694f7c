"""The crawler: signs in to the demo workspace as each role, visits every page it can reach in French and in English,
at laptop and phone widths, and fails on what a French legal team would notice first: English on a French page, a raw
key, an ISO duration or an `EUR` amount, a page wider than the phone, a console error, or a serious accessibility
violation (axe-core)."""
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from urllib.parse import urljoin, urlparse

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from conftest import BIN, free_port

PASSWORD = "paraphe-demo"
ROLES = {"admin": "admin@paraphe.demo", "legal": "juriste@paraphe.demo", "sales": "commercial@paraphe.demo",
         "finance": "finance@paraphe.demo", "viewer": "lecteur@paraphe.demo"}
SHOTS = os.environ.get("PARAPHE_CRAWL_SHOTS", ".build/screenshots")
# Pages that are files or actions, not pages.
SKIP = re.compile(r"/(logout|language/|assets/)|/documents/|\.pdf$|/content$|/export|/api/|/hooks/")
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-zA-Z]{15,18}(?=/|$)")
# English that never belongs on a French page: UI words, not the names people type.
ENGLISH = re.compile(r"\b(the|and|with|your|you|must|should|please|waiting|days?|deadline|submitted|required|approval|approvals|"
                     r"review|draft|pending|signed|sign in|save|cancel|edit|delete|search|next|back|settings|none|unknown|is|are|not)\b",
                     re.IGNORECASE)
CAMEL = re.compile(r"(?<![\w@./-])[a-z]+(?:[A-Z][a-z0-9]+)+(?![\w@/-])")
ISO_DURATION = re.compile(r"\bP\d+[YMWD]\b")
RAW_AMOUNT = re.compile(r"\b\d+(?:\.\d{2})\s?EUR\b|\bEUR\b")


class Demo:
    """`paraphe demo` on its own ports and data directory: every role, contracts in every state, the CRM sandbox."""

    def __init__(self):
        self.data = tempfile.mkdtemp(prefix="paraphe-crawl-")
        self.port, self.crm = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, PARAPHE_DATA_DIR=self.data, PARAPHE_PORT=str(self.port), PARAPHE_HOST="127.0.0.1",
                   PARAPHE_DEMO_CRM_PORT=str(self.crm), PARAPHE_BCRYPT_COST="4", LOG_LEVEL="warning")
        env.pop("DATABASE_URL", None)
        self.log = open(os.path.join(self.data, "demo.log"), "w")
        self.process = subprocess.Popen([BIN, "demo"], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 90
        while time.time() < deadline:
            assert self.process.poll() is None, open(self.log.name).read()[-2000:]
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("the demo did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def demo():
    d = Demo()
    yield d
    d.stop()


def chrome(width):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.implicitly_wait(0)
    return driver


def sign_in(driver, demo, email, language):
    driver.get(demo.url + f"/language/{language}")
    for _ in range(3):
        driver.get(demo.url + "/login")
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        deadline = time.time() + 10
        while time.time() < deadline and "/login" in driver.current_url:
            time.sleep(0.1)
        if driver.find_elements(By.CSS_SELECTOR, "form[action='/logout']"):
            driver.get_log("browser")  # a refused attempt's console line is the sign-in's, not a page's
            return
    raise AssertionError(f"{email} could not sign in: {driver.current_url}")


def pattern(path):
    return ID.sub("{id}", path)


def crawl(driver, demo, limit_per_pattern=2, limit=80):
    """Breadth-first over the links a person can follow, a couple of pages per route."""
    # Beside the links: the error pages, and the pages some roles may not open.
    seeds = ["/contracts", "/no-such-page", "/contracts/00000000-0000-0000-0000-000000000000", "/requests", "/queue", "/integrations",
             "/settings/approvals", "/contracts/new"]
    seen, per_pattern, queue, pages = set(), defaultdict(int), seeds, []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen or per_pattern[pattern(path)] >= limit_per_pattern:
            continue
        seen.add(path)
        per_pattern[pattern(path)] += 1
        driver.get(demo.url + path)
        pages.append(path)
        yield path
        for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            href = link.get_attribute("href") or ""
            target = urlparse(urljoin(demo.url + path, href))
            if target.netloc != urlparse(demo.url).netloc or SKIP.search(target.path):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))


def visible_text(driver):
    """What the page says to its reader, without the documents it shows (contract text, clause text, marked
    `data-document`) or code (`.code`, a manifest): those are in the document's language, not the page's. Form values
    count: a French page must not prefill English or raw keys either."""
    return driver.execute_script("""
        var hidden = Array.from(document.querySelectorAll('.code, [data-document]'));
        var kept = hidden.map(function (e) { return e.style.display; });
        hidden.forEach(function (e) { e.style.display = 'none'; });
        var parts = [document.title, document.body.innerText];
        var outside = function (e) { return !e.closest('.code, [data-document]'); };
        document.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=submit]), textarea, select option:checked').forEach(function (e) {
          if (outside(e) && e.value && e.type !== 'email' && e.type !== 'password' && e.type !== 'url')
            parts.push(e.tagName === 'OPTION' ? e.textContent : e.value);
        });
        document.querySelectorAll('[placeholder],[aria-label],[title]').forEach(function (e) {
          if (outside(e)) ['placeholder', 'aria-label', 'title'].forEach(function (a) { if (e.getAttribute(a)) parts.push(e.getAttribute(a)); });
        });
        hidden.forEach(function (e, i) { e.style.display = kept[i]; });
        return parts.join('\\n');
    """)


def axe_violations(driver):
    from axe_core_python.selenium import Axe
    result = Axe().run(driver)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def findings_on(driver, path, language, width):
    found = []
    ui = visible_text(driver)
    if language == "fr":
        for match in sorted(set(m.group(0) for m in ENGLISH.finditer(ui))):
            found.append(f"English on a French page: {match!r}")
    for regex, what in [(CAMEL, "raw key"), (ISO_DURATION, "ISO duration"), (RAW_AMOUNT, "raw amount")]:
        for match in sorted(set(m.group(0) for m in regex.finditer(ui))):
            found.append(f"{what}: {match!r}")
    if width <= 400:
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth;")
        if overflow > 1:
            found.append(f"overflows the phone by {overflow}px")
    for entry in driver.get_log("browser"):
        # An error page's own status (the 404 it is) is Chrome's note on the document, not a failure of the page.
        own = entry["message"].startswith(driver.current_url.split("#")[0] + " - Failed to load resource")
        if entry["level"] == "SEVERE" and not own:
            found.append(f"console error: {entry['message'][:160]}")
    for violation in axe_violations(driver):
        found.append(f"axe {violation['impact']}: {violation['id']} ({len(violation['nodes'])}×)")
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_every_page_for_every_role_reads_as_a_person_expects(demo, language, width):
    problems = []
    os.makedirs(SHOTS, exist_ok=True)
    for role, email in ROLES.items():
        driver = chrome(width)
        try:
            sign_in(driver, demo, email, language)
            for path in crawl(driver, demo):
                for finding in findings_on(driver, path, language, width):
                    problems.append(f"{role} {language} {width}px {path}: {finding}")
                name = re.sub(r"[^a-z0-9]+", "-", f"{role}-{language}-{width}-{pattern(path)}".lower()).strip("-")
                driver.save_screenshot(os.path.join(SHOTS, f"crawl-{name}.png"))
        finally:
            driver.quit()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# Forms that create or edit something, by where they post; the others move a contract or remove something.
EDITING = re.compile(r"^/(contracts/new(/[^/]+)?|contracts/[^/]+/edit|settings/approvals|settings/signature-authorities|clauses/new|"
                     r"clauses/[^/]+/edit|templates|templates/[^/]+/versions|suppliers(/new)?|integrations(/new)?|integrations/[^/]+(/map|/rules)?)$")
# Blank, not a number, too long, markup and an impossible date: each should be refused field by field.
BAD = ["", "abc", "9" * 400, "<b>x</b> 31/02/2026 -5"]


def fill_and_submit(driver, action, value):
    """Every text field of the form gets `value` (selects keep their choice), then the form is sent as Enter would."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("""
        var action = arguments[0], value = arguments[1];
        var form = Array.from(document.querySelectorAll('form[method=post]')).find(function (f) { return f.action === action; });
        form.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=submit]), textarea').forEach(function (e) {
          e.value = value;
        });
        form.setAttribute('novalidate', '');
        form.requestSubmit();
    """, action, value)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            old.is_enabled()
            time.sleep(0.05)
        except Exception:
            return


def test_refused_forms_answer_field_by_field_in_french(demo):
    """Every create or edit form an admin can open, sent with bad values: never a server error, and what comes back reads
    in French with no raw key."""
    driver = chrome(1366)
    problems, tried = [], set()
    try:
        sign_in(driver, demo, ROLES["admin"], "fr")
        for path in list(crawl(driver, demo)):
            driver.get(demo.url + path)
            actions = {f.get_attribute("action") for f in driver.find_elements(By.CSS_SELECTOR, "form[method=post]")}
            for action in sorted(a for a in actions if a):
                route = urlparse(urljoin(demo.url + path, action)).path
                kind = re.sub(r"^/clauses/[^/]+/edit$", "/clauses/{key}/edit", pattern(route))
                if not EDITING.match(route) or kind in tried:
                    continue
                tried.add(kind)
                for value in BAD:
                    driver.get(demo.url + path)
                    driver.get_log("browser")
                    fill_and_submit(driver, action, value)
                    if "Une erreur est survenue" in driver.title:
                        problems.append(f"{route} with {value[:20]!r}: server error")
                    for finding in findings_on(driver, route, "fr", 1366):
                        if not finding.startswith("axe"):
                            problems.append(f"{route} with {value[:20]!r}: {finding}")
        print("forms tried:", sorted(tried))
        assert len(tried) >= 8, f"only {sorted(tried)} were tried"
    finally:
        driver.quit()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))
