#!/usr/bin/env python3
"""Writes Sources/ParapheApp/Operations/openapi.json, the OpenAPI 3.1 document served at /api/openapi.json.
Edit the description here, run this script, commit both. The file is a resource of the ParapheApp target, read once by
OpenAPIDocument.swift. Tests/ParapheAppTests/OpenAPIDocumentTests.swift checks it against the code: every /api route
the router registers (and every other path listed here) is described and every described operation is registered,
every enum matches the Swift enum it copies, and no key is a Swift tuple label (_0, _1...). tests/e2e checks real
responses against the document and runs schemathesis over it."""
import os
import json
S = lambda t, **k: dict(type=t, **k)
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
nullable = lambda s: {"anyOf": [s, {"type": "null"}]}
uuid = S("string", format="uuid")
date = S("string", format="date")
ts = S("string", format="date-time")
def page(item): return S("object", required=["items", "nextCursor"], properties={"items": S("array", items=item), "nextCursor": nullable(S("string"))})
problem_resp = lambda d: {"description": d, "content": {"application/problem+json": {"schema": ref("Problem")}}}
def ok(schema, code="200", desc="OK"):
    return {code: {"description": desc, "content": {"application/json": {"schema": schema}}}}
def errors(*codes):
    names = {"400": "Malformed request", "401": "Not authenticated", "403": "Forbidden", "404": "Not found", "409": "Conflict",
             "413": "Body too large", "415": "Unsupported media type", "422": "Invalid input", "429": "Too many requests"}
    return {c: problem_resp(names[c]) for c in codes}
def body(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}
idp = lambda name="id": {"name": name, "in": "path", "required": True, "schema": S("string")}
q = lambda name, schema, desc=None: {k: v for k, v in {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}.items() if v is not None}
tz = S("string", description="IANA time zone the user's pages show times in", examples=["Europe/Paris"])
paging = [q("limit", S("integer", minimum=1, maximum=500)), q("cursor", S("string"))]
STD = ("400", "401", "415", "422")
signer_roles = ["internal", "counterparty"]
signer_statuses = ["waiting", "invited", "signed", "declined"]
request_statuses = ["open", "sealing", "completed", "declined", "cancelled", "expired"]
seal_outcomes = ["valid", "modified", "unknown_signer", "not_sealed"]
seal_levels = ["PAdES-B-B", "PAdES-B-T"]
statuses = ["draft", "inReview", "approved", "negotiating", "signing", "signed", "active", "renewed", "expired", "terminated", "cancelled"]

# ApprovalCriterion.Kind: each criterion names its kind; a kind with one value names its field after itself.
criterion_kinds = ["type", "amountAbove", "derogations", "noDerogation", "derogationCategories", "alternatives", "counterparty", "duration",
    "customText", "noCustomText", "personalData", "variable", "everyContract", "clauseRequires"]
criterion_schema = S("object", required=["kind"], description="what a rule found, as values; e.g. {kind: derogations, derogations: [...]}", properties={
    "kind": S("string", enum=criterion_kinds), "type": S("string"), "amount": {"$ref": "#/components/schemas/Money"}, "threshold": {"$ref": "#/components/schemas/Money"},
    "derogations": S("array", items=S("string")), "derogationCategories": S("array", items=S("string")), "alternatives": S("array", items=S("string")),
    "counterparty": S("string", enum=["customer", "supplier", "partner"]), "months": S("integer"), "limit": S("integer"),
    "customText": S("array", items=S("string")), "personalData": S("boolean"), "name": S("string"), "value": {},
    "variant": S("string"), "clause": S("string"), "role": S("string", enum=["admin", "legal", "sales", "finance", "viewer"])})
reason_schema = S("object", required=["rule", "because", "criteria"], properties={"ruleId": S("string"), "rule": S("string"),
    "because": S("array", items=S("string")), "criteria": S("array", items=criterion_schema, description="what matched, as values (the phrases' source)")})
refusal_reasons = ["inactive", "noAuthority", "typeNotCovered", "notYetValid", "expired", "amountAboveLimit", "currencyNotCovered"]
# ContractChange.Kind then AdminChange.Kind: the audit trails' event types, which webhooks deliver.
event_types = ["contract.created", "contract.transitioned", "contract.edited", "contract.sentBackToReview", "document.added", "contract.shared",
    "contract.generated", "approval.requested", "approval.decided", "approval.withdrawn", "approval.reassigned", "approval.completed",
    "contract.signatoryNamed", "contract.signatoryRemoved", "signature.requested", "signature.notified", "signature.step", "signature.signed",
    "signature.declined", "signature.cancelled", "signature.expired", "signature.signerChanged", "signature.sealed", "contract.signedElsewhere",
    "signatureAuthority.granted", "signatureAuthority.revoked", "approvalRule.added", "approvalRule.removed", "clause.saved", "template.published",
    "supplierRequest.submitted", "supplierRequest.decided", "supplierRequest.reassigned", "supplierRequest.stepCompleted", "supplierRequest.approved",
    "supplierRequest.rejected", "user.created", "user.changed", "webhook.subscribed", "webhook.removed", "contractType.added", "job.replayed",
    "integration.saved", "integration.removed", "integration.replayed", "renewal.decided", "renewal.renewed", "renewal.alerted",
    "contract.clausesChanged", "obligation.added", "obligation.changed"]
contract_summary = S("object", required=["id", "reference", "title", "status"], properties={"id": uuid, "reference": S("string"), "title": S("string"),
    "status": S("string", enum=statuses)})
crm_systems = ["salesforce", "hubspot", "pipedrive"]
derogation_groupings = ["category", "clause", "alternative", "counterparty", "owner", "month"]
renewal_decisions = ["renew", "renegotiate", "terminate"]
contract_groupings = ["status", "type", "owner", "month"]
spread = S("object", required=["count", "medianDays", "p90Days"], properties={"count": S("integer"), "medianDays": S("number"), "p90Days": S("number")})
renewal_modes = ["none", "tacit", "explicit"]
roles = ["admin", "legal", "sales", "finance", "viewer"]
obligation_statuses = ["open", "met", "breached", "waived", "superseded"]
obligation_parties = ["us", "them"]
obligation_declaration = S("object", required=["wording", "owedBy", "ownerRole"], properties={
    "wording": S("string", maxLength=1000, description="may use the template's {{ }} placeholders"), "owedBy": S("string", enum=obligation_parties),
    "ownerRole": S("string", enum=roles), "due": S("string", description="an expression over the template's variables giving the first due date"),
    "every": S("string", description="an ISO 8601 period: the recurrence")})
derogation_filters = [q("status", S("string"), "phases, comma-separated: inForce, inProgress, ended"), q("from", date), q("to", date)]
log_statuses = ["ok", "retrying", "failed", "refused"]
log_directions = ["push", "pull", "inbound", "check"]
field_error = S("object", required=["field", "message"], properties={"field": S("string"), "message": S("string"), "line": S("integer")})
field_mapping = S("object", required=["clmField", "crmObject", "crmField", "direction", "owner"], properties={
    "clmField": S("string", description="a Paraphe field (id, reference, status, signedDate, endDate, renewalDate, noticeDeadline, amount, derogations, documentUrl…), closeDate, stage, dealAmount, or variables.<name>"),
    "crmObject": S("string", description="a CRM object, or products: the deal's product lines, read into variables.<name> when a contract is generated"),
    "crmField": S("string", description="a field of the CRM object; for products, one of lines, names, total, count"), "direction": S("string", enum=["push", "pull", "both"]), "owner": S("string", enum=["clm", "crm"])})
stage_rule = S("object", required=["when", "templateId"], properties={"id": S("string"), "templateId": S("string"), "autoSend": S("boolean"),
    "signatoryId": S("string", format="uuid", description="the colleague who signs for the company when autoSend is true; required then"),
    "when": S("object", required=["object", "field", "equals"], properties={"object": S("string"), "field": S("string"), "equals": S("string"), "recordType": S("string")})})
credentials = S("object", description="write-only; never returned", properties={k: S("string") for k in [
    "clientId", "clientSecret", "username", "privateKey", "loginUrl", "accessToken", "webhookSecret", "webhookUser", "webhookPassword"]})
integration_input = S("object", properties={"name": S("string", maxLength=120), "system": S("string", enum=crm_systems), "baseUrl": S("string"),
    "allowPrivateNetwork": S("boolean"), "active": S("boolean"), "credentials": credentials, "fieldMap": S("array", items=field_mapping), "rules": S("array", items=stage_rule)})
