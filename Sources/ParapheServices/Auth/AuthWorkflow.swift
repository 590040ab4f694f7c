import Foundation
import ParapheCore
import ParapheStore

public enum SecretHash {
    public static func of(_ secret: String) -> String {
        SHA256Hex.of(Data(secret.utf8))
    }
}

/// Issues tokens and sessions after checking a password, with a brake on repeated failures.
public struct AuthWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public enum Failure: Error { case invalid, throttled(retryAfter: Int) }

    /// Checks the password; failures are counted per email and per client address.
    public func login(email rawEmail: String, password: String, from address: String?) async throws(Failure) -> User {
        let email = UserRules.normalizedEmail(rawEmail)
        let db = services.database
        let now = services.clock()
        let counters = LoginBrake.counters(email: email, address: address, perPair: services.config.maxLoginFailures)
        let since = now.addingTimeInterval(-services.config.loginWindow)
        do {
            // Every attempt counts as a failure until the password is proven right, and is recorded in the same
            // transaction that counts, before bcrypt runs: parallel guesses cannot all slip under the limit.
            let throttledUntil = try await db.transaction { s -> Date? in
                var until: Date?
                for counter in counters {
                    let recent = try await s.loginFailureTimes(key: counter.key, since: since)
                    // Refused until enough of the counted failures have left the window, on every counter exceeded.
                    if recent.count >= counter.limit {
                        until = max(until ?? .distantPast, recent[recent.count - counter.limit].addingTimeInterval(services.config.loginWindow))
                    }
                }
                if until == nil { for counter in counters { try await s.recordLoginFailure(key: counter.key, at: now) } }
                return until
            }
            if let throttledUntil { throw Failure.throttled(retryAfter: max(1, Int(throttledUntil.timeIntervalSince(now).rounded(.up)))) }
            let stored = try await db.read { try await $0.user(email: email) }
            let decoy = Passwords.decoyHash(cost: services.config.bcryptCost)
            let valid = try await Passwords.verify(password, hash: stored?.passwordHash ?? decoy)
            guard let stored, valid, stored.user.active else { throw Failure.invalid }
            try await db.transaction { s in for counter in counters { try await s.clearLoginFailures(key: counter.key, at: now) } }
            return stored.user
        } catch let failure as Failure {
            throw failure
        } catch {
            services.logger.error("login check failed: \(error)")
            throw Failure.invalid
        }
    }

    /// A new secret, of which only the hash is kept.
    public func issue(_ kind: AuthToken.Kind, for user: User, label: String?) async throws -> (secret: String, token: AuthToken) {
        let secret = services.newSecret()
        let now = services.clock()
        let lifetime = kind == .session ? services.config.sessionLifetime : services.config.apiTokenLifetime
        let token = AuthToken(id: .init(), userId: user.id, kind: kind, csrfToken: kind == .session ? services.newSecret() : nil,
                              label: label, createdAt: now, expiresAt: now.addingTimeInterval(lifetime), revokedAt: nil)
        try await services.database.transaction { try await $0.insertToken(token, secretHash: SecretHash.of(secret)) }
        return (secret, token)
    }

    /// Revokes one of the user's live tokens or sessions; false when none has this id. The node's credential cache
    /// forgets it at once; another node honours it for at most the cache's five seconds.
    @discardableResult
    public func revoke(_ id: AuthToken.ID, of user: User) async throws -> Bool {
        let found = try await services.database.transaction { try await $0.revokeToken(id, userId: user.id, now: services.clock()) }
        services.credentials.clear()
        return found
    }
}
