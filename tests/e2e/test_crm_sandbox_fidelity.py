"""The sandbox is the CRM, not our idea of it: PyPI's own client libraries drive it, unmodified."""
import json
import os
import time
import sys

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from crm_sandbox import Sandbox  # noqa: E402

simple_salesforce = pytest.importorskip("simple_salesforce") if os.environ.get("PARAPHE_REQUIRE_CHECKERS") != "1" else __import__("simple_salesforce")


@pytest.fixture
def sandbox():
    # simple-salesforce only speaks https to an instance.
    s = Sandbox("--seed", "--page-size", "2", tls=True)
    yield s
    s.stop()


def salesforce(sandbox):
    session = requests.Session()
    session.verify = sandbox.verify
    session.trust_env = False  # REQUESTS_CA_BUNDLE would otherwise replace our CA
    token = sandbox.token()
    return simple_salesforce.Salesforce(instance_url=token["instance_url"], session_id=token["access_token"], session=session, version="59.0")


def test_simple_salesforce_reads_writes_and_pages_against_the_sandbox(sandbox):
    sf = salesforce(sandbox)
    account = sf.Account.create({"Name": "Menuiserie Durand", "BillingCity": "Tours"})
    assert account["success"] and account["id"].startswith("001") and len(account["id"]) == 18
    assert sf.Account.get(account["id"])["BillingCity"] == "Tours"
    assert sf.Account.update(account["id"], {"BillingCity": "Blois"}) == 204
    assert sf.Account.get(account["id"])["BillingCity"] == "Blois"

    # Upsert by external id: 201 the first time, 200 after.
    assert sf.Paraphe_Contract__c.upsert("Paraphe_Id__c/c-1", {"Status__c": "draft"}) == 201
    assert sf.Paraphe_Contract__c.upsert("Paraphe_Id__c/c-1", {"Status__c": "signed"}) == 200
    rows = sf.query("SELECT Id, Status__c FROM Paraphe_Contract__c WHERE Paraphe_Id__c = 'c-1'")["records"]
    assert [r["Status__c"] for r in rows] == ["signed"]

    # Four accounts with a page size of two: query_all follows nextRecordsUrl.
    everything = sf.query_all("SELECT Id, Name FROM Account ORDER BY Name")
    assert everything["totalSize"] == 4 and len(everything["records"]) == 4
    assert sf.query("SELECT Id FROM Account")["done"] is False

    # The Composite resource, as simple-salesforce's generic call sends it: two collections in one API call, each
    # answered under its referenceId; a URL the sandbox does not serve fails in its own subresponse only.
    used = sf.api_usage["api-usage"].used
    composite = sf.restful("composite", method="POST", json={"allOrNone": False, "compositeRequest": [
        {"method": "PATCH", "url": "/services/data/v59.0/composite/sobjects/Paraphe_Contract__c/Paraphe_Id__c", "referenceId": "contracts",
         "body": {"allOrNone": False, "records": [{"attributes": {"type": "Paraphe_Contract__c"}, "Paraphe_Id__c": f"c-{n}", "Status__c": "draft"} for n in (1, 2)]}},
        {"method": "PATCH", "url": "/services/data/v59.0/composite/sobjects", "referenceId": "accounts",
         "body": {"allOrNone": False, "records": [{"attributes": {"type": "Account"}, "Id": account["id"], "BillingCity": "Amboise"}]}},
        {"method": "GET", "url": "/services/data/v59.0/limits", "referenceId": "elsewhere"},
    ]})["compositeResponse"]
    assert sf.api_usage["api-usage"].used == used + 1, "three subrequests, one API call"
    assert [(r["referenceId"], r["httpStatusCode"]) for r in composite] == [("contracts", 200), ("accounts", 200), ("elsewhere", 404)]
    assert [r["created"] for r in composite[0]["body"]] == [False, True]
    assert sf.Account.get(account["id"])["BillingCity"] == "Amboise"
    # At most 12 updates of one record in a call, as Salesforce allows.
    repeated = sf.restful("composite/sobjects", method="PATCH", json={"allOrNone": False, "records": [
        {"attributes": {"type": "Account"}, "Id": account["id"], "BillingCity": f"Ville {n}"} for n in range(13)]})
    assert [r["success"] for r in repeated] == [True] * 12 + [False]
    assert repeated[12]["errors"][0]["statusCode"] == "DUPLICATE_VALUE"
    with pytest.raises(simple_salesforce.exceptions.SalesforceMalformedRequest) as too_many:
        sf.restful("composite", method="POST", json={"compositeRequest": [
            {"method": "PATCH", "url": "/services/data/v59.0/composite/sobjects", "referenceId": f"r{n}", "body": {"records": []}} for n in range(6)]})
    assert too_many.value.content[0]["errorCode"] == "LIMIT_EXCEEDED"

    # An opportunity's products, named through the Product2 lookup as Paraphe reads them; Salesforce computes the total.
    opportunity = sf.Opportunity.create({"Name": "Durand — atelier", "StageName": "Prospecting", "CloseDate": "2027-03-31", "AccountId": account["id"]})
    product = sf.Product2.create({"Name": "Licence Paraphe Pro"})
    sf.OpportunityLineItem.create({"OpportunityId": opportunity["id"], "Product2Id": product["id"], "Quantity": 3, "UnitPrice": 4000, "SortOrder": 1})
    lines = sf.query(f"SELECT Id, Product2.Name, Quantity, UnitPrice, TotalPrice FROM OpportunityLineItem WHERE OpportunityId = '{opportunity['id']}' ORDER BY SortOrder, Id")["records"]
    assert [(r["Product2"]["Name"], r["Quantity"], r["TotalPrice"]) for r in lines] == [("Licence Paraphe Pro", 3, 12000)]
    assert lines[0]["Product2"]["attributes"]["type"] == "Product2"
    with pytest.raises(simple_salesforce.exceptions.SalesforceMalformedRequest):
        sf.OpportunityLineItem.create({"OpportunityId": opportunity["id"], "Product2Id": product["id"], "Quantity": 1, "TotalPrice": 5})

    fields = {f["name"]: f for f in sf.Paraphe_Contract__c.describe()["fields"]}
    assert fields["Paraphe_Id__c"]["externalIdField"] is True
    assert sf.api_usage["api-usage"].used >= 8 and sf.api_usage["api-usage"].total == 15000


