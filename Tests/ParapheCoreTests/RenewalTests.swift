import Foundation
import ParapheCore
import Testing

@Suite struct RenewalTests {
    func day(_ s: String) -> Day { Day(s)! }

    @Test func monthEndClampsToFebruary() {
        #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
        #expect(day("2028-01-31").adding(months: 1) == day("2028-02-29"))
        #expect(day("2026-03-31").adding(months: -1) == day("2026-02-28"))
        #expect(day("2024-02-29").adding(months: 12) == day("2025-02-28"))
    }

    @Test func leapYears() {
        #expect(Day.isLeap(2024) && Day.isLeap(2000) && !Day.isLeap(1900) && !Day.isLeap(2026))
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2028-02-29") != nil)
        for bad in ["2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01T00:00", "2026-13-01", "2026-00-10", "0000-01-01", "２０２６-01-01", "2026-0a-01", ""] {
            #expect(Day(bad) == nil, "\(bad)")
        }
        #expect(day("2028-02-28").adding(days: 1) == day("2028-02-29"))
        #expect(day("2026-02-28").adding(days: 1) == day("2026-03-01"))
    }

    @Test func repeatedPeriodsDoNotDrift() {
        // 31 Jan + 2 × 1 month is 31 March, not 28 March.
        #expect(day("2026-01-31").adding(Period(months: 1), times: 2) == day("2026-03-31"))
    }

    @Test func tacitRenewalSchedule() {
        // given a 12-month term from 31 Jan 2026, three months' notice
        let terms = RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 3))
        // when we look before the end
        let s = terms.schedule(endDate: day("2027-01-30"), today: day("2026-06-01"))
        // then it renews the day after the end, and notice is due three months before
        #expect(s.nextRenewalDate == day("2027-01-31"))
        #expect(s.noticeDeadline == day("2026-10-31"))
        #expect(s.currentTermEnd == day("2027-01-30"))
    }

    @Test func tacitRenewalRollsForwardAfterEachTerm() {
        let terms = RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 3))
        let s = terms.schedule(endDate: day("2025-01-30"), today: day("2026-03-15"))
        #expect(s.nextRenewalDate == day("2027-01-31"))
        #expect(s.noticeDeadline == day("2026-10-31"))
    }

    @Test func monthlyRenewalFromMonthEnd() {
        // A monthly subscription whose term ends on 30 January renews on 31 January, then 28 February, then 31 March.
        let terms = RenewalTerms(mode: .tacit, period: Period(months: 1), notice: Period(days: 15))
        #expect(terms.schedule(endDate: day("2026-01-30"), today: day("2026-01-31")).nextRenewalDate == day("2026-02-28"))
        #expect(terms.schedule(endDate: day("2026-01-30"), today: day("2026-03-01")).nextRenewalDate == day("2026-03-31"))
        #expect(terms.schedule(endDate: day("2026-01-30"), today: day("2026-03-01")).noticeDeadline == day("2026-03-16"))
    }

    @Test func leapDayRenewal() {
        let terms = RenewalTerms(mode: .tacit, period: Period(years: 1), notice: Period(months: 1))
        let s = terms.schedule(endDate: day("2028-02-28"), today: day("2028-01-01"))
        #expect(s.nextRenewalDate == day("2028-02-29"))
        #expect(s.noticeDeadline == day("2028-01-29"))
        let next = terms.schedule(endDate: day("2028-02-28"), today: day("2028-03-01"))
        #expect(next.nextRenewalDate == day("2029-02-28"))
    }

    @Test func noneAndExplicit() {
        #expect(RenewalTerms.none.schedule(endDate: day("2027-01-30"), today: day("2026-01-01")).nextRenewalDate == nil)
        let explicit = RenewalTerms(mode: .explicit, notice: Period(months: 2)).schedule(endDate: day("2027-01-30"), today: day("2026-01-01"))
        #expect(explicit.nextRenewalDate == nil)
        #expect(explicit.noticeDeadline == day("2026-11-30"))
    }

    @Test func validation() {
        #expect(RenewalTerms(mode: .tacit).validate().map(\.field) == ["renewal.period", "renewal.notice"])
        #expect(RenewalTerms(mode: .tacit, period: Period(months: 3), notice: Period(months: 6)).validate().map(\.field) == ["renewal.notice"])
        #expect(RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 3)).validate().isEmpty)
    }

    @Test func periodParsing() {
        #expect(Period("P12M") == Period(months: 12))
        #expect(Period("P1Y6M") == Period(years: 1, months: 6))
        #expect(Period("P2W") == Period(days: 14))
        for bad in ["", "P", "12M", "PM", "P1H", "P1M1M", "P-1M", "PT1H", "P99999M"] { #expect(Period(bad) == nil, "\(bad)") }
        #expect(Period("P1Y6M")!.description == "P1Y6M")
    }

    @Test func dayParsingIsStrict() {
        for bad in ["2026-1-01", "2026-13-01", "2026-02-30", "26-01-01", "2026-01-01T00:00:00Z", "２０２６-01-01", ""] {
            #expect(Day(bad) == nil, "\(bad)")
        }
        #expect(Day("2026-03-01")!.description == "2026-03-01")
    }

    @Test func julianRoundTrip() {
        var d = day("1999-12-25")
        for _ in 0..<1000 {
            let next = d.adding(days: 37)
            #expect(d.days(until: next) == 37)
            d = next
        }
    }
}

@Suite struct TimestampTests {
    @Test func roundTripsAndAgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var t = -86_400.0 * 365 * 3
        while t < 86_400.0 * 365 * 60 {
            let date = Date(timeIntervalSince1970: (t * 1000).rounded(.down) / 1000)
            let text = Timestamp.format(date)
            #expect(text == formatter.string(from: date), "\(t)")
            #expect(Timestamp.parse(text) == date)
            #expect(Day(date).description == String(text.prefix(10)))
            t += 86_400 * 17.37
        }
    }

    @Test func parsesOffsetsAndRefusesGarbage() {
        #expect(Timestamp.parse("2026-03-02T10:00:00+01:00") == Timestamp.parse("2026-03-02T09:00:00Z"))
        #expect(Timestamp.parse("2026-03-02T09:00:00.5Z")!.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0.5)
        for bad in ["2026-03-02", "2026-03-02T09:00:00", "2026-02-30T09:00:00Z", "2026-03-02T25:00:00Z", "2026-03-02T09:00:00Zjunk", "2026-03-02T09:00:00.Z"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct CalendarEdgeTests {
    @Test func arithmeticStopsAtTheCalendarsEnds() {
        #expect(Day("9999-12-31")!.adding(days: 1) == Day.last)
        #expect(Day("9999-12-31")!.adding(months: 1) == Day("9999-12-31"))
        #expect(Day("0001-01-01")!.adding(months: -1) == Day("0001-01-01"))
        let daily = RenewalTerms(mode: .tacit, period: Period(days: 1), notice: Period())
        #expect(daily.schedule(endDate: Day("1900-01-01"), today: Day("2026-03-02")!).nextRenewalDate == Day("2026-03-03"))
        let monthly = RenewalTerms(mode: .tacit, period: Period(months: 1), notice: Period(days: 10))
        #expect(monthly.schedule(endDate: Day("1950-01-30"), today: Day("2026-03-02")!).nextRenewalDate == Day("2026-03-31"))
    }
}
