-- Each person's saved views: a page of Paraphe and the filters it opens with, under a name of their own
CREATE TABLE saved_views (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), name TEXT NOT NULL, path TEXT NOT NULL, query TEXT NOT NULL,
  created_at TEXT NOT NULL, UNIQUE (user_id, name));
