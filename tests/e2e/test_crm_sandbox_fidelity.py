"""The sandbox is the CRM, not our idea of it: PyPI's own client libraries drive it, unmodified."""
import os
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
    with pytest.raises(simple_salesforce.exceptions.SalesforceMalformedRequest) as too_many:
        sf.restful("composite", method="POST", json={"compositeRequest": [
            {"method": "PATCH", "url": "/services/data/v59.0/composite/sobjects", "referenceId": f"r{n}", "body": {"records": []}} for n in range(6)]})
    assert too_many.value.content[0]["errorCode"] == "LIMIT_EXCEEDED"

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
    finally:
        s.stop()