def test_simple_salesforce_sees_salesforce_errors(sandbox):
    sf = salesforce(sandbox)
    with pytest.raises(simple_salesforce.exceptions.SalesforceMalformedRequest) as bad_field:
        sf.Opportunity.create({"Name": "x", "StageName": "Prospecting", "CloseDate": "2027-01-01", "Nope__c": 1})
    assert bad_field.value.content[0]["errorCode"] == "INVALID_FIELD"
    with pytest.raises(simple_salesforce.exceptions.SalesforceMalformedRequest) as missing:
        sf.Opportunity.create({"Name": "x"})
    assert missing.value.content[0]["errorCode"] == "REQUIRED_FIELD_MISSING"
    with pytest.raises(simple_salesforce.exceptions.SalesforceResourceNotFound):
        sf.Account.get("001000000000000AAA")
    with pytest.raises(simple_salesforce.exceptions.SalesforceMalformedRequest) as soql:
        sf.query("SELECT FROM")
    assert soql.value.content[0]["errorCode"] == "MALFORMED_QUERY"

    sandbox.admin("faults", {"kind": "expireSessions"})
    with pytest.raises(simple_salesforce.exceptions.SalesforceExpiredSession):
        sf.query("SELECT Id FROM Account")
    sf = salesforce(sandbox)
    sandbox.admin("faults", {"kind": "requestLimit", "count": 1})
    with pytest.raises(simple_salesforce.exceptions.SalesforceError) as limited:
        sf.query("SELECT Id FROM Account")
    assert limited.value.status == 403 and limited.value.content[0]["errorCode"] == "REQUEST_LIMIT_EXCEEDED"
    assert sf.query("SELECT Id FROM Account")["totalSize"] == 3


