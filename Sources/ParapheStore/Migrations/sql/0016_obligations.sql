-- The commitments register: what clauses declare, what each contract commits each side to, its insert-only history and each reminder once
ALTER TABLE clause_versions ADD COLUMN obligations TEXT NOT NULL DEFAULT '[]';

CREATE TABLE obligations (
  id TEXT PRIMARY KEY, contract_id TEXT NOT NULL REFERENCES contracts (id), origin TEXT NOT NULL, source TEXT, clause_key TEXT,
  wording TEXT NOT NULL, owed_by TEXT NOT NULL, owner_role TEXT NOT NULL, due_on TEXT, every TEXT, status TEXT NOT NULL,
  due_key TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE INDEX obligations_contract ON obligations (contract_id);

CREATE INDEX obligations_register ON obligations (due_key, id);

CREATE TABLE obligation_events (
  obligation_id TEXT NOT NULL REFERENCES obligations (id), seq BIGINT NOT NULL, at TEXT NOT NULL, actor_id TEXT,
  from_status TEXT, to_status TEXT NOT NULL, due_on TEXT, note TEXT,
  PRIMARY KEY (obligation_id, seq));

CREATE TABLE obligation_reminders (
  obligation_id TEXT NOT NULL REFERENCES obligations (id), due_on TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (obligation_id, due_on));