schemas = {
  "CRMLink": S("object", required=["integrationId", "system", "objectType", "objectId"], properties={"integrationId": uuid, "system": S("string", enum=crm_systems),
      "objectType": S("string"), "objectId": S("string"), "url": nullable(S("string"))}),
  "Integration": S("object", required=["id", "name", "system", "baseUrl", "allowPrivateNetwork", "active", "credentialsSet", "fieldMap", "rules", "hookUrl", "status", "createdAt", "updatedAt"], properties={
      "id": uuid, "name": S("string"), "system": S("string", enum=crm_systems), "baseUrl": S("string"), "allowPrivateNetwork": S("boolean"), "active": S("boolean"),
      "credentialsSet": S("boolean"), "fieldMap": S("array", items=field_mapping), "rules": S("array", items=stage_rule), "hookUrl": S("string"), "createdAt": ts, "updatedAt": ts,
      "status": S("object", required=["token", "circuitOpen", "mapErrors", "pending", "rejected", "ruleFirings", "needsAttention"], properties={
          "token": S("string", enum=["unknown", "valid", "refused"]), "circuitOpen": S("boolean"), "circuitOpenUntil": ts, "lastPollAt": ts, "lastSuccessAt": ts,
          "lastError": S("string"), "mapErrors": S("array", items=field_error), "mapCheckedAt": ts, "pending": S("integer"), "rejected": S("integer"),
          "ruleFirings": S("integer"), "progress": S("object", required=["done", "total"], properties={"done": S("integer"), "total": S("integer")}),
          "organisation": S("string"), "needsAttention": S("boolean")})}),
  "SyncLogEntry": S("object", required=["id", "at", "direction", "operation", "status", "records", "calls"], properties={"id": uuid, "at": ts,
      "direction": S("string", enum=log_directions), "operation": S("string"), "status": S("string", enum=log_statuses), "records": S("integer"), "calls": S("integer"),
      "error": S("string"), "payload": {}, "replayOf": uuid, "replayedAt": ts}),
  "Approval": S("object", required=["id", "requestId", "requestedBy", "order", "mode", "status", "reasons", "decisions", "createdAt"], properties={
      "id": uuid, "requestId": uuid, "contract": contract_summary, "requestedBy": uuid,
      "supplierRequest": S("object", required=["id", "supplierName", "status"], properties={"id": uuid, "supplierName": S("string"),
          "status": S("string", enum=["pending", "approved", "rejected"])}), "order": S("integer"), "role": S("string"),
      "users": S("array", items=uuid), "mode": S("string", enum=["all", "any"]),
      "status": S("string", enum=["waiting", "pending", "approved", "rejected", "cancelled"]), "assignee": uuid,
      "reasons": S("array", items=reason_schema),
      "decisions": S("array", items=S("object", required=["userId", "decision", "at"], properties={"userId": uuid,
          "decision": S("string", enum=["approve", "reject"]), "comment": S("string"), "at": ts})),
      "createdAt": ts, "activatedAt": ts, "decidedAt": ts}),
  "ApprovalRequest": S("object", required=["id", "status", "requestedBy", "createdAt"], properties={"id": uuid,
      "status": S("string", enum=["pending", "approved", "rejected", "withdrawn"]), "requestedBy": uuid, "reason": S("string"), "createdAt": ts, "closedAt": ts}),
  "QueueEntry": S("object", required=["contract", "approvalId", "waitingSince", "score", "parts"], properties={"contract": contract_summary,
      "approvalId": uuid, "amount": ref("Money"), "deadline": date, "waitingSince": ts, "score": S("integer"),
      "parts": S("array", items=S("object", required=["name", "points", "because"], properties={"name": S("string", enum=["value", "deadline", "risk", "age"]),
          "points": S("integer"), "because": S("string")}))}),
  "Webhook": S("object", required=["id", "url", "events", "allowPrivateNetwork", "active", "createdAt"], properties={"id": uuid, "url": S("string"),
      "events": S("array", items=S("string")), "allowPrivateNetwork": S("boolean"), "active": S("boolean"), "createdAt": ts, "secret": S("string")}),
  "InboxItem": S("object", required=["id", "kind", "title", "link", "createdAt"], properties={"id": uuid,
      "kind": S("string", enum=["approval.needed", "approval.reminder", "approval.approved", "approval.rejected", "renewal.notice", "obligation.due"]), "title": S("string"),
      "link": S("string"), "contractId": uuid, "createdAt": ts, "readAt": ts}),
  "Mail": S("object", required=["id", "recipient", "subject", "body", "status", "createdAt"], properties={"id": uuid, "recipient": S("string"),
      "subject": S("string"), "body": S("string"), "status": S("string", enum=["queued", "sent", "held"]), "createdAt": ts, "sentAt": ts, "lastError": S("string")}),
  "Problem": S("object", required=["type", "title", "status", "detail"], properties={
      "type": S("string"), "title": S("string"), "status": S("integer"), "detail": S("string"),
      "errors": S("array", items=S("object", required=["field", "message"], properties={"field": S("string"), "message": S("string"), "line": S("integer")})),
      "allowed": S("array", items=S("string")), "reason": S("string", description="why the action is refused, as a code (noAuthority, selfGrant, importAsSignedNotAllowed…)"),
      "retryAfter": S("integer", description="for a 429: seconds before trying again, also sent as Retry-After")}),
  "NamedSignatory": S("object", required=["user", "namedBy", "namedAt", "eligible"], properties={
      "user": S("object", required=["id", "name", "email"], properties={"id": uuid, "name": S("string"), "email": S("string")}),
      "namedBy": uuid, "namedAt": ts, "eligible": S("boolean", description="whether their authority covers the contract today"),
      "reason": S("string", enum=refusal_reasons), "message": S("string")}),
  "Health": S("object", required=["status", "database", "pdfTextExtraction", "pdfFonts", "pdfFontsEmbedded"], properties={"status": S("string", enum=["ok", "unavailable"]),
      "database": S("string", enum=["sqlite", "postgres"]), "pdfTextExtraction": S("boolean"), "pdfFonts": S("string"), "pdfFontsEmbedded": S("boolean")}),
  "Money": S("object", required=["amount", "currency"], properties={"amount": S("string", pattern="^-?[0-9]+\\.[0-9]{2}$"), "currency": S("string")}),
  "User": S("object", required=["id", "email", "name", "roles", "language", "timeZone", "active", "createdAt"], properties={
      "id": uuid, "email": S("string"), "name": S("string"), "roles": S("array", items=S("string", enum=["admin", "legal", "sales", "finance", "viewer"])),
      "language": S("string", enum=["fr", "en"]), "timeZone": tz, "active": S("boolean"), "createdAt": ts}),
  "Counterparty": S("object", required=["id", "name", "kind", "crmRefs", "createdAt", "updatedAt"], properties={
      "id": uuid, "name": S("string"), "kind": S("string", enum=["customer", "supplier", "partner"]),
      "registrationNumber": S("string"), "address": S("string"), "crmRefs": S("object", additionalProperties=S("string")),
      "contact": ref("Contact"), "createdAt": ts, "updatedAt": ts}),
  "Contact": S("object", required=["name", "email"], description="Who signs for the counterparty by default",
      properties={"name": S("string"), "email": S("string"), "title": S("string")}),
  "CounterpartyInput": S("object", properties={"name": S("string"), "kind": S("string", enum=["customer", "supplier", "partner"]),
      "registrationNumber": S("string"), "address": S("string"), "crmRefs": S("object", additionalProperties=S("string")),
      "contact": ref("Contact"), "removeContact": S("boolean")}),
  "Signer": S("object", required=["id", "name", "email", "role", "order", "language", "status"], properties={
      "id": uuid, "name": S("string"), "email": S("string"), "role": S("string", enum=signer_roles), "order": S("integer"),
      "language": S("string", enum=["fr", "en"]), "status": S("string", enum=signer_statuses), "invitedAt": ts, "verifiedAt": ts,
      "signedAt": ts, "declinedAt": ts, "declineReason": S("string")}),
  "SignatureRequest": S("object", required=["id", "contractId", "status", "documentId", "documentSha256", "createdBy", "createdAt", "expiresAt", "signers"],
      properties={"id": uuid, "contractId": uuid, "status": S("string", enum=request_statuses), "message": S("string"), "documentId": uuid,
          "documentSha256": S("string"), "createdBy": uuid, "createdAt": ts, "expiresAt": ts, "closedAt": ts, "sealedDocumentId": uuid,
          "signers": S("array", items=ref("Signer"))}),
  "SealCheck": S("object", required=["outcome", "fileSha256"], properties={
      "outcome": S("string", enum=seal_outcomes), "reason": S("string"), "signer": S("string"), "level": S("string", enum=seal_levels),
      "timestamp": ts, "timestampAuthority": S("string"), "timestampTrusted": S("boolean"), "fileSha256": S("string"), "contractId": S("string"), "reference": S("string"),
      "signedVersionSha256": S("string"), "signers": S("array", items=S("string")), "anchorHolds": S("boolean"), "documentId": uuid}),
  "ContractType": S("object", required=["key", "labelFr", "labelEn", "builtIn"], properties={"key": S("string"), "labelFr": S("string"), "labelEn": S("string"), "builtIn": S("boolean")}),
  "Document": S("object", required=["id", "contractId", "version", "sha256", "format", "source", "filename", "size", "textIndexed", "createdAt", "url"], properties={
      "id": uuid, "contractId": uuid, "version": S("integer"), "sha256": S("string"), "format": S("string", enum=["pdf", "docx"]),
      "source": S("string"), "filename": S("string"), "size": S("integer"), "textIndexed": S("boolean"), "createdAt": ts, "url": S("string")}),
  "SavedView": S("object", required=["id", "name", "path", "query", "link", "createdAt"], properties={
      "id": uuid, "name": S("string"), "path": S("string"), "query": S("string"), "link": S("string", description="the page with its filters"), "createdAt": ts}),
  "Renewal": S("object", required=["mode"], properties={"mode": S("string", enum=["none", "tacit", "explicit"]), "period": S("string"), "notice": S("string"),
      "nextRenewalDate": date, "noticeDeadline": date, "currentTermEnd": date,
      "endsOn": {**date, "description": "the last day when nothing renews the contract: no renewal, or notice given"},
      "decision": S("object", required=["decision", "termEnd"], description="the decision taken on the term in force",
                    properties={"decision": S("string", enum=renewal_decisions), "termEnd": date})}),
  "Contract": S("object", required=["id", "reference", "title", "type", "status", "counterpartyId", "counterpartyName", "ownerId", "amount", "startDate", "endDate", "signedAt",
      "renewal", "metadata", "origin", "priority", "allowedTransitions", "clauses", "template", "documents", "approvals", "approvalRequest", "signatory", "signature", "crm", "createdAt", "updatedAt"], properties={
      "id": uuid, "reference": S("string", pattern="^CTR-[0-9]{4}-[0-9]{6,}$"), "title": S("string"), "type": S("string"),
      "status": S("string", enum=statuses), "counterpartyId": nullable(uuid), "counterpartyName": nullable(S("string")), "ownerId": uuid,
      "amount": nullable(ref("Money")), "startDate": nullable(date), "endDate": nullable(date), "signedAt": nullable(ts),
      "renewal": ref("Renewal"), "metadata": S("object"), "origin": S("string", enum=["manual", "import", "template"]), "priority": S("integer"),
      "allowedTransitions": S("array", items=S("string", enum=statuses)), "clauses": S("array", items=ref("ContractClause")),
      "template": nullable(S("object", required=["id", "version"], properties={"id": uuid, "version": S("integer")})), "documents": S("array", items=ref("Document")),
      "approvals": S("array", items=ref("Approval")), "approvalRequest": nullable(ref("ApprovalRequest")),
      "signatory": nullable(ref("NamedSignatory")), "signature": nullable(ref("SignatureRequest")), "crm": nullable(ref("CRMLink")), "createdAt": ts, "updatedAt": ts}),
  "ContractInput": S("object", properties={
      "title": S("string", minLength=1, maxLength=300), "type": S("string"), "counterpartyId": nullable(uuid), "amount": nullable(ref("Money")),
      "startDate": nullable(date), "endDate": nullable(date),
      "renewal": nullable(S("object", required=["mode"], properties={"mode": S("string", enum=["none", "tacit", "explicit"]), "period": S("string"), "notice": S("string")})),
      "metadata": S("object"), "templateId": S("string", description="generate from this template; then send variables and clauses, not type or terms"),
      "crm": ref("CRMLink"),
      "variables": S("object"), "clauses": S("object", additionalProperties={"anyOf": [S("string"), S("boolean"), S("object", required=["custom"], properties={"custom": S("string")})]})}),
  "ContractClause": S("object", required=["key", "nodeId", "number", "title", "variant", "isDerogation", "requiresApprovalBy", "textHash"], properties={
      "key": S("string"), "nodeId": S("string"), "number": S("string"), "title": S("string"), "variant": S("string", description="standard, custom or the alternative key"),
      "isDerogation": S("boolean"), "derogationCategory": S("string"), "requiresApprovalBy": S("array", items=S("string")), "clauseVersion": S("integer"),
      "text": S("string", description="on a single contract only"), "textHash": S("string")}),
  "Alternative": S("object", required=["key", "title", "body", "isDerogation", "requiresApprovalBy"], properties={
      "key": S("string"), "title": S("string"), "body": S("string"), "isDerogation": S("boolean"), "derogationCategory": S("string"),
      "requiresApprovalBy": S("array", items=S("string", enum=["admin", "legal", "sales", "finance", "viewer"])),
      "obligations": S("array", items=obligation_declaration)}),
  "Clause": S("object", required=["key", "version", "title", "category", "body", "alternatives", "obligations"], properties={
      "key": S("string"), "version": S("integer"), "title": S("string"), "category": S("string"), "body": S("string"), "alternatives": S("array", items=ref("Alternative")),
      "obligations": S("array", items=obligation_declaration, description="the commitments the standard text creates")}),
  "ClauseInput": S("object", properties={"key": S("string"), "title": S("string"), "category": S("string"), "body": S("string"),
      "obligations": S("array", items=obligation_declaration),
      "alternatives": S("array", items=S("object", properties={"key": S("string"), "title": S("string"), "body": S("string"), "isDerogation": S("boolean"),
          "derogationCategory": S("string"), "requiresApprovalBy": S("array", items=S("string")), "obligations": S("array", items=obligation_declaration)}))}),
  "Obligation": S("object", required=["id", "contractId", "reference", "contractTitle", "contractStatus", "origin", "wording", "owedBy", "ownerRole", "status",
                                      "createdAt", "updatedAt"], properties={
      "id": uuid, "contractId": uuid, "reference": S("string"), "contractTitle": S("string"), "contractStatus": S("string", enum=statuses),
      "counterpartyId": uuid, "counterparty": S("string"), "counterpartyKind": S("string", enum=["customer", "supplier", "partner"]),
      "origin": S("string", enum=["clause", "manual"]), "clauseKey": S("string"), "wording": S("string"), "owedBy": S("string", enum=obligation_parties),
      "ownerRole": S("string", enum=roles), "dueOn": date, "every": S("string"), "status": S("string", enum=obligation_statuses), "createdAt": ts, "updatedAt": ts,
      "history": S("array", description="on GET /api/v1/obligations/{id} only: every change, oldest first", items=S("object", required=["at", "to"], properties={
          "at": ts, "actorId": uuid, "from": S("string", enum=obligation_statuses), "to": S("string", enum=obligation_statuses), "dueOn": date, "note": S("string")})),
      "remindedFor": S("array", items=date, description="the due dates a reminder went out for"), "canChange": S("boolean")}),
  "TemplateVersion": S("object", required=["version", "status", "createdAt"], properties={"version": S("integer"),
      "status": S("string", enum=["draft", "published", "superseded"]), "createdAt": ts, "publishedAt": ts, "source": S("string")}),
  "TemplateSummary": S("object", required=["id", "name", "contractType", "language", "updatedAt"], properties={"id": uuid, "name": S("string"),
      "contractType": S("string"), "language": S("string", enum=["fr", "en"]), "publishedVersion": S("integer"), "updatedAt": ts}),
  "Template": S("object", required=["id", "name", "contractType", "language", "versions", "variables", "clauses", "createdAt", "updatedAt"], properties={
      "id": uuid, "name": S("string"), "contractType": S("string"), "language": S("string", enum=["fr", "en"]), "publishedVersion": S("integer"),
      "versions": S("array", items=ref("TemplateVersion")),
      "variables": S("array", items=S("object", required=["name", "label", "type", "required", "fromCounterparty"], properties={
          "name": S("string"), "label": S("string"), "type": S("string", enum=["text", "number", "money", "percent", "date", "duration", "boolean", "enum", "party", "list"]),
          "required": S("boolean"), "help": S("string"), "default": {}, "options": S("array", items=S("string")), "items": S("string"),
          "min": S("number"), "max": S("number"), "pattern": S("string"), "fromCounterparty": S("boolean")})),
      "clauses": S("array", items=ref("TemplateNode")), "createdAt": ts, "updatedAt": ts}),
  "TemplateNode": S("object", required=["id", "title", "optional", "includedByDefault", "conditional", "allowCustom", "alternatives", "children"], properties={
      "id": S("string"), "key": S("string"), "title": S("string"), "optional": S("boolean"), "includedByDefault": S("boolean"), "conditional": S("boolean"),
      "allowCustom": S("boolean"), "alternatives": S("array", items=S("object", required=["key", "title", "isDerogation", "requiresApprovalBy"], properties={
          "key": S("string"), "title": S("string"), "isDerogation": S("boolean"), "derogationCategory": S("string"), "requiresApprovalBy": S("array", items=S("string"))})),
      "children": S("array", items={"$ref": "#/components/schemas/TemplateNode"})}),
  "Event": S("object", required=["id", "sequence", "at", "actor", "type", "data", "previousHash", "hash"], properties={
      "id": uuid, "sequence": S("integer"), "at": ts, "actor": S("object", required=["label"], properties={"userId": uuid, "label": S("string"), "ip": S("string"), "userAgent": S("string")}),
      "type": S("string", enum=event_types), "data": S("object"), "reason": S("string"), "previousHash": S("string"), "hash": S("string")}),
  "Verification": S("object", required=["auditChain", "events", "documents", "seals"], properties={
      "seals": S("array", items=ref("SealCheck"), description="each sealed PDF checked, and whether the trail still holds the head it carries"),
      "auditChain": S("string", enum=["valid", "broken"]), "events": S("integer"), "detail": S("string"),
      "documents": S("array", items=S("object", required=["id", "sha256", "status"], properties={"id": uuid, "sha256": S("string"), "status": S("string", enum=["intact", "altered", "missing"])}))}),
  "ApprovalCondition": S("object", properties={"contractTypes": S("array", items=S("string")), "amountAbove": ref("Money"),
      "hasDerogation": S("boolean"), "derogationCategories": S("array", items=S("string")), "alternatives": S("array", items=S("string")),
      "counterpartyKinds": S("array", items=S("string", enum=["customer", "supplier", "partner"])), "durationMonthsAbove": S("integer"),
      "customText": S("boolean"), "personalData": S("boolean"),
      "variables": S("array", items=S("object", required=["name"], properties={"name": S("string"), "equals": {}, "in": S("array"),
          "above": {"anyOf": [S("number"), S("string")]}, "below": {"anyOf": [S("number"), S("string")]}, "currency": S("string")}),
          description="tests on the contract's variables (a generated contract's template variables; others' metadata)")}),
  "ApprovalStep": S("object", required=["mode", "order"], properties={"role": S("string", enum=["admin", "legal", "sales", "finance", "viewer"]),
      "users": S("array", items=uuid), "mode": S("string", enum=["all", "any"]), "order": S("integer")}),
  "ApprovalRule": S("object", required=["id", "position", "name", "when", "require", "appliesTo"], properties={"id": uuid, "position": S("integer"),
      "name": S("string"), "when": ref("ApprovalCondition"), "require": S("array", items=ref("ApprovalStep")),
      "appliesTo": S("string", enum=["contract", "supplierRequest"])}),
  "SupplierRequest": S("object", required=["id", "supplierName", "purpose", "dataProcessed", "requestedBy", "status", "createdAt"], properties={
      "id": uuid, "supplierName": S("string"), "purpose": S("string"), "annualCost": ref("Money"), "dataProcessed": S("array", items=S("string")),
      "requestedBy": uuid, "status": S("string", enum=["pending", "approved", "rejected"]), "counterpartyId": uuid, "createdAt": ts, "decidedAt": ts,
      "approvals": S("array", items=ref("Approval"))}),
  "SignatureAuthority": S("object", required=["id", "userId", "contractTypes", "validFrom", "grantedBy", "grantedAt", "active"], properties={
      "id": uuid, "userId": uuid, "contractTypes": S("array", items=S("string")), "maxAmount": ref("Money"), "validFrom": date, "validUntil": date,
      "grantedBy": uuid, "grantedAt": ts, "revokedAt": ts, "revokedBy": uuid, "active": S("boolean")}),
  "Job": S("object", required=["id", "kind", "state", "attempts", "maxAttempts", "runAt"], properties={
      "id": uuid, "kind": S("string"), "state": S("string", enum=["queued", "running", "done", "dead"]), "attempts": S("integer"), "maxAttempts": S("integer"), "runAt": ts, "lastError": S("string")}),
}

