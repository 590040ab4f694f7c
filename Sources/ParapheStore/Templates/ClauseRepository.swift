import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// Current versions, by category then key; `after` is the last key seen.
    public func clauses(after: String?, limit: Int) async throws -> [Clause] {
        var query: SQLQueryString = """
            SELECT v.* FROM clauses c JOIN clause_versions v ON v.clause_key = c.key AND v.version = c.current_version WHERE 1 = 1
            """
        if let after { query += " AND c.key > \(bind: after)" }
        query += " ORDER BY c.key LIMIT \(bind: limit)"
        return try await all(query).map(Self.decodeClause)
    }

    public func clause(_ key: String, version: Int? = nil) async throws -> Clause? {
        if let version {
            return try await first("SELECT * FROM clause_versions WHERE clause_key = \(bind: key) AND version = \(bind: version)").map(Self.decodeClause)
        }
        return try await first("""
            SELECT v.* FROM clauses c JOIN clause_versions v ON v.clause_key = c.key AND v.version = c.current_version
            WHERE c.key = \(bind: key)
            """).map(Self.decodeClause)
    }

    /// The current version of each clause named, for generation: what legal last wrote is what new contracts get.
    public func currentClauses(_ keys: Set<String>) async throws -> [String: Clause] {
        guard !keys.isEmpty else { return [:] }
        let list = SQLList(keys.sorted().map { SQLBind($0) })
        let rows = try await all("""
            SELECT v.* FROM clauses c JOIN clause_versions v ON v.clause_key = c.key AND v.version = c.current_version
            WHERE c.key IN (\(list))
            """)
        return Dictionary(try rows.map(Self.decodeClause).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func clauseVersionCount(_ key: String) async throws -> Int {
        try await first("SELECT COUNT(*) AS n FROM clause_versions WHERE clause_key = \(bind: key)")?.int("n") ?? 0
    }

    /// Stores `clause` as a new version (1 for a new key). Earlier versions stay, so contracts keep their text.
    public func saveClause(_ clause: Clause, by user: User.ID?, at now: Date) async throws {
        let stamp = Timestamp.format(now)
        if clause.version == 1 {
            if try await first("SELECT key FROM clauses WHERE key = \(bind: clause.key)") != nil {
                throw StoreError.conflict("clause \(clause.key) already exists")
            }
            try await run("""
                INSERT INTO clauses (key, current_version, category, title, created_at, updated_at)
                VALUES (\(bind: clause.key), 1, \(bind: clause.category), \(bind: clause.title), \(bind: stamp), \(bind: stamp))
                """)
        } else {
            try await run("""
                UPDATE clauses SET current_version = \(bind: clause.version), category = \(bind: clause.category), title = \(bind: clause.title),
                  updated_at = \(bind: stamp) WHERE key = \(bind: clause.key)
                """)
        }
        try await run("""
            INSERT INTO clause_versions (clause_key, version, title, category, body, alternatives, obligations, created_at, created_by)
            VALUES (\(bind: clause.key), \(bind: clause.version), \(bind: clause.title), \(bind: clause.category), \(bind: clause.body),
                    \(bind: try jsonText(clause.alternatives)), \(bind: try jsonText(clause.obligations)), \(bind: stamp), \(bind: user?.description))
            """)
    }

    static func decodeClause(_ row: any SQLRow) throws -> Clause {
        Clause(key: try row.string("clause_key"), version: try row.int("version"), title: try row.string("title"),
               category: try row.string("category"), body: try row.string("body"),
               alternatives: try row.json("alternatives", as: [ClauseAlternative].self),
               obligations: try row.json("obligations", as: [ObligationDeclaration].self))
    }
}
