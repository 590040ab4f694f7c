public enum RenewalMode: String, Codable, Sendable, CaseIterable {
    /// Ends at its end date.
    case none
    /// Renews by itself for `period` unless notice is given `notice` before the renewal date (reconduction tacite).
    case tacit
    /// Renews only if both parties agree, so someone must decide before the end date.
    case explicit
}

public struct RenewalTerms: Hashable, Sendable, Codable {
    public var mode: RenewalMode
    public var period: Period?
    public var notice: Period?

    public init(mode: RenewalMode, period: Period? = nil, notice: Period? = nil) {
        self.mode = mode
        self.period = period
        self.notice = notice
    }

    public static let none = RenewalTerms(mode: .none)

    public func validate(field: String = "renewal") -> [FieldError] {
        var errors: [FieldError] = []
        switch mode {
        case .tacit:
            if period == nil || period!.isZero { errors.append(FieldError("\(field).period", "is required for tacit renewal, e.g. P12M")) }
            if notice == nil { errors.append(FieldError("\(field).notice", "is required for tacit renewal, e.g. P3M")) }
            if let period, let notice, !period.isZero, notice.approximateDays >= period.approximateDays {
                errors.append(FieldError("\(field).notice", "must be shorter than the renewal period"))
            }
        case .none, .explicit:
            if period != nil, period!.isZero { errors.append(FieldError("\(field).period", "must not be zero")) }
        }
        for (name, value) in [("period", period), ("notice", notice)] {
            if let value, value.approximateDays > 36_600 { errors.append(FieldError("\(field).\(name)", "must be at most 100 years")) }
        }
        return errors
    }

    /// When the contract next renews and by when notice must be given to stop it.
    ///
    /// The term ends on `endDate` inclusive, so the first renewal takes effect the next day. Each later renewal is
    /// counted from that first one (anchor + k × period), so month-end clamping never drifts.
    public func schedule(endDate: Day?, today: Day) -> RenewalSchedule {
        guard let endDate else { return RenewalSchedule(nextRenewalDate: nil, noticeDeadline: nil, currentTermEnd: nil) }
        switch mode {
        case .none:
            return RenewalSchedule(nextRenewalDate: nil, noticeDeadline: nil, currentTermEnd: endDate)
        case .explicit:
            // The decision to renew is due by the end date, less any notice agreed.
            let deadline = notice.map { endDate.adding(days: 1).subtracting($0) } ?? endDate
            return RenewalSchedule(nextRenewalDate: nil, noticeDeadline: deadline, currentTermEnd: endDate)
        case .tacit:
            guard let period, !period.isZero else {
                return RenewalSchedule(nextRenewalDate: nil, noticeDeadline: nil, currentTermEnd: endDate)
            }
            let anchor = endDate.adding(days: 1)
            // Jump close to today by arithmetic, then step: a daily renewal decades old costs a few steps, not thousands.
            var k = max(0, Int(Double(anchor.days(until: today)) / period.approximateDays) - 1)
            var renewal = anchor.adding(period, times: k)
            while renewal <= today, renewal < Day.last {
                k += 1
                renewal = anchor.adding(period, times: k)
            }
            let notice = self.notice ?? Period()
            return RenewalSchedule(
                nextRenewalDate: renewal,
                noticeDeadline: renewal.subtracting(notice),
                currentTermEnd: renewal.adding(days: -1)
            )
        }
    }
}

public struct RenewalSchedule: Hashable, Sendable, Codable {
    /// The day the next term starts, when the contract renews by itself.
    public var nextRenewalDate: Day?
    /// The last day on which notice (or, for explicit renewal, the decision) can be given.
    public var noticeDeadline: Day?
    /// The last day of the term in force.
    public var currentTermEnd: Day?

    public init(nextRenewalDate: Day?, noticeDeadline: Day?, currentTermEnd: Day?) {
        self.nextRenewalDate = nextRenewalDate
        self.noticeDeadline = noticeDeadline
        self.currentTermEnd = currentTermEnd
    }
}
