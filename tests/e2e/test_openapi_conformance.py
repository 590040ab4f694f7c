"""Real responses, from a realistic session, validate against the served OpenAPI document."""
import json
import re

import requests
from openapi_schema_validator import OAS31Validator


def response_schema(doc, path, method, status, media="application/json"):
    template = None
    for candidate in doc["paths"]:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", candidate) + "$"
        if re.match(pattern, path):
            template = candidate
            break
    assert template, f"{path} is not documented"
    responses = doc["paths"][template][method.lower()]["responses"]
    assert str(status) in responses, f"{method} {template} does not document {status}"
    content = responses[str(status)].get("content")
    if content is None:
        return None
    assert media in content, f"{method} {template} {status} does not document {media}"
    return content[media]["schema"]


def synthesized_keys(value, path="$"):
    """Keys such as `_0`: Swift's coding of an unlabelled associated value, which must never reach the API."""
    if isinstance(value, dict):
        found = [f"{path}.{k}" for k in value if re.fullmatch(r"_\d+", k)]
        return found + [p for k, v in value.items() for p in synthesized_keys(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in synthesized_keys(v, f"{path}[{i}]")]
    return []


def test_responses_match_the_document(server, api):
    doc = requests.get(server.url + "/api/openapi.json", timeout=10).json()
    assert doc["openapi"].startswith("3.1")
    OAS31Validator.check_schema({"components": doc["components"]})
    checked = []

    def call(method, path, expect, **kwargs):
        r = api.request(method, server.url + path, timeout=10, **kwargs)
        assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text}"
        media = r.headers.get("content-type", "").split(";")[0]
        schema = response_schema(doc, path.split("?")[0], method, r.status_code, media if r.content else "application/json")
        if schema is not None and r.content:
            OAS31Validator({**schema, "components": doc["components"]}).validate(r.json())
            assert not synthesized_keys(r.json()), f"{method} {path}: {synthesized_keys(r.json())}"
        checked.append(f"{method} {path.split('?')[0]} {r.status_code}")
        return r.json() if r.content and media.endswith("json") else None

    cp = call("POST", "/api/v1/counterparties", 201, json={"name": "Éditions Lumière", "kind": "customer", "crmRefs": {"hubspot": "123"}})
    call("GET", f"/api/v1/counterparties/{cp['id']}", 200)
    call("PATCH", f"/api/v1/counterparties/{cp['id']}", 200, json={"address": "3 quai Saint-Antoine, Lyon"})
    call("GET", "/api/v1/counterparties?limit=1", 200)
    contract = call("POST", "/api/v1/contracts", 201, json={
        "title": "Abonnement", "type": "msa", "counterpartyId": cp["id"], "amount": {"amount": "48000.00", "currency": "EUR"},
        "startDate": "2026-01-31", "endDate": "2027-01-30", "renewal": {"mode": "tacit", "period": "P12M", "notice": "P3M"},
        "metadata": {"crmStage": "Contracting", "seats": 40}})
    cid = contract["id"]
    # a rule that the submission below meets, so approvals carry their criteria, and a second lawyer to decide it
    call("POST", "/api/v1/users", 201, json={"email": "juriste@paraphe.test", "name": "Juriste", "password": "a long password", "roles": ["legal"]})
    call("POST", "/api/v1/approval-policies", 201, json={"name": "Plus de 10 000 €", "when": {"amountAbove": {"amount": "10000.00", "currency": "EUR"},
                                                                                        "contractTypes": ["msa"]}, "require": [{"role": "legal"}]})
    simulated = call("POST", "/api/v1/approval-policies/simulate", 200, json={"contractId": cid})
    assert {c["kind"] for c in simulated["required"][0]["reasons"][0]["criteria"]} == {"amountAbove", "type"}
    call("GET", "/api/v1/workspace", 200)
    call("GET", f"/api/v1/contracts/{cid}", 200)
    call("PATCH", f"/api/v1/contracts/{cid}", 200, json={"title": "Abonnement annuel", "startDate": None})
    call("POST", f"/api/v1/contracts/{cid}/transitions", 200, json={"to": "inReview", "reason": "prêt"})
    call("POST", f"/api/v1/contracts/{cid}/transitions", 409, json={"to": "signed"})
    call("POST", "/api/v1/contracts", 422, json={"title": "", "type": "nope"})
    call("POST", "/api/v1/contracts", 400, data=b"{not json", headers={"content-type": "application/json"})
    call("GET", f"/api/v1/contracts/{cid}/events", 200)
    call("GET", "/api/v1/approvals?status=pending", 200)
    call("GET", f"/api/v1/contracts/{cid}/verify", 200)
    call("GET", f"/api/v1/contracts/{cid}/documents", 200)
    call("GET", "/api/v1/contracts?q=lumiere&sort=endDate&limit=5", 200)
    call("GET", "/api/v1/contracts/00000000-0000-0000-0000-000000000000", 404)
    call("GET", "/api/v1/contract-types", 200)
    call("GET", "/api/v1/me", 200)
    call("GET", "/api/v1/users", 200)
    call("POST", "/api/v1/users", 201, json={"email": "sales@paraphe.test", "name": "Sales", "password": "a long password", "roles": ["sales"]})
    call("GET", "/api/v1/jobs?state=dead", 200)
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    imported = call("POST", "/api/v1/contracts/import", 201, files={"file": ("legacy.pdf", pdf, "application/pdf")},
                    data={"metadata": json.dumps({"title": "Ancien contrat", "type": "nda", "status": "active"})})
    call("GET", f"/api/v1/documents/{imported['documents'][0]['id']}", 200)
    health = requests.get(server.url + "/health", timeout=5)
    OAS31Validator({**response_schema(doc, "/health", "GET", 200), "components": doc["components"]}).validate(health.json())
    assert health.json()["database"] == server.engine
    metrics = requests.get(server.url + "/metrics", timeout=5)
    assert metrics.status_code == 200 and "hb_request" in metrics.text, metrics.text[:500]
    assert len(checked) >= 20
