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

    func refuse(_ integration: Integration.ID, _ why: String, bytes: Int) async throws -> Never {
        let now = services.clock()
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

    /// A Salesforce Outbound Message: well-formed, without a DTD, from the org Paraphe signed in to. Answered with
    /// the acknowledgement once the poll it hints at is queued.
    public func salesforce(_ id: Integration.ID, body: Data) async throws {
        let (integration, state) = try await self.integration(id, system: .salesforce)
        let message: OutboundMessage
        do {
            message = try OutboundMessage.parse(body)
        } catch {
            try await refuse(id, "Outbound Message refused: \(error)", bytes: body.count)
        }
        guard let known = state.organisation, known.prefix(15) == message.organisation.prefix(15) else {
            try await refuse(id, "Outbound Message refused: organisation \(message.organisation.prefix(18)) is not the one this integration signs in to",
                             bytes: body.count)
        }
        try await hint(integration, records: message.recordIds)
    }

    /// A HubSpot webhook batch, checked before anything is read from it: signed with the app secret, recent, from
    /// the portal Paraphe signed in to. `uri` is the full address the CRM posted to.
    public func hubspot(_ id: Integration.ID, body: Data, signature: String?, timestamp: String?, uri: String) async throws {
        let (integration, state) = try await self.integration(id, system: .hubspot)
        let credentials = try await services.database.read { try await services.credentials(of: id, in: $0) }
        guard let secret = credentials.webhookSecret, !secret.isEmpty else {
            try await refuse(id, "webhook refused: this integration has no app secret to check signatures with", bytes: body.count)
        }
        let webhook: HubSpotWebhook
        do {
            webhook = try HubSpotWebhook.verify(body: body, signature: signature, timestamp: timestamp, uri: uri, secret: secret, now: services.clock())
        } catch {
            try await refuse(id, "webhook refused: \(error)", bytes: body.count)
        }
        guard webhook.portalId == state.organisation else {
            try await refuse(id, "webhook refused: portal \(webhook.portalId.prefix(20)) is not the one this integration signs in to", bytes: body.count)
        }
        try await hint(integration, records: webhook.dealIds)
    }

    /// A Pipedrive webhook, checked before anything is read from it: the Basic auth set on the webhook, then the
    /// company Paraphe signed in to.
    public func pipedrive(_ id: Integration.ID, body: Data, authorization: String?) async throws {
        let (integration, state) = try await self.integration(id, system: .pipedrive)
        let credentials = try await services.database.read { try await services.credentials(of: id, in: $0) }
        guard let user = credentials.webhookUser, let password = credentials.webhookPassword else {
            try await refuse(id, "webhook refused: this integration has no webhook user and password", bytes: body.count)
        }
        let webhook: PipedriveWebhook
        do {
            webhook = try PipedriveWebhook.verify(body: body, authorization: authorization, user: user, password: password)
        } catch {
            try await refuse(id, "webhook refused: \(error)", bytes: body.count)
        }
        guard webhook.companyId == state.organisation else {
            try await refuse(id, "webhook refused: company \(webhook.companyId.prefix(20)) is not the one this integration signs in to", bytes: body.count)
        }
        try await hint(integration, records: webhook.dealId.map { [$0] } ?? [])
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
