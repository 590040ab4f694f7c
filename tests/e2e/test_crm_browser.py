"""The CRM integration end to end: the real Paraphe server and the real sandbox over HTTP, an admin and a rep in
headless Chromium, and kill -9 in the middle of a push."""
import os
import signal
import sys
import time

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADMIN, Server, fresh_postgres_database  # noqa: F401
from test_browser import browser, click_and_load, publish_template, shot  # noqa: F401 (browser is a fixture)
from test_signature_browser import login_as

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from crm_sandbox import Sandbox  # noqa: E402

SALES = ("commercial@paraphe.test", "correct horse battery")


@pytest.fixture
def crm(server):
    server.cli("user", "create", "--email", SALES[0], "--name", "Camille Commerciale", "--password", SALES[1], "--role", "sales")
    sandbox = Sandbox("--seed", "--paraphe-url", server.url)
    yield sandbox
    sandbox.stop()


def wait_for(predicate, timeout=30, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def linked_contracts(api):
    items = api.get(api.base + "/api/v1/contracts?limit=200").json()["items"]
    return [c for c in items if c["crm"]]


def test_admin_connects_sets_a_rule_and_a_rep_makes_a_contract_from_the_opportunity(server, crm, browser):
    b, engine = browser, server.engine
    admin = requests.Session()
    admin.headers["Authorization"] = "Bearer " + server.token()
    admin.base = server.url
    template_id, _ = publish_template(admin)
    # The colleague who signs for the company when the rule sends.
    signer = admin.post(server.url + "/api/v1/users", json={"email": "sophie.finance@paraphe.test", "name": "Sophie Finance",
                                                             "password": "correct horse battery", "roles": ["finance"]}).json()["id"]
    grant = {"userId": signer, "contractTypes": ["msa"], "maxAmount": {"amount": "100000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
    assert admin.post(server.url + "/api/v1/signature-authorities", json=grant).status_code == 201

    login_as(b, server, ADMIN)
    b.get(server.url + "/integrations")
    assert "Aucun CRM n'est connecté" in b.page_source
    shot(b, engine, "crm-01-empty")
    b.find_element(By.ID, "name").send_keys("Salesforce (bac à sable)")
    b.find_element(By.ID, "baseUrl").send_keys(crm.url)
    b.find_element(By.ID, "credentials.clientId").send_keys("sandbox")
    b.find_element(By.ID, "credentials.clientSecret").send_keys("wrong")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    # An internal address needs the admin's say-so; wrong credentials are named.
    assert "réseau interne" in b.page_source
    b.find_element(By.ID, "credentials.clientSecret").send_keys("wrong")
    b.find_element(By.ID, "allowPrivateNetwork").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    assert "le CRM les a refusés" in b.page_source
    b.find_element(By.ID, "credentials.clientSecret").send_keys("sandbox")
    if not b.find_element(By.ID, "allowPrivateNetwork").is_selected():
        b.find_element(By.ID, "allowPrivateNetwork").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    assert "Connexion réussie" in b.page_source
    integration_id = b.current_url.split("/integrations/")[1].split("?")[0]

    # The map: the template's price comes from the opportunity's amount (the empty last line adds it).
    rows = b.find_elements(By.CSS_SELECTOR, "#field-map tbody tr")
    last = len(rows) - 1
    b.find_element(By.NAME, f"fieldMap[{last}].variable").send_keys("variables.price")
    b.find_element(By.NAME, f"fieldMap[{last}].crmObject").send_keys("Opportunity")
    b.find_element(By.NAME, f"fieldMap[{last}].crmField").send_keys("Amount")
    Select(b.find_element(By.NAME, f"fieldMap[{last}].direction")).select_by_value("pull")
    Select(b.find_element(By.NAME, f"fieldMap[{last}].owner")).select_by_value("crm")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#field-map button[type=submit]"))
    assert "Enregistré et vérifié" in b.page_source
    # The rule: Contracting generates the services contract and, once approved, sends it for signature.
    b.find_element(By.NAME, "rules[0].when.equals").send_keys("Contracting")
    Select(b.find_element(By.NAME, "rules[0].templateId")).select_by_value(template_id)
    b.find_element(By.NAME, "rules[0].autoSend").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#rules button[type=submit]"))
    # Sending needs someone to sign for the company: the error is on the rule's line, in French.
    assert "choisissez le collègue qui signe pour l'entreprise" in b.find_element(By.ID, "rules").text
    Select(b.find_element(By.NAME, "rules[0].signatoryId")).select_by_visible_text("Sophie Finance")
    if not b.find_element(By.NAME, "rules[0].autoSend").is_selected():
        b.find_element(By.NAME, "rules[0].autoSend").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#rules button[type=submit]"))
    assert "Enregistré et vérifié" in b.page_source
    assert b.find_element(By.NAME, "rules[0].autoSend").is_selected()
    shot(b, engine, "crm-02-integration")

    # A salesperson moves an opportunity to Contracting in the CRM.
    opportunities = crm.records("Opportunity")
    first, second = opportunities[0]["Id"], opportunities[1]["Id"]
    b.get(crm.url + "/")
    Select(b.find_element(By.CSS_SELECTOR, f"tr[id='{first}'] select")).select_by_value("Contracting")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, f"tr[id='{first}'] button"))
    b.get(server.url + f"/integrations/{integration_id}")
    click_and_load(b, b.find_element(By.XPATH, "//button[contains(., 'Synchroniser maintenant')]"))
    made = wait_for(lambda: [c for c in linked_contracts(admin) if c["crm"]["objectId"] == first], what="the rule's contract")
    assert len(made) == 1
    assert made[0]["amount"]["amount"] == "48000.00"
    # No approval is required here, so the rule's contract went straight out to the opportunity's contact.
    contact = next(c for c in crm.records("Contact") if c["Id"] == next(o for o in opportunities if o["Id"] == first)["ContactId"])
    requests_made = wait_for(lambda: admin.get(server.url + f"/api/v1/contracts/{made[0]['id']}/signature-requests").json()["items"],
                             what="the rule's signature request")
    assert [s["email"] for s in requests_made[0]["signers"]] == ["sophie.finance@paraphe.test", contact["Email"].lower()]
    wait_for(lambda: any(r["Paraphe_Id__c"] == made[0]["id"] for r in crm.records("Paraphe_Contract__c")), what="the push")

    # A rep presses the opportunity's button: template picker, then the wizard filled from the CRM.
    login_as(b, server, SALES)
    b.get(server.url + f"/crm/salesforce/Opportunity/{second}/contracts/new")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "ul.picker a"))
    assert b.find_element(By.NAME, "variables.price.amount").get_attribute("value") in ("125000.00", "125000")
    counterparty = Select(b.find_element(By.ID, "counterpartyId")).first_selected_option.text
    assert counterparty == "Transports Lefèvre"
    assert "Depuis le CRM" in b.page_source
    shot(b, engine, "crm-03-wizard-from-opportunity")
    b.find_element(By.CSS_SELECTOR, ".stepper a[data-step='5']").click()
    click_and_load(b, b.find_element(By.ID, "create"))
    link = b.find_element(By.CSS_SELECTOR, "#crm-link a")
    assert second in link.text
    shot(b, engine, "crm-04-contract-with-crm-link")
    wait_for(lambda: sum(1 for r in crm.records("Paraphe_Contract__c") if r["Opportunity__c"] == second) == 1, what="the rep's contract in the CRM")

    # A field renamed in the CRM: an error on the page, and a banner on every admin page.
    crm.admin("faults", {"kind": "renameField", "object": "Opportunity", "field": "Contract_Status__c", "to": "Contract_State__c"})
    login_as(b, server, ADMIN)
    b.get(server.url + f"/integrations/{integration_id}")
    click_and_load(b, b.find_element(By.XPATH, "//button[contains(., 'Tester la connexion')]"))
    assert "Opportunity n'a pas de champ Contract_Status__c" in b.find_element(By.ID, "map-errors").text
    b.get(server.url + "/contracts")
    assert "correspondance des champs invalide" in b.find_element(By.CSS_SELECTOR, ".crm-banner").text
    shot(b, engine, "crm-05-banner")
    # Nobody else sees the integrations.
    login_as(b, server, SALES)
    b.get(server.url + "/integrations")
    assert "Seul un administrateur" in b.page_source
    assert not b.find_elements(By.CSS_SELECTOR, ".crm-banner")


