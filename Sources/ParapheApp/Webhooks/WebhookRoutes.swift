import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/webhooks` (admin): outbound notifications of contract and admin events, signed, retried and logged.
struct WebhookRoutes {
    let services: AppServices

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

    var workflow: WebhookWorkflow { WebhookWorkflow(services: services) }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<WebhookDTO>> {
        JSON(Page(items: try await workflow.webhooks(by: try context.caller()).map { Self.dto($0) }, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(WebhookWorkflow.Input.self, context: context, limit: 16_384, keys: Self.keys)
        let hook = try await workflow.subscribe(input, by: caller)
        return try JSON(Self.dto(hook, secret: hook.secret), status: .created).response(from: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        try await workflow.unsubscribe(try context.requireID("id"), by: try context.caller())
        return Response(status: .noContent)
    }

    @Sendable func deliveries(_ request: Request, context: AppContext) async throws -> JSON<Page<DeliveryDTO>> {
        let caller = try context.caller()
        let page = try PageRequest(request)
        let rows = try await workflow.deliveries(of: try context.requireID("id"), before: try page.decodeCursor(TimeCursor.self)?.position(),
                                                 limit: page.limit + 1, by: caller)
        return JSON(PageRequest.page(rows, limit: page.limit, item: { d in
            DeliveryDTO(id: d.id.description, eventType: d.eventType, status: d.status.rawValue, attempts: d.attempts, responseStatus: d.responseStatus,
                        lastError: d.lastError, createdAt: d.createdAt, deliveredAt: d.deliveredAt,
                        payload: (try? JSONDecoder().decode(JSONValue.self, from: Data(d.payload.utf8))) ?? .null)
        }, cursor: { PageRequest.encodeCursor(TimeCursor(at: $0.createdAt, id: $0.id.description)) }))
    }
}
