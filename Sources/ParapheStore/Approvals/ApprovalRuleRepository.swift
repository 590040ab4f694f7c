import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// The policy: every rule, in order.
    public func approvalRules() async throws -> [ApprovalRule] {
        try await all("SELECT * FROM approval_rules ORDER BY position, id").map { row in
            ApprovalRule(id: try row.id("id"), name: try row.string("name"), when: try row.json("condition", as: ApprovalCondition.self),
                         require: try row.json("steps", as: [ApprovalStep].self))
        }
    }

    /// Appends the rule at the end of the policy, or at `position` (1-based), moving the later ones down.
    public func insertApprovalRule(_ rule: ApprovalRule, position: Int?, by user: User.ID?, at now: Date) async throws {
        let count = try await first("SELECT COUNT(*) AS n FROM approval_rules")?.int("n") ?? 0
        let place = min(max(position ?? count + 1, 1), count + 1)
        try await run("UPDATE approval_rules SET position = position + 1 WHERE position >= \(bind: place)")
        try await run("""
            INSERT INTO approval_rules (id, position, name, condition, steps, created_at, updated_at, created_by)
            VALUES (\(bind: rule.id.description), \(bind: place), \(bind: rule.name), \(bind: try jsonText(rule.when)),
                    \(bind: try jsonText(rule.require)), \(bind: Timestamp.format(now)), \(bind: Timestamp.format(now)), \(bind: user?.description))
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
        return ApprovalFacts(type: contract.type, amount: contract.amount, counterpartyKind: kind, startDate: contract.startDate,
                             endDate: contract.endDate, clauses: try await clauses(of: contract.id).map(\.instance))
    }

    /// Contracts created in `[from, to]` (whole days, UTC) with the counterparty kind and clauses a policy reads,
    /// oldest first, at most `limit`.
    public func approvalFacts(createdFrom from: Day, to: Day, limit: Int) async throws -> [(Contract, ApprovalFacts)] {
        let contracts = try await all("""
            SELECT * FROM contracts WHERE created_at >= \(bind: from.description) AND created_at < \(bind: to.adding(days: 1).description)
            ORDER BY created_at, id LIMIT \(bind: limit)
            """).map(Self.decodeContract)
        let clauses = try await clauses(of: contracts.map(\.id))
        let counterpartyIds = Array(Set(contracts.compactMap(\.counterpartyId)))
        var kinds = [Counterparty.ID: CounterpartyKind]()
        if !counterpartyIds.isEmpty {
            for row in try await all("SELECT id, kind FROM counterparties WHERE id IN (\(binds: counterpartyIds.map(\.description)))") {
                if let kind = CounterpartyKind(rawValue: try row.string("kind")) { kinds[try row.id("id")] = kind }
            }
        }
        return contracts.map { c in
            (c, ApprovalFacts(type: c.type, amount: c.amount, counterpartyKind: c.counterpartyId.flatMap { kinds[$0] }, startDate: c.startDate,
                              endDate: c.endDate, clauses: (clauses[c.id] ?? []).map(\.instance)))
        }
    }
}
