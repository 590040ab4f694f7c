import Foundation

/// A test on one of a contract's named values: a generated contract's template variables, or, for a contract made by
/// hand or imported, its metadata. Every test given must hold; a missing value holds for none.
public struct VariableCondition: Hashable, Sendable, Codable {
    /// A top-level name (`paymentDays`), or a path into an object (`client.name`).
    public var name: String
    /// Text, number or boolean. Text that reads as a number compares as one (`"45.0"` equals `45`).
    public var equals: JSONValue?
    /// Holds when the value equals one of these (at most 100).
    public var `in`: [JSONValue]?
    /// Numbers, as JSON numbers or decimal strings. A money value compares by its amount.
    public var above: JSONValue?
    public var below: JSONValue?
    /// When given, only a money value in this currency holds: amounts are never converted.
    public var currency: String?

    public init(name: String, equals: JSONValue? = nil, in values: [JSONValue]? = nil, above: JSONValue? = nil, below: JSONValue? = nil,
                currency: String? = nil) {
        self.name = name
        self.equals = equals
        self.in = values
        self.above = above
        self.below = below
        self.currency = currency
    }

    /// The rules on the test itself, named as the API's fields (`field` is `when.variables[i]`).
    public func validate(field: String) -> [FieldError] {
        var errors = [FieldError]()
        let path = name.split(separator: ".", omittingEmptySubsequences: false)
        if name.isEmpty || name.count > 100 || name != name.trimmingCharacters(in: .whitespaces) || path.contains(where: \.isEmpty) {
            errors.append(FieldError("\(field).name", "must name a variable (1 to 100 characters, no space at either end; a.b for a field of a)"))
        }
        if equals == nil, self.in == nil, above == nil, below == nil {
            errors.append(FieldError(field, "give at least one of equals, in, above or below"))
        }
        for (key, bound) in [("above", above), ("below", below)] {
            if let bound, Self.bound(bound) == nil { errors.append(FieldError("\(field).\(key)", "must be a number, such as 45 or \"100000.00\"")) }
        }
        if let values = self.in, values.isEmpty || values.count > 100 { errors.append(FieldError("\(field).in", "must list from 1 to 100 values")) }
        for (key, value) in [("equals", equals)] + (self.in ?? []).enumerated().map({ ("in[\($0.offset)]", $0.element) }) {
            switch value {
            case .array?, .object?: errors.append(FieldError("\(field).\(key)", "must be text, a number or a boolean"))
            default: break
            }
        }
        if let currency, !CurrencyCode.isValid(currency) { errors.append(FieldError("\(field).currency", "must be an ISO 4217 code such as EUR")) }
        return errors
    }

    /// The value that made the test hold, or nil when it does not.
    public func match(_ values: [String: JSONValue]) -> JSONValue? {
        guard let value = Self.lookup(name, in: values), value != .null else { return nil }
        if let currency {
            guard case .object(let money) = value, money["currency"] == .string(currency) else { return nil }
        }
        if let equals, !Self.same(value, equals) { return nil }
        if let options = self.in, !options.contains(where: { Self.same(value, $0) }) { return nil }
        if above != nil || below != nil {
            guard let number = Self.number(value) else { return nil }
            if let above, let bound = Self.bound(above), !(number > bound) { return nil }
            if let below, let bound = Self.bound(below), !(number < bound) { return nil }
        }
        return value
    }

    static func lookup(_ name: String, in values: [String: JSONValue]) -> JSONValue? {
        if let direct = values[name] { return direct }
        var parts = name.split(separator: ".").map(String.init)
        guard parts.count > 1, var current = values[parts.removeFirst()] else { return nil }
        for part in parts {
            guard case .object(let object) = current, let next = object[part] else { return nil }
            current = next
        }
        return current
    }

    /// A bound: a number or a decimal string, never an object.
    static func bound(_ value: JSONValue) -> Decimal? {
        switch value {
        case .number, .string: number(value)
        default: nil
        }
    }

    /// A number, a decimal string, or a money value's amount.
    static func number(_ value: JSONValue) -> Decimal? {
        switch value {
        case .number(let d): d
        case .string(let s): Money.parseAmount(s)
        case .object(let o): o["amount"].flatMap(bound)
        default: nil
        }
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = bound(a), let y = bound(b) { return x == y }
        return a == b
    }

    /// How a reason shows the value: text as is, a money value as amount and currency.
    public static func display(_ value: JSONValue, _ language: Language) -> String {
        switch value {
        case .string(let s): s
        case .number(let d): Formatting.number(d, language)
        case .bool(let b): b ? (language == .fr ? "oui" : "yes") : (language == .fr ? "non" : "no")
        case .object(let o):
            if case .string(let amount)? = o["amount"], case .string(let currency)? = o["currency"], let a = Money.parseAmount(amount) {
                Formatting.money(Money(amount: a, currency: currency), language)
            } else if case .string(let name)? = o["name"] { name } else { "…" }
        case .array, .null: "…"
        }
    }
}
