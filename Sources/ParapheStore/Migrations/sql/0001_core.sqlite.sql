-- the blob column: BLOB on SQLite

CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content BLOB NOT NULL);
