import Foundation

/// A commitment as generation derives it from a clause, before it is stored.
public struct ObligationDraft: Hashable, Sendable {
    public var source: String
    public var clauseKey: String
    public var wording: String
    public var owedBy: ObligationParty
    public var ownerRole: Role
    public var dueOn: Day?
    public var every: Period?

    public init(source: String, clauseKey: String, wording: String, owedBy: ObligationParty, ownerRole: Role, dueOn: Day?, every: Period?) {
        self.source = source
        self.clauseKey = clauseKey
        self.wording = wording
        self.owedBy = owedBy
        self.ownerRole = ownerRole
        self.dueOn = dueOn
        self.every = every
    }

    /// Names the declaration a draft comes from: the clause, the text chosen, and its place in the list.
    public static func source(clauseKey: String, variant: ClauseVariant, index: Int) -> String {
        "\(clauseKey):\(variant.name)#\(index)"
    }

    public func obligation(of contract: Contract.ID, at now: Date) -> Obligation {
        Obligation(contractId: contract, origin: .clause, source: source, clauseKey: clauseKey, wording: wording, owedBy: owedBy,
                   ownerRole: ownerRole, dueOn: dueOn, every: every, createdAt: now, updatedAt: now)
    }
}

public enum ObligationRules {
    /// What a new set of clauses does to a contract's commitments: the declarations still chosen keep their
    /// commitment (and its history), the open ones no longer chosen are superseded, the new ones are added. A
    /// commitment already met, breached or waived keeps that outcome: the record of a breach outlives its clause.
    /// Commitments written by hand are legal's and stay.
    public static func reconcile(_ existing: [Obligation], with drafts: [ObligationDraft]) -> (added: [ObligationDraft], superseded: [Obligation]) {
        let live = existing.filter { $0.origin == .clause && $0.status != .superseded }
        let wanted = Set(drafts.map(\.source))
        let superseded = live.filter { $0.status == .open && !wanted.contains($0.source ?? "") }
        let kept = Set(live.filter { wanted.contains($0.source ?? "") }.compactMap(\.source))
        return (drafts.filter { !kept.contains($0.source) }, superseded)
    }

