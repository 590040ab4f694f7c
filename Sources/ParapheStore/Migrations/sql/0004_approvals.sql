-- approval policy rules

CREATE TABLE approval_rules (
  id TEXT PRIMARY KEY, position BIGINT NOT NULL, name TEXT NOT NULL, condition TEXT NOT NULL, steps TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT);

CREATE INDEX approval_rules_position ON approval_rules (position, id);
