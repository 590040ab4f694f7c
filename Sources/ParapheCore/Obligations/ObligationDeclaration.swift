import Foundation

/// What a library clause or alternative commits the parties to, as legal writes it. Generation turns it into a
/// contract's `Obligation`: the wording's `{{ … }}` placeholders and the `due` expression read the contract's variables.
public struct ObligationDeclaration: Hashable, Sendable, Codable {
    public var wording: String
    public var owedBy: ObligationParty
    public var ownerRole: Role
    /// An expression over the template's variables giving the first due date: `priceFreezeUntil`, `startDate + slaReview`.
    public var due: String?
    /// A recurrence: after each due date, the next one is this much later. Without `due`, counted from the start date.
    public var every: Period?

    public init(wording: String, owedBy: ObligationParty, ownerRole: Role, due: String? = nil, every: Period? = nil) {
        self.wording = wording
        self.owedBy = owedBy
        self.ownerRole = ownerRole
        self.due = due
        self.every = every
    }

    public func validate(field: String) -> [FieldError] {
        var errors = TextRules.requiredText(wording, field: "\(field).wording", max: Obligation.maxWording)
        errors += TextRules.optionalText(due, field: "\(field).due", max: 200)
        if let every, every.isZero { errors.append(FieldError("\(field).every", "must be an ISO 8601 period such as P1M or P1Y")) }
        return errors
    }
}
