import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/webhooks` (admin): outbound notifications of contract and admin events, signed, retried and logged.
struct WebhookRoutes {
    let services: AppServices

    struct WebhookInput: Decodable, Sendable {
        var url: String?
        var events: [String]?
        var secret: String?
        var allowPrivateNetwork: Bool?
    }

    static let keys = KeyShape.object(["url": .any, "events": .any, "secret": .any, "allowPrivateNetwork": .any])

    struct WebhookDTO: Encodable, Sendable {
        var id: String
        var url: String
        var events: [String]
        var allowPrivateNetwork: Bool
        var active: Bool
        var createdAt: Date
        /// Only in the answer to its creation.
        var secret: String?
    }

    struct DeliveryDTO: Encodable, Sendable {
        var id: String
        var eventType: String
        var status: String
        var attempts: Int
        var responseStatus: Int?
        var lastError: String?
        var createdAt: Date
        var deliveredAt: Date?
        var payload: JSONValue
    }


    func register(_ api: some RouterMethods<AppContext>) {
        api.get("webhooks", use: list)
        api.post("webhooks", use: create)
        api.delete("webhooks/:id", use: delete)
        api.get("webhooks/:id/deliveries", use: deliveries)
    }

    static func dto(_ w: Webhook, secret: String? = nil) -> WebhookDTO {
        WebhookDTO(id: w.id.description, url: w.url, events: w.events, allowPrivateNetwork: w.allowPrivateNetwork, active: w.active,
                   createdAt: w.createdAt, secret: secret)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<WebhookDTO>> {
        _ = try context.requireRole(.admin)
        let hooks = try await services.database.read { try await $0.webhooks(activeOnly: false) }
        return JSON(Page(items: hooks.map { Self.dto($0) }, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let admin = try context.requireRole(.admin)
        var request = request
        let input = try await request.decodeJSON(WebhookInput.self, context: context, limit: 16_384, keys: Self.keys)
        let allowPrivate = input.allowPrivateNetwork ?? false
        let events = input.events ?? []
        let errors = Webhook.validate(url: input.url, events: events, secret: input.secret, allowPrivateNetwork: allowPrivate)
        guard errors.isEmpty, let text = input.url else { throw ValidationFailure(errors) }
        let hook = Webhook(url: text, events: events, secret: input.secret ?? services.newSecret(), allowPrivateNetwork: allowPrivate,
                           createdBy: admin.id, createdAt: services.clock())
        try await services.database.transaction { try await $0.insertWebhook(hook) }
        return try JSON(Self.dto(hook, secret: hook.secret), status: .created).response(from: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let id: Webhook.ID = try context.requireID("id")
        guard try await services.database.transaction({ try await $0.deactivateWebhook(id) }) else {
            throw Problem.notFound("no active webhook with this id")
        }
        return Response(status: .noContent)
    }

    @Sendable func deliveries(_ request: Request, context: AppContext) async throws -> JSON<Page<DeliveryDTO>> {
        _ = try context.requireRole(.admin)
        let id: Webhook.ID = try context.requireID("id")
        let page = try PageRequest(request)
        let cursor = try page.decodeCursor(TimeCursor.self)?.position()
        let rows = try await services.database.read { s -> [WebhookDelivery] in
            guard try await s.webhook(id) != nil else { throw Problem.notFound("no webhook with this id") }
            return try await s.webhookDeliveries(of: id, before: cursor, limit: page.limit + 1)
        }
        return JSON(PageRequest.page(rows, limit: page.limit, item: { d in
            DeliveryDTO(id: d.id.description, eventType: d.eventType, status: d.status.rawValue, attempts: d.attempts, responseStatus: d.responseStatus,
                        lastError: d.lastError, createdAt: d.createdAt, deliveredAt: d.deliveredAt,
                        payload: (try? JSONDecoder().decode(JSONValue.self, from: Data(d.payload.utf8))) ?? .null)
        }, cursor: { PageRequest.encodeCursor(TimeCursor(at: $0.createdAt, id: $0.id.description)) }))
    }
}
