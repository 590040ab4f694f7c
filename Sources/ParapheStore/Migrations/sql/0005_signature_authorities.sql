-- signature authorities (délégations de signature)

CREATE TABLE signature_authorities (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), contract_types TEXT NOT NULL, max_amount TEXT, currency TEXT,
  valid_from TEXT NOT NULL, valid_until TEXT, granted_by TEXT NOT NULL REFERENCES users(id), granted_at TEXT NOT NULL,
  revoked_at TEXT, revoked_by TEXT REFERENCES users(id));

CREATE INDEX signature_authorities_user ON signature_authorities (user_id);
