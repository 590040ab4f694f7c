import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices


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

    /// The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest address in
    /// `X-Forwarded-For` that is not one of ours (what a client writes there itself is never believed).
    static func client(_ request: Request, peer: String?, trusted: Set<String>) -> String? {
        guard let peer, trusted.contains(peer), let forwarded = request.headers[.init("X-Forwarded-For")!] else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) }.map { String($0.prefix(45)) } ?? peer
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = WebLanguage.preferred(request)
        context.pagePath = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        context.remoteAddress = Self.client(request, peer: context.remoteAddress, trusted: services.config.trustedProxies)
        if let query = request.uri.query, query.range(of: "%00") != nil {
            throw Problem.badRequest("the query contains a NUL character (%00), which no parameter accepts")
        }
        var secret: String?
        var kind: AuthToken.Kind = .api
        // A CRM's hook authenticates itself (Pipedrive with Basic auth): its Authorization header is not a Paraphe token.
        if let header = request.headers[.authorization], !request.uri.path.hasPrefix("/hooks/") {
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
                if kind == .session, user.has(.admin), request.method == .get {
                    let now = services.clock()
                    context.crmAlerts = try await IntegrationWorkflow(services: services).attention().map { i, state in
                        CRMAlert(integrationId: i.id.description, name: i.name, circuitOpenUntil: state.circuitOpen(at: now) ? state.circuitOpenUntil : nil,
                                 tokenRefused: state.token == .refused, mapBroken: !state.mapErrors.isEmpty)
                    }
                }
            } else if kind == .api {
                throw Problem.unauthorized("this token is unknown, expired or revoked")
            }
        }
        return try await next(request, context)
    }
}

extension AuthWorkflow.Failure {
    var problem: Problem {
        switch self {
        case .invalid: Problem.unauthorized("email or password is wrong")
        case .throttled(let seconds):
            Problem.from(DomainError.rateLimited("too many failed logins; try again in \(max(1, (seconds + 59) / 60)) minutes", retryAfter: seconds), maxBodyBytes: 0)
        }
    }
}
