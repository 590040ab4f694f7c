import Foundation
import ParapheCore
import SQLKit

/// The commitments register. Commitments change status in place; their history only grows: no statement here
/// updates or deletes an `obligation_events` row.
extension Session {
    public func insertObligation(_ o: Obligation) async throws {
        try await run("""
            INSERT INTO obligations (id, contract_id, origin, source, clause_key, wording, owed_by, owner_role, due_on, every, status, due_key,
              created_at, updated_at)
            VALUES (\(bind: o.id.description), \(bind: o.contractId.description), \(bind: o.origin.rawValue), \(bind: o.source), \(bind: o.clauseKey),
                    \(bind: o.wording), \(bind: o.owedBy.rawValue), \(bind: o.ownerRole.rawValue), \(bind: o.dueOn?.description),
                    \(bind: o.every?.description), \(bind: o.status.rawValue), \(bind: ObligationEntry.sortKey(o)), \(bind: Timestamp.format(o.createdAt)),
                    \(bind: Timestamp.format(o.updatedAt)))
            """)
    }

    /// Writes a change of status or due date; the history line goes through `appendObligationEvent`.
    public func updateObligation(_ o: Obligation) async throws {
        try await run("""
            UPDATE obligations SET status = \(bind: o.status.rawValue), due_on = \(bind: o.dueOn?.description), due_key = \(bind: ObligationEntry.sortKey(o)),
              updated_at = \(bind: Timestamp.format(o.updatedAt)) WHERE id = \(bind: o.id.description)
            """)
    }

    public func appendObligationEvent(_ e: ObligationEvent) async throws {
        let seq = try await first("SELECT COALESCE(MAX(seq), 0) AS n FROM obligation_events WHERE obligation_id = \(bind: e.obligationId.description)")!.int("n") + 1
        try await run("""
            INSERT INTO obligation_events (obligation_id, seq, at, actor_id, from_status, to_status, due_on, note)
            VALUES (\(bind: e.obligationId.description), \(bind: seq), \(bind: Timestamp.format(e.at)), \(bind: e.actorId?.description),
                    \(bind: e.from?.rawValue), \(bind: e.to.rawValue), \(bind: e.dueOn?.description), \(bind: e.note))
            """)
    }

    /// A commitment; `forUpdate` locks it until commit (Postgres) so two changes of status are applied one after the other.
    public func obligation(_ id: Obligation.ID, forUpdate: Bool = false) async throws -> Obligation? {
        try await first("SELECT * FROM obligations WHERE id = \(bind: id.description)\(forUpdate ? dialect.forUpdate : "")").map(Self.decodeObligation)
    }

    public func obligations(of contract: Contract.ID) async throws -> [Obligation] {
        try await all("""
            SELECT * FROM obligations WHERE contract_id = \(bind: contract.description) ORDER BY created_at, id
            """).map(Self.decodeObligation)
    }

    public func obligationEvents(of id: Obligation.ID) async throws -> [ObligationEvent] {
        try await all("SELECT * FROM obligation_events WHERE obligation_id = \(bind: id.description) ORDER BY seq").map { row in
            ObligationEvent(obligationId: try row.id("obligation_id"), at: try row.date("at"), actorId: try row.optionalID("actor_id"),
                            from: try row.optionalString("from_status").flatMap(ObligationStatus.init(rawValue:)),
                            to: ObligationStatus(rawValue: try row.string("to_status")) ?? .open, dueOn: try row.day("due_on"),
                            note: try row.optionalString("note"))
        }
    }