def test_the_salesforce_kit_deploys_what_the_sandbox_and_the_default_map_expect():
    """The SFDX kit, the sandbox's org and Paraphe's default map name the same custom fields (the map is checked
    against the sandbox's describe in CRMSyncTests), and the button opens the CRM page Paraphe serves."""
    import xml.etree.ElementTree as ET
    kit = os.path.join(os.path.dirname(__file__), "..", "..", "integrations", "salesforce", "force-app", "main", "default")
    s = Sandbox()
    try:
        token = s.token()["access_token"]
        for sobject in ["Paraphe_Contract__c", "Opportunity"]:
            folder = os.path.join(kit, "objects", sobject, "fields")
            in_kit = {name.split(".")[0] for name in os.listdir(folder)}
            described = requests.get(f"{s.url}/services/data/v59.0/sobjects/{sobject}/describe", headers={"Authorization": f"Bearer {token}"}).json()
            in_org = {f["name"] for f in described["fields"] if f["custom"]}
            assert in_kit == in_org, (sobject, in_kit ^ in_org)
        ns = {"m": "http://soap.sforce.com/2006/04/metadata"}
        key = ET.parse(os.path.join(kit, "objects", "Paraphe_Contract__c", "fields", "Paraphe_Id__c.field-meta.xml")).getroot()
        assert key.find("m:externalId", ns).text == "true"
        link = ET.parse(os.path.join(kit, "objects", "Opportunity", "webLinks", "Paraphe_New_Contract.webLink-meta.xml")).getroot()
        assert link.find("m:url", ns).text.endswith("/crm/salesforce/Opportunity/{!Opportunity.Id}/contracts/new")
        permissions = ET.parse(os.path.join(kit, "permissionsets", "Paraphe_Integration.permissionset-meta.xml")).getroot()
        editable = {p.find("m:field", ns).text for p in permissions.findall("m:fieldPermissions", ns) if p.find("m:editable", ns).text == "true"}
        for sobject in ["Paraphe_Contract__c", "Opportunity"]:
            for name in os.listdir(os.path.join(kit, "objects", sobject, "fields")):
                assert f"{sobject}.{name.split('.')[0]}" in editable
        # Opportunity products are readable with the opportunity; their names come from Product2.
        readable = {p.find("m:object", ns).text for p in permissions.findall("m:objectPermissions", ns) if p.find("m:allowRead", ns).text == "true"}
        assert {"Opportunity", "Account", "Contact", "Product2"} <= readable
    finally:
        s.stop()


hubspot = pytest.importorskip("hubspot") if os.environ.get("PARAPHE_REQUIRE_CHECKERS") != "1" else __import__("hubspot")


def hubspot_client(sandbox, token="pat-eu1-sandbox"):
    # The official client, unmodified: only its host points at the sandbox, as its configuration allows.
    return hubspot.HubSpot(access_token=token, host=sandbox.url)


