-- server secrets shared by every node (the login form's anti-forgery key)

CREATE TABLE app_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TEXT NOT NULL);
