import Foundation
import ParapheCore

/// A variable's value once checked against its declared type.
public enum TemplateValue: Hashable, Sendable {
    case text(String)
    case number(Decimal)
    case money(Money)
    /// In percent: `20` is 20 %.
    case percent(Decimal)
    case date(Day)
    case duration(Period)
    case bool(Bool)
    case party(Party)
    case list([TemplateValue])

    /// Back to the JSON a client sent, for storing the variables with the contract.
    public var json: JSONValue {
        switch self {
        case .text(let s): .string(s)
        case .number(let d), .percent(let d): .number(d)
        case .money(let m): .object(["amount": .string(m.amountString), "currency": .string(m.currency)])
        case .date(let d): .string(d.description)
        case .duration(let p): .string(p.description)
        case .bool(let b): .bool(b)
        case .party(let p):
            .object([
                "name": .string(p.name), "legalForm": p.legalForm.map(JSONValue.string) ?? .null,
                "registrationNumber": p.registrationNumber.map(JSONValue.string) ?? .null,
                "address": p.address.map(JSONValue.string) ?? .null,
                "representative": p.representative.map(JSONValue.string) ?? .null,
            ].filter { $0.value != .null })
        case .list(let items): .array(items.map(\.json))
        }
    }

    /// The numeric value comparisons use: a money compares by its amount.
    var decimal: Decimal? {
        switch self {
        case .number(let d), .percent(let d): d
        case .money(let m): m.amount
        default: nil
        }
    }

    /// Whether a condition treats the value as holding: a non-empty text or list, a true boolean, a non-zero number.
    var truthy: Bool {
        switch self {
        case .bool(let b): b
        case .text(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .number(let d), .percent(let d): d != 0
        case .money(let m): m.amount != 0
        case .date, .duration, .party: true
        }
    }

    /// `client.name`, `price.currency`: the fields a placeholder or a condition may reach inside a value.
    func member(_ name: String) -> TemplateValue? {
        switch self {
        case .party(let p):
            switch name {
            case "name": .text(p.name)
            case "legalForm": p.legalForm.map(TemplateValue.text)
            case "registrationNumber": p.registrationNumber.map(TemplateValue.text)
            case "address": p.address.map(TemplateValue.text)
            case "representative": p.representative.map(TemplateValue.text)
            default: nil
            }
        case .money(let m):
            switch name {
            case "amount": .number(m.amount)
            case "currency": .text(m.currency)
            default: nil
            }
        case .list(let items): name == "count" ? .number(Decimal(items.count)) : nil
        default: nil
        }
    }
}
