"""Legal approves a contract with a derogation, works its queue, edits the policy and the signature authorities, in
headless Chromium; screenshots 20-29 for review."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import browser, click_and_load, login, nav, publish_template, shot  # noqa: F401 (browser is a fixture)

SALES = ("hugo@paraphe.test", "correct horse battery")


def submit_contract_with_derogation(server, api, template_id, customer_id):
    r = api.post(api.base + "/api/v1/users", json={"email": SALES[0], "name": "Hugo Commercial", "password": SALES[1], "roles": ["sales"]})
    assert r.status_code == 201, r.text
    rule = {"name": "Toute dérogation", "when": {"hasDerogation": True}, "require": [{"role": "legal"}]}
    assert api.post(api.base + "/api/v1/approval-policies", json=rule).status_code == 201
    sales = {"Authorization": f"Bearer {server.token(*SALES)}"}
    contract = api.post(api.base + "/api/v1/contracts", headers=sales, json={
        "templateId": template_id, "counterpartyId": customer_id, "clauses": {"publicReference": "noPublicReference"},
        "variables": {"price": {"amount": "48000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}).json()
    r = api.post(api.base + f"/api/v1/contracts/{contract['id']}/transitions", headers=sales, json={"to": "inReview", "reason": "signature vendredi"})
    assert r.status_code == 200 and r.json()["status"] == "inReview", r.text
    return contract


def test_legal_approves_with_reasons_and_diff(server, api, browser):
    template_id, customer_id = publish_template(api)
    contract = submit_contract_with_derogation(server, api, template_id, customer_id)
    b = browser
    login(b, server)
    nav(b, "À faire", "Mes tâches")
    assert contract["reference"] in b.find_element(By.TAG_NAME, "main").text
    shot(b, server.engine, "20-my-tasks")

    click_and_load(b, b.find_element(By.LINK_TEXT, contract["reference"]))
    main = b.find_element(By.TAG_NAME, "main").text
    assert "Toute dérogation" in main, main
    assert "dérogation : Référence commerciale : Le client refuse d'être cité publiquement" in main.replace("\u00a0", " "), main
    assert "noPublicReference" not in main
    # Side by side: what the standard loses on the left, what this contract says instead on the right.
    assert b.find_element(By.CSS_SELECTOR, ".side-by-side .row.changed [role=cell]:first-child del").text.strip()
    assert b.find_element(By.CSS_SELECTOR, ".side-by-side .row.changed [role=cell]:last-child ins").text.strip()
    shot(b, server.engine, "21-approval-page")

    # rejecting needs a reason, said on the field
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=reject]"))
    assert "Dites pourquoi vous refusez" in b.find_element(By.ID, "comment-error").text
    shot(b, server.engine, "22-approval-reject-needs-comment")
    b.find_element(By.ID, "comment").send_keys("Citation refusée : accepté pour ce client.")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    assert "Validation enregistrée" in b.find_element(By.TAG_NAME, "main").text
    assert api.get(api.base + f"/api/v1/contracts/{contract['id']}").json()["status"] == "approved"
    # the contract page shows the chain and who may sign (nobody yet: no authority granted here)
    click_and_load(b, b.find_element(By.LINK_TEXT, "Ouvrir le contrat"))
    assert "approuvée" in b.find_element(By.ID, "approval").text
    assert "délégation" in b.find_element(By.ID, "signatories").text
    shot(b, server.engine, "22b-contract-approved-signatories")

    # once Hugo holds a grant covering it, he is the only one offered as signatory; naming him is audited
    hugo = next(u for u in api.get(api.base + "/api/v1/users?limit=100").json()["items"] if u["email"] == SALES[0])
    grant = {"userId": hugo["id"], "maxAmount": {"amount": "50000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
    assert api.post(api.base + "/api/v1/signature-authorities", json=grant).status_code == 201
    b.refresh()
    choice = Select(b.find_element(By.ID, "signatory-user"))
    assert [o.text for o in choice.options] == ["Hugo Commercial"]
    choice.select_by_visible_text("Hugo Commercial")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#signatories button[type=submit]"))
    assert "Signataire désigné : Hugo Commercial" in b.find_element(By.ID, "signatories").text
    shot(b, server.engine, "22c-contract-signatory-named")
    named = api.get(api.base + f"/api/v1/contracts/{contract['id']}").json()["signatory"]
    assert named["user"]["id"] == hugo["id"] and named["eligible"] is True

    # the queue is empty again; an empty state says so
    nav(b, "À faire", "File juridique")
    assert "Aucun contrat n'attend le juridique" in b.find_element(By.TAG_NAME, "main").text
    shot(b, server.engine, "23-legal-queue-empty")


def test_policy_editor_simulator_and_authority_matrix(server, api, browser):
    api.post(api.base + "/api/v1/contracts", json={"title": "Gros contrat", "type": "msa", "amount": {"amount": "90000.00", "currency": "EUR"},
                                                   "metadata": {"region": "EMEA"}})
    b = browser
    login(b, server)
    nav(b, "Administration", "Règles de validation")
    b.find_element(By.ID, "name").send_keys("Plus de 50 000 €")
    b.find_element(By.ID, "amountAbove").send_keys("50 000")
    b.find_element(By.ID, "variableName").send_keys("region")
    b.find_element(By.ID, "variableValue").send_keys("EMEA")
    Select(b.find_element(By.ID, "step1Role")).select_by_value("finance")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=history]"))
    assert "1 contrat sur 1" in b.find_element(By.ID, "history").text
    shot(b, server.engine, "24-policy-try-on-past-contracts")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "button[value=add]"))
    assert "Plus de 50 000 €" in b.find_element(By.ID, "rules").text
    reference = api.get(api.base + "/api/v1/contracts").json()["items"][0]["reference"]
    b.find_element(By.NAME, "contract").send_keys(reference)
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "form.filters button"))
    simulation = b.find_element(By.ID, "simulation").text.replace("\u00a0", " ")
    assert "montant 90 000,00 € supérieur à 50 000,00 €" in simulation and "region : EMEA" in simulation
    shot(b, server.engine, "25-policy-editor-simulator")

    # nobody grants authority to themselves: the form says so in place
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "main a[href='/settings/signature-authorities']"))
    Select(b.find_element(By.ID, "userId")).select_by_visible_text("Admin")
    b.find_element(By.ID, "maxAmount").send_keys("100000")
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#grant-form button[type=submit]"))
    assert "Vous ne pouvez pas vous accorder une délégation" in b.find_element(By.ID, "grant-form").text
    assert api.post(api.base + "/api/v1/users", json={"email": "farid@paraphe.test", "name": "Farid Finance", "password": "assez-long-mot",
                                                      "roles": ["finance"]}).status_code == 201
    b.get(server.url + "/settings/signature-authorities")
    Select(b.find_element(By.ID, "userId")).select_by_visible_text("Farid Finance")
    b.find_element(By.ID, "maxAmount").send_keys("100000")
    b.find_element(By.NAME, "type_msa").click()
    click_and_load(b, b.find_element(By.CSS_SELECTOR, "#grant-form button[type=submit]"))
    matrix = b.find_element(By.ID, "matrix").text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "100 000,00 €" in matrix
    shot(b, server.engine, "26-signature-authority-matrix")


def test_supplier_request_form_and_its_chain(server, api, browser):
    rule = {"name": "Tout nouveau fournisseur", "appliesTo": "supplierRequest", "when": {}, "require": [{"role": "legal"}]}
    assert api.post(api.base + "/api/v1/approval-policies", json=rule).status_code == 201
    # the admin who asks cannot approve it: a second lawyer must exist, or the request is refused
    r = api.post(api.base + "/api/v1/users", json={"email": "juriste@paraphe.test", "name": "Louise Juriste", "password": SALES[1], "roles": ["legal"]})
    assert r.status_code == 201, r.text
    b = browser
    login(b, server)
    nav(b, "Contrats", "Fournisseurs")
    assert "Aucune demande" in b.find_element(By.TAG_NAME, "main").text
    click_and_load(b, b.find_element(By.LINK_TEXT, "Nouvelle demande"))
    click_and_load(b, b.find_element(By.ID, "submit-supplier"))
    assert b.find_element(By.ID, "supplierName-error").text and b.find_element(By.ID, "purpose-error").text
    shot(b, server.engine, "27-supplier-form-errors")
    b.find_element(By.ID, "supplierName").send_keys("Lumen Analytics")
    b.find_element(By.ID, "purpose").send_keys("Tableaux de bord des ventes à partir du CRM.")
    b.find_element(By.ID, "annualCost").send_keys("14 000")
    b.find_element(By.ID, "dataProcessed").send_keys("contacts clients")
    click_and_load(b, b.find_element(By.ID, "submit-supplier"))
    assert b.find_element(By.TAG_NAME, "h1").text == "Lumen Analytics"
    assert "Tout nouveau fournisseur" in b.find_element(By.ID, "chain").text
    shot(b, server.engine, "28-supplier-request")
    lawyer = {"Authorization": f"Bearer {server.token('juriste@paraphe.test', SALES[1])}"}
    step = api.get(api.base + "/api/v1/approvals?assignee=me", headers=lawyer).json()["items"][0]
    assert step["supplierRequest"]["supplierName"] == "Lumen Analytics"
    assert api.post(api.base + f"/api/v1/approvals/{step['id']}/decision", headers=lawyer, json={"decision": "approve"}).status_code == 200
    b.refresh()
    assert "Fournisseur référencé" in b.find_element(By.TAG_NAME, "main").text
    shot(b, server.engine, "29-supplier-approved")
