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

    /// A month as `YYYY-MM` reads: « mars 2026 », "March 2026"; anything else as it is.
    public static func month(_ key: String, _ language: Language) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return "\((language == .fr ? frenchMonths : englishMonths)[month - 1]) \(year)"
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

    /// The amount alone, with its cents, as a person types it back: `60 000,00` in French, `60000.00` in English
    /// (the form reads both; a grouped English amount would not read back).
    public static func typedAmount(_ amount: Decimal, _ language: Language) -> String {
        language == .fr ? decimal(Money.format(amount), .fr) : Money.format(amount)
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

    /// "12 mois", "1 an et 6 mois", "3 months": a contract's durations as people say them, never `P12M`.
    public static func period(_ p: Period, _ language: Language) -> String {
        var parts = [String]()
        let fr = language == .fr
        if p.years > 0 { parts.append("\(p.years) \(fr ? (p.years > 1 ? "ans" : "an") : (p.years > 1 ? "years" : "year"))") }
        if p.months > 0 { parts.append("\(p.months) \(fr ? "mois" : (p.months > 1 ? "months" : "month"))") }
        if p.days > 0 { parts.append("\(p.days) \(fr ? (p.days > 1 ? "jours" : "jour") : (p.days > 1 ? "days" : "day"))") }
        return parts.joined(separator: fr ? " et " : " and ")
    }

    /// Where people read times unless told otherwise.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 0)!

    /// "7 décembre 2026 à 13:49" in the reader's time zone (Paris by default); a zone other than Paris is named.
    public static func timestamp(_ date: Date, _ language: Language, in zone: TimeZone = defaultTimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let y = c.year, let m = c.month, let d = c.day, let day = Day(year: y, month: m, day: d) else { return Timestamp.format(date) }
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        let named = zone.identifier == "Europe/Paris" ? "" : " " + (zone.secondsFromGMT(for: date) == 0 ? "UTC" : zone.identifier)
        return language == .fr ? "\(Formatting.day(day, .fr)) à \(time)\(named)" : "\(Formatting.day(day, .en)), \(time)\(named)"
    }
}
