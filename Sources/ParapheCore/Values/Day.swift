import Foundation

/// A calendar date with no time zone: what a contract's start, end and notice dates are.
public struct Day: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, strictly: no time, no offset, real calendar days only. Read as bytes: every date column
    /// of every row read comes through here.
    public init?(_ string: String) {
        var text = string
        guard let day = text.withUTF8(Day.parse) else { return nil }
        self = day
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = ASCIIDigits.value(bytes[0..<4]), let m = ASCIIDigits.value(bytes[5..<7]), let d = ASCIIDigits.value(bytes[8..<10]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The UTC calendar day of an instant.
    public init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        self.init(julianDay: Day.unixEpochJulianDay + days)
    }

    /// 1970-01-01.
    public static let unixEpochJulianDay = 2_440_588

    public var description: String {
        Timestamp.pad(year, 4) + "-" + Timestamp.pad(month, 2) + "-" + Timestamp.pad(day, 2)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Adds calendar months, clamping to the month's last day: 31 January + 1 month is 28 or 29 February.
    /// Results beyond the calendar's range (years 1–9999) stop at its ends instead of failing.
    /// Whole months a term from this day to `end` (both included) runs: 1 March 2026 to 28 February 2027 is 12.
    public func monthsUntil(_ end: Day) -> Int {
        guard end >= self else { return 0 }
        func covered(_ months: Int) -> Bool { adding(months: months).adding(days: -1) <= end }
        var months = max(0, (end.year - year) * 12 + end.month - month - 1)
        while covered(months + 1) { months += 1 }
        while months > 0, !covered(months) { months -= 1 }
        return months
    }

    public func adding(months: Int) -> Day {
        let index = min(max(year * 12 + (month - 1) + months, 12), 9999 * 12 + 11)
        let y = index / 12
        let m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }

    public func adding(days: Int) -> Day {
        Day(julianDay: min(max(julianDay + days, Day.first.julianDay), Day.last.julianDay))
    }

    /// The last day of this day's calendar quarter, when sales close their deals.
    public var endOfQuarter: Day {
        let month = ((self.month - 1) / 3) * 3 + 3
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
    }

    public static let first = Day(year: 1, month: 1, day: 1)!
    public static let last = Day(year: 9999, month: 12, day: 31)!

    /// The years a contract date may fall in: wide enough for any real contract, narrow enough that renewal
    /// arithmetic never leaves the calendar.
    public static let contractYears = 1900...2999

    /// Days since a fixed epoch; differences between two days are exact.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    public init(julianDay jd: Int) {
        let a = jd + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        self.day = e - (153 * m + 2) / 5 + 1
        self.month = m + 3 - 12 * (m / 10)
        self.year = 100 * b + d - 4800 + m / 10
    }

    public func days(until other: Day) -> Int { other.julianDay - julianDay }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let day = Day(string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date YYYY-MM-DD, got \(string)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Decimal digits read from bytes, for the parsers that every stored row goes through.
enum ASCIIDigits {
    /// The number the bytes spell, or nil unless every byte is a digit 0–9 (at most 18 of them).
    static func value(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
