import SQLKit

/// Every difference between SQLite and PostgreSQL that the repositories need, and nothing else.
public struct Dialect: Sendable {
    public let engine: Engine

    /// Row lock for a read that precedes a write in the same transaction. SQLite serialises writers with
    /// `BEGIN IMMEDIATE`, so it needs none.
    var forUpdate: SQLQueryString { engine == .postgres ? " FOR UPDATE" : "" }

    /// Lets several workers claim different jobs at once without waiting on each other.
    var forUpdateSkipLocked: SQLQueryString { engine == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    func indexSearch(contractId: String, body: String, isNew: Bool) -> [SQLQueryString] {
        switch engine {
        case .sqlite:
            let key: SQLQueryString = "(SELECT search_key FROM contracts WHERE id = \(bind: contractId))"
            let insert: SQLQueryString = "INSERT INTO contract_search (rowid, body) VALUES (\(key), \(bind: body))"
            return isNew ? [insert] : ["DELETE FROM contract_search WHERE rowid = \(key)", insert]
        case .postgres:
            return ["""
                INSERT INTO contract_search (contract_id, body, tsv)
                VALUES (\(bind: contractId), \(bind: body), to_tsvector('paraphe_french', \(bind: body)))
                ON CONFLICT (contract_id) DO UPDATE SET body = excluded.body, tsv = excluded.tsv
                """]
        }
    }

    /// How to read contracts for a search sorted by last change. SQLite's planner collects every match and sorts them,
    /// which is right for a narrow search and slow for a broad one (12,000 matches: 37 ms); for a broad one, walking
    /// the `updated_at` index and stopping at the page's end is ~10× faster. Counting matches costs ~4 ms at 100k.
    func contractsSource(searching terms: [String], sortedByUpdate: Bool, in session: Session) async throws -> SQLQueryString {
        guard engine == .sqlite, sortedByUpdate, !terms.isEmpty else { return "contracts c" }
        let count = try await session.first("SELECT COUNT(*) AS n FROM contract_search WHERE contract_search MATCH \(bind: Self.ftsExpression(terms))")
        return try (count?.int("n") ?? 0) > 2000 ? "contracts c INDEXED BY contracts_updated" : "contracts c"
    }

    /// Each term quoted, so FTS5 operators typed by a user are searched as text, never parsed.
    static func ftsExpression(_ terms: [String]) -> String {
        terms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }.joined(separator: " ")
    }

    /// A condition on contracts `c`: every term matches, as a word prefix.
    func searchMatch(_ terms: [String]) -> SQLQueryString {
        switch engine {
        case .sqlite:
            return "c.search_key IN (SELECT rowid FROM contract_search WHERE contract_search MATCH \(bind: Self.ftsExpression(terms)))"
        case .postgres:
            let expression = terms.map { term -> String in
                let word = term.filter { $0.isLetter || $0.isNumber }
                return "'\(word)':*"
            }.filter { $0 != "'':*" }.joined(separator: " & ")
            return "c.id IN (SELECT contract_id FROM contract_search WHERE tsv @@ to_tsquery('paraphe_french', \(bind: expression.isEmpty ? "''" : expression)))"
        }
    }

    /// One top-level field of a JSON text column, as text: what a filter on a template variable or a metadata field
    /// compares. Booleans read `true`/`false` on both engines.
    func jsonField(_ column: SQLQueryString, _ key: String) -> SQLQueryString {
        switch engine {
        case .sqlite:
            let path = "$.\"" + key + "\""
            return "(CASE json_type(\(column), \(bind: path)) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(\(column), \(bind: path)) AS TEXT) END)"
        case .postgres:
            return "((\(column))::jsonb ->> \(bind: key))"
        }
    }
}
