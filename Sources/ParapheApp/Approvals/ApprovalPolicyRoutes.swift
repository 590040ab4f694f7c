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

        init(_ h: ApprovalPolicyWorkflow.History) {
            rule = h.rule
            from = h.from
            to = h.to
            examined = h.examined
            matched = h.contracts.count
            contracts = h.contracts.map {
                PastContractDTO(id: $0.id.description, reference: $0.reference, title: $0.title, because: $0.criteria.map { $0.phrase(.en) }, criteria: $0.criteria)
            }
        }
    }

    /// `required` for a contract or a draft; `history` for a rule tried on past contracts.
    struct SimulationDTO: Encodable, Sendable {
        var required: [RequiredDTO]?
        var history: HistoryDTO?
    }

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

    var workflow: ApprovalPolicyWorkflow { ApprovalPolicyWorkflow(services: services) }

    static func dto(_ rule: ApprovalRule, position: Int) -> RuleDTO {
        RuleDTO(id: rule.id.description, position: position, name: rule.name, when: rule.when, require: rule.require, appliesTo: rule.appliesTo)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<RuleDTO>> {
        let rules = try await workflow.rules(by: try context.caller())
        return JSON(Page(items: rules.enumerated().map { Self.dto($1, position: $0 + 1) }, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(ApprovalRuleDraft.self, context: context, limit: 65_536, keys: Self.ruleKeys)
        let (rule, position) = try await workflow.add(input, by: caller)
        return try JSON(Self.dto(rule, position: position), status: .created).response(from: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller()
        try await workflow.remove(try context.requireID("id"), by: caller)
        return Response(status: .noContent)
    }

    @Sendable func simulate(_ request: Request, context: AppContext) async throws -> JSON<SimulationDTO> {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(SimulateInput.self, context: context, limit: 262_144, keys: Self.simulateKeys)
        if let rule = input.rule {
            guard input.contractId == nil, input.contract == nil else { throw ValidationFailure([FieldError("rule", "send a rule, or a contract, not both")]) }
            return JSON(SimulationDTO(required: nil, history: HistoryDTO(try await workflow.history(rule, from: input.from, to: input.to, by: caller))))
        }
        let subject: ApprovalPolicyWorkflow.Subject
        switch (input.contractId, input.contract) {
        case (let text?, nil):
            guard let id = Contract.ID(text) else { throw ValidationFailure([FieldError("contractId", "must be a contract id (UUID)")]) }
            subject = .contract(id)
        case (nil, let draft?):
            subject = .draft(ApprovalFacts(type: draft.type, amount: draft.amount, counterpartyKind: draft.counterpartyKind, startDate: draft.startDate,
                                           endDate: draft.endDate, clauses: (draft.clauses ?? []).map(Self.instance), variables: draft.variables ?? [:]))
        default:
            throw ValidationFailure([FieldError("contractId", "send either contractId or contract")])
        }
        let required = try await workflow.simulate(subject, by: caller).required
        return JSON(SimulationDTO(required: required.map {
            RequiredDTO(order: $0.step.order, role: $0.step.role, users: $0.step.users?.map(\.description), mode: $0.step.mode, reasons: $0.reasons)
        }, history: nil))
    }

    static func instance(_ c: SimulateInput.Draft.Clause) -> ClauseInstance {
        ClauseInstance(nodeId: c.key, number: "", key: c.key, clauseVersion: nil, title: c.key,
                       variant: ClauseVariant(name: c.variant ?? "standard"), isDerogation: c.isDerogation ?? false,
                       derogationCategory: c.derogationCategory, requiresApprovalBy: c.requiresApprovalBy ?? [], text: "")
    }
}
