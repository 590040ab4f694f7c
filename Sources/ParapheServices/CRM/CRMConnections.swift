import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore
import Synchronization

/// What each integration's connector keeps for the life of the process: Salesforce's session, Pipedrive's deal fields.
public final class CRMSessions: Sendable {
    private let sessions = Mutex<[String: SalesforceSession]>([:])
    private let pipedriveFields = Mutex<[String: PipedriveFieldCache]>([:])

    public init() {}

    /// Each integration's Salesforce session: every job shares one sign-in.
    public func salesforce(_ integration: Integration) -> SalesforceSession {
        Self.shared(in: sessions, for: integration, make: SalesforceSession.init)
    }

    /// Each Pipedrive integration's deal fields, shared by its jobs.
    public func pipedrive(_ integration: Integration) -> PipedriveFieldCache {
        Self.shared(in: pipedriveFields, for: integration, make: PipedriveFieldCache.init)
    }

    /// Keyed by the integration and the moment its settings last changed: new credentials, new state.
    static func shared<T: Sendable>(in store: borrowing Mutex<[String: T]>, for integration: Integration, make: () -> T) -> T {
        let key = "\(integration.id)@\(integration.updatedAt.timeIntervalSince1970)"
        return store.withLock { all in
            if let found = all[key] { return found }
            let made = make()
            all = all.filter { !$0.key.hasPrefix("\(integration.id)@") }
            all[key] = made
            return made
        }
    }
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
        let (credentials, organisation) = try await database.read { s in
            (try await self.credentials(of: integration.id, in: s), try await s.integrationState(of: integration.id).organisation)
        }
        return try connector(for: integration, credentials: credentials, organisation: organisation)
    }

    /// The connector for credentials not stored yet (a connection being checked), or stored ones. `organisation`
    /// (the HubSpot portal) builds links to records.
    public func connector(for integration: Integration, credentials: CRMCredentials, organisation: String? = nil) throws -> any CRMConnector {
        guard let transport = crmTransport else { throw CRMError.unavailable("no HTTP transport is configured for CRM calls") }
        switch integration.system {
        case .salesforce:
            return SalesforceConnector(baseURL: integration.baseUrl, credentials: credentials, transport: transport,
                                       session: crmSessions.salesforce(integration), clock: clock)
        case .hubspot:
            return HubSpotConnector(baseURL: integration.baseUrl, credentials: credentials, portalId: organisation, transport: transport)
        case .pipedrive:
            return PipedriveConnector(baseURL: integration.baseUrl, credentials: credentials, transport: transport,
                                      cache: crmSessions.pipedrive(integration), clock: clock)
        }
    }
}
