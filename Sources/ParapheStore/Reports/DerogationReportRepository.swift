import Foundation
import ParapheCore
import SQLKit

/// The derogation dashboard's reads: every derogation granted, from the clause instances (never from the text), counted
/// per group in one aggregate query, and listed one by one for the drill-down.
extension Session {
    public func derogationGroups(by grouping: DerogationGrouping, _ filter: DerogationFilter) async throws -> [DerogationGroup] {
        // Names are joined only for the groupings that show them: the others read the derogation index and the contract.
        let (key, name, join): (SQLQueryString, SQLQueryString, SQLQueryString) = switch grouping {
        case .category: ("COALESCE(cc.derogation_category, '')", "NULL", "")
        case .clause: ("cc.clause_key", "NULL", "")
        case .alternative: ("cc.clause_key || ':' || cc.variant", "NULL", "")
        case .counterparty: ("COALESCE(c.counterparty_id, '')", "MAX(p.name)", " LEFT JOIN counterparties p ON p.id = c.counterparty_id")
        case .owner: ("c.owner_id", "MAX(u.name)", " LEFT JOIN users u ON u.id = c.owner_id")
        case .month: ("substr(c.created_at, 1, 7)", "NULL", "")
        }
        let rows = try await all("""
            SELECT \(key) AS k, \(name) AS name, COUNT(*) AS n, COUNT(DISTINCT cc.contract_id) AS m
            FROM contract_clauses cc JOIN contracts c ON c.id = cc.contract_id\(join)
            WHERE \(Self.derogationScope(filter))
            GROUP BY \(key) ORDER BY n DESC, k
            """)
        return try rows.map { DerogationGroup(key: try $0.string("k"), name: try $0.optionalString("name"), derogations: try $0.int("n"), contracts: try $0.int("m")) }
    }

    /// How many derogations, in how many contracts, the filter holds in all.
    public func derogationTotals(_ filter: DerogationFilter) async throws -> (derogations: Int, contracts: Int) {
        let row = try await first("""
            SELECT COUNT(*) AS n, COUNT(DISTINCT cc.contract_id) AS m
            FROM contract_clauses cc JOIN contracts c ON c.id = cc.contract_id
            WHERE \(Self.derogationScope(filter))
            """)
        return (try row?.int("n") ?? 0, try row?.int("m") ?? 0)
    }

    /// The derogations one by one, by contract reference then clause position, at most `limit` after the cursor.
    public func derogationItems(_ filter: DerogationFilter, after: (reference: String, position: Int)?, limit: Int) async throws -> [DerogationItem] {
        var sql: SQLQueryString = """
            SELECT c.id, c.reference, c.title, c.status, p.name AS counterparty, cc.node_id, cc.position, cc.clause_key, cc.title AS clause_title,
                   cc.variant, cc.derogation_category
            FROM contract_clauses cc JOIN contracts c ON c.id = cc.contract_id LEFT JOIN counterparties p ON p.id = c.counterparty_id
            WHERE \(Self.derogationScope(filter))
            """
        if let after {
            sql += " AND (c.reference > \(bind: after.reference) OR (c.reference = \(bind: after.reference) AND cc.position > \(bind: after.position)))"
        }
        sql += " ORDER BY c.reference, cc.position LIMIT \(bind: limit)"
        return try await all(sql).map { row in
            DerogationItem(contractId: try row.id("id"), reference: try row.string("reference"), title: try row.string("title"),
                           status: ContractStatus(rawValue: try row.string("status")) ?? .draft, counterparty: try row.optionalString("counterparty"),
                           nodeId: try row.string("node_id"), position: try row.int("position"), clauseKey: try row.string("clause_key"),
                           clauseTitle: try row.string("clause_title"), variant: ClauseVariant(name: try row.string("variant")),
                           category: try row.optionalString("derogation_category"))
        }
    }

    /// The derogations in scope: granted ones only, in the phases and period asked for, narrowed to a group.
    static func derogationScope(_ f: DerogationFilter) -> SQLQueryString {
        var sql: SQLQueryString = "cc.is_derogation = 1 AND c.status IN (\(binds: ContractPhase.statuses(f.phases).map(\.rawValue)))"
        if let from = f.from { sql += " AND c.created_at >= \(bind: from.description)" }
        if let to = f.to { sql += " AND c.created_at < \(bind: to.adding(days: 1).description)" }
        if let category = f.category { sql += " AND COALESCE(cc.derogation_category, '') = \(bind: category)" }
        if let clause = f.clause { sql += " AND cc.clause_key = \(bind: clause)" }
        if let alternative = f.alternative { sql += " AND cc.clause_key || ':' || cc.variant = \(bind: alternative)" }
        if let counterparty = f.counterpartyId { sql += " AND COALESCE(c.counterparty_id, '') = \(bind: counterparty)" }
        if let owner = f.ownerId { sql += " AND c.owner_id = \(bind: owner)" }
        if let month = f.month { sql += " AND substr(c.created_at, 1, 7) = \(bind: month)" }
        return sql
    }
}