    /// A person's change of status, and the history line it writes. Meeting a recurring commitment records the
    /// occurrence met and moves it to its next due date; it stays open.
    public static func change(_ obligation: Obligation, to status: ObligationStatus, note: String?, by user: User.ID,
                              at now: Date) throws -> (Obligation, ObligationEvent) {
        var errors = TextRules.optionalText(note, field: "note", max: Obligation.maxNote)
        if !ObligationStatus.settable.contains(status) {
            errors.append(FieldError("status", "must be one of \(ObligationStatus.settable.map(\.rawValue).joined(separator: ", ")); superseded is Paraphe's"))
        }
        if [.breached, .waived].contains(status), note?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            errors.append(FieldError("note", "is required to mark a commitment \(status.rawValue): say what happened"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        guard obligation.status != .superseded else {
            throw DomainError.conflict("this commitment's clause left the contract; it can no longer change")
        }
        let recurring = status == .met && obligation.status == .open && obligation.every != nil && obligation.dueOn != nil
        guard status != obligation.status || recurring else { throw DomainError.conflict("the commitment is already \(status.rawValue)") }
        var changed = obligation
        let event = ObligationEvent(obligationId: obligation.id, at: now, actorId: user, from: obligation.status, to: status,
                                    dueOn: obligation.dueOn, note: note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty)
        if recurring, let due = obligation.dueOn, let every = obligation.every {
            changed.dueOn = due.adding(every)
        } else {
            changed.status = status
        }
        changed.updatedAt = now
        return (changed, event)
    }

    /// Paraphe's own change when a commitment's clause leaves the contract, and its history line.
    public static func supersede(_ obligation: Obligation, at now: Date) -> (Obligation, ObligationEvent) {
        var changed = obligation
        changed.status = .superseded
        changed.updatedAt = now
        return (changed, ObligationEvent(obligationId: obligation.id, at: now, actorId: nil, from: obligation.status, to: .superseded,
                                         dueOn: obligation.dueOn, note: nil))
    }

    /// The first line of a commitment's history: it exists, as it was written.
    public static func created(_ obligation: Obligation, by user: User.ID?) -> ObligationEvent {
        ObligationEvent(obligationId: obligation.id, at: obligation.createdAt, actorId: user, from: nil, to: obligation.status, dueOn: obligation.dueOn,
                        note: nil)
    }

    /// Whether an open commitment falls due within `days` of `today` (overdue ones included): the reminder's test.
    public static func isDue(_ obligation: Obligation, today: Day, within days: Int) -> Bool {
        guard obligation.status == .open, let due = obligation.dueOn else { return false }
        return today.days(until: due) <= days
    }
}

/// The fields of a commitment as a client sends them, read once for the library's declarations and for legal's
/// hand-written commitments, every bad one named under `field`.
public enum ObligationFields {
    /// A viewer answers for nothing: they could be reminded but never act.
    public static let ownerRoles: [Role] = [.legal, .sales, .finance, .admin]

    public static func parse(owedBy: String?, ownerRole: String?, every: String?, prefix: String = "",
                             errors: inout [FieldError]) -> (ObligationParty, Role, Period?) {
        let party = owedBy.flatMap(ObligationParty.init(rawValue:))
        if party == nil { errors.append(FieldError(prefix + "owedBy", "must be us or them")) }
        let role = ownerRole.flatMap(Role.init(rawValue:)).flatMap { ownerRoles.contains($0) ? $0 : nil }
        if role == nil { errors.append(FieldError(prefix + "ownerRole", "must be a role: \(ownerRoles.map(\.rawValue).joined(separator: ", "))")) }
        let recurrence = every.flatMap { $0.isEmpty ? nil : $0 }
        let period = recurrence.flatMap(Period.init).flatMap { $0.isZero ? nil : $0 }
        if recurrence != nil, period == nil { errors.append(FieldError(prefix + "every", "must be an ISO 8601 period such as P1M or P1Y")) }
        return (party ?? .us, role ?? .legal, period)
    }
}

/// A commitment legal writes by hand: one no clause declares (a promise in a side letter).
public struct ManualObligation: Hashable, Sendable {
    public var wording: String
    public var owedBy: ObligationParty
    public var ownerRole: Role
    public var dueOn: Day?
    public var every: Period?

    public init(wording: String, owedBy: ObligationParty, ownerRole: Role, dueOn: Day?, every: Period?) {
        self.wording = wording
        self.owedBy = owedBy
        self.ownerRole = ownerRole
        self.dueOn = dueOn
        self.every = every
    }

    /// Reads the fields as sent; a recurring commitment needs its first due date, and dates stay within contract years.
    public static func parse(wording: String?, owedBy: String?, ownerRole: String?, dueOn: String?, every: String?) throws -> ManualObligation {
        var errors = TextRules.requiredText(wording, field: "wording", max: Obligation.maxWording)
        let (party, role, period) = ObligationFields.parse(owedBy: owedBy, ownerRole: ownerRole, every: every, errors: &errors)
        let due = dueOn.flatMap { $0.isEmpty ? nil : $0 }
        let day = due.flatMap(Day.init)
        if due != nil, day == nil { errors.append(FieldError("dueOn", "must be a date YYYY-MM-DD")) }
        if let day, !Day.contractYears.contains(day.year) {
            errors.append(FieldError("dueOn", "must fall between \(Day.contractYears.lowerBound) and \(Day.contractYears.upperBound)"))
        }
        if period != nil, due == nil { errors.append(FieldError("dueOn", "is required for a recurring commitment: the first due date")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return ManualObligation(wording: (wording ?? "").trimmingCharacters(in: .whitespacesAndNewlines), owedBy: party, ownerRole: role,
                                dueOn: day, every: period)
    }

    public func obligation(of contract: Contract.ID, at now: Date) -> Obligation {
        Obligation(contractId: contract, origin: .manual, wording: wording, owedBy: owedBy, ownerRole: ownerRole, dueOn: dueOn, every: every,
                   createdAt: now, updatedAt: now)
    }
}

/// Who may touch the register: legal and admins everything; the people holding a commitment's owner role answer
/// for it on the contracts they work on (finance, who sees every contract, on all of them).
public enum ObligationAccess {
    public static func canAdd(_ user: User) -> Bool { ContractAccess.writesEveryContract(user) }

    public static func canChange(_ user: User, _ obligation: Obligation, canWriteContract: Bool) -> Bool {
        ContractAccess.writesEveryContract(user) || (user.has(obligation.ownerRole) && (canWriteContract || user.seesAllContracts))
    }
}
