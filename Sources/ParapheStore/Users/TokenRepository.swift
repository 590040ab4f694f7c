import Foundation
import ParapheCore
import SQLKit

/// A bearer token or a browser session. Only the SHA-256 of the secret is stored.
public struct AuthToken: Sendable, Hashable {
    public typealias ID = Identifier<AuthToken>
    public enum Kind: String, Sendable { case api, session }
    public var id: ID
    public var userId: User.ID
    public var kind: Kind
    public var csrfToken: String?
    public var label: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(id: ID, userId: User.ID, kind: Kind, csrfToken: String?, label: String?, createdAt: Date, expiresAt: Date, revokedAt: Date?) {
        self.id = id
        self.userId = userId
        self.kind = kind
        self.csrfToken = csrfToken
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

extension Session {
    public func insertToken(_ token: AuthToken, secretHash: String) async throws {
        try await run("""
            INSERT INTO auth_tokens (id, user_id, token_hash, kind, csrf_token, label, created_at, expires_at)
            VALUES (\(bind: token.id.description), \(bind: token.userId.description), \(bind: secretHash), \(bind: token.kind.rawValue),
                    \(bind: token.csrfToken), \(bind: token.label), \(bind: Timestamp.format(token.createdAt)), \(bind: Timestamp.format(token.expiresAt)))
            """)
    }

    /// The live token and its user for a secret's hash: not revoked, not expired, user active.
    public func authenticate(secretHash: String, now: Date) async throws -> (AuthToken, User)? {
        guard let row = try await first("""
            SELECT t.id AS t_id, t.kind, t.csrf_token, t.label, t.created_at AS t_created, t.expires_at, t.revoked_at, u.*
            FROM auth_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(bind: secretHash) AND t.revoked_at IS NULL AND t.expires_at > \(bind: Timestamp.format(now)) AND u.active = 1
            """) else { return nil }
        let user = try Self.decodeUser(row)
        let token = AuthToken(id: try row.id("t_id"), userId: user.id, kind: AuthToken.Kind(rawValue: try row.string("kind")) ?? .api,
                              csrfToken: try row.optionalString("csrf_token"), label: try row.optionalString("label"),
                              createdAt: try row.date("t_created"), expiresAt: try row.date("expires_at"), revokedAt: nil)
        return (token, user)
    }

    public func revokeToken(_ id: AuthToken.ID, userId: User.ID, now: Date) async throws -> Bool {
        let found = try await first("SELECT id FROM auth_tokens WHERE id = \(bind: id.description) AND user_id = \(bind: userId.description) AND revoked_at IS NULL") != nil
        if found {
            try await run("UPDATE auth_tokens SET revoked_at = \(bind: Timestamp.format(now)) WHERE id = \(bind: id.description)")
        }
        return found
    }

    public func revokeAllTokens(of userId: User.ID, now: Date) async throws {
        try await run("UPDATE auth_tokens SET revoked_at = \(bind: Timestamp.format(now)) WHERE user_id = \(bind: userId.description) AND revoked_at IS NULL")
    }

    public func tokens(of userId: User.ID, now: Date) async throws -> [AuthToken] {
        try await all("""
            SELECT * FROM auth_tokens WHERE user_id = \(bind: userId.description) AND kind = 'api' AND revoked_at IS NULL
              AND expires_at > \(bind: Timestamp.format(now)) ORDER BY created_at DESC LIMIT 200
            """).map { row in
            AuthToken(id: try row.id("id"), userId: userId, kind: .api, csrfToken: nil, label: try row.optionalString("label"),
                      createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"), revokedAt: nil)
        }
    }

    // MARK: Failed logins

    public func recordLoginFailure(key: String, at now: Date) async throws {
        try await run("INSERT INTO login_failures (key, at) VALUES (\(bind: key), \(bind: Timestamp.format(now)))")
    }

    /// When each failure on `key` since `since` happened, oldest first.
    public func loginFailureTimes(key: String, since: Date) async throws -> [Date] {
        try await all("SELECT at FROM login_failures WHERE key = \(bind: key) AND at > \(bind: Timestamp.format(since)) ORDER BY at")
            .compactMap { Timestamp.parse(try $0.string("at")) }
    }

    /// Forgets the attempt just recorded and, for the account, the failures before it: the password was right. An
    /// address's count keeps its earlier failures: it measures the whole office, not this account.
    public func clearLoginFailures(key: String, at attempt: Date) async throws {
        if !key.hasPrefix("ip:") {
            try await run("DELETE FROM login_failures WHERE key = \(bind: key)")
        } else {
            try await run("DELETE FROM login_failures WHERE key = \(bind: key) AND at = \(bind: Timestamp.format(attempt))")
        }
    }
}
