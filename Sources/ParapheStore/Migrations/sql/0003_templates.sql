-- clause library, templates with versions, clause instances of contracts

CREATE TABLE clauses (
  key TEXT PRIMARY KEY, current_version BIGINT NOT NULL, category TEXT NOT NULL, title TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE TABLE clause_versions (
  clause_key TEXT NOT NULL REFERENCES clauses(key), version BIGINT NOT NULL, title TEXT NOT NULL, category TEXT NOT NULL,
  body TEXT NOT NULL, alternatives TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT,
  PRIMARY KEY (clause_key, version));

CREATE TABLE templates (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, contract_type TEXT NOT NULL REFERENCES contract_types(key), language TEXT NOT NULL,
  published_version BIGINT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE INDEX templates_name ON templates (name, id);

CREATE TABLE template_versions (
  template_id TEXT NOT NULL REFERENCES templates(id), version BIGINT NOT NULL, status TEXT NOT NULL, source TEXT NOT NULL,
  created_at TEXT NOT NULL, created_by TEXT, published_at TEXT, PRIMARY KEY (template_id, version));

CREATE TABLE contract_clauses (
  contract_id TEXT NOT NULL REFERENCES contracts(id), position BIGINT NOT NULL, node_id TEXT NOT NULL, number TEXT NOT NULL,
  clause_key TEXT NOT NULL, clause_version BIGINT, title TEXT NOT NULL, variant TEXT NOT NULL, is_derogation BIGINT NOT NULL,
  derogation_category TEXT, requires_approval_by TEXT NOT NULL, text TEXT NOT NULL, text_hash TEXT NOT NULL,
  PRIMARY KEY (contract_id, position));

CREATE INDEX contract_clauses_derogation ON contract_clauses (is_derogation, contract_id);

CREATE INDEX contract_clauses_variant ON contract_clauses (variant, contract_id);

ALTER TABLE contracts ADD COLUMN template_id TEXT;

ALTER TABLE contracts ADD COLUMN template_version BIGINT;

ALTER TABLE contracts ADD COLUMN variables TEXT;
