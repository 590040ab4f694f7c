import Foundation
import ParapheCore
import SQLKit

/// One attempt the engine made, as the sync log shows it.
public struct CRMLogEntry: Sendable, Hashable {
    public typealias ID = Identifier<CRMLogEntry>
    public enum Direction: String, Sendable, CaseIterable { case push, pull, inbound, check }
    public enum Status: String, Sendable, CaseIterable {
        case ok
        /// Will be tried again by itself.
        case retrying
        /// Needs a person: a rejected record, refused credentials, a broken map. Replayable.
        case failed
        /// Inbound input refused: a forged signature, wrong credentials, hostile XML.
        case refused
    }

    public var id: ID
    public var integrationId: Integration.ID
    public var at: Date
    public var direction: Direction
    /// `upsert`, `poll`, `fetch`, `rule`, `describe`, `hook`…
    public var operation: String
    public var status: Status
    public var records: Int
    public var calls: Int
    public var error: String?
    /// What was sent or received, as JSON: the contract ids of a push, the record ids of a poll, a hook's summary.
    public var payload: String?
    public var replayOf: ID?
    public var replayedAt: Date?

    public init(id: ID = ID(), integrationId: Integration.ID, at: Date, direction: Direction, operation: String, status: Status, records: Int,
                calls: Int, error: String? = nil, payload: String? = nil, replayOf: ID? = nil) {
        self.id = id
        self.integrationId = integrationId
        self.at = at
        self.direction = direction
        self.operation = operation
        self.status = status
        self.records = records
        self.calls = calls
        self.error = error.map { String($0.prefix(2000)) }
        self.payload = payload.map { String($0.prefix(20000)) }
        self.replayOf = replayOf
    }
}

public struct CRMLogFilter: Sendable {
    public var status: CRMLogEntry.Status?
    public var direction: CRMLogEntry.Direction?
    public init(status: CRMLogEntry.Status? = nil, direction: CRMLogEntry.Direction? = nil) {
        self.status = status
        self.direction = direction
    }
}

extension Session {
    public func appendCRMLog(_ e: CRMLogEntry) async throws {
        try await run("""
            INSERT INTO crm_sync_log (id, integration_id, at, direction, operation, status, records, calls, error, payload, replay_of)
            VALUES (\(bind: e.id.description), \(bind: e.integrationId.description), \(bind: Timestamp.format(e.at)), \(bind: e.direction.rawValue),
                    \(bind: e.operation), \(bind: e.status.rawValue), \(bind: e.records), \(bind: e.calls), \(bind: e.error), \(bind: e.payload),
                    \(bind: e.replayOf?.description))
            """)
    }

    /// Newest first, after `cursor` (the last entry's time and id).
    public func crmLog(_ integration: Integration.ID, filter: CRMLogFilter, before cursor: (Date, String)?, limit: Int) async throws -> [CRMLogEntry] {
        var sql: SQLQueryString = "SELECT * FROM crm_sync_log WHERE integration_id = \(bind: integration.description)"
        if let status = filter.status { sql += " AND status = \(bind: status.rawValue)" }
        if let direction = filter.direction { sql += " AND direction = \(bind: direction.rawValue)" }
        if let (at, id) = cursor {
            let text = Timestamp.format(at)
            sql += " AND (at < \(bind: text) OR (at = \(bind: text) AND id < \(bind: id)))"
        }
        sql += " ORDER BY at DESC, id DESC LIMIT \(bind: limit)"
        return try await all(sql).map(Self.decodeCRMLog)
    }

    /// Inbound notifications refused since `moment`.
    public func crmRefusals(_ integration: Integration.ID, since moment: Date) async throws -> Int {
        try await first("""
            SELECT COUNT(*) AS n FROM crm_sync_log
            WHERE integration_id = \(bind: integration.description) AND direction = 'inbound' AND status = 'refused' AND at >= \(bind: Timestamp.format(moment))
            """).map { try $0.int("n") } ?? 0
    }

