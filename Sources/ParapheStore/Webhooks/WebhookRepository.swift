import Foundation
import ParapheCore
import SQLKit

public struct WebhookDelivery: Sendable, Hashable {
    public typealias ID = Identifier<WebhookDelivery>
    public enum Status: String, Sendable, CaseIterable {
        case queued, delivered
        /// The last attempt failed; the job will try again.
        case retrying
        /// Given up: attempts spent, or the target is refused.
        case failed
    }
    public var id: ID
    public var webhookId: Webhook.ID
    public var eventType: String
    public var payload: String
    public var status: Status
    public var attempts: Int
    public var responseStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

extension Session {
    public func insertWebhook(_ w: Webhook) async throws {
        try await run("""
            INSERT INTO webhooks (id, url, events, secret, allow_private, active, created_by, created_at)
            VALUES (\(bind: w.id.description), \(bind: w.url), \(bind: try jsonText(w.events)), \(bind: w.secret), \(bind: w.allowPrivateNetwork ? 1 : 0),
                    \(bind: w.active ? 1 : 0), \(bind: w.createdBy?.description), \(bind: Timestamp.format(w.createdAt)))
            """)
    }

    public func webhooks(activeOnly: Bool) async throws -> [Webhook] {
        try await all("SELECT * FROM webhooks\(unsafeRaw: activeOnly ? " WHERE active = 1" : "") ORDER BY created_at, id").map(Self.decodeWebhook)
    }

    public func webhook(_ id: Webhook.ID) async throws -> Webhook? {
        try await first("SELECT * FROM webhooks WHERE id = \(bind: id.description)").map(Self.decodeWebhook)
    }

    /// Stops deliveries; the webhook and its log stay. Whether it was active.
    public func deactivateWebhook(_ id: Webhook.ID) async throws -> Bool {
        guard try await first("SELECT id FROM webhooks WHERE id = \(bind: id.description) AND active = 1") != nil else { return false }
        try await run("UPDATE webhooks SET active = 0 WHERE id = \(bind: id.description)")
        return true
    }

    /// Queues a delivery to every active webhook that wants `type`, in the caller's transaction: an event that rolls
    /// back is never announced.
    public func queueWebhookDeliveries(type: String, payload: [String: JSONValue], at now: Date) async throws {
        let targets = try await webhooks(activeOnly: true).filter { $0.wants(type) }
        guard !targets.isEmpty else { return }
        for hook in targets {
            let id = WebhookDelivery.ID()
            var body = payload
            body["deliveryId"] = .string(id.description)
            try await run("""
                INSERT INTO webhook_deliveries (id, webhook_id, event_type, payload, status, attempts, created_at)
                VALUES (\(bind: id.description), \(bind: hook.id.description), \(bind: type), \(bind: try jsonText(body)), 'queued', 0,
                        \(bind: Timestamp.format(now)))
                """)
            try await enqueue(WebhookJob(deliveryId: id), runAt: now, now: now, maxAttempts: 10, dedupeKey: "webhook:\(id)")
        }
    }

    public func webhookDelivery(_ id: WebhookDelivery.ID) async throws -> WebhookDelivery? {
        try await first("SELECT * FROM webhook_deliveries WHERE id = \(bind: id.description)").map(Self.decodeDelivery)
    }

    public func recordDeliveryAttempt(_ id: WebhookDelivery.ID, status: WebhookDelivery.Status, responseStatus: Int?, error: String?, at now: Date) async throws {
        try await run("""
            UPDATE webhook_deliveries SET status = \(bind: status.rawValue), attempts = attempts + 1, response_status = \(bind: responseStatus),
              last_error = \(bind: error.map { String($0.prefix(2000)) }), delivered_at = \(bind: status == .delivered ? Timestamp.format(now) : nil)
            WHERE id = \(bind: id.description)
            """)
    }

    /// Newest first.
    public func webhookDeliveries(of webhook: Webhook.ID, before cursor: (Date, String)?, limit: Int) async throws -> [WebhookDelivery] {
        var query: SQLQueryString = "SELECT * FROM webhook_deliveries WHERE webhook_id = \(bind: webhook.description)"
        query += newestFirst(after: cursor, limit: limit)
        return try await all(query).map(Self.decodeDelivery)
    }

    static func decodeWebhook(_ row: any SQLRow) throws -> Webhook {
        Webhook(id: try row.id("id"), url: try row.string("url"), events: try row.json("events", as: [String].self), secret: try row.string("secret"),
                allowPrivateNetwork: try row.bool("allow_private"), active: try row.bool("active"), createdBy: try row.optionalID("created_by"),
                createdAt: try row.date("created_at"))
    }

    static func decodeDelivery(_ row: any SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(id: try row.id("id"), webhookId: try row.id("webhook_id"), eventType: try row.string("event_type"), payload: try row.string("payload"),
                        status: WebhookDelivery.Status(rawValue: try row.string("status")) ?? .queued, attempts: try row.int("attempts"),
                        responseStatus: try row.decode(column: "response_status", as: Int?.self), lastError: try row.optionalString("last_error"),
                        createdAt: try row.date("created_at"), deliveredAt: try row.optionalDate("delivered_at"))
    }
}
