import Foundation
import ParapheCore
import SQLKit

/// The contract report's reads: counts and value signed per group in aggregate queries; the dates behind the cycle
/// times, the stays in each status and the approval turnarounds, which the core turns into medians.
extension Session {
    public func contractGroups(by grouping: ContractGrouping, _ filter: ContractReportFilter, visibility: ContractVisibility) async throws -> [ContractGroup] {
        // `|| ''` keeps the grouping off the owner index: reading 100,000 rows through it is slower than one pass.
        let key: SQLQueryString = switch grouping {
        case .status: "c.status"
        case .type: "c.type"
        case .owner: "c.owner_id || ''"
        case .month: "substr(c.created_at, 1, 7)"
        }
        let scope = Self.contractReportScope(filter, visibility: visibility)
        var groups: [String: ContractGroup] = [:]
        // Counts and value signed in one pass, per group and currency; amounts summed as whole cents, exact on both engines.
        for row in try await all("""
            SELECT \(key) AS k, c.currency AS currency, COUNT(*) AS n, SUM(CASE WHEN c.signed_at IS NOT NULL THEN 1 ELSE 0 END) AS s,
                   CAST(SUM(CASE WHEN c.signed_at IS NOT NULL THEN \(Self.cents) END) AS TEXT) AS v
            FROM contracts c WHERE \(scope) GROUP BY \(key), c.currency
            """) {
            let k = try row.string("k")
            var group = groups[k] ?? ContractGroup(key: k, contracts: 0, signed: 0)
            group.contracts += try row.int("n")
            group.signed += try row.int("s")
            if let currency = try row.optionalString("currency"), let cents = try row.optionalString("v").flatMap({ Decimal(string: $0) }) {
                group.valueSigned[currency] = cents / 100
            }
            groups[k] = group
        }
        // Names for the few owners found, rather than a join on every contract.
        if grouping == .owner, !groups.isEmpty {
            for row in try await all("SELECT id, name FROM users WHERE id IN (\(binds: Array(groups.keys)))") {
                groups[try row.string("id")]?.name = try row.string("name")
            }
        }
        var durations: [String: [TimeInterval]] = [:]
        for row in try await all("SELECT \(key) AS k, c.created_at, c.signed_at FROM contracts c WHERE \(scope) AND c.signed_at IS NOT NULL") {
            durations[try row.string("k"), default: []].append(max(0, try row.date("signed_at").timeIntervalSince(try row.date("created_at"))))
        }
        for (k, list) in durations { groups[k]?.cycleTime = DurationSpread(list) }
        return groups.values.sorted { ($0.contracts, $1.key) > ($1.contracts, $0.key) }
    }

    /// The value signed each month (`YYYY-MM` of the signature), per currency, with the number of contracts.
    public func valueSignedByMonth(_ filter: ContractReportFilter, visibility: ContractVisibility) async throws -> [(month: String, currency: String, value: Decimal, contracts: Int)] {
        try await all("""
            SELECT substr(c.signed_at, 1, 7) AS m, c.currency AS currency, CAST(SUM(\(Self.cents)) AS TEXT) AS v, COUNT(*) AS n
            FROM contracts c WHERE \(Self.contractReportScope(filter, visibility: visibility)) AND c.signed_at IS NOT NULL AND c.amount IS NOT NULL
            GROUP BY substr(c.signed_at, 1, 7), c.currency ORDER BY m, currency
            """).compactMap { row in
            guard let cents = Decimal(string: try row.string("v")) else { return nil }
            return (try row.string("m"), try row.string("currency"), cents / 100, try row.int("n"))
        }
    }

    /// Each contract's creation and status changes, from its audit trail.
    public func statusChanges(_ filter: ContractReportFilter, visibility: ContractVisibility) async throws -> [(createdAt: Date, changes: [StatusChange])] {
        let rows = try await all("""
            SELECT e.contract_id, c.created_at, e.at, e.data FROM events e JOIN contracts c ON c.id = e.contract_id
            WHERE \(Self.contractReportScope(filter, visibility: visibility))
              AND e.type IN (\(binds: [ContractChange.Kind.transitioned.rawValue, ContractChange.Kind.sentBackToReview.rawValue]))
            ORDER BY e.contract_id, e.sequence
            """)
        var result: [(Date, [StatusChange])] = []
        var current: String?
        for row in rows {
            let id = try row.string("contract_id")
            if id != current {
                result.append((try row.date("created_at"), []))
                current = id
            }
            let data = try row.json("data", as: [String: JSONValue].self)
            guard case .string(let from)? = data["from"], case .string(let to)? = data["to"],
                  let f = ContractStatus(rawValue: from), let t = ContractStatus(rawValue: to) else { continue }
            result[result.count - 1].1.append(StatusChange(at: try row.date("at"), from: f, to: t))
        }
        return result
    }

    /// How long each decided approval step of the contracts in scope took, from the moment it opened, by team (nil:
    /// people named).
    public func approvalTurnarounds(_ filter: ContractReportFilter, visibility: ContractVisibility) async throws -> [(role: String?, seconds: TimeInterval)] {
        try await all("""
            SELECT a.role, a.activated_at, a.decided_at FROM approvals a JOIN contracts c ON c.id = a.contract_id
            WHERE \(Self.contractReportScope(filter, visibility: visibility)) AND a.activated_at IS NOT NULL AND a.decided_at IS NOT NULL
            """).map { (try $0.optionalString("role"), max(0, try $0.date("decided_at").timeIntervalSince(try $0.date("activated_at")))) }
    }

    /// The days legal's approval steps opened on, for the contracts in scope.
    public func legalApprovalDays(_ filter: ContractReportFilter, visibility: ContractVisibility) async throws -> [Day] {
        try await all("""
            SELECT a.activated_at FROM approvals a JOIN contracts c ON c.id = a.contract_id
            WHERE \(Self.contractReportScope(filter, visibility: visibility)) AND a.role = 'legal' AND a.activated_at IS NOT NULL
            """).map { Day(try $0.date("activated_at")) }
    }

    /// A contract's amount in whole cents: amounts are stored with two decimals, so the sum is exact.
    static let cents: SQLQueryString = "CAST(ROUND(CAST(c.amount AS NUMERIC) * 100) AS BIGINT)"

    static func contractReportScope(_ f: ContractReportFilter, visibility: ContractVisibility) -> SQLQueryString {
        var sql: SQLQueryString = "1 = 1"
        if let from = f.from { sql += " AND c.created_at >= \(bind: from.description)" }
        if let to = f.to { sql += " AND c.created_at < \(bind: to.adding(days: 1).description)" }
        if let type = f.type { sql += " AND c.type = \(bind: type)" }
        if let owner = f.ownerId { sql += " AND c.owner_id = \(bind: owner)" }
        return sql + visibilityFilter(visibility)
    }
}
