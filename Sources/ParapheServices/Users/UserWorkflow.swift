import Foundation
import ParapheCore
import ParapheStore

/// Accounts: who may list, create and change them (admins; the system, for the command line and the demo), and what
/// a change does to sessions, tokens and open approval steps. The API, the CLI and the demo all come here.
public struct UserWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// What an admin may change on an account; nil leaves it as it is. Anyone may change their own preferences.
    public struct Change: Sendable {
        public var name: String?
        public var roles: Set<Role>?
        public var language: Language?
        /// Checked with `UserRules.timeZone(from:)`.
        public var timeZone: String?
        public var active: Bool?
        public var password: String?

        public init(name: String? = nil, roles: Set<Role>? = nil, language: Language? = nil, timeZone: String? = nil, active: Bool? = nil,
                    password: String? = nil) {
            self.name = name
            self.roles = roles
            self.language = language
            self.timeZone = timeZone
            self.active = active
            self.password = password
        }

        /// Only what a person chooses for themselves: the language of their mails and the zone of their times.
        var onlyPreferences: Bool { name == nil && roles == nil && active == nil && password == nil }
    }

    public func list(after email: String?, limit: Int, by caller: Caller) async throws -> [User] {
        guard caller.holds(.admin, .legal) else { throw DomainError.forbidden("only an admin or legal may list users") }
        return try await services.database.read { try await $0.users(after: email, limit: limit) }
    }

    public func create(_ input: NewUser, by caller: Caller) async throws -> User {
        guard caller.holds(.admin) else { throw DomainError.forbidden("only an admin may create users") }
        let errors = UserRules.validate(input)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let hash = try await Passwords.hash(input.password, cost: services.config.bcryptCost)
        let user = User(email: UserRules.normalizedEmail(input.email), name: input.name.trimmingCharacters(in: .whitespacesAndNewlines),
                        roles: input.roles, language: input.language, timeZone: input.timeZone, createdAt: services.clock())
        let now = services.clock()
        try await services.database.transaction { s in
            try await s.insertUser(user, passwordHash: hash)
            try await s.appendAdminEvent(.userCreated(user), actor: caller.actor, at: now)
        }
        return user
    }

    /// Applies an admin's change. Deactivating an account or changing its password ends every session and token at
    /// once; taking a role or the account away hands its open approval steps on.
    public func update(_ id: User.ID, _ change: Change, by caller: Caller) async throws -> User {
        guard let admin = caller.user, admin.has(.admin) || admin.id == id && change.onlyPreferences else {
            throw DomainError.forbidden("only an admin may change users; anyone may change their own language and time zone")
        }
        var errors = change.name.map(UserRules.validateName) ?? []
        if let password = change.password, password.count < UserRules.minimumPasswordLength {
            errors.append(FieldError("password", "must have at least \(UserRules.minimumPasswordLength) characters"))
        }
        if let demotion = UserRules.selfDemotion(by: admin, of: id, roles: change.roles, active: change.active) { errors.append(demotion) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let hash: String? = if let password = change.password { try await Passwords.hash(password, cost: services.config.bcryptCost) } else { nil }
        let now = services.clock()
        let updated = try await services.database.transaction { s -> User in
            guard var user = try await s.user(id) else { throw DomainError.notFound("no user with this id") }
            let before = user
            if let name = change.name { user.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let roles = change.roles { user.roles = roles }
            if let language = change.language { user.language = language }
            if let zone = change.timeZone { user.timeZone = zone }
            if let active = change.active { user.active = active }
            try await s.updateUser(user, passwordHash: hash)
            if change.active == false || hash != nil { try await s.revokeAllTokens(of: user.id, now: now) }
            let fields = [("name", before.name != user.name), ("roles", before.roles != user.roles), ("language", before.language != user.language),
                          ("timeZone", before.timeZone != user.timeZone),
                          ("active", before.active != user.active), ("password", hash != nil)].filter(\.1).map(\.0)
            if !fields.isEmpty { try await s.appendAdminEvent(.userChanged(user, fields: fields), actor: caller.actor, at: now) }
            if before.active && !user.active || !before.roles.isSubset(of: user.roles) {
                try await ApprovalWorkflow(services: services).reweigh(stepsOf: before, actor: caller.actor, in: s, at: now)
            }
            return user
        }
        // Roles, language and activity are read from the cached user too.
        services.credentials.clear()
        return updated
    }
}
