-- full-text search index over contracts (FTS5 on SQLite, tsvector on Postgres)

CREATE EXTENSION IF NOT EXISTS unaccent;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'paraphe_french') THEN
    CREATE TEXT SEARCH CONFIGURATION paraphe_french (COPY = pg_catalog.french);
    ALTER TEXT SEARCH CONFIGURATION paraphe_french
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END $$;

CREATE TABLE contract_search (contract_id TEXT PRIMARY KEY, body TEXT NOT NULL, tsv TSVECTOR NOT NULL);

CREATE INDEX contract_search_tsv ON contract_search USING GIN (tsv);
