import Foundation

/// Amounts written out, as contracts repeat them in letters: `quarante-huit mille euros`. French follows the
/// traditional spelling (hyphens under one hundred, `quatre-vingts`, `deux cents` only when nothing follows).
public enum AmountInWords {
    public static func money(_ money: Money, _ language: Language) -> String {
        let cents = Money.format(money.amount)
        let negative = cents.hasPrefix("-")
        let parts = (negative ? String(cents.dropFirst()) : cents).split(separator: ".")
        let units = Int(parts[0]) ?? 0
        let fraction = Int(parts[1]) ?? 0
        let (one, many) = currencyNames(money.currency, language)
        var text: String
        switch language {
        case .fr:
            text = number(units, .fr)
            let large = units >= 1_000_000 && units % 1_000_000 == 0
            text += units > 1 ? (large ? " d’\(many)" : " \(many)") : " \(one)"
            if fraction > 0 { text += " et \(number(fraction, .fr)) \(fraction > 1 ? "centimes" : "centime")" }
        case .en:
            text = "\(number(units, .en)) \(units == 1 ? one : many)"
            if fraction > 0 { text += " and \(number(fraction, .en)) \(fraction == 1 ? "cent" : "cents")" }
        }
        return negative ? (language == .fr ? "moins " : "minus ") + text : text
    }

    static func currencyNames(_ code: String, _ language: Language) -> (String, String) {
        switch (code, language) {
        case ("EUR", _): ("euro", "euros")
        case ("USD", .fr): ("dollar américain", "dollars américains")
        case ("USD", .en): ("US dollar", "US dollars")
        case ("GBP", .fr): ("livre sterling", "livres sterling")
        case ("GBP", .en): ("pound sterling", "pounds sterling")
        default: (code, code)
        }
    }

    /// A non-negative whole number in words; amounts in contracts stay far below the trillions.
    public static func number(_ value: Int, _ language: Language) -> String {
        language == .fr ? french(value) : english(value)
    }

    private static let frenchUnits = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
                                      "douze", "treize", "quatorze", "quinze", "seize"]
    private static let frenchTens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"]

    private static func french(_ n: Int) -> String {
        if n < 0 { return "moins " + french(-n) }
        if n < 1000 { return frenchBelowThousand(n, final: true) }
        var parts = [String]()
        var rest = n
        for (size, singular, plural) in [(1_000_000_000, "milliard", "milliards"), (1_000_000, "million", "millions")] where rest >= size {
            let count = rest / size
            parts.append(count == 1 ? "un \(singular)" : "\(french(count)) \(plural)")
            rest %= size
        }
        if rest >= 1000 {
            let count = rest / 1000
            // "mille" is invariable and never takes "un"; the hundreds before it lose their plural "s".
            parts.append(count == 1 ? "mille" : "\(frenchBelowThousand(count, final: false)) mille")
            rest %= 1000
        }
        if rest > 0 { parts.append(frenchBelowThousand(rest, final: true)) }
        return parts.joined(separator: " ")
    }

    /// `final`: nothing follows, so `quatre-vingts` and `deux cents` keep their plural.
    private static func frenchBelowThousand(_ n: Int, final: Bool) -> String {
        let hundreds = n / 100
        let rest = n % 100
        var parts = [String]()
        if hundreds > 0 {
            let plural = hundreds > 1 && rest == 0 && final
            parts.append(hundreds == 1 ? "cent" : "\(frenchUnits[hundreds]) cent\(plural ? "s" : "")")
        }
        if rest > 0 || hundreds == 0 { parts.append(frenchBelowHundred(rest, final: final)) }
        return parts.joined(separator: " ")
    }

    private static func frenchBelowHundred(_ n: Int, final: Bool) -> String {
        if n <= 16 { return frenchUnits[n] }
        if n < 20 { return "dix-\(frenchUnits[n - 10])" }
        let ten = n / 10
        let unit = n % 10
        switch ten {
        case 7: return n == 71 ? "soixante et onze" : "soixante-\(frenchBelowHundred(n - 60, final: final))"
        case 8: return unit == 0 ? (final ? "quatre-vingts" : "quatre-vingt") : "quatre-vingt-\(frenchUnits[unit])"
        case 9: return "quatre-vingt-\(frenchBelowHundred(n - 80, final: final))"
        default:
            if unit == 0 { return frenchTens[ten] }
            return unit == 1 ? "\(frenchTens[ten]) et un" : "\(frenchTens[ten])-\(frenchUnits[unit])"
        }
    }

    private static let englishUnits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                                       "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    private static let englishTens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    private static func english(_ n: Int) -> String {
        if n < 0 { return "minus " + english(-n) }
        if n < 20 { return englishUnits[n] }
        if n < 100 { return englishTens[n / 10] + (n % 10 > 0 ? "-\(englishUnits[n % 10])" : "") }
        if n < 1000 { return "\(englishUnits[n / 100]) hundred" + (n % 100 > 0 ? " \(english(n % 100))" : "") }
        for (size, name) in [(1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")] where n >= size {
            return "\(english(n / size)) \(name)" + (n % size > 0 ? " \(english(n % size))" : "")
        }
        return String(n)
    }
}
