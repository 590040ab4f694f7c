import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheStore
import ParapheServices

public struct CRMAlert: Sendable, Hashable {
    public var integrationId: String
    public var name: String
    public var circuitOpenUntil: Date?
    public var tokenRefused: Bool
    public var mapBroken: Bool
}

/// Per-request state: who is calling, by which credential, and from where.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    public var token: AuthToken?
    public var remoteAddress: String?
    public var language: Language = .fr
    /// Path and query of the page asked for, so the UI can come back to it.
    public var pagePath: String = "/"
    /// CRM integrations an admin should look at now, for the banner on every page.
    public var crmAlerts: [CRMAlert] = []

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var requestDecoder: JSONDecoder { JSONDecoder() }

    /// The caller, or a 401 when the route needs one and there is none.
    public func requireUser() throws -> User {
        guard let user else { throw Problem.unauthorized() }
        return user
    }

    /// The signed-in person, as the workflows take it; a 401 when there is none.
    public func caller() throws -> Caller {
        .user(try requireUser())
    }

    public func requireRole(_ roles: Role...) throws -> User {
        let user = try requireUser()
        guard !user.roles.isDisjoint(with: roles) else {
            throw Problem.forbidden("this needs the role \(roles.map(\.rawValue).joined(separator: " or "))")
        }
        return user
    }

    public func actor(userAgent: String?) throws -> Actor {
        .user(try requireUser(), ip: remoteAddress, userAgent: userAgent.map { String($0.prefix(300)) })
    }

    public func requireID<T>(_ name: String, as: T.Type = T.self) throws -> Identifier<T> {
        guard let text = parameters.get(name), let id = Identifier<T>(text) else {
            throw Problem.notFound("no such \(name == "id" ? "object" : name): the id must be a UUID")
        }
        return id
    }
}
