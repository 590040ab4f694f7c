-- the blob column: BYTEA on PostgreSQL

CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content BYTEA NOT NULL);
