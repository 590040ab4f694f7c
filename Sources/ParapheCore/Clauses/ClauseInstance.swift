import Foundation

/// Which text a contract uses for a clause.
public enum ClauseVariant: Hashable, Sendable {
    case standard
    case alternative(String)
    /// Text negotiated by hand, outside the library.
    case custom

    /// From its stored or sent name: `standard`, `custom`, or any other text as an alternative key.
    public init(name: String) {
        switch name {
        case "standard": self = .standard
        case "custom": self = .custom
        default: self = .alternative(name)
        }
    }

    /// As stored and sent: `standard`, the alternative key, or `custom`.
    public var name: String {
        switch self {
        case .standard: "standard"
        case .alternative(let key): key
        case .custom: "custom"
        }
    }
}

/// A clause as it stands in one contract: derogations are rows that can be counted, filtered and reported.
public struct ClauseInstance: Hashable, Sendable {
    /// The template node the clause fills.
    public var nodeId: String
    public var number: String
    public var key: String
    public var clauseVersion: Int?
    public var title: String
    public var variant: ClauseVariant
    public var isDerogation: Bool
    public var derogationCategory: String?
    public var requiresApprovalBy: [Role]
    public var text: String

    public init(nodeId: String, number: String, key: String, clauseVersion: Int?, title: String, variant: ClauseVariant,
                isDerogation: Bool, derogationCategory: String?, requiresApprovalBy: [Role], text: String) {
        self.nodeId = nodeId
        self.number = number
        self.key = key
        self.clauseVersion = clauseVersion
        self.title = title
        self.variant = variant
        self.isDerogation = isDerogation
        self.derogationCategory = derogationCategory
        self.requiresApprovalBy = requiresApprovalBy
        self.text = text
    }
}

/// What a contract asks of a clause: the library's standard, one of its alternatives, or custom text.
public enum ClauseChoice: Hashable, Sendable {
    case standard
    case alternative(String)
    case custom(String)
    /// An optional clause left out.
    case omitted
}

public enum ClauseDeviation {
    /// Custom text is always a derogation: nobody approved it in advance, so legal must see it. The category names
    /// that, and legal approves it.
    public static let customCategory = "custom"

    public static func classify(_ variant: ClauseVariant, in clause: Clause?) -> (isDerogation: Bool, category: String?, approvers: [Role]) {
        switch variant {
        case .standard: (false, nil, [])
        case .custom: (true, customCategory, [.legal])
        case .alternative(let key):
            clause?.alternative(key).map { ($0.isDerogation, $0.derogationCategory, $0.requiresApprovalBy) } ?? (false, nil, [])
        }
    }
}
