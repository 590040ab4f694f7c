import Foundation

/// What a rule tests. Every criterion given must hold; a list criterion holds when any of its values matches.
public struct ApprovalCondition: Hashable, Sendable, Codable {
    public var contractTypes: [String]?
    /// Holds when the contract's amount is above it. Amounts are not converted, so an amount in another currency
    /// counts as above: the rule fails closed rather than letting a currency dodge it.
    public var amountAbove: Money?
    public var hasDerogation: Bool?
    public var derogationCategories: [String]?
    /// Alternative keys, such as `payment60Days`.
    public var alternatives: [String]?
    public var counterpartyKinds: [CounterpartyKind]?
    /// Holds when the contract runs longer than this many months (start to end date).
    public var durationMonthsAbove: Int?
    /// Holds when a clause's text was negotiated by hand.
    public var customText: Bool?
    /// Holds when a supplier would process personal data (supplier requests).
    public var personalData: Bool?
    /// Tests on the contract's variables; every one must hold.
    public var variables: [VariableCondition]?

    public init(contractTypes: [String]? = nil, amountAbove: Money? = nil, hasDerogation: Bool? = nil, derogationCategories: [String]? = nil,
                alternatives: [String]? = nil, counterpartyKinds: [CounterpartyKind]? = nil, durationMonthsAbove: Int? = nil,
                customText: Bool? = nil, personalData: Bool? = nil, variables: [VariableCondition]? = nil) {
        self.contractTypes = contractTypes
        self.amountAbove = amountAbove
        self.hasDerogation = hasDerogation
        self.derogationCategories = derogationCategories
        self.alternatives = alternatives
        self.counterpartyKinds = counterpartyKinds
        self.durationMonthsAbove = durationMonthsAbove
        self.customText = customText
        self.personalData = personalData
        self.variables = variables
    }
}

extension ApprovalCondition {
    /// The rules on the criteria themselves, named as the API's `when.` fields; whether the contract types exist is
    /// the store's to say.
    public func validate() -> [FieldError] {
        var errors = [FieldError]()
        if let threshold = amountAbove {
            if !CurrencyCode.isValid(threshold.currency) { errors.append(FieldError("when.amountAbove.currency", "must be an ISO 4217 code such as EUR")) }
            if threshold.amount < 0 { errors.append(FieldError("when.amountAbove.amount", "must not be negative")) }
        }
        if let months = durationMonthsAbove, months < 0 || months > 1200 {
            errors.append(FieldError("when.durationMonthsAbove", "must be a number of months from 0 to 1200"))
        }
        if let tests = variables {
            if tests.isEmpty || tests.count > 20 { errors.append(FieldError("when.variables", "list from 1 to 20 tests")) }
            for (i, test) in tests.enumerated() { errors += test.validate(field: "when.variables[\(i)]") }
        }
        return errors
    }
}

public enum ApprovalMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every approver of the step must approve.
    case all
    /// One approver is enough.
    case any
}

/// Who approves: a role or named users. Steps run by `order`; steps with the same order run in parallel.
public struct ApprovalStep: Hashable, Sendable, Codable {
    public var role: Role?
    public var users: [User.ID]?
    public var mode: ApprovalMode
    public var order: Int

    /// How the audit trail and mails name the step: its role, or its named users.
    public var label: String {
        role?.rawValue ?? "users " + (users ?? []).map(\.description).joined(separator: ",")
    }

    public init(role: Role? = nil, users: [User.ID]? = nil, mode: ApprovalMode = .any, order: Int = 1) {
        self.role = role
        self.users = users
        self.mode = mode
        self.order = order
    }
}

public struct ApprovalRule: Hashable, Sendable {
    public typealias ID = Identifier<ApprovalRule>
    public var id: ID
    public var name: String
    public var when: ApprovalCondition
    public var require: [ApprovalStep]
    public var appliesTo: ApprovalScope

    public init(id: ID = ID(), name: String, when: ApprovalCondition, require: [ApprovalStep], appliesTo: ApprovalScope = .contract) {
        self.id = id
        self.name = name
        self.when = when
        self.require = require
        self.appliesTo = appliesTo
    }
}

/// What a policy looks at in a contract, drafted or stored.
public struct ApprovalFacts: Sendable {
    public var type: String
    public var amount: Money?
    public var counterpartyKind: CounterpartyKind?
    public var startDate: Day?
    public var endDate: Day?
    public var clauses: [ClauseInstance]
    public var personalData: Bool
    /// A generated contract's template variables over its metadata; the metadata alone for other contracts.
    public var variables: [String: JSONValue]

