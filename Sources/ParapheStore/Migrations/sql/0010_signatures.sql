-- e-signature: requests, signers and their links; counterparty contacts; mails whose secret is minted when sent, and
-- mail attachments

ALTER TABLE counterparties ADD COLUMN contact_name TEXT;

ALTER TABLE counterparties ADD COLUMN contact_email TEXT;

ALTER TABLE counterparties ADD COLUMN contact_title TEXT;

ALTER TABLE mails ADD COLUMN secret TEXT;

ALTER TABLE mails ADD COLUMN attachment_sha256 TEXT;

ALTER TABLE mails ADD COLUMN attachment_name TEXT;

CREATE TABLE signature_requests (
  id TEXT PRIMARY KEY, contract_id TEXT NOT NULL REFERENCES contracts(id), status TEXT NOT NULL, message TEXT,
  document_id TEXT NOT NULL REFERENCES documents(id), document_sha256 TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, next_reminder_at TEXT, closed_at TEXT,
  sealed_document_id TEXT REFERENCES documents(id));

CREATE INDEX signature_requests_contract ON signature_requests (contract_id, created_at);

CREATE UNIQUE INDEX signature_requests_held ON signature_requests (contract_id) WHERE status IN ('open', 'sealing');

CREATE INDEX signature_requests_reminders ON signature_requests (status, next_reminder_at);

CREATE TABLE signature_signers (
  id TEXT PRIMARY KEY, request_id TEXT NOT NULL REFERENCES signature_requests(id), position BIGINT NOT NULL, name TEXT NOT NULL,
  email TEXT NOT NULL, role TEXT NOT NULL, sign_order BIGINT NOT NULL, language TEXT NOT NULL, user_id TEXT REFERENCES users(id),
  status TEXT NOT NULL, invited_at TEXT, verified_at TEXT, signed_at TEXT, declined_at TEXT, decline_reason TEXT, mark TEXT,
  consent_sha256 TEXT, code_hash TEXT, code_expires_at TEXT, code_attempts BIGINT NOT NULL DEFAULT 0,
  code_failures BIGINT NOT NULL DEFAULT 0, codes_sent BIGINT NOT NULL DEFAULT 0, codes_window_start TEXT, viewed_at TEXT);

CREATE INDEX signature_signers_request ON signature_signers (request_id, position);

CREATE TABLE signature_links (
  token_sha256 TEXT PRIMARY KEY, signer_id TEXT NOT NULL REFERENCES signature_signers(id), created_at TEXT NOT NULL, revoked_at TEXT);

CREATE INDEX signature_links_signer ON signature_links (signer_id);
