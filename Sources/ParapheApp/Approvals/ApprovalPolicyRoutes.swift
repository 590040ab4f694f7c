import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/approval-policies`: the ordered rules legal maintains, and the simulator that says which approvals a
/// contract needs and why.
struct ApprovalPolicyRoutes {
    let services: AppServices

    struct RuleDTO: Encodable, Sendable {
        var id: String
        var position: Int
        var name: String
        var when: ApprovalCondition
        var require: [ApprovalStep]
        var appliesTo: ApprovalScope
    }

    /// A contract to simulate: a stored one, or a draft described by its terms and clauses.
    struct SimulateInput: Decodable, Sendable {
        struct Draft: Decodable, Sendable {
            struct Clause: Decodable, Sendable {
                var key: String
                var variant: String?
                var isDerogation: Bool?
                var derogationCategory: String?
                var requiresApprovalBy: [Role]?
            }
            var type: String
            var amount: Money?
            var counterpartyKind: CounterpartyKind?
            var startDate: Day?
            var endDate: Day?
            var clauses: [Clause]?
            var variables: [String: JSONValue]?
        }
        var contractId: String?
        var contract: Draft?
        /// A rule to try on past contracts instead: "had it applied, which contracts would have needed it?"
        var rule: ApprovalRuleDraft?
        /// The creation dates to look at; the last 90 days when left out.
        var from: Day?
        var to: Day?
    }

    struct RequiredDTO: Encodable, Sendable {
        var order: Int
        var role: Role?
        var users: [String]?
        var mode: ApprovalMode
        var reasons: [ApprovalReason]
    }

    struct PastContractDTO: Encodable, Sendable {
        var id: String
        var reference: String
        var title: String
        var because: [String]
        /// For the policy editor, which phrases them in the reader's language.
        var criteria: [ApprovalCriterion]

        enum CodingKeys: String, CodingKey { case id, reference, title, because }
    }

    struct HistoryDTO: Encodable, Sendable {
        var rule: String
        var from: Day
        var to: Day
        var examined: Int
        var matched: Int
        var contracts: [PastContractDTO]
    }

    /// `required` for a contract or a draft; `history` for a rule tried on past contracts.
    struct SimulationDTO: Encodable, Sendable {
        var required: [RequiredDTO]?
        var history: HistoryDTO?
    }

    static let historyLimit = 100_000

    static let conditionKeys = KeyShape.object(Dictionary(uniqueKeysWithValues: [
        "contractTypes", "amountAbove", "hasDerogation", "derogationCategories", "alternatives", "counterpartyKinds", "durationMonthsAbove", "customText",
        "personalData",
    ].map { ($0, KeyShape.any) }).merging(["variables": .array(.object(["name": .any, "equals": .any, "in": .any, "above": .any, "below": .any, "currency": .any]))]) { a, _ in a })
    static let ruleKeys = KeyShape.object(["name": .any, "position": .any, "appliesTo": .any, "when": conditionKeys,
                                           "require": .array(.object(["role": .any, "users": .any, "mode": .any, "order": .any]))])

    /// A rule tried in the simulator is checked as strictly as one added: a typo must not widen what it matches.
    static let simulateKeys = KeyShape.object(["from": .any, "to": .any, "rule": ruleKeys, "contractId": .any, "contract": .any])

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("approval-policies", use: list)
        api.post("approval-policies", use: create)
        api.delete("approval-policies/:id", use: delete)
        api.post("approval-policies/simulate", use: simulate)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<RuleDTO>> {
        _ = try context.requireUser()
        let rules = try await services.database.read { try await $0.approvalRules() }
        return JSON(Page(items: rules.enumerated().map { RuleDTO(id: $1.id.description, position: $0 + 1, name: $1.name, when: $1.when, require: $1.require, appliesTo: $1.appliesTo) },
                         nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireRole(.legal, .admin)
        var request = request
        let input = try await request.decodeJSON(ApprovalRuleDraft.self, context: context, limit: 65_536, keys: Self.ruleKeys)
        let now = services.clock()
        let created = try await services.database.transaction { s -> RuleDTO in
            let rule = try await Self.add(input, by: user, in: s, at: now)
            let position = try await s.approvalRules().firstIndex { $0.id == rule.id }.map { $0 + 1 } ?? 0
            return RuleDTO(id: rule.id.description, position: position, name: rule.name, when: rule.when, require: rule.require, appliesTo: rule.appliesTo)
        }
        return try JSON(created, status: .created).response(from: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let id: ApprovalRule.ID = try context.requireID("id")
        let user = try context.requireRole(.legal, .admin)
        let now = services.clock()
        guard try await services.database.transaction({ try await Self.remove(id, by: user, in: $0, at: now) }) else {
            throw Problem.notFound("no approval rule with this id")
        }
        return Response(status: .noContent)
    }

    /// Checks and stores a rule, and logs it; the API and the policy editor both add rules through here.
    static func add(_ input: ApprovalRuleDraft, by user: User, in s: Session, at now: Date) async throws -> ApprovalRule {
        let rule = try await rule(from: input, in: s)
        try await s.insertApprovalRule(rule, position: input.position, by: user.id, at: now)
        try await s.appendAdminEvent(.ruleAdded(rule, position: input.position), actor: .user(user), at: now)
        return rule
    }

    static func remove(_ id: ApprovalRule.ID, by user: User, in s: Session, at now: Date) async throws -> Bool {
        guard try await s.deleteApprovalRule(id) else { return false }
        try await s.appendAdminEvent(.ruleRemoved(id: id), actor: .user(user), at: now)
        return true
    }

    /// Every problem with a rule, each named by its field.
    /// Checks a drafted rule against the core's rules, with the contract types and named users that exist.
    static func rule(from input: ApprovalRuleDraft, in s: Session) async throws -> ApprovalRule {
        let known = input.when?.contractTypes == nil ? [] : Set(try await s.contractTypes().map(\.key))
        var existing = Set<User.ID>()
        for id in input.namedUsers where try await s.user(id) != nil { existing.insert(id) }
        return try input.rule(knownTypes: known, existingUsers: existing).get()
    }

    @Sendable func simulate(_ request: Request, context: AppContext) async throws -> JSON<SimulationDTO> {
        let user = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(SimulateInput.self, context: context, limit: 262_144, keys: Self.simulateKeys)
        if let ruleInput = input.rule {
            return JSON(SimulationDTO(required: nil, history: try await history(ruleInput, input, user: user)))
        }
        let workflow = ContractWorkflow(services: services)
        let required = try await services.database.read { s -> [RequiredApproval] in
            let facts: ApprovalFacts
            switch (input.contractId, input.contract) {
            case (let text?, nil):
                guard let id = Contract.ID(text) else { throw ValidationFailure([FieldError("contractId", "must be a contract id (UUID)")]) }
                let (contract, _) = try await workflow.visible(id, to: user, in: s)
                facts = try await s.approvalFacts(of: contract)
            case (nil, let draft?):
                facts = ApprovalFacts(type: draft.type, amount: draft.amount, counterpartyKind: draft.counterpartyKind, startDate: draft.startDate,
                                      endDate: draft.endDate, clauses: (draft.clauses ?? []).map(Self.instance), variables: draft.variables ?? [:])
            default:
                throw ValidationFailure([FieldError("contractId", "send either contractId or contract")])
            }
            return ApprovalPolicy.evaluate(try await s.approvalRules(), facts: facts)
        }
        return JSON(SimulationDTO(required: required.map {
            RequiredDTO(order: $0.step.order, role: $0.step.role, users: $0.step.users?.map(\.description), mode: $0.step.mode, reasons: $0.reasons)
        }, history: nil))
    }

    /// The contracts created in the period that the rule would have sent for approval. Only for people who see
    /// every contract: the count would otherwise leak what they may not see.
    func history(_ ruleInput: ApprovalRuleDraft, _ input: SimulateInput, user: User) async throws -> HistoryDTO {
        guard user.seesAllContracts else { throw Problem.forbidden("simulating a rule on past contracts needs access to every contract") }
        let today = Day(services.clock())
        let to = input.to ?? today
        let from = input.from ?? to.adding(days: -90)
        var errors = [FieldError]()
        if input.contractId != nil || input.contract != nil { errors.append(FieldError("rule", "send a rule, or a contract, not both")) }
        if from > to { errors.append(FieldError("from", "must not be after to")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return try await services.database.read { s in
            let rule = try await Self.rule(from: ruleInput, in: s)
            let facts = try await s.approvalFacts(createdFrom: from, to: to, limit: Self.historyLimit + 1, withVariables: rule.when.variables != nil)
            guard facts.count <= Self.historyLimit else {
                throw ValidationFailure([FieldError("from", "the period holds more than \(Self.historyLimit) contracts; narrow it")])
            }
            let hits = facts.compactMap { id, facts in ApprovalPolicy.matches(rule.when, facts).map { (id, $0) } }
            let names = try await s.pastContracts(hits.map(\.0))
            let matched = hits.compactMap { id, because in
                names[id].map { PastContractDTO(id: id.description, reference: $0.reference, title: $0.title, because: because.map { $0.phrase(.en) },
                                                criteria: because) }
            }
            return HistoryDTO(rule: rule.name, from: from, to: to, examined: facts.count, matched: matched.count, contracts: matched)
        }
    }

    static func instance(_ c: SimulateInput.Draft.Clause) -> ClauseInstance {
        ClauseInstance(nodeId: c.key, number: "", key: c.key, clauseVersion: nil, title: c.key,
                       variant: ClauseVariant(name: c.variant ?? "standard"), isDerogation: c.isDerogation ?? false,
                       derogationCategory: c.derogationCategory, requiresApprovalBy: c.requiresApprovalBy ?? [], text: "")
    }
}