    public init(type: String, amount: Money?, counterpartyKind: CounterpartyKind?, startDate: Day?, endDate: Day?, clauses: [ClauseInstance],
                personalData: Bool = false, variables: [String: JSONValue] = [:]) {
        self.personalData = personalData
        self.variables = variables
        self.type = type
        self.amount = amount
        self.counterpartyKind = counterpartyKind
        self.startDate = startDate
        self.endDate = endDate
        self.clauses = clauses
    }
}

extension ApprovalFacts {
    /// The values a rule's variable tests read: a generated contract's template variables over its metadata.
    public static func namedValues(metadata: [String: JSONValue], variables: JSONValue?) -> [String: JSONValue] {
        guard case .object(let variables)? = variables else { return metadata }
        return metadata.merging(variables) { _, variable in variable }
    }
}

/// Why a step is needed: the rule (or the clause alternative) that asked for it, and what matched.
public struct ApprovalReason: Hashable, Sendable, Codable {
    /// Nil when a clause alternative asked for the step itself (its `requiresApprovalBy`).
    public var ruleId: ApprovalRule.ID?
    public var rule: String
    public var criteria: [ApprovalCriterion]

    public init(ruleId: ApprovalRule.ID?, rule: String, criteria: [ApprovalCriterion]) {
        self.ruleId = ruleId
        self.rule = rule
        self.criteria = criteria
    }

    /// What matched, in English: the API's and the audit trail's wording.
    public var because: [String] { because(in: .en) }

    public func because(in language: Language) -> [String] { criteria.map { $0.phrase(language) } }

    enum CodingKeys: String, CodingKey { case ruleId, rule, because, criteria }

    /// Stored and sent with the English phrases beside the criteria, so API clients read `because` as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(ruleId, forKey: .ruleId)
        try c.encode(rule, forKey: .rule)
        try c.encode(because, forKey: .because)
        try c.encode(criteria, forKey: .criteria)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ruleId = try c.decodeIfPresent(ApprovalRule.ID.self, forKey: .ruleId)
        rule = try c.decode(String.self, forKey: .rule)
        criteria = try c.decode([ApprovalCriterion].self, forKey: .criteria)
    }
}

public struct RequiredApproval: Hashable, Sendable {
    public var step: ApprovalStep
    public var reasons: [ApprovalReason]
}

public enum ApprovalPolicy {
    /// The steps a contract needs, each once, in order, each with every reason that asked for it. Rules are read
    /// in their order; then every derogation alternative adds the roles it names.
    public static func evaluate(_ rules: [ApprovalRule], facts: ApprovalFacts, scope: ApprovalScope = .contract) -> [RequiredApproval] {
        var result = Steps()
        let prepared = Prepared(facts)
        // Through pointers: `for rule in rules`, or passing `rules[index].when`, copies the rule or its condition,
        // retaining and releasing its every string and array.
        rules.withUnsafeBufferPointer { rules in
            guard let first = rules.baseAddress else { return }
            for index in rules.indices where rules[index].appliesTo == scope {
                guard let condition = (first + index).pointer(to: \.when), let because = matches(condition, prepared) else { continue }
                let reason = ApprovalReason(ruleId: rules[index].id, rule: rules[index].name, criteria: because)
                for (i, step) in rules[index].require.enumerated() { result.add(step, reason, checkDuplicate: i > 0) }
            }
        }
        for clause in facts.clauses where clause.isDerogation {
            for role in clause.requiresApprovalBy {
                result.add(ApprovalStep(role: role, mode: .any, order: 1),
                    ApprovalReason(ruleId: nil, rule: "clause \(clause.key)",
                                   criteria: [.clauseRequires(variant: clause.variant.name, clause: clause.key, role: role)]),
                    checkDuplicate: true)
            }
        }
        return result.list.enumerated().sorted { ($0.element.step.order, $0.offset) < ($1.element.step.order, $1.offset) }.map(\.element)
    }

    /// The steps found so far. A value with a mutating method rather than a closure over a local list: a captured
    /// list is boxed, and every append to it pays a dynamic exclusivity check.
    struct Steps {
        var list: [RequiredApproval] = []

        /// The same approvers asked at two orders decide once, at the earlier one, for every reason. A reason is
        /// already there only when the same rule (or clause) asked for the same approvers twice, so duplicates are
        /// looked for within the current source, not across the whole list.
        mutating func add(_ step: ApprovalStep, _ reason: ApprovalReason, checkDuplicate: Bool) {
            if let index = list.firstIndex(where: { $0.step.role == step.role && $0.step.users == step.users && $0.step.mode == step.mode }) {
                list[index].step.order = min(list[index].step.order, step.order)
                if checkDuplicate, list[index].reasons.contains(reason) { return }
                list[index].reasons.append(reason)
            } else {
                // Room for a few reasons: a step asked for by many rules would otherwise regrow its list each time.
                var reasons = [reason]
                reasons.reserveCapacity(8)
                list.append(RequiredApproval(step: step, reasons: reasons))
            }
        }
    }

