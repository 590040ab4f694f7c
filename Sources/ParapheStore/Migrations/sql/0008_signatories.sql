-- the colleague named to sign each contract

CREATE TABLE contract_signatories (
  contract_id TEXT PRIMARY KEY REFERENCES contracts(id), user_id TEXT NOT NULL REFERENCES users(id),
  named_by TEXT NOT NULL REFERENCES users(id), named_at TEXT NOT NULL);
