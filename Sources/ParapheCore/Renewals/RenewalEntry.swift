/// One contract on the renewal calendar: what comes next for it and what has been decided.
public struct RenewalEntry: Hashable, Sendable {
    public var contractId: Contract.ID
    public var reference: String
    public var title: String
    public var type: String
    public var status: ContractStatus
    public var counterparty: String?
    public var ownerId: User.ID
    public var owner: String?
    public var renewal: RenewalTerms
    public var nextRenewalDate: Day?
    public var noticeDeadline: Day?
    public var endsOn: Day?
    public var decision: RenewalDecision?
    /// The template it was generated from, whose renewal terms are the standard it is held to.
    public var templateId: String?

    public init(contractId: Contract.ID, reference: String, title: String, type: String, status: ContractStatus, counterparty: String?,
                ownerId: User.ID, owner: String?, renewal: RenewalTerms, nextRenewalDate: Day?, noticeDeadline: Day?, endsOn: Day?,
                decision: RenewalDecision?, templateId: String?) {
        self.contractId = contractId
        self.reference = reference
        self.title = title
        self.type = type
        self.status = status
        self.counterparty = counterparty
        self.ownerId = ownerId
        self.owner = owner
        self.renewal = renewal
        self.nextRenewalDate = nextRenewalDate
        self.noticeDeadline = noticeDeadline
        self.endsOn = endsOn
        self.decision = decision
        self.templateId = templateId
    }

    /// The date the calendar files it under: the notice deadline while it is ahead, else the end, else the renewal.
    public func calendarDate(today: Day) -> Day? {
        if let noticeDeadline, noticeDeadline >= today { return noticeDeadline }
        return endsOn ?? nextRenewalDate
    }

    /// Days left to give notice (or decide), when a deadline is ahead.
    public func daysToDeadline(today: Day) -> Int? {
        noticeDeadline.map { today.days(until: $0) }.flatMap { $0 >= 0 ? $0 : nil }
    }
}

/// One day of the renewal calendar: how many notice deadlines, tacit renewals and endings fall on it.
public struct RenewalCalendarDay: Hashable, Sendable {
    public var date: Day
    public var noticeDeadlines: Int
    public var renewals: Int
    public var endings: Int

    public init(date: Day, noticeDeadlines: Int = 0, renewals: Int = 0, endings: Int = 0) {
        self.date = date
        self.noticeDeadlines = noticeDeadlines
        self.renewals = renewals
        self.endings = endings
    }
}

extension RenewalTerms {
    /// Whether these terms depart from a template's standard: another mode, or a period or notice the template fixes
    /// otherwise. A contract with no tacit renewal where the standard has one is the exception legal follows.
    public func departs(from standard: RenewalTerms) -> Bool {
        if mode != standard.mode { return true }
        if let period = standard.period, self.period != period { return true }
        if let notice = standard.notice, self.notice != notice { return true }
        return false
    }
}
