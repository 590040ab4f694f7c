import Foundation
import ParapheCore
import SQLKit

public struct StoredUser: Sendable {
    public var user: User
    public var passwordHash: String
}

extension Session {
    public func insertUser(_ user: User, passwordHash: String) async throws {
        if try await first("SELECT id FROM users WHERE email = \(bind: user.email)") != nil {
            throw StoreError.conflict("a user with email \(user.email) already exists")
        }
        try await run("""
            INSERT INTO users (id, email, name, roles, language, time_zone, password_hash, active, created_at)
            VALUES (\(bind: user.id.description), \(bind: user.email), \(bind: user.name), \(bind: Self.rolesText(user.roles)),
                    \(bind: user.language.rawValue), \(bind: user.timeZone), \(bind: passwordHash), \(bind: user.active ? 1 : 0),
                    \(bind: Timestamp.format(user.createdAt)))
            """)
    }

    public func updateUser(_ user: User, passwordHash: String?) async throws {
        try await run("""
            UPDATE users SET name = \(bind: user.name), roles = \(bind: Self.rolesText(user.roles)), language = \(bind: user.language.rawValue),
              time_zone = \(bind: user.timeZone), active = \(bind: user.active ? 1 : 0) WHERE id = \(bind: user.id.description)
            """)
        if let passwordHash {
            try await run("UPDATE users SET password_hash = \(bind: passwordHash) WHERE id = \(bind: user.id.description)")
        }
    }

    public func user(_ id: User.ID) async throws -> User? {
        try await first("SELECT * FROM users WHERE id = \(bind: id.description)").map(Self.decodeUser)
    }

    public func user(email: String) async throws -> StoredUser? {
        guard let row = try await first("SELECT * FROM users WHERE email = \(bind: email)") else { return nil }
        return StoredUser(user: try Self.decodeUser(row), passwordHash: try row.string("password_hash"))
    }

    public func users(after cursor: String?, limit: Int) async throws -> [User] {
        try await all("SELECT * FROM users WHERE email > \(bind: cursor ?? "") ORDER BY email LIMIT \(bind: limit)").map(Self.decodeUser)
    }

    /// The active people a step could concern: its assignee, its role's members or its named users. A superset;
    /// `ApprovalChain.approvers` applies the rule.
    public func approverCandidates(for approval: Approval) async throws -> [User] {
        var ids = approval.step.users?.map(\.description) ?? []
        if let assignee = approval.assignee { ids.append(assignee.description) }
        var query: SQLQueryString = "SELECT * FROM users WHERE active = 1 AND (id IN (\(binds: ids.isEmpty ? [""] : ids))"
        if let role = approval.step.role, approval.assignee == nil { query += " OR roles LIKE \(bind: "%\(role.rawValue)%")" }
        query += ") ORDER BY email"
        return try await all(query).map(Self.decodeUser)
    }

    /// The active users holding `role`, by email.
    public func activeUsers(withRole role: Role) async throws -> [User] {
        try await all("SELECT * FROM users WHERE active = 1 AND roles LIKE \(bind: "%\(role.rawValue)%") ORDER BY email")
            .map(Self.decodeUser).filter { $0.has(role) }
    }

    /// Who may decide the step, by `ApprovalChain.approvers` over the candidates read here.
    public func approvers(of approval: Approval) async throws -> [User] {
        ApprovalChain.approvers(of: approval, among: try await approverCandidates(for: approval))
    }

    public func userCount() async throws -> Int {
        try await first("SELECT COUNT(*) AS n FROM users")!.int("n")
    }

    static func rolesText(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }

    static func decodeUser(_ row: any SQLRow) throws -> User {
        User(id: try row.id("id"), email: try row.string("email"), name: try row.string("name"),
             roles: Set(try row.string("roles").split(separator: ",").compactMap { Role(rawValue: String($0)) }),
             language: Language(rawValue: try row.string("language")) ?? .fr, timeZone: try row.string("time_zone"), active: try row.bool("active"),
             createdAt: try row.date("created_at"))
    }
}
