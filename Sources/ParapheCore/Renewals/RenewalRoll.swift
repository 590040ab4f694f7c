import Foundation

/// What the passing of time does to a contract in force, audited like any other change: a tacit renewal rolls it
/// into its next term; a contract with nothing renewing it expires (or, when notice was given, is terminated) the
/// day after its last day.
public enum RenewalRoll {
    /// The term the trail last recorded is the contract's own (`rolledTermEnd`, else its end date), so a renewal is
    /// recorded once however often this runs, however far the clock jumped, and whatever was saved in between.
    public static func roll(_ contract: Contract, today: Day, at now: Date) -> (Contract, [ContractChange]) {
        guard Contract.inForce.contains(contract.status), let endDate = contract.endDate else { return (contract, []) }
        var next = contract
        var changes: [ContractChange] = []
        var closing: ContractStatus?
        if contract.renewal.mode == .tacit {
            let recorded = contract.rolledTermEnd ?? endDate
            let stop = contract.renewalDecision.flatMap { $0.kind.stopsRenewal ? $0 : nil }
            // Renewals run until the term notice was given for, never past it.
            let horizon = stop.map { min(today, $0.termEnd) } ?? today
            if horizon > recorded, let termEnd = contract.renewal.schedule(endDate: endDate, today: horizon).currentTermEnd, termEnd > recorded {
                changes.append(.renewedTacitly(from: recorded.adding(days: 1), termEnd: termEnd))
                next.rolledTermEnd = termEnd
                if let decision = contract.renewalDecision, decision.kind == .renew, decision.termEnd < termEnd { next.renewalDecision = nil }
                next.status = .renewed
            }
            if let stop, today > stop.termEnd { closing = stop.kind.closingStatus }
        } else if today > endDate {
            closing = contract.renewalDecision?.kind.closingStatus ?? .expired
        }
        if let closing { next.status = closing }
        guard next != contract else { return (contract, []) }
        if next.status != contract.status { changes.append(.statusChanged(from: contract.status, to: next.status)) }
        next.updatedAt = now
        return (next, changes)
    }
}