def test_kill9_in_the_middle_of_a_push_converges_without_duplicates(crm, server):
    admin = requests.Session()
    admin.headers["Authorization"] = "Bearer " + server.token()
    admin.base = server.url
    template_id, _ = publish_template(admin)
    r = admin.post(server.url + "/api/v1/integrations", json={
        "name": "Salesforce", "system": "salesforce", "baseUrl": crm.url, "allowPrivateNetwork": True,
        "credentials": {"clientId": "sandbox", "clientSecret": "sandbox"},
        "rules": [{"id": "contracting", "when": {"object": "Opportunity", "field": "StageName", "equals": "Contracting"}, "templateId": template_id}],
        })
    assert r.status_code == 201, r.text
    integration = r.json()["id"]
    field_map = r.json()["fieldMap"] + [{"clmField": "variables.price", "crmObject": "Opportunity", "crmField": "Amount", "direction": "pull", "owner": "crm"}]
    assert admin.patch(server.url + f"/api/v1/integrations/{integration}", json={"fieldMap": field_map}).status_code == 200
    token = crm.token()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    opportunities = crm.records("Opportunity")
    made = []
    for n, opportunity in enumerate(opportunities * 8):
        c = admin.post(server.url + "/api/v1/contracts", json={
            "templateId": template_id, "variables": {"price": {"amount": f"{1000 + n}.00", "currency": "EUR"}, "startDate": "2026-03-01"},
            "crm": {"integrationId": integration, "system": "salesforce", "objectType": "Opportunity", "objectId": opportunity["Id"]}})
        assert c.status_code == 201, c.text
        made.append(c.json()["id"])
    # Slow CRM: every call takes a while, so the kill lands in the middle of the batches; meanwhile an opportunity
    # reaches Contracting, which the rule must turn into exactly one contract.
    crm.admin("faults", {"kind": "latency", "milliseconds": 700, "count": 40})
    requests.patch(crm.url + f"/services/data/v59.0/sobjects/Opportunity/{opportunities[2]['Id']}", json={"StageName": "Contracting"},
                   headers=headers).raise_for_status()
    admin.post(server.url + f"/api/v1/integrations/{integration}/sync")
    time.sleep(2.5)
    server.kill(signal.SIGKILL)
    server.start()
    admin.headers["Authorization"] = "Bearer " + server.token()
    admin.post(server.url + f"/api/v1/integrations/{integration}/sync")

    def converged():
        records = crm.records("Paraphe_Contract__c")
        statuses = {c["id"]: c["status"] for c in admin.get(server.url + "/api/v1/contracts?limit=200").json()["items"]}
        ids = [r["Paraphe_Id__c"] for r in records]
        return len(ids) == len(set(ids)) and set(made) <= set(ids) and all(statuses[r["Paraphe_Id__c"]] == r["Status__c"] for r in records)
    wait_for(converged, timeout=120, what="the CRM to converge")
    records = crm.records("Paraphe_Contract__c")
    ids = [r["Paraphe_Id__c"] for r in records]
    assert len(ids) == len(set(ids)), "a contract was written twice"
    wait_for(lambda: len([c for c in linked_contracts(admin) if c["crm"]["objectId"] == opportunities[2]["Id"] and c["id"] not in made]) >= 1,
             timeout=60, what="the rule's contract")
    time.sleep(1)
    fired = [c for c in linked_contracts(admin) if c["crm"]["objectId"] == opportunities[2]["Id"] and c["id"] not in made]
    assert len(fired) == 1, "the rule fired more than once"
    # The CRM may hold everything before Paraphe has recorded it (one Composite call can land just before the kill):
    # the push after the restart records it, and says so in the log.
    def recorded():
        log = admin.get(server.url + f"/api/v1/integrations/{integration}/log?limit=100").json()["items"]
        pending = admin.get(server.url + f"/api/v1/integrations/{integration}").json()["status"]["pending"]
        return pending == 0 and any(e["direction"] == "push" and e["status"] == "ok" for e in log)
    wait_for(recorded, timeout=60, what="the push recorded in the log, nothing pending")


