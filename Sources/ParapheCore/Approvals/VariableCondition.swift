import Foundation

/// A test on one of a contract's named values: a generated contract's template variables, or, for a contract made by
/// hand or imported, its metadata. Every test given must hold; a missing value holds for none.
public struct VariableCondition: Hashable, Sendable, Codable {
    public var name: String
    /// Text, number or boolean; numbers compare by value (`45` and `"45.0"` are equal).
    public var equals: JSONValue?
    /// Holds when the value equals one of these.
    public var `in`: [JSONValue]?
    /// Numbers, as JSON numbers or decimal strings. A money value compares by its amount.
    public var above: JSONValue?
    public var below: JSONValue?

    public init(name: String, equals: JSONValue? = nil, in values: [JSONValue]? = nil, above: JSONValue? = nil, below: JSONValue? = nil) {
        self.name = name
        self.equals = equals
        self.in = values
        self.above = above
        self.below = below
    }

    /// The rules on the test itself, named as the API's fields (`field` is `when.variables[i]`).
    public func validate(field: String) -> [FieldError] {
        var errors = [FieldError]()
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > 100 { errors.append(FieldError("\(field).name", "must name a variable (1 to 100 characters)")) }
        if equals == nil, self.in == nil, above == nil, below == nil {
            errors.append(FieldError(field, "give at least one of equals, in, above or below"))
        }
        for (key, bound) in [("above", above), ("below", below)] {
            if let bound, Self.number(bound) == nil { errors.append(FieldError("\(field).\(key)", "must be a number, such as 45 or \"100000.00\"")) }
        }
        if let values = self.in, values.isEmpty { errors.append(FieldError("\(field).in", "must list at least one value")) }
        for (key, value) in [("equals", equals)] + (self.in ?? []).enumerated().map({ ("in[\($0.offset)]", $0.element) }) {
            switch value {
            case .array?, .object?: errors.append(FieldError("\(field).\(key)", "must be text, a number or a boolean"))
            default: break
            }
        }
        return errors
    }

    /// The value that made the test hold, or nil when it does not.
    public func match(_ values: [String: JSONValue]) -> JSONValue? {
        guard let value = values[name], value != .null else { return nil }
        if let equals, !Self.same(value, equals) { return nil }
        if let options = self.in, !options.contains(where: { Self.same(value, $0) }) { return nil }
        if above != nil || below != nil {
            guard let number = Self.number(value) else { return nil }
            if let above, let bound = Self.number(above), !(number > bound) { return nil }
            if let below, let bound = Self.number(below), !(number < bound) { return nil }
        }
        return value
    }

    /// A number, a decimal string, or a money value's amount.
    static func number(_ value: JSONValue) -> Decimal? {
        switch value {
        case .number(let d): d
        case .string(let s): Money.parseAmount(s.trimmingCharacters(in: .whitespaces))
        case .object(let o): o["amount"].flatMap(number)
        default: nil
        }
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = number(a), let y = number(b), !isObject(a), !isObject(b) { return x == y }
        return a == b
    }

    static func isObject(_ v: JSONValue) -> Bool { if case .object = v { true } else { false } }

    /// How a reason shows the value: text as is, a money value as amount and currency.
    public static func display(_ value: JSONValue, _ language: Language) -> String {
        switch value {
        case .string(let s): s
        case .number(let d): "\(d)"
        case .bool(let b): b ? (language == .fr ? "oui" : "yes") : (language == .fr ? "non" : "no")
        case .object(let o):
            if case .string(let amount)? = o["amount"], case .string(let currency)? = o["currency"], let a = Money.parseAmount(amount) {
                Formatting.money(Money(amount: a, currency: currency), language)
            } else if case .string(let name)? = o["name"] { name } else { "…" }
        case .array, .null: "…"
        }
    }
}
