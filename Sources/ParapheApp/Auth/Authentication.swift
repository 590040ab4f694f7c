import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

enum SecretHash {
    static func of(_ secret: String) -> String {
        SHA256Hex.of(Data(secret.utf8))
    }
}

/// Resolves the caller from `Authorization: Bearer` (API) or the session cookie (web UI). It never rejects: routes
/// that need a user ask the context for one.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let services: AppServices
    static let sessionCookie = "paraphe_session"

    /// The router ignores empty segments, so `//api/v1/…` reaches the API too: decide on the segments, not the prefix.
    static func isAPI(_ path: String) -> Bool {
        path.split(separator: "/").first == "api"
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = WebLanguage.preferred(request)
        context.pagePath = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        if let query = request.uri.query, query.range(of: "%00") != nil {
            throw Problem.badRequest("the query contains a NUL character (%00), which no parameter accepts")
        }
        var secret: String?
        var kind: AuthToken.Kind = .api
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw Problem.unauthorized("the Authorization header must be 'Bearer <token>'")
            }
            secret = String(parts[1])
        } else if !Self.isAPI(request.uri.path), let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty {
            // Only the web UI takes the session cookie: its forms carry a CSRF token, API calls do not.
            secret = cookie
            kind = .session
        }
        if let secret, secret.count <= 200 {
            let hash = SecretHash.of(secret)
            let now = services.clock()
            var found = services.credentials.lookup(hash, now: now).map { ($0.token, $0.user) }
            if found == nil, let fresh = try await services.database.read({ try await $0.authenticate(secretHash: hash, now: now) }) {
                services.credentials.store(hash, .init(token: fresh.0, user: fresh.1, checkedAt: now))
                found = fresh
            }
            if let (token, user) = found, token.kind == kind {
                context.user = user
                context.token = token
                if kind == .session, request.cookies[WebLanguage.cookie] == nil { context.language = user.language }
            } else if kind == .api {
                throw Problem.unauthorized("this token is unknown, expired or revoked")
            }
        }
        return try await next(request, context)
    }
}

/// Issues tokens and sessions after checking a password, with a brake on repeated failures.
struct Authenticator: Sendable {
    let services: AppServices

    enum Failure: Error { case invalid, throttled(retryAfter: Int) }

    /// Checks the password; failures are counted per email and per client address.
    func login(email rawEmail: String, password: String, from address: String?) async throws(Failure) -> User {
        let email = UserRules.normalizedEmail(rawEmail)
        let db = services.database
        let now = services.clock()
        let counters = LoginBrake.counters(email: email, address: address, perPair: services.config.maxLoginFailures)
        let since = now.addingTimeInterval(-services.config.loginWindow)
        do {
            // Every attempt counts as a failure until the password is proven right, and is recorded in the same
            // transaction that counts, before bcrypt runs: parallel guesses cannot all slip under the limit.
            let throttledUntil = try await db.transaction { s -> Date? in
                for counter in counters {
                    let recent = try await s.loginFailureTimes(key: counter.key, since: since)
                    // Refused until enough of the counted failures have left the window.
                    if recent.count >= counter.limit { return recent[recent.count - counter.limit].addingTimeInterval(services.config.loginWindow) }
                }
                for counter in counters { try await s.recordLoginFailure(key: counter.key, at: now) }
                return nil
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
    func issue(_ kind: AuthToken.Kind, for user: User, label: String?) async throws -> (secret: String, token: AuthToken) {
        let secret = services.newSecret()
        let now = services.clock()
        let lifetime = kind == .session ? services.config.sessionLifetime : services.config.apiTokenLifetime
        let token = AuthToken(id: .init(), userId: user.id, kind: kind, csrfToken: kind == .session ? services.newSecret() : nil,
                              label: label, createdAt: now, expiresAt: now.addingTimeInterval(lifetime), revokedAt: nil)
        try await services.database.transaction { try await $0.insertToken(token, secretHash: SecretHash.of(secret)) }
        return (secret, token)
    }
}

extension Authenticator.Failure {
    var problem: Problem {
        switch self {
        case .invalid: Problem.unauthorized("email or password is wrong")
        case .throttled(let seconds):
            Problem.from(DomainError.rateLimited("too many failed logins; try again in \(max(1, (seconds + 59) / 60)) minutes", retryAfter: seconds), maxBodyBytes: 0)
        }
    }
}