def test_hubspot_api_client_reads_writes_searches_and_associates_against_the_sandbox():
    from hubspot.crm.objects import (BatchInputSimplePublicObjectBatchInputUpsert, BatchReadInputSimplePublicObjectId, PublicObjectSearchRequest,
                                     SimplePublicObjectBatchInputUpsert, SimplePublicObjectId, SimplePublicObjectInput, SimplePublicObjectInputForCreate)
    s = Sandbox()
    try:
        client = hubspot_client(s)
        objects = client.crm.objects
        company = objects.basic_api.create("companies", SimplePublicObjectInputForCreate(properties={"name": "Menuiserie Durand", "city": "Tours"}))
        contact = objects.basic_api.create("contacts", SimplePublicObjectInputForCreate(
            properties={"firstname": "Lucie", "lastname": "Durand", "email": "lucie@durand.example"},
            associations=[{"to": {"id": company.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]}]))
        deal = client.crm.deals.basic_api.create(SimplePublicObjectInputForCreate(
            properties={"dealname": "Durand — atelier", "dealstage": "qualifiedtobuy", "pipeline": "default", "amount": "18500",
                        "closedate": "2027-03-31T00:00:00.000Z"},
            associations=[{"to": {"id": contact.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]},
                          {"to": {"id": company.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 5}]}]))
        assert deal.id.isdigit() and deal.properties["amount"] == "18500"

        read = client.crm.deals.basic_api.get_by_id(deal.id, properties=["dealname", "dealstage", "amount"], associations=["companies", "contacts"])
        assert read.properties["dealstage"] == "qualifiedtobuy"
        assert [a.id for a in read.associations["companies"].results] == [company.id]
        assert [a.id for a in read.associations["contacts"].results] == [contact.id]
        client.crm.deals.basic_api.update(deal.id, SimplePublicObjectInput(properties={"dealstage": "contractsent"}))
        assert client.crm.deals.basic_api.get_by_id(deal.id, properties=["dealstage"]).properties["dealstage"] == "contractsent"

        # Upsert by a unique property: new the first time, updated the second.
        upsert = lambda status: objects.batch_api.upsert("p_paraphe_contracts", BatchInputSimplePublicObjectBatchInputUpsert(inputs=[
            SimplePublicObjectBatchInputUpsert(id_property="paraphe_id", id="c-1", properties={"status": status, "amount": "18500"})]))
        assert [r.new for r in upsert("draft").results] == [True]
        assert [r.new for r in upsert("signed").results] == [False]
        batch = objects.batch_api.read("p_paraphe_contracts", BatchReadInputSimplePublicObjectId(
            id_property="paraphe_id", properties=["status"], properties_with_history=[], inputs=[SimplePublicObjectId(id="c-1")]))
        assert [r.properties["status"] for r in batch.results] == ["signed"]

        # Search: deals modified since a moment, oldest first, paged.
        found = objects.search_api.do_search("deals", PublicObjectSearchRequest(
            filter_groups=[{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": "0"}]}],
            sorts=["hs_lastmodifieddate"], properties=["dealname", "dealstage"], limit=1, after="0"))
        assert found.total == 1 and found.results[0].properties["dealstage"] == "contractsent"

        properties = {p.name: p for p in client.crm.properties.core_api.get_all("p_paraphe_contracts").results}
        assert properties["paraphe_id"].has_unique_value is True
        deal_properties = {p.name: p for p in client.crm.properties.core_api.get_all("deals").results}
        assert deal_properties["paraphe_status"].type == "string" and "contractsent" in [o.value for o in deal_properties["dealstage"].options]
        associated = client.crm.associations.v4.basic_api.get_page("deals", deal.id, "contacts")
        assert [str(a.to_object_id) for a in associated.results] == [contact.id]

        # A line item on the deal, as Paraphe reads products: its id through the v4 associations, then a batch read;
        # HubSpot computes its amount.
        item = client.crm.line_items.basic_api.create(SimplePublicObjectInputForCreate(
            properties={"name": "Licence Paraphe Pro", "quantity": "3", "price": "4000"},
            associations=[{"to": {"id": deal.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 20}]}]))
        linked = client.crm.associations.v4.basic_api.get_page("deals", deal.id, "line_items")
        assert [str(a.to_object_id) for a in linked.results] == [item.id]
        items = objects.batch_api.read("line_items", BatchReadInputSimplePublicObjectId(
            properties=["name", "quantity", "price", "amount"], properties_with_history=[], inputs=[SimplePublicObjectId(id=item.id)]))
        assert [(r.properties["name"], r.properties["amount"]) for r in items.results] == [("Licence Paraphe Pro", "12000")]
        # Paged as HubSpot pages them: the client follows `paging.next.after`.
        second = client.crm.line_items.basic_api.create(SimplePublicObjectInputForCreate(
            properties={"name": "Mise en service", "quantity": "1", "price": "500"},
            associations=[{"to": {"id": deal.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 20}]}]))
        first_page = client.crm.associations.v4.basic_api.get_page("deals", deal.id, "line_items", limit=1)
        assert [str(a.to_object_id) for a in first_page.results] == [item.id] and first_page.paging.next.after
        rest = client.crm.associations.v4.basic_api.get_page("deals", deal.id, "line_items", limit=1, after=first_page.paging.next.after)
        assert [str(a.to_object_id) for a in rest.results] == [second.id] and rest.paging is None
    finally:
        s.stop()


def test_hubspot_api_client_sees_hubspot_errors():
    from hubspot.crm.objects import SimplePublicObjectInput, SimplePublicObjectInputForCreate
    from hubspot.crm.objects.exceptions import ApiException
    s = Sandbox("--seed")
    try:
        client = hubspot_client(s)
        deal = s.hubspot_records("deals")[0]["id"]
        with pytest.raises(ApiException) as invalid:
            client.crm.objects.basic_api.update("deals", deal, SimplePublicObjectInput(properties={"amount": "beaucoup", "nope": "x"}))
        body = json.loads(invalid.value.body)
        assert invalid.value.status == 400 and body["category"] == "VALIDATION_ERROR"
        assert "PROPERTY_DOESNT_EXIST" in body["message"] and "INVALID_FLOAT" in body["message"]
        with pytest.raises(ApiException) as missing:
            client.crm.objects.basic_api.get_by_id("deals", "1")
        assert missing.value.status == 404 and json.loads(missing.value.body)["category"] == "OBJECT_NOT_FOUND"
        with pytest.raises(ApiException) as stage:
            client.crm.objects.basic_api.create("deals", SimplePublicObjectInputForCreate(properties={"dealname": "x", "dealstage": "Contracting"}))
        assert "INVALID_OPTION" in json.loads(stage.value.body)["message"]

        s.admin("faults", {"kind": "requestLimit", "count": 1})
        with pytest.raises(ApiException) as limited:
            client.crm.objects.basic_api.get_by_id("deals", deal)
        assert limited.value.status == 429 and json.loads(limited.value.body)["errorType"] == "RATE_LIMIT"
        # A rotated token: the old one is refused, the new one works.
        token = s.admin("hubspot/token")["token"]
        with pytest.raises(ApiException) as refused:
            client.crm.objects.basic_api.get_by_id("deals", deal)
        assert refused.value.status == 401 and json.loads(refused.value.body)["category"] == "INVALID_AUTHENTICATION"
        assert hubspot_client(s, token).crm.objects.basic_api.get_by_id("deals", deal).id == deal
    finally:
        s.stop()


