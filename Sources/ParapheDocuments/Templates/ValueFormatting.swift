import Foundation
import ParapheCore

/// How a value reads inside a contract, by formatter name or, without one, by its type.
enum ValueFormatting {
    static func format(_ value: TemplateValue, formatter: String?, language: Language) throws(ExpressionError) -> String {
        switch (formatter, value) {
        case ("words", .money(let m)): return AmountInWords.money(m, language)
        case ("words", .number(let d)):
            guard d >= 0, d < 1_000_000_000_000, d == Arithmetic.rounded(d, places: 0) else { throw ExpressionError("only whole numbers are written in words") }
            return AmountInWords.number(NSDecimalNumber(decimal: d).intValue, language)
        case ("shortDate", .date(let d)):
            return language == .fr ? String(format: "%02d/%02d/%04d", d.day, d.month, d.year) : d.description
        case ("upper", _): return try format(value, formatter: nil, language: language).uppercased()
        case ("lower", _): return try format(value, formatter: nil, language: language).lowercased()
        case (nil, _), ("money", .money), ("date", .date), ("percent", .percent), ("duration", .duration), ("number", .number), ("percent", .number):
            break
        case (let name?, _): throw ExpressionError("'\(name)' cannot format \(value.kind)")
        }
        switch value {
        case .text(let s): return s
        case .number(let d): return Formatting.number(d, language)
        case .money(let m): return Formatting.money(m, language)
        case .percent(let d): return language == .fr ? "\(Formatting.number(d, .fr))\u{00A0}%" : "\(Formatting.number(d, .en))%"
        case .date(let d): return Formatting.day(d, language)
        case .duration(let p): return Formatting.period(p, language)
        case .bool(let b): return language == .fr ? (b ? "oui" : "non") : (b ? "yes" : "no")
        case .party(let p): return p.name
        case .list(let items):
            var texts = [String]()
            for item in items { texts.append(try format(item, formatter: formatter, language: language)) }
            guard texts.count > 1 else { return texts.first ?? "" }
            return texts.dropLast().joined(separator: ", ") + (language == .fr ? " et " : " and ") + texts.last!
        }
    }
}
