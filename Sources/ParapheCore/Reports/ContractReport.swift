import Foundation

/// How the contract report groups contracts.
public enum ContractGrouping: String, CaseIterable, Sendable {
    case status, type, owner, month
}

/// The contracts a report reads: created within a period (inclusive days), optionally of one type or one owner.
public struct ContractReportFilter: Sendable, Hashable {
    public var from: Day?
    public var to: Day?
    public var type: String?
    public var ownerId: String?

    public init(from: Day? = nil, to: Day? = nil, type: String? = nil, ownerId: String? = nil) {
        self.from = from
        self.to = to
        self.type = type
        self.ownerId = ownerId
    }

    public static func parse(_ value: (String) -> String?) -> Result<ContractReportFilter, ValidationFailure> {
        var filter = ContractReportFilter()
        var errors: [FieldError] = []
        for (name, keyPath) in [("from", \ContractReportFilter.from), ("to", \ContractReportFilter.to)] {
            guard let text = value(name), !text.isEmpty else { continue }
            guard let day = Day(text) else { errors.append(FieldError(name, "must be a date such as 2026-01-31")); continue }
            filter[keyPath: keyPath] = day
        }
        if let from = filter.from, let to = filter.to, from > to { errors.append(FieldError("to", "must not be before from")) }
        if let type = value("type"), !type.isEmpty {
            if type.count > 60 { errors.append(FieldError("type", "must be at most 60 characters")) } else { filter.type = type }
        }
        if let owner = value("ownerId"), !owner.isEmpty {
            if User.ID(owner) == nil { errors.append(FieldError("ownerId", "must be a user id (UUID)")) } else { filter.ownerId = owner }
        }
        return errors.isEmpty ? .success(filter) : .failure(ValidationFailure(errors))
    }

    /// The filter as a query string's pairs, for links that keep it.
    public var query: [(String, String)] {
        [("from", from?.description), ("to", to?.description), ("type", type), ("ownerId", ownerId)].compactMap { name, value in value.map { (name, $0) } }
    }
}

/// A spread of durations: how many, the median and the 90th percentile (nearest rank), in seconds.
public struct DurationSpread: Hashable, Sendable {
    public var count: Int
    public var median: TimeInterval
    public var p90: TimeInterval

    public init?(_ durations: [TimeInterval]) {
        guard !durations.isEmpty else { return nil }
        let sorted = durations.sorted()
        func rank(_ p: Double) -> TimeInterval { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        count = sorted.count
        median = rank(0.5)
        p90 = rank(0.9)
    }
}

/// One group of contracts: how many, how many signed, the value signed per currency, and the time from creation to
/// signature.
public struct ContractGroup: Hashable, Sendable {
    public var key: String
    public var name: String?
    public var contracts: Int
    public var signed: Int
    public var valueSigned: [String: Decimal]
    public var cycleTime: DurationSpread?

    public init(key: String, name: String? = nil, contracts: Int, signed: Int, valueSigned: [String: Decimal] = [:], cycleTime: DurationSpread? = nil) {
        self.key = key
        self.name = name
        self.contracts = contracts
        self.signed = signed
        self.valueSigned = valueSigned
        self.cycleTime = cycleTime
    }
}

/// A status change as the audit trail records it.
public struct StatusChange: Hashable, Sendable {
    public var at: Date
    public var from: ContractStatus
    public var to: ContractStatus

    public init(at: Date, from: ContractStatus, to: ContractStatus) {
        self.at = at
        self.from = from
        self.to = to
    }
}

public enum TimeInState {
    /// The statuses a contract waits in before it is signed: where time goes.
    public static let measured: [ContractStatus] = [.draft, .inReview, .approved, .negotiating, .signing]

    /// Each completed stay of one contract: from its creation (or the change that brought it there) to the change that
    /// took it out. A stay still running is left out, so a contract opened yesterday does not pull a median down.
    public static func stays(createdAt: Date, changes: [StatusChange]) -> [(ContractStatus, TimeInterval)] {
        var since = createdAt
        var stays: [(ContractStatus, TimeInterval)] = []
        for change in changes.sorted(by: { $0.at < $1.at }) {
            if measured.contains(change.from) { stays.append((change.from, max(0, change.at.timeIntervalSince(since)))) }
            since = change.at
        }
        return stays
    }
}

/// Legal's load at the end of each quarter: approvals opened in its last fourteen days against the rest of it, per day.
public struct QuarterLoad: Hashable, Sendable {
    /// `2026-Q1`.
    public var quarter: String
    public var total: Int
    public var lastTwoWeeks: Int
    public var perDayLastTwoWeeks: Double
    public var perDayBefore: Double

    public static func compute(_ days: [Day]) -> [QuarterLoad] {
        var byQuarter: [String: (start: Day, end: Day, days: [Day])] = [:]
        for day in days {
            let q = (day.month - 1) / 3
            let start = Day(year: day.year, month: q * 3 + 1, day: 1)!
            let key = "\(day.year)-Q\(q + 1)"
            byQuarter[key, default: (start, start.adding(months: 3).adding(days: -1), [])].days.append(day)
        }
        return byQuarter.sorted { $0.key < $1.key }.map { key, value in
            let cut = value.end.adding(days: -13)
            let late = value.days.filter { $0 >= cut }.count
            let before = value.days.count - late
            let daysBefore = max(1, value.start.days(until: cut))
            return QuarterLoad(quarter: key, total: value.days.count, lastTwoWeeks: late, perDayLastTwoWeeks: Double(late) / 14,
                               perDayBefore: Double(before) / Double(daysBefore))
        }
    }
}
