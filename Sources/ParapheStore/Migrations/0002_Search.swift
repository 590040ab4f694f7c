let m0002_Search = Migration(id: 2, note: "full-text search index over contracts (FTS5 on SQLite, tsvector on Postgres)") { d in
    d.searchSchema
}
