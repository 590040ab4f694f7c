import Foundation

public enum LifecycleError: Error, Equatable, Sendable {
    case illegal(from: ContractStatus, to: ContractStatus, allowed: [ContractStatus])
    /// `approved` is reached through the approvers' decisions, never by hand.
    case approvedByDecisions(allowed: [ContractStatus])
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
        case .signing: [.signed, .negotiating, .cancelled]
        case .signed: [.active]
        case .active: [.renewed, .expired, .terminated]
        case .renewed: [.renewed, .expired, .terminated]
        case .expired, .terminated, .cancelled: []
        }
    }

    /// The moves a person may make directly. `approved` is reached only through the approvers' decisions.
    public static func byHand(from status: ContractStatus) -> [ContractStatus] {
        allowed(from: status).filter { $0 != .approved }
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
