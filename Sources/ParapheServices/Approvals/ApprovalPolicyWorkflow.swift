import Foundation
import ParapheCore
import ParapheStore

/// The approval policy legal maintains: its rules, and the simulator that says which approvals a contract would
/// need and why, or which past contracts a drafted rule would have caught. The API and the policy editor both come
/// here.
public struct ApprovalPolicyWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// How many past contracts a rule may be tried on at once.
    public static let historyLimit = 100_000

    /// What to simulate: a stored contract (by id or reference) or a draft described by its facts.
    public enum Subject: Sendable {
        case contract(Contract.ID)
        case reference(String)
        case draft(ApprovalFacts)
    }

    public struct Match: Sendable {
        public var id: Contract.ID
        public var reference: String
        public var title: String
        public var criteria: [ApprovalCriterion]
    }

    /// A drafted rule tried on the contracts created in a period.
    public struct History: Sendable {
        public var rule: String
        public var from: Day
        public var to: Day
        public var examined: Int
        public var contracts: [Match]
    }

    func requireManager(_ caller: Caller) throws {
        guard caller.holds(.legal, .admin) else { throw DomainError.forbidden("only legal or an admin may change the approval policy") }
    }

    /// Every rule in order; anyone signed in may read them, since they say why their contracts wait.
    public func rules(by caller: Caller) async throws -> [ApprovalRule] {
        try await services.database.read { try await $0.approvalRules() }
    }

    /// Checks and stores a rule, and logs it. Returns it with its 1-based position.
    public func add(_ draft: ApprovalRuleDraft, by caller: Caller) async throws -> (rule: ApprovalRule, position: Int) {
        try requireManager(caller)
        let now = services.clock()
        return try await services.database.transaction { s in
            let rule = try await Self.rule(from: draft, in: s)
            try await s.insertApprovalRule(rule, position: draft.position, by: caller.user?.id, at: now)
            try await s.appendAdminEvent(.ruleAdded(rule, position: draft.position), actor: caller.actor, at: now)
            let position = try await s.approvalRules().firstIndex { $0.id == rule.id }.map { $0 + 1 } ?? 0
            return (rule, position)
        }
    }

    public func remove(_ id: ApprovalRule.ID, by caller: Caller) async throws {
        try requireManager(caller)
        let now = services.clock()
        try await services.database.transaction { s in
            guard try await s.deleteApprovalRule(id) else { throw DomainError.notFound("no approval rule with this id") }
            try await s.appendAdminEvent(.ruleRemoved(id: id), actor: caller.actor, at: now)
        }
    }

    /// Checks a drafted rule against the core's rules, with the contract types and named users that exist.
    static func rule(from draft: ApprovalRuleDraft, in s: Session) async throws -> ApprovalRule {
        let known = draft.when?.contractTypes == nil ? [] : Set(try await s.contractTypes().map(\.key))
        var existing = Set<User.ID>()
        for id in draft.namedUsers where try await s.user(id) != nil { existing.insert(id) }
        return try draft.rule(knownTypes: known, existingUsers: existing).get()
    }

    /// The approvals a contract or a draft would need today, and why; the contract when one was named and found.
    public func simulate(_ subject: Subject, by caller: Caller) async throws -> (contract: Contract?, required: [RequiredApproval]) {
        guard let user = caller.user else { throw DomainError.forbidden("only a person simulates the policy") }
        let contracts = ContractWorkflow(services: services)
        return try await services.database.read { s in
            let rules = try await s.approvalRules()
            switch subject {
            case .contract(let id):
                let (contract, _) = try await contracts.visible(id, to: user, in: s)
                return (contract, ApprovalPolicy.evaluate(rules, facts: try await s.approvalFacts(of: contract)))
            case .reference(let reference):
                guard let found = try await s.contract(reference: reference) else { return (nil, []) }
                let contract: Contract
                do { contract = try await contracts.visible(found.id, to: user, in: s).0 } catch DomainError.notFound { return (nil, []) }
                return (contract, ApprovalPolicy.evaluate(rules, facts: try await s.approvalFacts(of: contract)))
            case .draft(let facts):
                return (nil, ApprovalPolicy.evaluate(rules, facts: facts))
            }
        }
    }

    /// The contracts created in the period (the last 90 days by default) that the rule would have sent for
    /// approval. Only for people who see every contract: the count would otherwise leak what they may not see.
    public func history(_ draft: ApprovalRuleDraft, from: Day?, to: Day?, by caller: Caller) async throws -> History {
        guard let user = caller.user, user.seesAllContracts else {
            throw DomainError.forbidden("simulating a rule on past contracts needs access to every contract")
        }
        let to = to ?? Day(services.clock())
        let from = from ?? to.adding(days: -90)
        guard from <= to else { throw ValidationFailure([FieldError("from", "must not be after to")]) }
        return try await services.database.read { s in
            let rule = try await Self.rule(from: draft, in: s)
            let facts = try await s.approvalFacts(createdFrom: from, to: to, limit: Self.historyLimit + 1, withVariables: rule.when.variables != nil)
            guard facts.count <= Self.historyLimit else {
                throw ValidationFailure([FieldError("from", "the period holds more than \(Self.historyLimit) contracts; narrow it")])
            }
            let hits = facts.compactMap { id, facts in ApprovalPolicy.matches(rule.when, facts).map { (id, $0) } }
            let names = try await s.pastContracts(hits.map(\.0))
            let matched = hits.compactMap { id, because in
                names[id].map { Match(id: id, reference: $0.reference, title: $0.title, criteria: because) }
            }
            return History(rule: rule.name, from: from, to: to, examined: facts.count, contracts: matched)
        }
    }
}
