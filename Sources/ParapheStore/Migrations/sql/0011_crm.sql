-- CRM integrations: connections, each contract's CRM record, the push outbox, the sync log and the stage rules' firings

CREATE TABLE integrations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, system TEXT NOT NULL, base_url TEXT NOT NULL, allow_private BIGINT NOT NULL,
  field_map TEXT NOT NULL, rules TEXT NOT NULL, credentials TEXT NOT NULL, state TEXT NOT NULL, active BIGINT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

ALTER TABLE contracts ADD COLUMN crm_integration_id TEXT;
ALTER TABLE contracts ADD COLUMN crm_system TEXT;
ALTER TABLE contracts ADD COLUMN crm_object_type TEXT;
ALTER TABLE contracts ADD COLUMN crm_object_id TEXT;
ALTER TABLE contracts ADD COLUMN crm_url TEXT;
CREATE INDEX contracts_by_crm_record ON contracts (crm_integration_id, crm_object_id);

-- One row per (integration, contract): a change raises `version`; the push sends the contract as it is then and
-- records the version it sent. Many changes before a push are one write: the last state wins.
CREATE TABLE crm_outbox (
  integration_id TEXT NOT NULL, contract_id TEXT NOT NULL, version BIGINT NOT NULL, sent_version BIGINT NOT NULL,
  failed_version BIGINT, attempts BIGINT NOT NULL, last_error TEXT, changed_at TEXT NOT NULL, sent_at TEXT,
  PRIMARY KEY (integration_id, contract_id));
CREATE INDEX crm_outbox_by_integration ON crm_outbox (integration_id, changed_at);

CREATE TABLE crm_sync_log (
  id TEXT PRIMARY KEY, integration_id TEXT NOT NULL, at TEXT NOT NULL, direction TEXT NOT NULL, operation TEXT NOT NULL,
  status TEXT NOT NULL, records BIGINT NOT NULL, calls BIGINT NOT NULL, error TEXT, payload TEXT, replay_of TEXT, replayed_at TEXT);
CREATE INDEX crm_sync_log_by_integration ON crm_sync_log (integration_id, at);

-- A rule fires once per (rule, record), whatever polls, pushes or replays see the record again.
CREATE TABLE crm_rule_firings (
  integration_id TEXT NOT NULL, rule_id TEXT NOT NULL, object_id TEXT NOT NULL, contract_id TEXT, auto_send BIGINT NOT NULL,
  sent BIGINT NOT NULL, fired_at TEXT NOT NULL, PRIMARY KEY (integration_id, rule_id, object_id));
