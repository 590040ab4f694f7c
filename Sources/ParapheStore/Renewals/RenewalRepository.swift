import Foundation
import ParapheCore
import SQLKit

/// The renewal calendar's reads, the contracts time has caught up with, and the notice alerts recorded once each.
extension Session {
    /// Contracts in force with a notice deadline, a tacit renewal or an end between `from` and `to` (inclusive),
    /// filed by the date the calendar shows them under, at most `limit` after the cursor (that date, then id).
    ///
    /// That date is the notice deadline while it is ahead, else the end, else the renewal: three index ranges, each
    /// read in its own order and only as far as the page needs, then merged, rather than one sort of the whole window.
    public func renewalEntries(from: Day, to: Day, visibility: ContractVisibility, after: (date: String, id: String)?, limit: Int) async throws -> [RenewalEntry] {
        let (a, b) = (from.description, to.description)
        let noNotice: SQLQueryString = "(c.notice_deadline IS NULL OR c.notice_deadline < \(bind: a))"
        let sources: [(name: String, only: SQLQueryString)] = [
            ("notice_deadline", "1 = 1"),
            ("ends_on", noNotice),
            ("next_renewal_date", "\(noNotice) AND c.ends_on IS NULL"),
        ]
        var rows: [(date: String, id: String, row: any SQLRow)] = []
        for (name, only) in sources {
            let column: SQLQueryString = "c.\(unsafeRaw: name)"
            var sql: SQLQueryString = """
                SELECT c.*, p.name AS counterparty_name, u.name AS owner_name
                FROM contracts c LEFT JOIN counterparties p ON p.id = c.counterparty_id LEFT JOIN users u ON u.id = c.owner_id
                WHERE c.status IN (\(binds: Contract.inForce.map(\.rawValue))) AND \(column) BETWEEN \(bind: a) AND \(bind: b) AND \(only)\(Self.visibilityFilter(visibility))
                """
            if let after { sql += " AND (\(column) > \(bind: after.date) OR (\(column) = \(bind: after.date) AND c.id > \(bind: after.id)))" }
            sql += " ORDER BY \(column), c.id LIMIT \(bind: limit)"
            for row in try await all(sql) { rows.append((try row.string(name), try row.string("id"), row)) }
        }
        let page = rows.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.prefix(limit)
        return try page.map { _, _, row in
            let contract = try Self.decodeContract(row)
            return RenewalEntry(contractId: contract.id, reference: contract.reference.description, title: contract.title, type: contract.type,
                                status: contract.status, counterparty: try row.optionalString("counterparty_name"), ownerId: contract.ownerId,
                                owner: try row.optionalString("owner_name"), renewal: contract.renewal,
                                nextRenewalDate: try row.day("next_renewal_date"), noticeDeadline: try row.day("notice_deadline"),
                                endsOn: try row.day("ends_on"), decision: contract.renewalDecision, templateId: try row.optionalString("template_id"))
        }
    }

    /// How many notice deadlines, renewals and endings fall on each day between `from` and `to`.
    public func renewalCalendar(from: Day, to: Day, visibility: ContractVisibility) async throws -> [RenewalCalendarDay] {
        var days: [Day: RenewalCalendarDay] = [:]
        let columns: [(SQLQueryString, WritableKeyPath<RenewalCalendarDay, Int>)] = [
            ("notice_deadline", \.noticeDeadlines), ("next_renewal_date", \.renewals), ("ends_on", \.endings),
        ]
        for (column, path) in columns {
            let rows = try await all("""
                SELECT c.\(column) AS d, COUNT(*) AS n FROM contracts c
                WHERE c.\(column) BETWEEN \(bind: from.description) AND \(bind: to.description)
                  AND c.status IN (\(binds: Contract.inForce.map(\.rawValue)))\(Self.visibilityFilter(visibility))
                GROUP BY c.\(column)
                """)
            for row in rows {
                guard let day = try row.day("d") else { continue }
                days[day, default: RenewalCalendarDay(date: day)][keyPath: path] = try row.int("n")
            }
        }
        return days.values.sorted { $0.date < $1.date }
    }

    /// Contracts in force that time has caught up with: the term the trail last recorded has ended, or the day they
    /// end on has passed. One page of ids after `after`.
    public func contractsToRoll(today: Day, after: String, limit: Int) async throws -> [String] {
        let day = today.description
        return try await all("""
            SELECT c.id FROM contracts c WHERE c.id > \(bind: after) AND c.status IN (\(binds: Contract.inForce.map(\.rawValue)))
              AND (COALESCE(c.rolled_term_end, c.end_date) < \(bind: day) OR c.ends_on < \(bind: day))
            ORDER BY c.id LIMIT \(bind: limit)
            """).map { try $0.string("id") }
    }

