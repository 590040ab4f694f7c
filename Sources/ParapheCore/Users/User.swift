import Foundation

public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case admin, legal, sales, finance, viewer

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum Language: String, Codable, Sendable, CaseIterable {
    case fr, en
}

public struct User: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<User>
    public var id: ID
    public var email: String
    public var name: String
    public var roles: Set<Role>
    public var language: Language
    /// Where the user reads times: an IANA identifier, Paris by default.
    public var timeZone: String
    public var active: Bool
    public var createdAt: Date

    public init(id: ID = ID(), email: String, name: String, roles: Set<Role>, language: Language = .fr, timeZone: String = Formatting.defaultTimeZone.identifier,
                active: Bool = true, createdAt: Date) {
        self.id = id
        self.timeZone = timeZone
        self.email = email
        self.name = name
        self.roles = roles
        self.language = language
        self.active = active
        self.createdAt = createdAt
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// Legal, finance and admin see every contract; sales see their own and those shared with them.
    public var seesAllContracts: Bool {
        !roles.isDisjoint(with: [.admin, .legal, .finance])
    }

    /// A viewer reads only, whatever else it is granted nowhere.
    public var canWriteContracts: Bool {
        !roles.isDisjoint(with: [.admin, .legal, .sales, .finance])
    }
}

/// Who did something, as recorded in the audit trail.
public struct Actor: Hashable, Sendable, Codable {
    public var userId: User.ID?
    public var label: String
    public var ip: String?
    public var userAgent: String?

    public init(userId: User.ID?, label: String, ip: String? = nil, userAgent: String? = nil) {
        self.userId = userId
        self.label = label
        self.ip = ip
        self.userAgent = userAgent
    }

    public static func user(_ user: User, ip: String? = nil, userAgent: String? = nil) -> Actor {
        Actor(userId: user.id, label: user.email, ip: ip, userAgent: userAgent)
    }

    public static let system = Actor(userId: nil, label: "system")

    /// Someone signing through their link: named by the address the link was sent to.
    public static func signer(email: String, userId: User.ID?, ip: String?, userAgent: String?) -> Actor {
        Actor(userId: userId, label: signerPrefix + email, ip: ip, userAgent: userAgent)
    }

    static let signerPrefix = "signer "

    /// The address of a signer acting through their link, or nil for anyone else.
    public var signerEmail: String? {
        label.hasPrefix(Self.signerPrefix) ? String(label.dropFirst(Self.signerPrefix.count)) : nil
    }
}