def op(summary, responses, params=None, request=None, tag=None, security=True):
    o = {"summary": summary, "responses": responses}
    if params: o["parameters"] = params
    if request: o["requestBody"] = request
    if not security: o["security"] = []
    return o

contract_filters = [q("q", S("string", maxLength=500), "full text over title, reference, counterparty, metadata and document text"),
    q("status", S("string", enum=statuses)), q("type", S("string")), q("counterpartyId", uuid), q("ownerId", uuid),
    q("endsBefore", date), q("renewalNoticeBefore", date, "contracts whose next notice deadline falls before this day"), q("sort", S("string", enum=["updatedAt", "priority", "endDate"])),
    q("hasDerogation", S("string", enum=["true", "false"]), "contracts with (or without) a derogation clause"),
    q("derogation", S("string"), "contracts using this alternative key"),
    q("clause", S("string"), "contracts with this library clause"),
    q("alternative", S("string", pattern="^[A-Za-z][A-Za-z0-9_-]*:[A-Za-z][A-Za-z0-9_-]*$"), "contracts whose clause takes this variant: clauseKey:variant (an alternative's key, standard or custom)"),
    {"name": "variable.{name}", "in": "query", "required": False, "schema": S("string", maxLength=200),
     "description": "contracts whose template variable {name} has this value, compared as text (dates YYYY-MM-DD, true/false)"},
    {"name": "metadata.{key}", "in": "query", "required": False, "schema": S("string", maxLength=200),
     "description": "contracts whose metadata field {key} has this value, compared as text"},
    q("col", S("string", enum=["type", "counterparty", "owner", "status", "amount", "startDate", "endDate", "noticeDeadline", "renewal", "createdAt"]),
      "with Accept: text/csv, a column to export besides the reference and title (repeat it, or separate with commas)")] + paging