def test_admin_connects_hubspot_and_a_signed_webhook_makes_the_contract(server, crm, browser):
    """HubSpot through the page: the private app token and the app secret, the rule on the deal stage; then the
    sandbox's signed webhook (not a poll) brings the stage change, and the contract links back to the deal."""
    b, engine = browser, server.engine
    admin = requests.Session()
    admin.headers["Authorization"] = "Bearer " + server.token()
    admin.base = server.url
    template_id, _ = publish_template(admin)
    login_as(b, server, ADMIN)
    b.get(server.url + "/integrations")
    Select(b.find_element(By.ID, "system")).select_by_value("hubspot")
    b.find_element(By.ID, "name").send_keys("HubSpot (bac à sable)")
    b.find_element(By.ID, "baseUrl").send_keys(crm.url)
    b.find_element(By.ID, "credentials.accessToken").send_keys("pat-eu1-sandbox")
    b.find_element(By.ID, "allowPrivateNetwork").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    # The app secret is required: it is what proves a webhook comes from HubSpot.
    missing = b.find_element(By.CSS_SELECTOR, ".field.invalid")
    assert missing.find_element(By.TAG_NAME, "input").get_attribute("id") == "credentials.webhookSecret"
    assert missing.find_element(By.CSS_SELECTOR, ".error").text == "obligatoire pour ce CRM"
    b.find_element(By.ID, "credentials.accessToken").send_keys("pat-eu1-sandbox")
    b.find_element(By.ID, "credentials.webhookSecret").send_keys("demo-app-secret")
    if not b.find_element(By.ID, "allowPrivateNetwork").is_selected():
        b.find_element(By.ID, "allowPrivateNetwork").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    assert "Connexion réussie" in b.page_source
    integration_id = b.current_url.split("/integrations/")[1].split("?")[0]
    # The template's price comes from the deal's amount (the map's page is exercised with Salesforce above).
    field_map = admin.get(server.url + f"/api/v1/integrations/{integration_id}").json()["fieldMap"]
    field_map.append({"clmField": "variables.price", "crmObject": "deals", "crmField": "amount", "direction": "pull", "owner": "crm"})
    assert admin.patch(server.url + f"/api/v1/integrations/{integration_id}", json={"fieldMap": field_map}).status_code == 200
    b.get(server.url + f"/integrations/{integration_id}")
    assert b.find_element(By.NAME, "rules[0].when.field").get_attribute("value") == "dealstage"
    b.find_element(By.NAME, "rules[0].when.equals").send_keys("contractsent")
    Select(b.find_element(By.NAME, "rules[0].templateId")).select_by_value(template_id)
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#rules button[type=submit]"))
    assert "Enregistré et vérifié" in b.page_source
    shot(b, engine, "crm-06-hubspot-integration")

    # The portal's app posts its signed webhooks to Paraphe; no poll runs in between (the interval is a minute).
    crm.admin("hubspot/webhooks", {"url": f"{server.url}/hooks/hubspot/{integration_id}", "secret": "demo-app-secret"})
    deal = crm.hubspot_records("deals")[0]["id"]
    requests.patch(crm.url + f"/crm/v3/objects/deals/{deal}", json={"properties": {"dealstage": "contractsent"}},
                   headers={"Authorization": "Bearer pat-eu1-sandbox"}).raise_for_status()
    made = wait_for(lambda: [c for c in linked_contracts(admin) if c["crm"]["system"] == "hubspot" and c["crm"]["objectId"] == deal],
                    what="the contract from the webhook")
    assert len(made) == 1
    wait_for(lambda: any(r["paraphe_id"] == made[0]["id"] for r in crm.hubspot_records("p_paraphe_contracts")), what="the push to HubSpot")
    log = admin.get(server.url + f"/api/v1/integrations/{integration_id}/log?direction=inbound").json()["items"]
    assert any(e["status"] == "ok" for e in log)
    b.get(server.url + f"/contracts/{made[0]['id']}")
    assert f"/contacts/14532001/record/0-3/{deal}" in b.find_element(By.CSS_SELECTOR, "#crm-link a").get_attribute("href")


