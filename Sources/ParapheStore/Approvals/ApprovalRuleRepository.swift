import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// The policy: every rule, in order.
    public func approvalRules() async throws -> [ApprovalRule] {
        try await all("SELECT * FROM approval_rules ORDER BY position, id").map { row in
            ApprovalRule(id: try row.id("id"), name: try row.string("name"), when: try row.json("condition", as: ApprovalCondition.self),
                         require: try row.json("steps", as: [ApprovalStep].self),
                         appliesTo: ApprovalScope(rawValue: try row.string("applies_to")) ?? .contract)
        }
    }

    /// Appends the rule at the end of the policy, or at `position` (1-based), moving the later ones down.
    public func insertApprovalRule(_ rule: ApprovalRule, position: Int?, by user: User.ID?, at now: Date) async throws {
        let count = try await first("SELECT COUNT(*) AS n FROM approval_rules")?.int("n") ?? 0
        let place = min(max(position ?? count + 1, 1), count + 1)
        try await run("UPDATE approval_rules SET position = position + 1 WHERE position >= \(bind: place)")
        try await run("""
            INSERT INTO approval_rules (id, position, name, condition, steps, applies_to, created_at, updated_at, created_by)
            VALUES (\(bind: rule.id.description), \(bind: place), \(bind: rule.name), \(bind: try jsonText(rule.when)),
                    \(bind: try jsonText(rule.require)), \(bind: rule.appliesTo.rawValue), \(bind: Timestamp.format(now)), \(bind: Timestamp.format(now)),
                    \(bind: user?.description))
            """)
    }

    /// Whether a rule was deleted; the later ones move up so positions stay 1…n.
    public func deleteApprovalRule(_ id: ApprovalRule.ID) async throws -> Bool {
        guard let row = try await first("SELECT position FROM approval_rules WHERE id = \(bind: id.description)") else { return false }
        let position = try row.int("position")
        try await run("DELETE FROM approval_rules WHERE id = \(bind: id.description)")
        try await run("UPDATE approval_rules SET position = position - 1 WHERE position > \(bind: position)")
        return true
    }
}

extension Session {
    /// What the policy reads of one contract: its terms, its counterparty's kind and its clauses.
    public func approvalFacts(of contract: Contract) async throws -> ApprovalFacts {
        var kind: CounterpartyKind?
        if let counterparty = contract.counterpartyId { kind = try await self.counterparty(counterparty)?.kind }
        let values = ApprovalFacts.namedValues(metadata: contract.metadata, variables: try await generationSource(of: contract.id)?.variables)
        return ApprovalFacts(type: contract.type, amount: contract.amount, counterpartyKind: kind, startDate: contract.startDate,
                             endDate: contract.endDate, clauses: try await clauses(of: contract.id).map(\.instance), variables: values)
    }

    /// Contracts created in `[from, to]` (whole days, UTC) with the counterparty kind and clauses a policy reads,
    /// oldest first, at most `limit`. Two range queries, whatever the count: no list of ids is bound (Postgres takes at
    /// most 65,535 parameters), and only the clauses that are not standard are read (a standard clause matches no
    /// criterion). The terms come packed in one text column: decoding a column costs more than the SQL itself at
    /// 100,000 rows, and none of these fields can hold the separator (ids, type keys, amounts, codes, dates).
    /// `withVariables` reads the variables and metadata too, for a rule that tests them.
    public func approvalFacts(createdFrom from: Day, to: Day, limit: Int, withVariables: Bool = false) async throws -> [(Contract.ID, ApprovalFacts)] {
        let range: SQLQueryString = "c.created_at >= \(bind: from.description) AND c.created_at < \(bind: to.adding(days: 1).description)"
        let rows = try await all("""
            SELECT c.id || '|' || c.type || '|' || COALESCE(c.amount, '') || '|' || COALESCE(c.currency, '') || '|' || COALESCE(c.start_date, '')
                   || '|' || COALESCE(c.end_date, '') || '|' || COALESCE(p.kind, '') AS f\(unsafeRaw: withVariables ? ", c.variables, c.metadata" : "")
            FROM contracts c LEFT JOIN counterparties p ON p.id = c.counterparty_id
            WHERE \(range) ORDER BY c.created_at, c.id LIMIT \(bind: limit)
            """)
        var clauses = [String: [ClauseInstance]]()
        if !rows.isEmpty {
            for row in try await all("""
                SELECT cc.contract_id, cc.clause_key, cc.variant, cc.is_derogation, cc.derogation_category, cc.requires_approval_by
                FROM contract_clauses cc JOIN contracts c ON c.id = cc.contract_id
                WHERE \(range) AND cc.variant <> 'standard' ORDER BY cc.contract_id, cc.position
                """) {
                let key = try row.string("clause_key")
                clauses[try row.string("contract_id"), default: []].append(ClauseInstance(
                    nodeId: key, number: "", key: key, clauseVersion: nil, title: key, variant: ClauseVariant(name: try row.string("variant")),
                    isDerogation: try row.bool("is_derogation"), derogationCategory: try row.optionalString("derogation_category"),
                    requiresApprovalBy: try row.json("requires_approval_by", as: [Role].self), text: ""))
            }
        }
        return try rows.map { row in
            // Split as bytes: splitting a `String` walks its grapheme clusters.
            let f = try row.string("f").utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { String(Substring($0)) }
            guard f.count == 7, let id = Contract.ID(f[0]) else { throw StoreError.corrupt("contract facts") }
            let amount = Money.parseAmount(f[2]).map { Money(amount: $0, currency: f[3]) }
            let values = withVariables
                ? ApprovalFacts.namedValues(metadata: try row.json("metadata", as: [String: JSONValue].self),
                                            variables: try row.optionalString("variables").map { try rowJSONDecoder.decode(JSONValue.self, from: Data($0.utf8)) })
                : [:]
            return (id, ApprovalFacts(type: f[1], amount: amount, counterpartyKind: CounterpartyKind(rawValue: f[6]), startDate: Day(f[4]),
                                      endDate: Day(f[5]), clauses: clauses[f[0]] ?? [], variables: values))
        }
    }

    /// References and titles of the given contracts, read in slices (for a simulation's matches).
    public func pastContracts(_ ids: [Contract.ID]) async throws -> [Contract.ID: PastContract] {
        var result = [Contract.ID: PastContract]()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = ids[start..<min(ids.count, start + 500)].map(\.description)
            for row in try await all("SELECT id, reference, title FROM contracts WHERE id IN (\(binds: slice))") {
                let id: Contract.ID = try row.id("id")
                result[id] = PastContract(id: id, reference: try row.string("reference"), title: try row.string("title"))
            }
        }
        return result
    }
}

/// A past contract as a simulation lists it.
public struct PastContract: Sendable, Hashable {
    public var id: Contract.ID
    public var reference: String
    public var title: String
}