def test_the_sandbox_signs_hubspot_webhooks_as_the_client_library_checks_them():
    import http.server
    import threading
    from hubspot.utils.signature import Signature
    received = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body.decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    listener = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{listener.server_port}/hooks/hubspot/abc"
    s = Sandbox("--seed")
    try:
        s.admin("hubspot/webhooks", {"url": url, "secret": "app-secret"})
        deal = s.hubspot_records("deals")[0]["id"]
        from hubspot.crm.objects import SimplePublicObjectInput
        hubspot_client(s).crm.objects.basic_api.update("deals", deal, SimplePublicObjectInput(properties={"dealstage": "contractsent"}))
        deadline = time.time() + 10
        while not received and time.time() < deadline:
            time.sleep(0.1)
        headers, body = received[0]
        events = json.loads(body)
        assert [(e["subscriptionType"], e["propertyName"], e["propertyValue"], str(e["objectId"])) for e in events] == \
            [("deal.propertyChange", "dealstage", "contractsent", deal)]
        assert Signature.is_valid(signature=headers["X-HubSpot-Signature-v3"], client_secret="app-secret", request_body=body, http_uri=url,
                                  signature_version="v3", timestamp=headers["X-HubSpot-Request-Timestamp"])
        assert not Signature.is_valid(signature=headers["X-HubSpot-Signature-v3"], client_secret="another-secret", request_body=body, http_uri=url,
                                      signature_version="v3", timestamp=headers["X-HubSpot-Request-Timestamp"])
    finally:
        s.stop()
        listener.shutdown()


def test_the_hubspot_kit_creates_what_the_sandbox_and_the_default_map_expect():
    """integrations/hubspot/ defines the deal properties and the custom object the sandbox's portal has (the default
    map is checked against the sandbox's properties API in HubSpotSyncTests)."""
    kit = os.path.join(os.path.dirname(__file__), "..", "..", "integrations", "hubspot")
    deal_kit = {p["name"]: (p["type"], p["groupName"]) for p in json.load(open(os.path.join(kit, "deal-properties.json")))["inputs"]}
    schema = json.load(open(os.path.join(kit, "paraphe-contracts-schema.json")))
    s = Sandbox()
    try:
        client = hubspot_client(s)
        in_portal = {p.name: p for p in client.crm.properties.core_api.get_all("deals").results if p.group_name == "paraphe"}
        assert {n: (p.type, "paraphe") for n, p in in_portal.items()} == deal_kit
        contract = {p.name: p for p in client.crm.properties.core_api.get_all("p_" + schema["name"]).results if p.group_name == "paraphe"}
        assert {p["name"]: (p["type"], p.get("hasUniqueValue", False)) for p in schema["properties"]} == \
            {n: (p.type, p.has_unique_value) for n, p in contract.items()}
        assert schema["requiredProperties"] == ["paraphe_id"]
    finally:
        s.stop()


def test_the_pipedrive_kit_creates_the_fields_the_sandbox_and_the_default_map_expect():
    """integrations/pipedrive/ creates the custom deal fields the sandbox's company has, by the names Paraphe's default
    map uses (it is checked against the sandbox in PipedriveSyncTests); Pipedrive keys them by a hash."""
    kit = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "integrations", "pipedrive", "deal-fields.json")))
    s = Sandbox()
    try:
        fields = requests.get(s.url + "/api/v1/dealFields", headers={"x-api-token": "sandbox-pipedrive-token"}).json()["data"]
        custom = {f["name"]: f["field_type"] for f in fields if f["edit_flag"]}
        assert custom == {f["name"]: f["field_type"] for f in kit}
        assert all(len(f["key"]) == 40 for f in fields if f["edit_flag"])
    finally:
        s.stop()
