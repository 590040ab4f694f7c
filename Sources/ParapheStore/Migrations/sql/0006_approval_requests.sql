-- approval requests, steps and decisions; supplier requests; in-app notifications; mail outbox; admin log

ALTER TABLE approval_rules ADD COLUMN applies_to TEXT NOT NULL DEFAULT 'contract';

CREATE INDEX contracts_created ON contracts (created_at, id);

CREATE TABLE supplier_requests (
  id TEXT PRIMARY KEY, supplier_name TEXT NOT NULL, purpose TEXT NOT NULL, annual_cost TEXT, currency TEXT, data_processed TEXT NOT NULL,
  requested_by TEXT NOT NULL REFERENCES users(id), status TEXT NOT NULL, counterparty_id TEXT REFERENCES counterparties(id),
  created_at TEXT NOT NULL, decided_at TEXT);

CREATE INDEX supplier_requests_created ON supplier_requests (created_at);

CREATE TABLE approval_requests (
  id TEXT PRIMARY KEY, contract_id TEXT REFERENCES contracts(id), supplier_request_id TEXT REFERENCES supplier_requests(id),
  number BIGINT NOT NULL, requested_by TEXT NOT NULL REFERENCES users(id), status TEXT NOT NULL, reason TEXT, created_at TEXT NOT NULL,
  closed_at TEXT, UNIQUE (contract_id, number), UNIQUE (supplier_request_id, number));

CREATE TABLE approvals (
  id TEXT PRIMARY KEY, request_id TEXT NOT NULL REFERENCES approval_requests(id), contract_id TEXT REFERENCES contracts(id),
  supplier_request_id TEXT REFERENCES supplier_requests(id),
  requested_by TEXT NOT NULL REFERENCES users(id), position BIGINT NOT NULL, step_order BIGINT NOT NULL, role TEXT, user_ids TEXT, mode TEXT NOT NULL,
  reasons TEXT NOT NULL, status TEXT NOT NULL, assignee_id TEXT REFERENCES users(id), created_at TEXT NOT NULL,
  activated_at TEXT, decided_at TEXT, reminded_at TEXT);

CREATE INDEX approvals_request ON approvals (request_id);

CREATE INDEX approvals_status ON approvals (status, activated_at);

CREATE TABLE approval_decisions (
  approval_id TEXT NOT NULL REFERENCES approvals(id), user_id TEXT NOT NULL REFERENCES users(id), decision TEXT NOT NULL,
  comment TEXT, at TEXT NOT NULL, PRIMARY KEY (approval_id, user_id));

CREATE TABLE notifications (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, title TEXT NOT NULL, link TEXT NOT NULL,
  contract_id TEXT REFERENCES contracts(id), created_at TEXT NOT NULL, read_at TEXT);

CREATE INDEX notifications_user ON notifications (user_id, created_at);

CREATE TABLE mails (
  id TEXT PRIMARY KEY, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, sent_at TEXT, last_error TEXT);

CREATE INDEX mails_created ON mails (created_at);

CREATE TABLE admin_events (
  id TEXT PRIMARY KEY, sequence BIGINT NOT NULL UNIQUE, at TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
  reason TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);

INSERT INTO counters (name, value) VALUES ('admin_events', 0);