paths = {
  "/health": {"get": op("Service health", {**ok(ref("Health")), **ok(ref("Health"), "503", "The database does not answer")}, security=False)},
  "/metrics": {"get": op("Prometheus metrics", {"200": {"description": "Prometheus text", "content": {"text/plain": {"schema": S("string")}}}}, security=False)},
  "/api/openapi.json": {"get": op("This document", {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": S("object")}}}}, security=False)},
  "/api/v1/auth/token": {
      "post": op("Exchange email and password for a bearer token", {**ok(S("object", required=["token", "tokenId", "expiresAt", "user"], properties={"token": S("string"), "tokenId": uuid, "expiresAt": ts, "user": ref("User")}), "201", "Created"), **errors("400", "401", "415", "422", "429")},
                 request=body(S("object", required=["email", "password"], properties={"email": S("string"), "password": S("string"), "label": S("string")})), security=False),
      "delete": op("Revoke the token used for this call", {"204": {"description": "Revoked"}, **errors("401")})},
  "/api/v1/auth/tokens/{id}": {"delete": op("Revoke one of your tokens", {"204": {"description": "Revoked"}, **errors("401", "404")}, params=[idp()])},
  "/api/v1/me": {"get": op("The calling user", {**ok(ref("User")), **errors("401")})},
  "/api/v1/workspace": {"get": op("This workspace's settings: the currencies contracts may be written in", {**ok(S("object", required=["currencies"], properties={
      "currencies": S("array", items=S("string", pattern="^[A-Z]{3}$"), description="ISO 4217 codes, the usual one first")})), **errors("401")})},
  "/api/v1/users": {
      "get": op("List users (admin, legal)", {**ok(page(ref("User"))), **errors("401", "403", "422")}, params=paging),
      "post": op("Create a user (admin)", {**ok(ref("User"), "201", "Created"), **errors(*STD, "403", "409")},
                 request=body(S("object", required=["email", "name", "password", "roles"], properties={"email": S("string"), "name": S("string"), "password": S("string", minLength=10),
                     "roles": S("array", items=S("string", enum=["admin", "legal", "sales", "finance", "viewer"])), "language": S("string", enum=["fr", "en"]), "timeZone": tz})))},
  "/api/v1/users/{id}": {"patch": op("Update a user (admin); anyone may change their own language and timeZone", {**ok(ref("User")), **errors(*STD, "403", "404")}, params=[idp()],
      request=body(S("object", properties={"name": S("string"), "roles": S("array", items=S("string")), "language": S("string"), "timeZone": tz,
                                           "active": S("boolean"), "password": S("string")})))},
  "/api/v1/reports/derogations": {"get": op("Every derogation granted, grouped (legal, finance, admin); CSV with Accept: text/csv",
      {"200": {"description": "The groups", "content": {
          "application/json": {"schema": S("object", required=["groupBy", "totals", "groups"], properties={
              "groupBy": S("string", enum=derogation_groupings),
              "totals": S("object", required=["derogations", "contracts"], properties={"derogations": S("integer"), "contracts": S("integer")}),
              "groups": S("array", items=S("object", required=["key", "label", "derogations", "contracts", "items"], properties={
                  "key": S("string"), "label": S("string"), "derogations": S("integer"), "contracts": S("integer"),
                  "items": S("string", description="the derogations behind this group")}))})},
          "text/csv": {"schema": S("string")}}}, **errors("401", "403", "422")},
      params=[q("groupBy", S("string", enum=derogation_groupings))] + derogation_filters)},
  "/api/v1/reports/derogations/items": {"get": op("The derogations behind a group, one by one; CSV with Accept: text/csv, streamed",
      {"200": {"description": "A page of derogations", "content": {
          "application/json": {"schema": page(S("object", required=["contractId", "reference", "title", "status", "clause", "clauseTitle", "variant"], properties={
              "contractId": uuid, "reference": S("string"), "title": S("string"), "status": S("string", enum=statuses),
              "counterparty": S("string"), "clause": S("string"), "clauseTitle": S("string"), "variant": S("string"), "category": S("string")}))},
          "text/csv": {"schema": S("string")}}}, **errors("401", "403", "422")},
      params=derogation_filters + [q(n, S("string")) for n in ["category", "clause", "alternative", "counterpartyId", "ownerId"]]
             + [q("month", S("string", pattern="^[0-9]{4}-[0-9]{2}$"))] + paging)},
  "/api/v1/saved-views": {
      "get": op("The caller's saved views, by name", {**ok(page(ref("SavedView"))), **errors("401", "422")}, params=paging),
      "post": op("Save a view: a page and its filters under a name of the caller's own", {**ok(ref("SavedView"), "201", "Created"), **errors(*STD)},
                 request=body(S("object", required=["name", "path"], properties={"name": S("string", minLength=1, maxLength=100),
                     "path": S("string", enum=["/contracts", "/reports/derogations", "/reports/derogations/items", "/reports/renewals", "/reports/contracts", "/reports/obligations"]),
                     "query": S("string", maxLength=2000, description="the page's query string, e.g. groupBy=owner&status=inForce")})))},
  "/api/v1/saved-views/{id}": {"delete": op("Delete one of the caller's saved views", {"204": {"description": "Deleted"}, **errors("401", "404")}, params=[idp()])},
  "/api/v1/reports/contracts": {"get": op("How contracts are made, over the contracts the caller sees (a sales rep their own): counts, value signed and "
      "cycle times (creation to signature) per group, value signed per month, time per status from the audit trail, approval turnaround per team, "
      "legal's load at quarter end; CSV of the groups with Accept: text/csv",
      {"200": {"description": "The report", "content": {
          "application/json": {"schema": S("object", required=["groupBy", "scope", "groups", "valueSignedByMonth", "timeInState", "approvalTurnaround", "quarterEndLoad"], properties={
              "groupBy": S("string", enum=contract_groupings), "scope": S("string", enum=["all", "own"]),
              "groups": S("array", items=S("object", required=["key", "label", "contracts", "signed", "valueSigned"], properties={
                  "key": S("string"), "label": S("string"), "contracts": S("integer"), "signed": S("integer"),
                  "valueSigned": S("array", items=ref("Money")), "cycleTime": spread})),
              "valueSignedByMonth": S("array", items=S("object", required=["month", "value", "contracts"], properties={
                  "month": S("string", pattern="^[0-9]{4}-[0-9]{2}$"), "value": ref("Money"), "contracts": S("integer")})),
              "timeInState": S("array", items=S("object", required=["status", "time"], properties={"status": S("string", enum=statuses), "time": spread})),
              "approvalTurnaround": S("array", items=S("object", required=["time"], properties={
                  "role": S("string", description="the team; absent for people named"), "time": spread})),
              "quarterEndLoad": S("array", items=S("object", required=["quarter", "legalApprovals", "lastTwoWeeks", "perDayLastTwoWeeks", "perDayBefore"], properties={
                  "quarter": S("string", pattern="^[0-9]{4}-Q[1-4]$"), "legalApprovals": S("integer"), "lastTwoWeeks": S("integer"),
                  "perDayLastTwoWeeks": S("number"), "perDayBefore": S("number")}))})},
          "text/csv": {"schema": S("string")}}}, **errors("401", "422")},
      params=[q("groupBy", S("string", enum=contract_groupings)), q("from", date), q("to", date), q("type", S("string")), q("ownerId", uuid)])},
  "/api/v1/reports/renewals": {"get": op("Notice deadlines, tacit renewals and endings in the next `within` days among the contracts the caller sees, with the count per day; "
      "CSV with Accept: text/csv, streamed",
      {"200": {"description": "The calendar and a page of contracts, by the date each falls due", "content": {
          "application/json": {"schema": S("object", required=["from", "to", "within", "calendar", "items", "nextCursor"], properties={
              "from": date, "to": date, "within": S("integer"),
              "calendar": S("array", items=S("object", required=["date", "noticeDeadlines", "renewals", "endings"], properties={
                  "date": date, "noticeDeadlines": S("integer"), "renewals": S("integer"), "endings": S("integer")})),
              "items": S("array", items=S("object", required=["contractId", "reference", "title", "type", "status", "ownerId", "renewal"], properties={
                  "contractId": uuid, "reference": S("string"), "title": S("string"), "type": S("string"), "status": S("string", enum=statuses),
                  "counterparty": S("string"), "ownerId": uuid, "owner": S("string"),
                  "renewal": S("object", required=["mode"], properties={"mode": S("string", enum=renewal_modes), "period": S("string"), "notice": S("string")}),
                  "noticeDeadline": date, "daysToDeadline": S("integer"), "nextRenewalDate": date, "endsOn": date,
                  "decision": S("object", required=["decision", "termEnd"], properties={"decision": S("string", enum=renewal_decisions), "termEnd": date}),
                  "exception": S("object", required=["mode"], description="the template's renewal terms, when this contract departs from them",
                                 properties={"mode": S("string", enum=renewal_modes), "period": S("string"), "notice": S("string")})})),
              "nextCursor": nullable(S("string"))})},
          "text/csv": {"schema": S("string")}}}, **errors("401", "422")},
      params=[q("within", S("integer", minimum=1, maximum=3660), "days ahead, 90 by default")] + paging)},
  "/api/v1/reports/obligations": {"get": op("The commitments register among the contracts the caller sees, soonest due first; CSV with Accept: text/csv, streamed",
      {"200": {"description": "A page of commitments", "content": {"application/json": {"schema": page(ref("Obligation"))}, "text/csv": {"schema": S("string")}}},
       **errors("401", "422")},
      params=[q("status", S("string"), "statuses, comma-separated: " + ", ".join(obligation_statuses)), q("owedBy", S("string", enum=obligation_parties)),
              q("counterpartyId", uuid), q("counterpartyKind", S("string", enum=["customer", "supplier", "partner"])), q("contractId", uuid),
              q("dueBy", date, "only those due on or before this day"),
              q("phase", S("string"), "the contracts' phases, comma-separated: inForce, inProgress, ended")] + paging)},
  "/api/v1/obligations/{id}": {
      "get": op("A commitment with its history", {**ok(ref("Obligation")), **errors("401", "404")}, params=[idp()]),
      "patch": op("Change a commitment's status (legal, admins, or those holding its owner role on the contract); the note is required for breached and waived; "
                  "meeting a recurring one moves it to its next due date", {**ok(ref("Obligation")), **errors(*STD, "403", "404", "409")}, params=[idp()],
                  request=body(S("object", required=["status"], properties={"status": S("string", enum=["open", "met", "breached", "waived"]),
                                                                            "note": S("string", maxLength=2000)})))},
  "/api/v1/contracts/{id}/obligations": {"post": op("Add a commitment by hand (legal, admins)", {**ok(ref("Obligation"), "201", "Created"), **errors(*STD, "403", "404", "409")},
      params=[idp()], request=body(S("object", required=["wording", "owedBy", "ownerRole"], properties={
          "wording": S("string", maxLength=1000), "owedBy": S("string", enum=obligation_parties), "ownerRole": S("string", enum=roles),
          "dueOn": date, "every": S("string", description="an ISO 8601 period; needs dueOn")})))},
  "/api/v1/contracts/{id}/clauses": {"patch": op("Change clauses of a generated contract before signature (an accepted change): the documents are generated again, "
      "the clause instances and commitments follow, and approval starts over when it had begun", {**ok(ref("Contract")), **errors(*STD, "403", "404", "409")},
      params=[idp()], request=body(S("object", required=["clauses"], properties={
          "clauses": S("object", description="a clause key to \"standard\", an alternative key, {\"custom\": \"text\"}, true or false"),
          "reason": S("string", maxLength=2000)})))},
  "/api/v1/counterparties": {
      "get": op("List counterparties", {**ok(page(ref("Counterparty"))), **errors("401", "422")}, params=[q("q", S("string"))] + paging),
      "post": op("Create a counterparty", {**ok(ref("Counterparty"), "201", "Created"), **errors(*STD, "403")}, request=body(ref("CounterpartyInput")))},
  "/api/v1/counterparties/{id}": {
      "get": op("A counterparty", {**ok(ref("Counterparty")), **errors("401", "404")}, params=[idp()]),
      "patch": op("Update a counterparty", {**ok(ref("Counterparty")), **errors(*STD, "403", "404")}, params=[idp()], request=body(ref("CounterpartyInput")))},
  "/api/v1/contract-types": {
      "get": op("Contract types", {**ok(page(ref("ContractType"))), **errors("401")}),
      "post": op("Add a contract type (admin)", {**ok(ref("ContractType"), "201", "Created"), **errors(*STD, "403", "409")},
                 request=body(S("object", required=["key", "labelFr"], properties={"key": S("string"), "labelFr": S("string"), "labelEn": S("string")})))},
  "/api/v1/contracts": {
      "get": op("Search and list contracts; every contract found as CSV with Accept: text/csv, streamed",
                {"200": {"description": "A page of contracts", "content": {"application/json": {"schema": page(ref("Contract"))}, "text/csv": {"schema": S("string")}}},
                 **errors("401", "422")}, params=contract_filters),
      "post": op("Generate a contract from a template (with templateId) or record one by hand", {**ok(ref("Contract"), "201", "Created"), **errors(*STD, "403", "413")}, request=body(ref("ContractInput")))},
  "/api/v1/contracts/import": {"post": op("Import a signed legacy PDF", {**ok(ref("Contract"), "201", "Created"), **errors("400", "401", "403", "409", "413", "415", "422")},
      request={"required": True, "content": {"multipart/form-data": {"schema": S("object", required=["file"], properties={"file": S("string", format="binary"), "metadata": S("string", description="JSON: contract fields plus status (draft, signed, active, renewed, expired or terminated; all but draft for legal and admins only; by default signed for them, draft for others) and signedAt")})}}})},
  "/api/v1/contracts/{id}": {
      "get": op("A contract", {**ok(ref("Contract")), **errors("401", "404")}, params=[idp()]),
      "patch": op("Edit a contract's metadata and terms", {**ok(ref("Contract")), **errors(*STD, "403", "404", "409")}, params=[idp()], request=body(ref("ContractInput")))},
  "/api/v1/contracts/{id}/transitions": {"post": op("Move a contract through its lifecycle", {**ok(ref("Contract")), **errors(*STD, "403", "404", "409")}, params=[idp()],
      request=body(S("object", required=["to"], properties={"to": S("string", enum=statuses), "reason": S("string", maxLength=2000)})))},
  "/api/v1/contracts/{id}/renewal-decision": {"post": op("Reconduire, renégocier or résilier the term in force (the owner, those it is shared with, legal, admins); "
      "notice given (renegotiate, terminate) adds the notice letter, PDF and DOCX, to the documents", {**ok(ref("Contract")), **errors(*STD, "403", "404", "409")}, params=[idp()],
      request=body(S("object", required=["decision"], properties={"decision": S("string", enum=renewal_decisions), "comment": S("string", maxLength=2000)})))},
  "/api/v1/contracts/{id}/events": {"get": op("The contract's audit trail", {**ok(page(ref("Event"))), **errors("401", "404")}, params=[idp()])},
  "/api/v1/contracts/{id}/verify": {"get": op("Verify the audit chain and stored documents", {**ok(ref("Verification")), **errors("401", "404")}, params=[idp()])},
  "/api/v1/contracts/{id}/shares": {"post": op("Share a contract with a user", {"204": {"description": "Shared"}, **errors(*STD, "403", "404")}, params=[idp()],
      request=body(S("object", required=["userId"], properties={"userId": uuid})))},
  "/api/v1/contracts/{id}/documents": {"get": op("The contract's documents", {**ok(page(ref("Document"))), **errors("401", "404")}, params=[idp()])},
  "/api/v1/documents/{id}": {"get": op("Document metadata", {**ok(ref("Document")), **errors("401", "404")}, params=[idp()])},
  "/api/v1/documents/{id}/content": {"get": op("Document bytes", {"200": {"description": "The file", "content": {"application/pdf": {"schema": S("string", format="binary")},
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"schema": S("string", format="binary")}}}, **errors("401", "404")}, params=[idp()])},
  "/api/v1/clauses": {
      "get": op("The clause library (current versions)", {**ok(page(ref("Clause"))), **errors("401", "422")}, params=paging),
      "post": op("Add a clause (legal, admin)", {**ok(ref("Clause"), "201", "Created"), **errors(*STD, "403", "409")}, request=body(ref("ClauseInput")))},
  "/api/v1/clauses/{key}": {
      "get": op("A clause, current or ?version=", {**ok(ref("Clause")), **errors("401", "404", "422")}, params=[idp("key"), q("version", S("integer", minimum=1))]),
      "patch": op("Edit a clause: a new version (legal, admin)", {**ok(ref("Clause")), **errors(*STD, "403", "404")}, params=[idp("key")], request=body(ref("ClauseInput")))},
  "/api/v1/templates": {
      "get": op("Templates", {**ok(page(ref("TemplateSummary"))), **errors("401", "422")}, params=[q("published", S("string", enum=["true", "false"]))] + paging),
      "post": op("Create a template (legal, admin)", {**ok(ref("Template"), "201", "Created"), **errors(*STD, "403")},
                 request=body(S("object", required=["name", "contractType"], properties={"name": S("string"), "contractType": S("string"), "language": S("string", enum=["fr", "en"])})))},
  "/api/v1/templates/{id}": {"get": op("A template with its versions and the published variables and clause tree", {**ok(ref("Template")), **errors("401", "404")}, params=[idp()])},
  "/api/v1/templates/{id}/versions": {"post": op("Add a draft version: the body is the manifest (YAML or JSON)", {**ok(ref("TemplateVersion"), "201", "Created"), **errors(*STD, "403", "404")},
      params=[idp()], request={"required": True, "content": {"application/yaml": {"schema": S("string")}, "application/json": {"schema": S("object")}}})},
  "/api/v1/templates/{id}/versions/{version}": {"get": op("A version with its manifest", {**ok(ref("TemplateVersion")), **errors("401", "404")}, params=[idp(), idp("version")])},
  "/api/v1/templates/{id}/versions/{version}/publish": {"post": op("Validate and publish a version (legal, admin)", {**ok(ref("Template")), **errors("401", "403", "404", "422")},
      params=[idp(), idp("version")])},
  "/api/v1/templates/{id}/preview": {"post": op("Render a contract from the published version without saving", {"200": {"description": "The document", "content": {
      "text/html": {"schema": S("string")}, "application/pdf": {"schema": S("string", format="binary")},
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"schema": S("string", format="binary")}}}, **errors(*STD, "404")},
      params=[idp(), q("format", S("string", enum=["html", "pdf", "docx"]))],
      request=body(S("object", properties={"counterpartyId": uuid, "title": S("string"), "variables": S("object"), "clauses": S("object")})))},
  "/api/v1/approval-policies": {
      "get": op("The approval policy: its rules, in order", {**ok(page(ref("ApprovalRule"))), **errors("401")}),
      "post": op("Add a rule (legal, admin)", {**ok(ref("ApprovalRule"), "201", "Created"), **errors(*STD, "403")},
                 request=body(S("object", properties={"name": S("string"), "when": ref("ApprovalCondition"), "position": S("integer", minimum=1),
                     "appliesTo": S("string", enum=["contract", "supplierRequest"]),
                     "require": S("array", items=S("object", properties={"role": S("string"), "users": S("array", items=S("string")),
                         "mode": S("string", enum=["all", "any"]), "order": S("integer")}))})))},
  "/api/v1/approval-policies/{id}": {"delete": op("Remove a rule (legal, admin)", {"204": {"description": "Removed"}, **errors("401", "403", "404")}, params=[idp()])},
  "/api/v1/approval-policies/simulate": {"post": op("Which approvals a contract needs and why; or, with a rule, which past contracts it would have caught",
      {**ok(S("object", properties={"history": S("object", required=["rule", "from", "to", "examined", "matched", "contracts"], properties={
          "rule": S("string"), "from": date, "to": date, "examined": S("integer"), "matched": S("integer"),
          "contracts": S("array", items=S("object", required=["id", "reference", "title", "because"], properties={"id": uuid, "reference": S("string"),
              "title": S("string"), "because": S("array", items=S("string"))}))}),
          "required": S("array", items=S("object", required=["order", "mode", "reasons"], properties={
          "order": S("integer"), "role": S("string"), "users": S("array", items=uuid), "mode": S("string", enum=["all", "any"]),
          "reasons": S("array", items=S("object", required=["rule", "because"], properties={"ruleId": S("string"), "rule": S("string"),
              "because": S("array", items=S("string"))}))}))})), **errors(*STD, "404")},
      request=body(S("object", properties={"from": date, "to": date,
          "rule": S("object", properties={"name": S("string"), "when": ref("ApprovalCondition"), "require": S("array", items=S("object"))}),
          "contractId": S("string"), "contract": S("object", required=["type"], properties={
          "type": S("string"), "amount": ref("Money"), "counterpartyKind": S("string", enum=["customer", "supplier", "partner"]), "startDate": date,
          "endDate": date, "clauses": S("array", items=S("object", required=["key"], properties={"key": S("string"), "variant": S("string"),
              "isDerogation": S("boolean"), "derogationCategory": S("string"), "requiresApprovalBy": S("array", items=S("string"))})),
          "variables": S("object")})})))},
  "/api/v1/signature-authorities": {
      "get": op("Signature authorities, revoked ones included (admin, legal, finance)", {**ok(page(ref("SignatureAuthority"))), **errors("401", "403", "422")},
                params=[q("userId", uuid)]),
      "post": op("Grant a signature authority (admin, legal)", {**ok(ref("SignatureAuthority"), "201", "Created"), **errors(*STD, "403")},
                 request=body(S("object", properties={"userId": S("string"), "contractTypes": S("array", items=S("string")), "maxAmount": ref("Money"),
                     "validFrom": date, "validUntil": date})))},
  "/api/v1/signature-authorities/{id}": {"delete": op("Revoke a signature authority (admin, legal)", {"204": {"description": "Revoked"}, **errors("401", "403", "404")}, params=[idp()])},
  "/api/v1/contracts/{id}/eligible-signatories": {"get": op("Who may sign this contract, and why the others may not", {**ok(S("object", required=["eligible", "ineligible"], properties={
      "eligible": S("array", items=S("object", required=["id", "name", "email"], properties={"id": uuid, "name": S("string"), "email": S("string")})),
      "ineligible": S("array", items=S("object", required=["user", "reason", "message"], properties={
          "user": S("object", required=["id", "name", "email"], properties={"id": uuid, "name": S("string"), "email": S("string")}),
          "reason": S("string", enum=refusal_reasons),
          "message": S("string")}))})), **errors("401", "404")}, params=[idp()])},
  "/api/v1/contracts/{id}/signatory": {
      "put": op("Name who signs for the company; 403 with the reason when their authority does not cover the contract",
                {**ok(ref("NamedSignatory")), **errors(*STD, "403", "404", "409")}, params=[idp()],
                request=body(S("object", required=["userId"], properties={"userId": uuid}))),
      "delete": op("Remove the named signatory", {"204": {"description": "Removed"}, **errors("401", "403", "404", "409")}, params=[idp()])},
  "/api/v1/approvals": {"get": op("Approval steps I may decide (admins: anyone's), oldest first", {**ok(page(ref("Approval"))), **errors("401", "403", "422")},
      params=[q("assignee", S("string"), "me (default) or a user id"), q("status", S("string", enum=["waiting", "pending", "approved", "rejected", "cancelled"]))] + paging)},
  "/api/v1/approvals/{id}": {"get": op("An approval step with its reasons and decisions", {**ok(ref("Approval")), **errors("401", "404")}, params=[idp()])},
  "/api/v1/approvals/{id}/decision": {"post": op("Approve or reject a step; a rejection needs a comment", {**ok(ref("Approval")), **errors(*STD, "403", "404", "409")},
      params=[idp()], request=body(S("object", required=["decision"], properties={"decision": S("string", enum=["approve", "reject"]), "comment": S("string", maxLength=4000)})))},
  "/api/v1/approvals/{id}/reassign": {"post": op("Hand a step to a colleague of the same role", {**ok(ref("Approval")), **errors(*STD, "403", "404", "409")},
      params=[idp()], request=body(S("object", required=["userId"], properties={"userId": uuid})))},
  "/api/v1/queue/legal": {"get": op("Contracts waiting on legal, by priority, with the score's parts (legal, admin)", {**ok(page(ref("QueueEntry"))), **errors("401", "403", "422")},
      params=paging)},
  "/api/v1/supplier-requests": {
      "get": op("Supplier requests: mine, or every one for legal, finance and admin; newest first", {**ok(page(ref("SupplierRequest"))), **errors("401", "422")}, params=paging),
      "post": op("Ask for a new supplier or tool; the supplier policy decides who approves", {**ok(ref("SupplierRequest"), "201", "Created"), **errors(*STD)},
                 request=body(S("object", required=["supplierName", "purpose"], properties={"supplierName": S("string", maxLength=200),
                     "purpose": S("string", maxLength=4000), "annualCost": ref("Money"), "dataProcessed": S("array", items=S("string"))})))},
  "/api/v1/supplier-requests/{id}": {"get": op("A supplier request with its approval steps", {**ok(ref("SupplierRequest")), **errors("401", "404")}, params=[idp()])},
  "/api/v1/webhooks": {
      "get": op("Outbound webhooks (admin); secrets are not shown", {**ok(page(ref("Webhook"))), **errors("401", "403")}),
      "post": op("Add a webhook (admin): events are signed with the secret, retried and logged", {**ok(ref("Webhook"), "201", "Created"), **errors(*STD, "403")},
                 request=body(S("object", required=["url", "events"], properties={"url": S("string"), "events": S("array", items=S("string")),
                     "secret": S("string", minLength=16, maxLength=256), "allowPrivateNetwork": S("boolean")})))},
  "/api/v1/webhooks/{id}": {"delete": op("Stop a webhook (admin); its log stays", {"204": {"description": "Stopped"}, **errors("401", "403", "404")}, params=[idp()])},
  "/api/v1/webhooks/{id}/deliveries": {"get": op("A webhook's delivery log, newest first (admin)", {**ok(page(S("object",
      required=["id", "eventType", "status", "attempts", "createdAt", "payload"], properties={"id": uuid, "eventType": S("string", enum=event_types),
      "status": S("string", enum=["queued", "delivered", "retrying", "failed"]), "attempts": S("integer"), "responseStatus": S("integer"),
      "lastError": S("string"), "createdAt": ts, "deliveredAt": ts, "payload": S("object")}))), **errors("401", "403", "404", "422")}, params=[idp()] + paging)},
  "/api/v1/integrations": {
      "get": op("CRM integrations and their health (admin); credentials are never returned", {**ok(page(ref("Integration"))), **errors("401", "403")}),
      "post": op("Connect a CRM (admin): the credentials are tried and the field map checked against the CRM's describe before anything is saved",
                 {**ok(ref("Integration"), "201", "Created"), **errors(*STD, "403")}, request=body(integration_input))},
  "/api/v1/integrations/{id}": {
      "get": op("An integration and its health (admin)", {**ok(ref("Integration")), **errors("401", "403", "404")}, params=[idp()]),
      "patch": op("Change an integration (admin); credentials are replaced only when sent", {**ok(ref("Integration")), **errors(*STD, "403", "404")},
                  params=[idp()], request=body(integration_input)),
      "delete": op("Disconnect (admin): nothing is sent or read any more; contracts keep their link and the log stays",
                   {"204": {"description": "Disconnected"}, **errors("401", "403", "404")}, params=[idp()])},
  "/api/v1/integrations/{id}/test": {"post": op("Sign in again and check the field map now (admin)", {**ok(ref("Integration")), **errors("401", "403", "404")}, params=[idp()])},
  "/api/v1/integrations/{id}/sync": {"post": op("Read the CRM now and send what is pending, in the background (admin)",
      {"202": {"description": "Queued", "content": {"application/json": {"schema": S("object", properties={"status": S("string")})}}}, **errors("401", "403", "404")}, params=[idp()])},
  "/api/v1/integrations/{id}/log": {"get": op("The sync log, newest first: every attempt with its status, error and payload (admin)",
      {**ok(page(ref("SyncLogEntry"))), **errors("401", "403", "404", "422")},
      params=[idp(), q("status", S("string", enum=log_statuses)), q("direction", S("string", enum=log_directions))] + paging)},
  "/api/v1/integrations/{id}/log/{entryId}/replay": {"post": op("Do again what a failed entry records: send its contracts as they are now, or read its record again (admin)",
      {**ok(ref("SyncLogEntry"), "202", "Queued"), **errors("401", "403", "404", "409")}, params=[idp(), idp("entryId")])},
  "/hooks/salesforce/{id}": {"post": op("Salesforce Outbound Message: a hint that queues a poll; answers the SOAP acknowledgement. A DTD, another org or malformed XML is refused and logged",
      {"200": {"description": "Acknowledged", "content": {"text/xml": {"schema": S("string")}}}, **errors("400", "404", "413", "429")}, params=[idp()], security=False,
      request={"required": True, "content": {"text/xml": {"schema": S("string")}}})},
  "/hooks/hubspot/{id}": {"post": op("HubSpot webhook batch (signature v3 with the app secret, at most five minutes old, from the connected portal): a hint that queues a poll of the deals it names. Anything else is refused and logged",
      {"204": {"description": "Accepted"}, **errors("400", "404", "413", "429")}, params=[idp()], security=False,
      request={"required": True, "content": {"application/json": {"schema": S("array", items=S("object"))}}})},
  "/hooks/pipedrive/{id}": {"post": op("Pipedrive webhook (v2, Basic auth with the webhook's user and password, from the connected company): a hint that queues a poll of the deal it names. Anything else is refused and logged",
      {"204": {"description": "Accepted"}, **errors("400", "404", "413", "429")}, params=[idp()], security=False,
      request={"required": True, "content": {"application/json": {"schema": S("object")}}})},
  "/api/v1/inbox": {"get": op("My notifications, newest first", {**ok(page(ref("InboxItem"))), **errors("401", "422")},
      params=[q("unread", S("string", enum=["true", "false"]))] + paging)},
  "/api/v1/inbox/{id}/read": {"post": op("Mark a notification read", {"204": {"description": "Read"}, **errors("401", "404")}, params=[idp()])},
  "/api/v1/mails": {"get": op("The mail outbox, newest first (admin)", {**ok(page(ref("Mail"))), **errors("401", "403", "422")}, params=[paging[0]])},
  "/api/v1/contracts/{id}/signature-requests": {
      "get": op("The contract's signature requests, newest first", {**ok(page(ref("SignatureRequest"))), **errors("401", "404")}, params=[idp()]),
      "post": op("Send an approved contract for signature; without signers, the named signatory and the counterparty's contact. 403 with the reason "
                 "when an internal signer's authority does not cover the contract", {**ok(ref("SignatureRequest"), "201", "Created"), **errors(*STD, "403", "404", "409")},
                 params=[idp()], request=body(S("object", properties={"message": S("string", maxLength=2000), "signers": S("array", items=S("object",
                     required=["name", "email", "role"], properties={"name": S("string"), "email": S("string"), "role": S("string", enum=signer_roles),
                     "order": S("integer", minimum=1, maximum=10), "language": S("string", enum=["fr", "en"])}))})))},
  "/api/v1/contracts/{id}/signed-elsewhere": {"post": op("Record a contract signed outside Paraphe: the signed PDF and a reason (legal, admin; never the owner)",
      {**ok(ref("Contract")), **errors(*STD, "403", "404", "409")}, params=[idp()],
      request={"required": True, "content": {"multipart/form-data": {"schema": S("object", required=["file", "reason"], properties={
          "file": S("string", format="binary"), "reason": S("string")})}}})},
  "/api/v1/signature-requests/{id}": {
      "get": op("A signature request and each signer's status", {**ok(ref("SignatureRequest")), **errors("401", "404")}, params=[idp()]),
      "delete": op("Cancel an open signature request: its links die, the contract goes back to approved",
                   {**ok(ref("SignatureRequest")), **errors("401", "403", "404", "409", "415", "422")}, params=[idp()],
                   request=body(S("object", properties={"reason": S("string", maxLength=2000)}), required=False))},
  "/api/v1/signature-requests/{id}/signers/{signerId}/resend": {"post": op("Send a signer a new link; with a corrected email (counterparty), the old links die",
      {**ok(ref("Signer")), **errors("401", "403", "404", "409", "415", "422")}, params=[idp(), idp("signerId")],
      request=body(S("object", properties={"email": S("string")}), required=False))},
  "/sign/{token}": {"get": op("The signer's page (HTML), or with Accept: application/json the signer, the status and the version to sign",
      {**ok(S("object", required=["signer", "status", "contract", "document", "verified", "consent"], properties={
          "signer": ref("Signer"), "status": S("string", enum=request_statuses), "contract": S("object", properties={"reference": S("string"), "title": S("string")}),
          "document": S("object", required=["sha256", "url", "filename"], properties={"sha256": S("string"), "url": S("string"), "filename": S("string")}),
          "verified": S("boolean"), "consent": S("object", required=["version", "text"], properties={"version": S("string"), "text": S("string")})})),
       **errors("404", "409"), "410": problem_resp("Link expired")}, params=[idp("token")], security=False)},
  "/sign/{token}/document.pdf": {"get": op("The PDF to sign", {"200": {"description": "The PDF", "content": {"application/pdf": {"schema": S("string", format="binary")}}},
      **errors("404", "409"), "410": problem_resp("Link expired")}, params=[idp("token")], security=False)},
  "/sign/{token}/otp": {"post": op("Mail the signer a one-time code (6 digits, 10 minutes, 5 tries)", {"202": {"description": "Queued"},
      **errors("404", "409", "429"), "410": problem_resp("Link expired")}, params=[idp("token")], security=False)},
  "/sign/{token}/verify": {"post": op("Check the code", {"204": {"description": "Verified"}, **errors("404", "409", "415", "422"), "410": problem_resp("Link expired")},
      params=[idp("token")], request=body(S("object", required=["code"], properties={"code": S("string")})), security=False)},
  "/sign/{token}/sign": {"post": op("Sign: consent, the SHA-256 of the document shown, and the signature (typed or drawn)",
      {**ok(ref("Signer")), **errors("404", "409", "415", "422"), "410": problem_resp("Link expired")}, params=[idp("token")], security=False,
      request=body(S("object", required=["consent", "documentSha256", "signature"], properties={"consent": S("boolean"), "documentSha256": S("string"),
          "language": S("string", enum=["fr", "en"], description="the language of the consent text shown; the signer's by default"),
          "signature": S("object", required=["kind"], properties={"kind": S("string", enum=["typed", "drawn"]), "text": S("string"),
              "strokes": S("array", items=S("array", items=S("array", items=S("number"))))})})))},
  "/sign/{token}/decline": {"post": op("Decline with a reason: the request closes and the sender is told", {"204": {"description": "Declined"},
      **errors("404", "409", "415", "422"), "410": problem_resp("Link expired")}, params=[idp("token")], security=False,
      request=body(S("object", required=["reason"], properties={"reason": S("string", maxLength=2000)})))},
  "/verify": {"post": op("Check a PDF: valid, modified, unknown_signer or not_sealed (Accept: application/json; HTML otherwise)",
      {**ok(ref("SealCheck")), **errors("400", "413", "422")}, security=False,
      request={"required": True, "content": {"multipart/form-data": {"schema": S("object", required=["file"], properties={"file": S("string", format="binary")})}}}),
      "get": op("The public page to check a sealed PDF (HTML)", {"200": {"description": "The page", "content": {"text/html": {"schema": S("string")}}}}, security=False)},
  "/api/v1/admin/events": {"get": op("The admin log: grants, revocations, approval rules, clause and template changes (admin, legal)",
      {**ok(page(ref("Event"))), **errors("401", "403", "422")}, params=paging)},
  "/api/v1/admin/events/verify": {"get": op("Verify the admin log's hash chain (admin, legal)", {**ok(S("object", required=["chain", "entries"], properties={
      "chain": S("string", enum=["valid", "broken"]), "entries": S("integer"), "problem": S("string")})), **errors("401", "403")})},
  "/api/v1/jobs": {"get": op("Background jobs (admin)", {**ok(page(ref("Job"))), **errors("401", "403", "422")}, params=[q("state", S("string", enum=["queued", "running", "done", "dead"]))] + paging)},
  "/api/v1/jobs/{id}/replay": {"post": op("Queue a dead job again (admin)", {"202": {"description": "Queued"}, **errors("401", "403", "404", "409")}, params=[idp()])},
}
# The signer's page and /verify answer browsers in HTML (errors included) and clients in JSON, by Accept.
for path, method in [("/sign/{token}", "get"), ("/sign/{token}/document.pdf", "get"), ("/verify", "post")]:
    for response in paths[path][method]["responses"].values():
        response.setdefault("content", {})["text/html"] = {"schema": S("string")}

# Any request can be malformed (a NUL byte in the query, a body that is not JSON) or too large.
for path, operations in paths.items():
    for operation in operations.values():
        operation["responses"].setdefault("400", problem_resp("Malformed request"))
        if "requestBody" in operation:
            operation["responses"].setdefault("413", problem_resp("Body too large"))
            operation["responses"].setdefault("415", problem_resp("Unsupported media type"))

doc = {"openapi": "3.1.0", "info": {"title": "Paraphe API", "version": "1.0.0", "description": "Contract lifecycle management wired into the CRM."},
       "servers": [{"url": "/"}], "security": [{"bearer": []}],
       "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": schemas}, "paths": paths}
text = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True)
# No final newline: the file's bytes are served as they are.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources/ParapheApp/Operations/openapi.json"), "w",
          encoding="utf-8", newline="\n") as out:
    out.write(text)
