import Foundation

/// A rule as the API and the policy editor send it, with names and texts still to be checked.
public struct ApprovalRuleDraft: Decodable, Sendable {
    public struct Step: Decodable, Sendable {
        public var role: String?
        public var users: [String]?
        public var mode: String?
        public var order: Int?

        public init(role: String? = nil, users: [String]? = nil, mode: String? = nil, order: Int? = nil) {
            self.role = role
            self.users = users
            self.mode = mode
            self.order = order
        }
    }

    public var name: String?
    public var when: ApprovalCondition?
    public var require: [Step]?
    /// 1-based place in the policy; the end when left out.
    public var position: Int?
    /// `contract` (the default) or `supplierRequest`.
    public var appliesTo: String?

    public init(name: String?, when: ApprovalCondition?, require: [Step]?, position: Int? = nil, appliesTo: String? = nil) {
        self.name = name
        self.when = when
        self.require = require
        self.position = position
        self.appliesTo = appliesTo
    }

    /// The user ids the steps name that are well formed, for the caller to look up.
    public var namedUsers: [User.ID] { (require ?? []).flatMap { ($0.users ?? []).compactMap(User.ID.init) } }

    /// The rule, or every problem with the API's field names. `knownTypes` are the contract types that exist (read
    /// only when the condition names types); `existingUsers` are those of `namedUsers` that exist.
    public func rule(knownTypes: Set<String>, existingUsers: Set<User.ID>) -> Result<ApprovalRule, ValidationFailure> {
        var errors = TextRules.requiredLine(name, field: "name", max: 200)
        let condition = when ?? ApprovalCondition()
        for (i, type) in (condition.contractTypes ?? []).enumerated() where !knownTypes.contains(type) {
            errors.append(FieldError("when.contractTypes[\(i)]", "unknown contract type; one of \(knownTypes.sorted().joined(separator: ", "))"))
        }
        errors += condition.validate()
        if let position, position < 1 { errors.append(FieldError("position", "must be 1 or more")) }
        let scope = ApprovalScope(rawValue: appliesTo ?? ApprovalScope.contract.rawValue)
        if scope == nil { errors.append(FieldError("appliesTo", "must be contract or supplierRequest")) }
        if scope == .supplierRequest, condition.variables != nil {
            errors.append(FieldError("when.variables", "a supplier request has no variables; test personalData or amountAbove"))
        }
        var steps = [ApprovalStep]()
        if (require ?? []).isEmpty { errors.append(FieldError("require", "must list at least one step")) }
        for (i, step) in (require ?? []).enumerated() {
            let field = "require[\(i)]"
            let role = step.role.flatMap(Role.init(rawValue:))
            if step.role != nil, role == nil {
                errors.append(FieldError("\(field).role", "unknown role; one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            var users = [User.ID]()
            for (j, text) in (step.users ?? []).enumerated() {
                if let id = User.ID(text), existingUsers.contains(id) { users.append(id) } else {
                    errors.append(FieldError("\(field).users[\(j)]", "no user with this id"))
                }
            }
            if (step.role == nil) == (step.users?.isEmpty ?? true) {
                errors.append(FieldError(field, "names either a role or users"))
            }
            let mode = ApprovalMode(rawValue: step.mode ?? "any")
            if mode == nil { errors.append(FieldError("\(field).mode", "must be all or any")) }
            let order = step.order ?? 1
            if !(1...20).contains(order) { errors.append(FieldError("\(field).order", "must be from 1 to 20")) }
            steps.append(ApprovalStep(role: role, users: users.isEmpty ? nil : users, mode: mode ?? .any, order: order))
        }
        guard errors.isEmpty, let name else { return .failure(ValidationFailure(errors)) }
        return .success(ApprovalRule(name: name, when: condition, require: steps, appliesTo: scope ?? .contract))
    }
}
