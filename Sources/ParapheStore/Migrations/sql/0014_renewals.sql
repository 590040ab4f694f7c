-- Renewal decisions on contracts, the terms rolled, the day a contract ends when nothing renews it, and each notice alert once
ALTER TABLE contracts ADD COLUMN renewal_decision TEXT;

ALTER TABLE contracts ADD COLUMN renewal_decision_term_end TEXT;

ALTER TABLE contracts ADD COLUMN ends_on TEXT;

ALTER TABLE contracts ADD COLUMN rolled_term_end TEXT;

UPDATE contracts SET ends_on = end_date WHERE renewal_mode <> 'tacit';

CREATE INDEX contracts_next_renewal ON contracts (next_renewal_date);

CREATE INDEX contracts_ends_on ON contracts (ends_on);

CREATE TABLE renewal_alerts (
  contract_id TEXT NOT NULL REFERENCES contracts (id), notice_deadline TEXT NOT NULL, days_before BIGINT NOT NULL,
  state TEXT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT,
  PRIMARY KEY (contract_id, notice_deadline, days_before));
