public enum ContractStatus: String, Codable, Sendable, CaseIterable {
    case draft, inReview, approved, negotiating, signing, signed, active, renewed, expired, terminated, cancelled

    /// Once here, the contract's terms are settled; its text and amounts no longer change.
    public var isExecuted: Bool {
        switch self {
        case .signed, .active, .renewed, .expired, .terminated: true
        default: false
        }
    }

    public var isClosed: Bool {
        switch self {
        case .expired, .terminated, .cancelled: true
        default: false
        }
    }
}
