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
        let number = decimal(Money.format(money.amount), language)
        let symbol = currencySymbol(money.currency)
        switch language {
        case .fr: return "\(number)\u{00A0}\(symbol)"
        case .en:
            guard symbol.count == 1 else { return "\(number) \(symbol)" }
            return number.hasPrefix("-") ? "-\(symbol)\(number.dropFirst())" : "\(symbol)\(number)"
        }
    }

    /// `1 234,5` in French, `1,234.5` in English: as many decimals as the value has.
    public static func number(_ value: Decimal, _ language: Language) -> String {
        decimal(NSDecimalNumber(decimal: value).stringValue, language)
    }

    /// A plain decimal text (`-1234.50`) with thousands grouped and the language's decimal mark.
    static func decimal(_ text: String, _ language: Language) -> String {
        let negative = text.hasPrefix("-")
        let parts = (negative ? String(text.dropFirst()) : text).split(separator: ".")
        let separator: Character = language == .fr ? "\u{00A0}" : ","
        var grouped = ""
        for (index, ch) in (parts.first ?? "0").reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(separator) }
            grouped.append(ch)
        }
        var result = (negative ? "-" : "") + String(grouped.reversed())
        if parts.count > 1 { result += (language == .fr ? "," : ".") + parts[1] }
        return result
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
