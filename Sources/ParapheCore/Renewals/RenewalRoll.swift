import Foundation

/// What the passing of time does to a contract in force, audited like any other change: a tacit renewal rolls it
/// into its next term; a contract with nothing renewing it expires (or, when notice was given, is terminated) the
/// day after its last day.
public enum RenewalRoll {
    /// `recordedRenewal` is the next renewal date stored for the contract the last time it was looked at, so a
    /// renewal is recorded once however often this runs and however far the clock has jumped.
    public static func roll(_ contract: Contract, recordedRenewal: Day?, today: Day, at now: Date) -> (Contract, [ContractChange]) {
        guard [.active, .renewed].contains(contract.status) else { return (contract, []) }
        var next = contract
        var changes: [ContractChange] = []
        if let decision = contract.renewalDecision, decision.kind.stopsRenewal, contract.renewal.mode == .tacit {
            guard today > decision.termEnd else { return (contract, []) }
            next.status = decision.kind.closingStatus
        } else if contract.renewal.mode == .tacit {
            guard let recordedRenewal, recordedRenewal <= today else { return (contract, []) }
            let schedule = contract.renewal.schedule(endDate: contract.endDate, today: today)
            guard let termEnd = schedule.currentTermEnd else { return (contract, []) }
            changes.append(.renewedTacitly(from: recordedRenewal, termEnd: termEnd))
            if contract.renewalDecision?.kind == .renew { next.renewalDecision = nil }
            if contract.status == .active { next.status = .renewed }
        } else {
            guard let end = contract.endDate, today > end else { return (contract, []) }
            next.status = contract.renewalDecision?.kind.closingStatus ?? .expired
        }
        if next.status != contract.status { changes.append(.statusChanged(from: contract.status, to: next.status)) }
        next.updatedAt = now
        return (next, changes)
    }
}
