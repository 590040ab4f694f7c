import Foundation
import ParapheCore
import Testing

@Suite struct RenewalDecisionTests {
    func day(_ s: String) -> Day { Day(s)! }
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func contract(end: String, renewal: RenewalTerms = RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 3)),
                  status: ContractStatus = .active) -> Contract {
        Contract(reference: ContractReference(year: 2026, number: 1), title: "Abonnement", type: "msa", counterpartyId: nil, ownerId: User.ID(),
                 status: status, endDate: day(end), renewal: renewal, createdAt: now, updatedAt: now)
    }

    @Test func alertWindowsOpenOneAtATimeAndAJumpSendsOnlyTheClosest() {
        let windows = RenewalAlertWindows.standard
        let deadline = day("2027-03-31")
        #expect(windows.due(deadline: deadline, today: day("2026-12-30")) == nil, "91 days ahead: no window yet")
        #expect(windows.due(deadline: deadline, today: day("2026-12-31"))! == (90, []))
        #expect(windows.due(deadline: deadline, today: day("2027-03-01"))! == (30, [90]))
        #expect(windows.due(deadline: deadline, today: day("2027-03-30"))! == (7, [90, 30]), "a jump past two windows sends the closest")
        #expect(windows.due(deadline: deadline, today: deadline)! == (7, [90, 30]))
        #expect(windows.due(deadline: deadline, today: day("2027-04-01")) == nil, "nothing once the deadline has passed")
    }

    @Test func alertWindowsAreReadFromTheSetting() {
        #expect(RenewalAlertWindows("7, 90,30")?.days == [90, 30, 7])
        #expect(RenewalAlertWindows("60")?.days == [60])
        for bad in ["", "90,x", "-1", "400", "1,2,3,4,5,6,7,8,9,10,11", "90;30"] { #expect(RenewalAlertWindows(bad) == nil, "\(bad)") }
    }

    @Test func noticeBeforeTheDeadlineStopsTheTacitRenewal() throws {
        // given a yearly tacit renewal on 31 Jan 2027, notice due by 31 Oct 2026
        let c = contract(end: "2027-01-30")
        // when legal terminates on 15 October
        let (next, changes) = try RenewalDecisions.decide(.terminate, on: c, today: day("2026-10-15"), at: now)
        // then no renewal follows and the contract ends with its term
        #expect(next.renewalDecision == RenewalDecision(kind: .terminate, termEnd: day("2027-01-30")))
        #expect(changes == [.renewalDecided(.terminate, termEnd: day("2027-01-30"), noticeDeadline: day("2026-10-31"), newEndDate: nil, comment: nil)])
        #expect(next.renewalSchedule(today: day("2026-10-15")) == RenewalSchedule(nextRenewalDate: nil, noticeDeadline: nil, currentTermEnd: day("2027-01-30")))
        #expect(next.endsOn(today: day("2026-10-15")) == day("2027-01-30"))
        #expect(!next.awaitsRenewalDecision(today: day("2026-10-15")))
        #expect(next.status == .active, "it stays in force until its last day")
    }

    @Test func lateNoticeIsRefusedAndSaysWhenItRenews() {
        let c = contract(end: "2027-01-30")
        #expect(throws: RenewalDecisionRefusal.noticePassed(deadline: day("2026-10-31"), renewsOn: day("2027-01-31"))) {
            try RenewalDecisions.decide(.renegotiate, on: c, today: day("2026-11-01"), at: now)
        }
        // renewing needs no notice, so it is never late
        #expect((try? RenewalDecisions.decide(.renew, on: c, today: day("2026-11-01"), at: now)) != nil)
    }

    @Test func refusals() {
        #expect(throws: RenewalDecisionRefusal.notInForce(.draft)) {
            try RenewalDecisions.decide(.renew, on: contract(end: "2027-01-30", status: .draft), today: day("2026-06-01"), at: now)
        }
        #expect(throws: RenewalDecisionRefusal.doesNotRenew) {
            try RenewalDecisions.decide(.terminate, on: contract(end: "2027-01-30", renewal: .none), today: day("2026-06-01"), at: now)
        }
        #expect(throws: RenewalDecisionRefusal.periodMissing) {
            try RenewalDecisions.decide(.renew, on: contract(end: "2027-01-30", renewal: RenewalTerms(mode: .explicit)), today: day("2026-06-01"), at: now)
        }
        let decided = try! RenewalDecisions.decide(.terminate, on: contract(end: "2027-01-30"), today: day("2026-06-01"), at: now).0
        #expect(throws: RenewalDecisionRefusal.alreadyDecided(.terminate)) {
            try RenewalDecisions.decide(.terminate, on: decided, today: day("2026-06-02"), at: now)
        }
    }

    @Test func explicitRenewalExtendsByOnePeriodFromTheMonthEnd() throws {
        // given an explicit renewal of one year ending on 29 February 2028
        let c = contract(end: "2028-02-29", renewal: RenewalTerms(mode: .explicit, period: Period(years: 1), notice: Period(months: 2)))
        let (next, changes) = try RenewalDecisions.decide(.renew, on: c, today: day("2027-12-01"), at: now, comment: "accord du client")
        // then the next term runs from 1 March 2028 for a year, to 28 February 2029
        #expect(next.endDate == day("2029-02-28"))
        #expect(next.status == .renewed)
        #expect(next.renewalDecision == nil)
        #expect(changes == [.renewalDecided(.renew, termEnd: day("2028-02-29"), noticeDeadline: day("2028-01-01"), newEndDate: day("2029-02-28"),
                                            comment: "accord du client"),
                            .statusChanged(from: .active, to: .renewed)])
    }

    @Test func tacitRollFollowsTheLeapDayWithoutDrift() {
        // given a yearly tacit renewal whose first term ends on 28 Feb 2024: it renews on 29 Feb 2024
        var c = contract(end: "2024-02-28", renewal: RenewalTerms(mode: .tacit, period: Period(years: 1), notice: Period(months: 1)))
        var terms: [Day] = []
        // when the roll runs on each renewal date, and again the day after
        for today in ["2024-02-28", "2024-02-29", "2024-03-01", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"].map(day) {
            let (next, changes) = RenewalRoll.roll(c, today: today, at: now)
            for case .renewedTacitly(_, let termEnd) in changes { terms.append(termEnd) }
            c = next
        }
        // then each term ends the day before the next renewal, 29 February coming back in 2028
        #expect(terms == ["2025-02-27", "2026-02-27", "2027-02-27", "2028-02-28", "2029-02-27"].map(day))
        #expect(c.status == .renewed && c.rolledTermEnd == day("2029-02-27"))
    }

    @Test func aClockJumpOverSeveralRenewalsRecordsOneRollToTheTermInForce() {
        let c = contract(end: "2025-01-30")
        let (next, changes) = RenewalRoll.roll(c, today: day("2027-06-01"), at: now)
        #expect(changes == [.renewedTacitly(from: day("2025-01-31"), termEnd: day("2028-01-30")), .statusChanged(from: .active, to: .renewed)])
        // and the roll that follows changes nothing, however the stored dates moved
        #expect(RenewalRoll.roll(next, today: day("2027-06-02"), at: now).1.isEmpty)
    }

    @Test func aSignedContractRollsToo() {
        let (next, changes) = RenewalRoll.roll(contract(end: "2026-06-30", status: .signed), today: day("2026-07-01"), at: now)
        #expect(next.status == .renewed && changes.last == .statusChanged(from: .signed, to: .renewed))
    }

    @Test func noticeForATermNotYetRolledRecordsTheRenewalFirst() throws {
        // given a renewal on 1 July 2026 the roll has not recorded yet, and notice given on 5 July for the new term
        let c = contract(end: "2026-06-30")
        let decided = try RenewalDecisions.decide(.terminate, on: c, today: day("2026-07-05"), at: now).0
        #expect(decided.renewalDecision?.termEnd == day("2027-06-30"))
        // when the roll runs: the renewal is recorded, the contract stays in force to the end of the term notice was given for
        let (rolled, changes) = RenewalRoll.roll(decided, today: day("2026-07-05"), at: now)
        #expect(changes.first == .renewedTacitly(from: day("2026-07-01"), termEnd: day("2027-06-30")) && rolled.status == .renewed)
        // then it ends after that term, without another renewal
        let (ended, last) = RenewalRoll.roll(rolled, today: day("2027-07-01"), at: now)
        #expect(ended.status == .terminated && last == [.statusChanged(from: .renewed, to: .terminated)])
    }

    @Test func anExplicitRenewalIsNotExtendedTwice() throws {
        let c = contract(end: "2027-02-28", renewal: RenewalTerms(mode: .explicit, period: Period(months: 12), notice: Period(months: 1)))
        let once = try RenewalDecisions.decide(.renew, on: c, today: day("2027-01-15"), at: now).0
        #expect(once.endDate == day("2028-02-29"))
        #expect(throws: RenewalDecisionRefusal.alreadyDecided(.renew)) { try RenewalDecisions.decide(.renew, on: once, today: day("2027-01-15"), at: now) }
    }

    @Test func noticeGivenEndsTheContractTheDayAfterItsLastDay() throws {
        let c = try RenewalDecisions.decide(.terminate, on: contract(end: "2027-01-30"), today: day("2026-10-01"), at: now).0
        #expect(RenewalRoll.roll(c, today: day("2027-01-30"), at: now).1.isEmpty)
        let (ended, changes) = RenewalRoll.roll(c, today: day("2027-01-31"), at: now)
        #expect(ended.status == .terminated && changes == [.statusChanged(from: .active, to: .terminated)])
        let renegotiated = try RenewalDecisions.decide(.renegotiate, on: contract(end: "2027-01-30"), today: day("2026-10-01"), at: now).0
        #expect(RenewalRoll.roll(renegotiated, today: day("2027-01-31"), at: now).0.status == .expired)
        // a contract without renewal expires after its end date; a draft is left alone
        #expect(RenewalRoll.roll(contract(end: "2027-01-30", renewal: .none), today: day("2027-01-31"), at: now).0.status == .expired)
        #expect(RenewalRoll.roll(contract(end: "2027-01-30", status: .draft), today: day("2027-02-01"), at: now).1.isEmpty)
    }

    @Test func departuresFromTheTemplatesTerms() {
        let standard = RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 3))
        #expect(!standard.departs(from: standard))
        #expect(RenewalTerms.none.departs(from: standard))
        #expect(RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 1)).departs(from: standard))
        // a template that leaves the period to a variable holds only the mode
        #expect(!RenewalTerms(mode: .tacit, period: Period(months: 6), notice: Period(months: 1)).departs(from: RenewalTerms(mode: .tacit)))
    }
}
