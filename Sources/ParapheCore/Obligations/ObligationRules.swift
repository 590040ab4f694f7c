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
    /// commitment (and its history), those no longer chosen are superseded, the new ones are added. Commitments
    /// written by hand are legal's and stay.
    public static func reconcile(_ existing: [Obligation], with drafts: [ObligationDraft]) -> (added: [ObligationDraft], superseded: [Obligation]) {
        let live = existing.filter { $0.origin == .clause && $0.status != .superseded }
        let kept = Set(live.compactMap(\.source))
        let wanted = Set(drafts.map(\.source))
        return (drafts.filter { !kept.contains($0.source) }, live.filter { !wanted.contains($0.source ?? "") })
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

    /// Whether an open commitment falls due within `days` of `today` (overdue ones included): the reminder's test.
    public static func isDue(_ obligation: Obligation, today: Day, within days: Int) -> Bool {
        guard obligation.status == .open, let due = obligation.dueOn else { return false }
        return today.days(until: due) <= days
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