    public func crmLogEntry(_ id: CRMLogEntry.ID) async throws -> CRMLogEntry? {
        try await first("SELECT * FROM crm_sync_log WHERE id = \(bind: id.description)").map(Self.decodeCRMLog)
    }

    public func markCRMLogReplayed(_ id: CRMLogEntry.ID, at now: Date) async throws {
        try await run("UPDATE crm_sync_log SET replayed_at = \(bind: Timestamp.format(now)) WHERE id = \(bind: id.description)")
    }

    static func decodeCRMLog(_ row: any SQLRow) throws -> CRMLogEntry {
        var e = CRMLogEntry(id: try row.id("id"), integrationId: try row.id("integration_id"), at: try row.date("at"),
                            direction: CRMLogEntry.Direction(rawValue: try row.string("direction")) ?? .push, operation: try row.string("operation"),
                            status: CRMLogEntry.Status(rawValue: try row.string("status")) ?? .failed, records: try row.int("records"),
                            calls: try row.int("calls"), error: try row.optionalString("error"), payload: try row.optionalString("payload"),
                            replayOf: try row.optionalID("replay_of"))
        e.replayedAt = try row.optionalDate("replayed_at")
        return e
    }
}

extension Session {
    /// Claims the firing of `rule` for `record`: true once, false ever after, across polls, pushes, replays and nodes.
    public func claimRuleFiring(_ integration: Integration.ID, rule: String, record: String, autoSend: Bool, at now: Date) async throws -> Bool {
        try await first("""
            INSERT INTO crm_rule_firings (integration_id, rule_id, object_id, auto_send, sent, fired_at)
            VALUES (\(bind: integration.description), \(bind: rule), \(bind: record), \(bind: autoSend ? 1 : 0), 0, \(bind: Timestamp.format(now)))
            ON CONFLICT (integration_id, rule_id, object_id) DO NOTHING
            RETURNING rule_id
            """) != nil
    }

    public func ruleFired(_ integration: Integration.ID, rule: String, record: String) async throws -> Bool {
        try await first("""
            SELECT rule_id FROM crm_rule_firings
            WHERE integration_id = \(bind: integration.description) AND rule_id = \(bind: rule) AND object_id = \(bind: record)
            """) != nil
    }

    public func recordRuleContract(_ integration: Integration.ID, rule: String, record: String, contract: Contract.ID) async throws {
        try await run("""
            UPDATE crm_rule_firings SET contract_id = \(bind: contract.description)
            WHERE integration_id = \(bind: integration.description) AND rule_id = \(bind: rule) AND object_id = \(bind: record)
            """)
    }

    /// The rule whose firing made this contract and is still to send it for signature, if any.
    public func pendingAutoSend(of contract: Contract.ID) async throws -> (integration: Integration.ID, rule: String, record: String)? {
        try await first("""
            SELECT integration_id, rule_id, object_id FROM crm_rule_firings
            WHERE contract_id = \(bind: contract.description) AND auto_send = 1 AND sent = 0
            """).map { (try $0.id("integration_id"), try $0.string("rule_id"), try $0.string("object_id")) }
    }

    /// Marks the firing sent, in the transaction that opens the signature request: true once.
    public func markAutoSent(_ contract: Contract.ID) async throws -> Bool {
        try await first("""
            UPDATE crm_rule_firings SET sent = 1 WHERE contract_id = \(bind: contract.description) AND auto_send = 1 AND sent = 0
            RETURNING rule_id
            """) != nil
    }

    /// Queues the send when the contract still waits for it; false when there is nothing to send.
    @discardableResult
    public func queueAutoSend(_ contract: Contract.ID, at now: Date) async throws -> Bool {
        guard try await pendingAutoSend(of: contract) != nil else { return false }
        try await enqueueCoalesced(CRMAutoSendJob(contractId: contract), key: "crm.auto-send:\(contract)", runAt: now, now: now, maxAttempts: 20)
        return true
    }

    public func ruleFirings(_ integration: Integration.ID) async throws -> Int {
        try await first("SELECT COUNT(*) AS n FROM crm_rule_firings WHERE integration_id = \(bind: integration.description)").map { try $0.int("n") } ?? 0
    }
}
