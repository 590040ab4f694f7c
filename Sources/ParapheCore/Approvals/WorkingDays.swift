import Foundation

/// Working days, for reminder delays: Monday to Friday, except the French public holidays (jours fériés), counted in
/// Paris time. The two extra days of Alsace and Moselle (Good Friday, 26 December) are counted as working days.
public enum WorkingDays {
    /// Without the system's time zone data, days are UTC days.
    static let paris = TimeZone(identifier: "Europe/Paris")

    /// The calendar day in Paris at this instant: 23:30 UTC on 13 May 2026 is already Ascension Day there.
    public static func parisDay(_ date: Date) -> Day {
        Day(date.addingTimeInterval(Double(paris?.secondsFromGMT(for: date) ?? 0)))
    }

    /// `date` moved forward by `days` working days, at the same time of day.
    public static func add(_ days: Int, to date: Date) -> Date {
        var day = parisDay(date)
        var left = days, calendarDays = 0
        while left > 0 {
            day = day.adding(days: 1)
            calendarDays += 1
            if isWorkingDay(day) { left -= 1 }
        }
        return date.addingTimeInterval(Double(calendarDays) * 86400)
    }

    public static func isWorkingDay(_ day: Day) -> Bool {
        // Julian day 0 was a Monday: 5 and 6 are Saturday and Sunday.
        day.julianDay % 7 < 5 && !frenchHolidays(day.year).contains(day)
    }

    /// The eleven public holidays of metropolitan France in a year, the movable ones reckoned from Easter.
    public static func frenchHolidays(_ year: Int) -> Set<Day> {
        let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)].compactMap { Day(year: year, month: $0.0, day: $0.1) }
        guard let easter = easterSunday(year) else { return Set(fixed) }
        // Easter Monday, Ascension Thursday, Whit Monday.
        return Set(fixed + [1, 39, 50].map { easter.adding(days: $0) })
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm, also known as Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> Day? {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        return Day(year: year, month: month, day: (h + l - 7 * m + 114) % 31 + 1)
    }
}