    /// The register: commitments with their contract and counterparty, soonest due first, at most `limit` after the
    /// cursor (the sort key, then id), read along the `(due_key, id)` index as far as the page needs.
    public func obligationEntries(_ q: ObligationQuery, after: (key: String, id: String)?, limit: Int) async throws -> [ObligationEntry] {
        let key: SQLQueryString = "o.due_key"
        var sql: SQLQueryString = """
            SELECT o.*, c.reference, c.title AS contract_title, c.status AS contract_status, c.owner_id, c.counterparty_id,
              p.name AS counterparty_name, p.kind AS counterparty_kind
            FROM obligations o JOIN contracts c ON c.id = o.contract_id LEFT JOIN counterparties p ON p.id = c.counterparty_id
            WHERE 1 = 1
            """
        sql += Self.visibilityFilter(q.visibility)
        if !q.statuses.isEmpty { sql += " AND o.status IN (\(binds: q.statuses.map(\.rawValue)))" }
        if let owedBy = q.owedBy { sql += " AND o.owed_by = \(bind: owedBy.rawValue)" }
        if let id = q.counterpartyId { sql += " AND c.counterparty_id = \(bind: id.description)" }
        if let kind = q.counterpartyKind { sql += " AND p.kind = \(bind: kind.rawValue)" }
        if let id = q.contractId { sql += " AND o.contract_id = \(bind: id.description)" }
        if !q.phases.isEmpty { sql += " AND c.status IN (\(binds: ContractPhase.statuses(q.phases).map(\.rawValue)))" }
        // Through `due_key`, so the page is read along its index whatever the filters (undated ones sort after every date).
        if let day = q.dueBy { sql += " AND \(key) <= \(bind: day.description)" }
        if let after { sql += " AND (\(key) > \(bind: after.key) OR (\(key) = \(bind: after.key) AND o.id > \(bind: after.id)))" }
        sql += " ORDER BY \(key), o.id LIMIT \(bind: limit)"
        return try await all(sql).map { row in
            ObligationEntry(obligation: try Self.decodeObligation(row), reference: try row.string("reference"),
                            contractTitle: try row.string("contract_title"),
                            contractStatus: ContractStatus(rawValue: try row.string("contract_status")) ?? .draft, ownerId: try row.id("owner_id"),
                            counterpartyId: try row.optionalID("counterparty_id"), counterparty: try row.optionalString("counterparty_name"),
                            counterpartyKind: try row.optionalString("counterparty_kind").flatMap(CounterpartyKind.init(rawValue:)))
        }
    }

    /// Open commitments of contracts in force due on or before `day`, by id after `after`: those a reminder may be due for.
    public func dueObligations(by day: Day, after: String, limit: Int) async throws -> [String] {
        try await all("""
            SELECT o.id FROM obligations o JOIN contracts c ON c.id = o.contract_id
            WHERE o.status = \(bind: ObligationStatus.open.rawValue) AND o.due_key <= \(bind: day.description)
              AND c.status IN (\(binds: Contract.inForce.map(\.rawValue))) AND o.id > \(bind: after)
            ORDER BY o.id LIMIT \(bind: limit)
            """).map { try $0.string("id") }
    }

    /// Records the reminder for one due date; false when it was recorded before, whatever the clock did meanwhile.
    public func recordObligationReminder(_ id: Obligation.ID, dueOn: Day, at now: Date) async throws -> Bool {
        try await first("""
            INSERT INTO obligation_reminders (obligation_id, due_on, created_at)
            VALUES (\(bind: id.description), \(bind: dueOn.description), \(bind: Timestamp.format(now)))
            ON CONFLICT (obligation_id, due_on) DO NOTHING
            RETURNING obligation_id
            """) != nil
    }

    public func obligationReminders(of id: Obligation.ID) async throws -> [Day] {
        try await all("SELECT due_on FROM obligation_reminders WHERE obligation_id = \(bind: id.description) ORDER BY due_on").compactMap { try $0.day("due_on") }
    }

    static func decodeObligation(_ row: any SQLRow) throws -> Obligation {
        Obligation(id: try row.id("id"), contractId: try row.id("contract_id"),
                   origin: ObligationOrigin(rawValue: try row.string("origin")) ?? .manual, source: try row.optionalString("source"),
                   clauseKey: try row.optionalString("clause_key"), wording: try row.string("wording"),
                   owedBy: ObligationParty(rawValue: try row.string("owed_by")) ?? .us, ownerRole: Role(rawValue: try row.string("owner_role")) ?? .legal,
                   dueOn: try row.day("due_on"), every: try row.optionalString("every").flatMap(Period.init),
                   status: ObligationStatus(rawValue: try row.string("status")) ?? .open,
                   createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

/// The periodic look for commitments coming due.
public struct ObligationReminders: JobPayload {
    public static let kind = JobKind.obligationReminders
    public init() {}
}
