-- users, tokens, counterparties, contracts, audit events, documents, blobs, jobs

CREATE TABLE users (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, roles TEXT NOT NULL,
  language TEXT NOT NULL, password_hash TEXT NOT NULL, active BIGINT NOT NULL, created_at TEXT NOT NULL);

CREATE TABLE auth_tokens (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), token_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, csrf_token TEXT, label TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
  revoked_at TEXT);

CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

CREATE TABLE login_failures (key TEXT NOT NULL, at TEXT NOT NULL);

CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE contract_types (
  key TEXT PRIMARY KEY, label_fr TEXT NOT NULL, label_en TEXT NOT NULL, built_in BIGINT NOT NULL, created_at TEXT NOT NULL);

CREATE TABLE counterparties (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, registration_number TEXT, address TEXT,
  crm_refs TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE INDEX counterparties_name ON counterparties (name);

CREATE TABLE reference_counters (year BIGINT PRIMARY KEY, last_number BIGINT NOT NULL);

CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);

CREATE TABLE contracts (
  id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, title TEXT NOT NULL, type TEXT NOT NULL REFERENCES contract_types(key),
  counterparty_id TEXT REFERENCES counterparties(id), owner_id TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL, amount TEXT, currency TEXT, start_date TEXT, end_date TEXT, signed_at TEXT,
  renewal_mode TEXT NOT NULL, renewal_period TEXT, renewal_notice TEXT, metadata TEXT NOT NULL,
  origin TEXT NOT NULL, priority BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  event_count BIGINT NOT NULL DEFAULT 0, audit_head TEXT, next_renewal_date TEXT, notice_deadline TEXT,
  search_key BIGINT NOT NULL UNIQUE);

CREATE INDEX contracts_updated ON contracts (updated_at, id);

CREATE INDEX contracts_status ON contracts (status);

CREATE INDEX contracts_owner ON contracts (owner_id);

CREATE INDEX contracts_counterparty ON contracts (counterparty_id);

CREATE INDEX contracts_end ON contracts (end_date, id);

CREATE INDEX contracts_priority ON contracts (priority, id);

CREATE INDEX contracts_notice ON contracts (notice_deadline);

CREATE TABLE contract_shares (
  contract_id TEXT NOT NULL REFERENCES contracts(id), user_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (contract_id, user_id));

CREATE INDEX contract_shares_user ON contract_shares (user_id);

CREATE TABLE events (
  id TEXT PRIMARY KEY, contract_id TEXT NOT NULL REFERENCES contracts(id), sequence BIGINT NOT NULL,
  at TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, reason TEXT,
  previous_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (contract_id, sequence));

CREATE TABLE documents (
  id TEXT PRIMARY KEY, contract_id TEXT NOT NULL REFERENCES contracts(id), version BIGINT NOT NULL,
  sha256 TEXT NOT NULL, format TEXT NOT NULL, source TEXT NOT NULL, filename TEXT NOT NULL, size BIGINT NOT NULL,
  text_indexed BIGINT NOT NULL, created_at TEXT NOT NULL, created_by TEXT, UNIQUE (contract_id, version));

CREATE INDEX documents_sha ON documents (sha256);

CREATE TABLE document_texts (document_id TEXT PRIMARY KEY REFERENCES documents(id), contract_id TEXT NOT NULL, text TEXT NOT NULL);

CREATE INDEX document_texts_contract ON document_texts (contract_id);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, dedupe_key TEXT UNIQUE, state TEXT NOT NULL,
  attempts BIGINT NOT NULL, max_attempts BIGINT NOT NULL, run_at TEXT NOT NULL, locked_by TEXT, locked_until TEXT,
  last_error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE INDEX jobs_ready ON jobs (state, run_at);

INSERT INTO contract_types (key, label_fr, label_en, built_in, created_at) VALUES ('nda', 'Accord de confidentialité', 'Non-disclosure agreement', 1, '2026-01-01T00:00:00.000Z');

INSERT INTO contract_types (key, label_fr, label_en, built_in, created_at) VALUES ('msa', 'Contrat-cadre de services', 'Master services agreement', 1, '2026-01-01T00:00:00.000Z');

INSERT INTO contract_types (key, label_fr, label_en, built_in, created_at) VALUES ('order_form', 'Bon de commande', 'Order form', 1, '2026-01-01T00:00:00.000Z');

INSERT INTO contract_types (key, label_fr, label_en, built_in, created_at) VALUES ('dpa', 'Accord de traitement des données', 'Data processing agreement', 1, '2026-01-01T00:00:00.000Z');

INSERT INTO contract_types (key, label_fr, label_en, built_in, created_at) VALUES ('supplier', 'Contrat fournisseur', 'Supplier agreement', 1, '2026-01-01T00:00:00.000Z');
