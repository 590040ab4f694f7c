import Foundation
import ParapheCore
import ParapheStore

/// Outbound webhook subscriptions, an admin's: which events go where, signed with a secret, and their delivery log.
public struct WebhookWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct Input: Decodable, Sendable {
        public var url: String?
        public var events: [String]?
        public var secret: String?
        public var allowPrivateNetwork: Bool?
    }

    func requireAdmin(_ caller: Caller) throws {
        guard caller.holds(.admin) else { throw DomainError.forbidden("only an admin manages webhooks") }
    }

    public func webhooks(by caller: Caller) async throws -> [Webhook] {
        try requireAdmin(caller)
        return try await services.database.read { try await $0.webhooks(activeOnly: false) }
    }

    /// Checks and stores a subscription; without a secret, one is made. The secret is returned once, here.
    public func subscribe(_ input: Input, by caller: Caller) async throws -> Webhook {
        try requireAdmin(caller)
        let allowPrivate = input.allowPrivateNetwork ?? false
        let events = input.events ?? []
        let errors = Webhook.validate(url: input.url, events: events, secret: input.secret, allowPrivateNetwork: allowPrivate)
        guard errors.isEmpty, let url = input.url, let creator = caller.user else { throw ValidationFailure(errors) }
        let hook = Webhook(url: url, events: events, secret: input.secret ?? services.newSecret(), allowPrivateNetwork: allowPrivate,
                           createdBy: creator.id, createdAt: services.clock())
        let now = services.clock()
        try await services.database.transaction { s in
            try await s.insertWebhook(hook)
            try await s.appendAdminEvent(.webhookSubscribed(hook), actor: caller.actor, at: now)
        }
        return hook
    }

    public func unsubscribe(_ id: Webhook.ID, by caller: Caller) async throws {
        try requireAdmin(caller)
        let now = services.clock()
        try await services.database.transaction { s in
            guard try await s.deactivateWebhook(id) else { throw DomainError.notFound("no active webhook with this id") }
            try await s.appendAdminEvent(.webhookRemoved(id: id), actor: caller.actor, at: now)
        }
    }

    public func deliveries(of id: Webhook.ID, before cursor: (Date, String)?, limit: Int, by caller: Caller) async throws -> [WebhookDelivery] {
        try requireAdmin(caller)
        return try await services.database.read { s in
            guard try await s.webhook(id) != nil else { throw DomainError.notFound("no webhook with this id") }
            return try await s.webhookDeliveries(of: id, before: cursor, limit: limit)
        }
    }
}
