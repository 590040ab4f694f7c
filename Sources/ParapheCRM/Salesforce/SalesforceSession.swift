import Foundation

/// One integration's Salesforce session, shared by every job of the process. When a call meets a 401, the first
/// caller signs in again and every other caller waits for that same sign-in: one refresh, however many calls fail.
public actor SalesforceSession {
    public struct Token: Sendable, Hashable {
        public var access: String
        public var instanceURL: String
        public var organisation: String
    }

    public typealias SignIn = @Sendable (_ refreshToken: String?) async throws -> (Token, refreshToken: String?)

    private var current: Token?
    private var refreshToken: String?
    private var inflight: Task<(Token, refreshToken: String?), any Error>?

    public init() {}

    public func token(_ signIn: @escaping SignIn) async throws -> Token {
        if let current { return current }
        if let inflight { return try await inflight.value.0 }
        let refresh = refreshToken
        let task = Task { try await signIn(refresh) }
        inflight = task
        defer { inflight = nil }
        do {
            let (token, newRefresh) = try await task.value
            current = token
            // Rotation: the refresh token just used is spent; keep the one that came back.
            refreshToken = newRefresh
            return token
        } catch {
            refreshToken = nil
            throw error
        }
    }

    /// The token a 401 answered: forgotten, unless another caller has already replaced it.
    public func invalidate(_ access: String) {
        if current?.access == access { current = nil }
    }
}
