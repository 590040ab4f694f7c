import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore
import Synchronization

/// Each integration's Salesforce session, for the life of the process: every job shares one sign-in.
public final class CRMSessions: Sendable {
    private let sessions = Mutex<[String: SalesforceSession]>([:])

    public init() {}

    /// Keyed by the integration and the moment its settings last changed: new credentials, new session.
    public func salesforce(_ integration: Integration) -> SalesforceSession {
        let key = "\(integration.id)@\(integration.updatedAt.timeIntervalSince1970)"
        return sessions.withLock { all in
            if let session = all[key] { return session }
            let session = SalesforceSession()
            all = all.filter { !$0.key.hasPrefix("\(integration.id)@") }
            all[key] = session
            return session
        }
    }
}

public struct CRMUnsupported: Error, CustomStringConvertible {
    public var system: CRMSystem
    public var description: String { "\(system.rawValue) has no connector yet" }
}

extension AppServices {
    public func credentials(of integration: Integration.ID, in s: Session) async throws -> CRMCredentials {
        guard let sealed = try await s.sealedCredentials(of: integration) else { throw DomainError.notFound("no integration with this id") }
        return try JSONDecoder().decode(CRMCredentials.self, from: try secretBox.open(sealed, config: config))
    }

    public func sealCredentials(_ credentials: CRMCredentials) throws -> String {
        try secretBox.seal(try CanonicalJSON.encode(credentials), config: config)
    }

    /// The connector for an integration, signed in lazily with its stored credentials.
    public func connector(for integration: Integration) async throws -> any CRMConnector {
        let credentials: CRMCredentials = try await database.read { try await self.credentials(of: integration.id, in: $0) }
        return try connector(for: integration, credentials: credentials)
    }

    /// The connector for credentials not stored yet (a connection being checked), or stored ones.
    public func connector(for integration: Integration, credentials: CRMCredentials) throws -> any CRMConnector {
        if let crmConnector { return try crmConnector(integration, credentials, self) }
        return try liveConnector(integration, credentials)
    }

    func liveConnector(_ integration: Integration, _ credentials: CRMCredentials) throws -> any CRMConnector {
        guard let transport = crmTransport else { throw CRMError.unavailable("no HTTP transport is configured for CRM calls") }
        switch integration.system {
        case .salesforce:
            return SalesforceConnector(baseURL: integration.baseUrl, credentials: credentials, transport: transport,
                                       session: crmSessions.salesforce(integration), clock: clock)
        case .hubspot, .pipedrive:
            throw CRMUnsupported(system: integration.system)
        }
    }
}