def test_admin_connects_pipedrive_and_its_errors_land_in_its_box(server, crm, browser):
    b = browser
    login_as(b, server, ADMIN)
    b.get(server.url + "/integrations")
    Select(b.find_element(By.ID, "system")).select_by_value("pipedrive")
    b.find_element(By.ID, "name").send_keys("Pipedrive (bac à sable)")
    b.find_element(By.ID, "baseUrl").send_keys(crm.url)
    b.find_element(By.ID, "pipedrive.accessToken").send_keys("sandbox-pipedrive-token")
    b.find_element(By.ID, "pipedrive.webhookUser").send_keys("paraphe")
    b.find_element(By.ID, "allowPrivateNetwork").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    # The missing password is named in the Pipedrive box, not under HubSpot's token that shares its credential name.
    missing = b.find_elements(By.CSS_SELECTOR, ".field.invalid input")
    assert [m.get_attribute("id") for m in missing] == ["pipedrive.webhookPassword"]
    b.find_element(By.ID, "pipedrive.accessToken").send_keys("sandbox-pipedrive-token")
    b.find_element(By.ID, "pipedrive.webhookPassword").send_keys("mot-de-passe")
    if not b.find_element(By.ID, "allowPrivateNetwork").is_selected():
        b.find_element(By.ID, "allowPrivateNetwork").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#connect button[type=submit]"))
    assert "Connexion réussie" in b.page_source
    assert "/hooks/pipedrive/" in b.page_source
