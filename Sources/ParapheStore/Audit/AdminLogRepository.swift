import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// Appends to the admin log in the caller's transaction. The counter row is updated first: on Postgres its lock
    /// makes concurrent admin changes append one after the other.
    @discardableResult
    public func appendAdminEvent(_ change: AdminChange, actor: Actor, reason: String? = nil, at now: Date) async throws -> AuditEvent {
        try await run("UPDATE counters SET value = value + 1 WHERE name = 'admin_events'")
        let last = try await first("SELECT * FROM admin_events ORDER BY sequence DESC LIMIT 1").map(Self.decodeAdminEvent)
        let event = AuditChain.seal(AuditEvent(contractId: AdminLog.subject, sequence: 0, at: now, actor: actor, type: change.type, data: change.data,
                                               reason: reason, previousHash: ""),
                                    after: last, digest: AuditDigest.sha256)
        try await run("""
            INSERT INTO admin_events (id, sequence, at, actor, type, data, reason, previous_hash, hash)
            VALUES (\(bind: event.id.description), \(bind: event.sequence), \(bind: Timestamp.format(event.at)), \(bind: try jsonText(event.actor)),
                    \(bind: event.type), \(bind: try jsonText(event.data)), \(bind: event.reason), \(bind: event.previousHash), \(bind: event.hash))
            """)
        try await queueWebhookDeliveries(type: event.type, payload: [
            "id": .string(event.id.description), "type": .string(event.type), "occurredAt": .string(Timestamp.format(event.at)),
            "sequence": .number(Decimal(event.sequence)), "data": .object(event.data), "reason": event.reason.map { .string($0) } ?? .null,
        ], at: now)
        return event
    }

    /// Newest first, before the given sequence number.
    public func adminEvents(before sequence: Int?, limit: Int) async throws -> [AuditEvent] {
        try await all("""
            SELECT * FROM admin_events WHERE sequence < \(bind: sequence ?? Int.max) ORDER BY sequence DESC LIMIT \(bind: limit)
            """).map(Self.decodeAdminEvent)
    }

    /// The whole log against its chain and its counter, so a deleted newest entry is caught too.
    public func verifyAdminLog() async throws -> ChainVerdict {
        let events = try await all("SELECT * FROM admin_events ORDER BY sequence ASC, id ASC").map(Self.decodeAdminEvent)
        let count = try await first("SELECT value FROM counters WHERE name = 'admin_events'")?.int("value") ?? 0
        guard count == events.count else {
            return .broken(sequence: events.count, reason: "the log records \(count) entries, \(events.count) remain: entries were removed")
        }
        return AuditChain.verify(events, digest: AuditDigest.sha256)
    }

    static func decodeAdminEvent(_ row: any SQLRow) throws -> AuditEvent {
        AuditEvent(id: try row.id("id"), contractId: AdminLog.subject, sequence: try row.int("sequence"), at: try row.date("at"),
                   actor: try row.json("actor", as: Actor.self), type: try row.string("type"),
                   data: try row.json("data", as: [String: JSONValue].self), reason: try row.optionalString("reason"),
                   previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }
}
