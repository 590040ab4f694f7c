/// An ISO 8601 duration restricted to calendar units (`P1Y`, `P12M`, `P3M`, `P2W`, `P30D`, `P1Y6M`).
/// Contract terms are counted in calendar units; hours and minutes have no meaning for them.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var days: Int

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    public init?(_ string: String) {
        guard string.hasPrefix("P"), string.count > 1, string.count <= 32 else { return nil }
        var years = 0, months = 0, days = 0
        var number = ""
        var seen = Set<Character>()
        for ch in string.dropFirst() {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            guard !number.isEmpty, let value = Int(number), value <= 1200, !seen.contains(ch) else { return nil }
            seen.insert(ch)
            switch ch {
            case "Y": years = value
            case "M": months = value
            case "W": days += value * 7
            case "D": days += value
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty else { return nil }
        self.init(years: years, months: months, days: days)
    }

    public var totalMonths: Int { years * 12 + months }
    public var isZero: Bool { totalMonths == 0 && days == 0 }

    public var description: String {
        if isZero { return "P0D" }
        var s = "P"
        if years > 0 { s += "\(years)Y" }
        if months > 0 { s += "\(months)M" }
        if days > 0 { s += "\(days)D" }
        return s
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let period = Period(string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 duration such as P12M, got \(string)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Day {
    public func adding(_ period: Period) -> Day {
        adding(months: period.totalMonths).adding(days: period.days)
    }

    public func subtracting(_ period: Period) -> Day {
        adding(months: -period.totalMonths).adding(days: -period.days)
    }

    /// `self + period × times`, computed from `self` each time so that month-end clamping never drifts
    /// (31 Jan + 2 × P1M is 31 March, not 28 March).
    public func adding(_ period: Period, times: Int) -> Day {
        adding(months: period.totalMonths * times).adding(days: period.days * times)
    }
}

extension Period {
    /// For comparing two periods only (a month counts 30.44 days); never for computing a date.
    public var approximateDays: Double { Double(totalMonths) * 30.436875 + Double(days) }
}
