import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore

/// Inbound CRM notifications. A push is only a hint: whatever it says, Paraphe reads the CRM itself, so a forged
/// message can at most cause a poll. Every refused message is logged with its reason.
public struct CRMHooks: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public enum Refusal: Error, Sendable, CustomStringConvertible {
        case unknownIntegration
        case rejected(String)

        public var description: String {
            switch self {
            case .unknownIntegration: "no active integration of this kind with this id"
            case .rejected(let why): why
            }
        }
    }

    /// Refused notifications logged per integration and minute; past it, a flood of forged requests is answered 429
    /// and not written, so it cannot fill the log.
    public static let refusalsPerMinute = 60

    func refuse(_ integration: Integration.ID, _ why: String, bytes: Int) async throws -> Never {
        let now = services.clock()
        if try await services.database.read({ try await $0.crmRefusals(integration, since: now.addingTimeInterval(-60)) }) >= Self.refusalsPerMinute {
            throw DomainError.rateLimited("too many refused notifications for this integration in the last minute", retryAfter: 60)
        }
        try await services.database.transaction { s in
            try await s.appendCRMLog(CRMLogEntry(integrationId: integration, at: now, direction: .inbound, operation: "hook", status: .refused,
                                                 records: 0, calls: 0, error: why, payload: try jsonText(["bytes": bytes])))
        }
        throw Refusal.rejected(why)
    }

    func integration(_ id: Integration.ID, system: CRMSystem) async throws -> (Integration, IntegrationState) {
        let found: (Integration, IntegrationState)? = try await services.database.read { s in
            guard let i = try await s.integration(id) else { return nil }
            return (i, try await s.integrationState(of: id))
        }
        guard let found, found.0.active, found.0.system == system else { throw Refusal.unknownIntegration }
        return found
    }

    /// A notification from the CRM of integration `id`: its connector verifies it before anything else is read from
    /// it (a Salesforce Outbound Message, a signed HubSpot webhook, a Pipedrive webhook with Basic auth), and the
    /// records it names are polled again. Every refusal is logged.
    public func receive(_ system: CRMSystem, _ id: Integration.ID, _ inbound: CRMInbound) async throws {
        let (integration, state) = try await self.integration(id, system: system)
        let records: [String]
        do {
            records = try await services.connector(for: integration).verify(inbound, organisation: state.organisation)
        } catch let refusal as CRMInboundRefusal {
            try await refuse(id, refusal.description, bytes: inbound.body.count)
        }
        try await hint(integration, records: records)
    }

    /// Queues a poll now (coalesced: a burst of hints is one poll), and logs the hint.
    func hint(_ integration: Integration, records: [String]) async throws {
        let now = services.clock()
        try await services.database.transaction { s in
            try await s.enqueueCoalesced(CRMPollJob(integrationId: integration.id), key: "crm.poll:\(integration.id)", runAt: now, now: now, maxAttempts: 5)
            try await s.appendCRMLog(CRMLogEntry(integrationId: integration.id, at: now, direction: .inbound, operation: "hook", status: .ok,
                                                 records: records.count, calls: 0,
                                                 payload: try jsonText(["records": records.filter(CRMLink.isRecordId).joined(separator: ",")])))
        }
    }
}