    /// What matched, one phrase per criterion, or nil when the condition does not hold. A condition with no
    /// criterion holds for every contract.
    public static func matches(_ c: ApprovalCondition, _ facts: ApprovalFacts) -> [ApprovalCriterion]? {
        withUnsafePointer(to: c) { matches($0, Prepared(facts)) }
    }

    /// The facts' derived lists, computed once per contract rather than once per rule.
    struct Prepared {
        let facts: ApprovalFacts
        let derogations: [ClauseInstance]
        let custom: [ClauseInstance]
        /// `key (variant)` of each derogation, written once rather than for every rule that asks.
        let derogationLabels: [String]

        init(_ facts: ApprovalFacts) {
            self.facts = facts
            derogations = facts.clauses.isEmpty ? [] : facts.clauses.filter(\.isDerogation)
            custom = facts.clauses.isEmpty ? [] : facts.clauses.filter { $0.variant == .custom }
            derogationLabels = derogations.map { "\($0.key) (\($0.variant.name))" }
        }

        var months: Int? { facts.startDate.flatMap { start in facts.endDate.map { start.monthsUntil($0) } } }
    }

    /// Whether the condition holds; cheap, so that the phrases are written only for the rules that match. The
    /// condition is read through a pointer, one field at a time: taking it as a value made the optimiser copy the
    /// whole condition (and retain every list in it) for each of the policy's rules.
    static func holds(_ condition: UnsafePointer<ApprovalCondition>, _ p: borrowing Prepared) -> Bool {
        if let types = condition.pointee.contractTypes, !types.contains(p.facts.type) { return false }
        if let threshold = condition.pointee.amountAbove {
            guard let amount = p.facts.amount, amount.reaches(above: threshold) else { return false }
        }
        if let wanted = condition.pointee.hasDerogation, p.derogations.isEmpty == wanted { return false }
        if let categories = condition.pointee.derogationCategories, !p.derogations.contains(where: { $0.derogationCategory.map(categories.contains) ?? false }) { return false }
        if let keys = condition.pointee.alternatives, !p.facts.clauses.contains(where: { keys.contains($0.variant.name) }) { return false }
        if let kinds = condition.pointee.counterpartyKinds {
            guard let kind = p.facts.counterpartyKind, kinds.contains(kind) else { return false }
        }
        if let limit = condition.pointee.durationMonthsAbove {
            guard let months = p.months, months > limit else { return false }
        }
        if let wanted = condition.pointee.customText, p.custom.isEmpty == wanted { return false }
        if let wanted = condition.pointee.personalData, p.facts.personalData != wanted { return false }
        if let tests = condition.pointee.variables, !tests.allSatisfy({ $0.match(p.facts.variables) != nil }) { return false }
        return true
    }

    static func matches(_ condition: UnsafePointer<ApprovalCondition>, _ p: borrowing Prepared) -> [ApprovalCriterion]? {
        guard holds(condition, p) else { return nil }
        var found: [ApprovalCriterion] = []
        found.reserveCapacity(4)
        if condition.pointee.contractTypes != nil { found.append(.type(p.facts.type)) }
        if let threshold = condition.pointee.amountAbove, let amount = p.facts.amount { found.append(.amountAbove(amount: amount, threshold: threshold)) }
        if let wanted = condition.pointee.hasDerogation {
            found.append(wanted ? .derogations(p.derogationLabels) : .noDerogation)
        }
        if let categories = condition.pointee.derogationCategories {
            let hits = p.derogations.compactMap(\.derogationCategory).filter(categories.contains)
            found.append(.derogationCategories(hits.count == 1 ? hits : Array(Set(hits)).sorted()))
        }
        if let keys = condition.pointee.alternatives { found.append(.alternatives(p.facts.clauses.map(\.variant.name).filter(keys.contains))) }
        if let kind = p.facts.counterpartyKind, condition.pointee.counterpartyKinds != nil { found.append(.counterparty(kind)) }
        if let limit = condition.pointee.durationMonthsAbove, let months = p.months { found.append(.duration(months: months, limit: limit)) }
        if let wanted = condition.pointee.customText { found.append(wanted ? .customText(p.custom.map(\.key)) : .noCustomText) }
        if let wanted = condition.pointee.personalData { found.append(.personalData(wanted)) }
        for test in condition.pointee.variables ?? [] {
            if let value = test.match(p.facts.variables) { found.append(.variable(name: test.name, value: value)) }
        }
        return found.isEmpty ? [.everyContract] : found
    }
}
