import Foundation

/// What the company decides before a renewal: *Reconduire*, *Renégocier* or *Résilier*.
public enum RenewalDecisionKind: String, Codable, Sendable, CaseIterable {
    case renew, renegotiate, terminate

    /// Renegotiating gives notice too: the contract does not roll on as it is, and a new one is negotiated.
    public var stopsRenewal: Bool { self != .renew }

    /// What the contract becomes once the term it stopped has run out.
    public var closingStatus: ContractStatus { self == .terminate ? .terminated : .expired }
}

/// A decision on one term: it holds for the renewal that follows `termEnd`, and a later term asks again.
public struct RenewalDecision: Hashable, Sendable, Codable {
    public var kind: RenewalDecisionKind
    public var termEnd: Day

    public init(kind: RenewalDecisionKind, termEnd: Day) {
        self.kind = kind
        self.termEnd = termEnd
    }
}

public enum RenewalDecisionRefusal: Error, Equatable, Sendable {
    /// Only a contract in force renews.
    case notInForce(ContractStatus)
    /// Its terms have no renewal (or no end date): it ends on its end date.
    case doesNotRenew
    /// Notice is late: the tacit renewal can no longer be stopped for this term.
    case noticePassed(deadline: Day, renewsOn: Day)
    /// An explicit renewal needs a period to extend the contract by.
    case periodMissing
    case alreadyDecided(RenewalDecisionKind)
}

extension Contract {
    /// Statuses in which a contract runs, and so renews or ends.
    public static let inForce: [ContractStatus] = [.signed, .active, .renewed]

    /// The renewal schedule with the decision on the term in force folded in: notice given (a termination or a
    /// renegotiation) means no renewal follows and nothing is left to decide.
    public func renewalSchedule(today: Day) -> RenewalSchedule {
        var schedule = renewal.schedule(endDate: endDate, today: today)
        if let decision = renewalDecision, decision.kind.stopsRenewal, renewal.mode == .tacit {
            schedule = RenewalSchedule(nextRenewalDate: nil, noticeDeadline: nil, currentTermEnd: decision.termEnd)
        }
        return schedule
    }

    /// The last day of the contract when nothing renews it: its end date without renewal, or the end of the term
    /// notice was given for. Nil while a tacit renewal is coming.
    public func endsOn(today: Day) -> Day? {
        let schedule = renewalSchedule(today: today)
        return schedule.nextRenewalDate == nil ? schedule.currentTermEnd : nil
    }

    /// The decision still to take on the term in force: true when a deadline is set and no decision answers it.
    public func awaitsRenewalDecision(today: Day) -> Bool {
        let schedule = renewalSchedule(today: today)
        guard Self.inForce.contains(status), schedule.noticeDeadline != nil else { return false }
        return renewalDecision?.termEnd != schedule.currentTermEnd
    }
}

public enum RenewalDecisions {
    /// Records a decision on the term in force. A tacit renewal is stopped by notice given before its deadline; an
    /// explicit one is renewed by extending the end date by one period, or let lapse.
    public static func decide(_ kind: RenewalDecisionKind, on contract: Contract, today: Day, at now: Date,
                              comment: String? = nil) throws(RenewalDecisionRefusal) -> (Contract, [ContractChange]) {
        guard Contract.inForce.contains(contract.status) else { throw .notInForce(contract.status) }
        guard contract.renewal.mode != .none, let endDate = contract.endDate else { throw .doesNotRenew }
        let schedule = contract.renewal.schedule(endDate: endDate, today: today)
        guard let termEnd = schedule.currentTermEnd, let deadline = schedule.noticeDeadline else { throw .doesNotRenew }
        if contract.renewal.mode == .explicit, today > termEnd { throw .doesNotRenew }
        if let previous = contract.renewalDecision, previous.termEnd == termEnd, previous.kind == kind { throw .alreadyDecided(kind) }
        if contract.renewal.mode == .tacit, kind.stopsRenewal, today > deadline, let next = schedule.nextRenewalDate {
            throw .noticePassed(deadline: deadline, renewsOn: next)
        }
        var next = contract
        next.updatedAt = now
        var changes: [ContractChange] = []
        if contract.renewal.mode == .explicit, kind == .renew {
            guard let period = contract.renewal.period, !period.isZero else { throw .periodMissing }
            // Renewed already: the term in force reaches more than a period ahead. A second click must not extend it again.
            if today < endDate.adding(days: 1).subtracting(period) { throw .alreadyDecided(.renew) }
            let newEnd = endDate.adding(days: 1).adding(period).adding(days: -1)
            next.endDate = newEnd
            next.renewalDecision = nil
            changes.append(.renewalDecided(kind, termEnd: termEnd, noticeDeadline: deadline, newEndDate: newEnd, comment: comment))
            if contract.status == .active {
                next.status = .renewed
                changes.append(.statusChanged(from: .active, to: .renewed))
            }
        } else {
            next.renewalDecision = RenewalDecision(kind: kind, termEnd: termEnd)
            changes.append(.renewalDecided(kind, termEnd: termEnd, noticeDeadline: deadline, newEndDate: nil, comment: comment))
        }
        return (next, changes)
    }
}

extension RenewalDecisionRefusal {
    /// The API's words for it; pages phrase the value themselves.
    public var detail: String {
        switch self {
        case .notInForce(let status): "only a contract in force (signed, active or renewed) renews; this one is \(status.rawValue)"
        case .doesNotRenew: "this contract has no renewal to decide: it ends on its end date"
        case .noticePassed(let deadline, let renewsOn):
            "the notice deadline (\(deadline)) has passed: the contract renews on \(renewsOn), and notice for the following term can be given after that"
        case .periodMissing: "an explicit renewal extends the contract by its renewal period, and this contract names none"
        case .alreadyDecided(let kind): "this decision (\(kind.rawValue)) is already recorded for the term in force"
        }
    }
}
