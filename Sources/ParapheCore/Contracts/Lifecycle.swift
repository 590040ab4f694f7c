import Foundation

public enum LifecycleError: Error, Equatable, Sendable {
    case illegal(from: ContractStatus, to: ContractStatus, allowed: [ContractStatus])
    /// `approved` is reached through the approvers' decisions, never by hand.
    case approvedByDecisions(allowed: [ContractStatus])
    /// `signing` is reached by opening a signature request, `signed` by its seal or by recording a copy signed
    /// elsewhere; never by hand.
    case signedThroughRequests(to: ContractStatus, allowed: [ContractStatus])
}

/// The contract lifecycle: `draft → inReview → approved → negotiating ⇄ inReview → signing → signed → active →
/// (renewed | expired | terminated)`, plus `cancelled` from any status before signature.
public enum Lifecycle {
    public static func allowed(from status: ContractStatus) -> [ContractStatus] {
        switch status {
        case .draft: [.inReview, .cancelled]
        case .inReview: [.approved, .draft, .cancelled]
        case .approved: [.negotiating, .signing, .inReview, .cancelled]
        case .negotiating: [.inReview, .cancelled]
        case .signing: [.signed, .approved, .negotiating, .cancelled]
        case .signed: [.active]
        case .active: [.renewed, .expired, .terminated]
        case .renewed: [.renewed, .expired, .terminated]
        case .expired, .terminated, .cancelled: []
        }
    }

    /// The moves a person may make directly. `approved` is reached only through the approvers' decisions, `signing`
    /// and `signed` only through a signature request (or a copy signed elsewhere).
    public static func byHand(from status: ContractStatus) -> [ContractStatus] {
        allowed(from: status).filter { ![.approved, .signing, .signed].contains($0) }
    }

    public static func check(from: ContractStatus, to: ContractStatus) throws(LifecycleError) {
        let allowed = allowed(from: from)
        guard allowed.contains(to) else { throw .illegal(from: from, to: to, allowed: allowed) }
    }

    /// Moves the contract, returning what the audit trail must record.
    public static func transition(_ contract: Contract, to status: ContractStatus, at now: Date) throws(LifecycleError) -> (Contract, ContractChange) {
        try check(from: contract.status, to: status)
        var next = contract
        next.status = status
        next.updatedAt = now
        if status == .signed, next.signedAt == nil { next.signedAt = now }
        return (next, .statusChanged(from: contract.status, to: status))
    }

    /// A change to the text or terms after approval sends the contract back to review.
    public static func statusAfterTermsChange(_ status: ContractStatus) -> ContractStatus? {
        switch status {
        case .approved, .signing: .inReview
        default: nil
        }
    }
}