    /// Contracts not in force whose stored next renewal has passed, so `renewalNoticeBefore` keeps meaning the next
    /// one. One page of ids after `after`.
    public func contractsWithPastRenewalDates(today: Day, after: String, limit: Int) async throws -> [String] {
        try await all("""
            SELECT c.id FROM contracts c WHERE c.id > \(bind: after) AND c.next_renewal_date <= \(bind: today.description)
              AND c.status NOT IN (\(binds: Contract.inForce.map(\.rawValue))) ORDER BY c.id LIMIT \(bind: limit)
            """).map { try $0.string("id") }
    }

    /// Contracts in force whose notice deadline falls between `from` and `to`: the ones an alert may be due for.
    public func noticeDeadlines(from: Day, to: Day) async throws -> [Contract] {
        try await all("""
            SELECT * FROM contracts c WHERE c.notice_deadline BETWEEN \(bind: from.description) AND \(bind: to.description)
              AND c.status IN (\(binds: Contract.inForce.map(\.rawValue))) ORDER BY c.notice_deadline, c.id
            """).map(Self.decodeContract)
    }

    /// Records a notice alert; false when it was recorded before (the key holds each alert once, whatever the clock
    /// or the number of workers did).
    public func recordRenewalAlert(_ contract: Contract.ID, deadline: Day, daysBefore: Int, state: RenewalAlertState, at now: Date) async throws -> Bool {
        try await first("""
            INSERT INTO renewal_alerts (contract_id, notice_deadline, days_before, state, created_at)
            VALUES (\(bind: contract.description), \(bind: deadline.description), \(bind: daysBefore), \(bind: state.rawValue), \(bind: Timestamp.format(now)))
            ON CONFLICT (contract_id, notice_deadline, days_before) DO NOTHING
            RETURNING contract_id
            """) != nil
    }

    /// The alert's state, its row locked until commit so one worker sends it.
    public func renewalAlertState(_ contract: Contract.ID, deadline: Day, daysBefore: Int) async throws -> RenewalAlertState? {
        try await first("""
            SELECT state FROM renewal_alerts WHERE contract_id = \(bind: contract.description) AND notice_deadline = \(bind: deadline.description)
              AND days_before = \(bind: daysBefore)\(dialect.forUpdate)
            """).flatMap { RenewalAlertState(rawValue: try $0.string("state")) }
    }

    /// Marks the alerts of wider windows still waiting for this deadline as covered by a closer one, so a backlog or a
    /// clock jump never sends two at once.
    public func supersedeRenewalAlerts(_ contract: Contract.ID, deadline: Day, widerThan days: Int) async throws {
        try await run("""
            UPDATE renewal_alerts SET state = \(bind: RenewalAlertState.superseded.rawValue)
            WHERE contract_id = \(bind: contract.description) AND notice_deadline = \(bind: deadline.description) AND days_before > \(bind: days)
              AND state = \(bind: RenewalAlertState.queued.rawValue)
            """)
    }

    public func setRenewalAlert(_ contract: Contract.ID, deadline: Day, daysBefore: Int, state: RenewalAlertState, at now: Date) async throws {
        try await run("""
            UPDATE renewal_alerts SET state = \(bind: state.rawValue), sent_at = \(bind: state == .sent ? Timestamp.format(now) : nil)
            WHERE contract_id = \(bind: contract.description) AND notice_deadline = \(bind: deadline.description) AND days_before = \(bind: daysBefore)
            """)
    }

    /// Every alert recorded for a contract, oldest deadline first.
    public func renewalAlerts(of contract: Contract.ID) async throws -> [(deadline: Day, daysBefore: Int, state: RenewalAlertState)] {
        try await all("""
            SELECT * FROM renewal_alerts WHERE contract_id = \(bind: contract.description) ORDER BY notice_deadline, days_before DESC
            """).compactMap { row in
            guard let day = try row.day("notice_deadline"), let state = RenewalAlertState(rawValue: try row.string("state")) else { return nil }
            return (day, try row.int("days_before"), state)
        }
    }
}

/// Where a notice alert stands: queued for its job, sent, covered by a closer one after a clock jump, or dropped
/// because the deadline moved or a decision came first.
public enum RenewalAlertState: String, Sendable, CaseIterable {
    case queued, sent, superseded, cancelled
}

/// Send one notice alert, recorded in `renewal_alerts` before it is queued.
public struct RenewalAlertJob: JobPayload {
    public static let kind = JobKind.renewalAlert
    public var contractId: Contract.ID
    public var noticeDeadline: Day
    public var daysBefore: Int

    public init(contractId: Contract.ID, noticeDeadline: Day, daysBefore: Int) {
        self.contractId = contractId
        self.noticeDeadline = noticeDeadline
        self.daysBefore = daysBefore
    }
}

/// The periodic roll of contracts into their next term or out of force.
public struct RenewalRollJob: JobPayload {
    public static let kind = JobKind.renewalRoll
    public init() {}
}

/// The periodic look for notice alerts that have come due.
public struct RenewalAlertScan: JobPayload {
    public static let kind = JobKind.renewalAlertScan
    public init() {}
}
