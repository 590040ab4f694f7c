import Foundation

/// How dates and amounts read in each language: `1er mars 2026` and `1 234,50 €` in French.
public enum Formatting {
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    public static func day(_ day: Day, _ language: Language) -> String {
        switch language {
        case .fr: "\(day.day == 1 ? "1er" : String(day.day)) \(frenchMonths[day.month - 1]) \(day.year)"
        case .en: "\(day.day) \(englishMonths[day.month - 1]) \(day.year)"
        }
    }

    /// French groups thousands with a narrow no-break space (U+202F) in CLDR; we write U+00A0 instead, which every
    /// font and PDF reader handles.
    public static func money(_ money: Money, _ language: Language) -> String {
        let text = Money.format(money.amount)
        let negative = text.hasPrefix("-")
        let parts = (negative ? String(text.dropFirst()) : text).split(separator: ".")
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : "00"
        let separator = language == .fr ? "\u{00A0}" : ","
        var grouped = ""
        for (index, ch) in integer.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(contentsOf: separator.reversed()) }
            grouped.append(ch)
        }
        let digits = String(grouped.reversed())
        let sign = negative ? "-" : ""
        let symbol = currencySymbol(money.currency)
        switch language {
        case .fr: return "\(sign)\(digits),\(fraction)\u{00A0}\(symbol)"
        case .en: return symbol.count == 1 ? "\(sign)\(symbol)\(digits).\(fraction)" : "\(sign)\(digits).\(fraction) \(symbol)"
        }
    }

    static func currencySymbol(_ code: String) -> String {
        switch code {
        case "EUR": "€"
        case "USD": "$"
        case "GBP": "£"
        default: code
        }
    }

    public static func timestamp(_ date: Date, _ language: Language) -> String {
        let text = Timestamp.format(date)
        let day = Day(date)
        let time = text.dropFirst(11).prefix(5)
        return language == .fr ? "\(Formatting.day(day, .fr)) à \(time) UTC" : "\(Formatting.day(day, .en)), \(time) UTC"
    }
}
