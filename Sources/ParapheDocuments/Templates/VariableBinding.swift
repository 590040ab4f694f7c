import Foundation
import ParapheCore

/// Checks a contract's variables (JSON from the API or the wizard) against the template's declared types and rules;
/// every bad field is reported, named `variables.price.amount` as the client sent it.
public enum VariableBinding {
    public static let maxTextLength = 5000
    public static let maxListItems = 200

    public static func bind(_ specs: [VariableSpec], input: [String: JSONValue], counterparty: Party?) throws(ValidationFailure) -> TemplateScope {
        var errors = [FieldError]()
        var scope = TemplateScope()
        let known = Set(specs.map(\.name))
        for name in input.keys.sorted() where !known.contains(name) {
            errors.append(FieldError("variables.\(name.prefix(60))", "unknown variable; this template has \(known.sorted().joined(separator: ", "))"))
        }
        for spec in specs {
            let field = "variables.\(spec.name)"
            // Blank text is no answer: a required variable left blank is missing, as the wizard already treats it.
            let json = input[spec.name].flatMap { value -> JSONValue? in
                if value == .null { return nil }
                if case .string(let text) = value, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
                return value
            }
            if let json {
                do { scope[spec.name] = try value(json, spec: spec, field: field) } catch { errors += error.errors }
            } else if spec.fromCounterparty, let counterparty {
                scope[spec.name] = .party(counterparty)
            } else if let value = spec.defaultValue {
                scope[spec.name] = value
            } else if spec.required {
                errors.append(FieldError(field, "is required (\(spec.label))"))
            }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return scope
    }

    public static func value(_ json: JSONValue, spec: VariableSpec, field: String) throws(ValidationFailure) -> TemplateValue {
        let value = try single(json, type: spec.type, itemType: spec.itemType, options: spec.options, field: field)
        var errors = [FieldError]()
        let measure: Decimal? = switch value {
        case .text(let s): Decimal(s.count)
        case .list(let items): Decimal(items.count)
        default: value.decimal
        }
        let unit = if case .text = value { " characters" } else if case .list = value { " items" } else { "" }
        if let min = spec.min, let measure, measure < min { errors.append(FieldError(field, "must be at least \(min)\(unit)")) }
        if let max = spec.max, let measure, measure > max { errors.append(FieldError(field, "must be at most \(max)\(unit)")) }
        if let pattern = spec.pattern, case .text(let s) = value, let regex = try? NSRegularExpression(pattern: pattern),
           regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
            errors.append(FieldError(field, "must match \(pattern)"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return value
    }

    static func single(_ json: JSONValue, type: VariableType, itemType: VariableType?, options: [String], field: String) throws(ValidationFailure) -> TemplateValue {
        func fail(_ message: String) -> ValidationFailure { ValidationFailure([FieldError(field, message)]) }
        switch (type, json) {
        case (.text, .string(let s)):
            if let problem = TextRules.optionalText(s, field: field, max: maxTextLength).first { throw ValidationFailure([problem]) }
            return .text(s)
        case (.number, .number(let d)), (.percent, .number(let d)):
            guard abs(d) < 1_000_000_000_000 else { throw fail("is too large") }
            return type == .number ? .number(d) : .percent(d)
        case (.number, .string(let s)), (.percent, .string(let s)):
            guard let d = Money.parseAmount(s) else { throw fail("must be a number") }
            return try single(.number(d), type: type, itemType: nil, options: [], field: field)
        case (.money, .object(let o)):
            var errors = [FieldError]()
            var amount: Decimal?
            switch o["amount"] {
            case .string(let s)?: amount = Money.parseAmount(s)
            case .number(let d)?: amount = d
            default: break
            }
            if amount == nil { errors.append(FieldError("\(field).amount", "must be a decimal such as \"48000.00\"")) }
            guard case .string(let currency)? = o["currency"], CurrencyCode.isValid(currency) else {
                throw ValidationFailure(errors + [FieldError("\(field).currency", "must be an ISO 4217 code such as EUR")])
            }
            if let amount {
                if Money.scale(of: amount) > 2 { errors.append(FieldError("\(field).amount", "must have at most two decimals")) }
                if abs(amount) >= 1_000_000_000_000 { errors.append(FieldError("\(field).amount", "is too large")) }
            }
            for key in o.keys where key != "amount" && key != "currency" { errors.append(FieldError("\(field).\(key.prefix(40))", "unknown field")) }
            guard errors.isEmpty, let amount else { throw ValidationFailure(errors) }
            return .money(Money(amount: amount, currency: currency))
        case (.date, .string(let s)):
            guard let day = Day(s) else { throw fail("must be a date YYYY-MM-DD") }
            guard Day.contractYears.contains(day.year) else { throw fail("must fall between \(Day.contractYears.lowerBound) and \(Day.contractYears.upperBound)") }
            return .date(day)
        case (.duration, .string(let s)):
            guard let period = Period(s), !period.isZero else { throw fail("must be an ISO 8601 duration such as P12M") }
            return .duration(period)
        case (.boolean, .bool(let b)): return .bool(b)
        case (.enum, .string(let s)):
            guard options.contains(s) else { throw fail("must be one of \(options.joined(separator: ", "))") }
            return .text(s)
        case (.enum, .number(let d)):
            return try single(.string(NSDecimalNumber(decimal: d).stringValue), type: .enum, itemType: nil, options: options, field: field)
        case (.party, .object(let o)):
            var errors = [FieldError]()
            var texts = [String: String]()
            for (key, value) in o {
                guard ["name", "legalForm", "registrationNumber", "address", "representative"].contains(key) else {
                    errors.append(FieldError("\(field).\(key.prefix(40))", "unknown field; a party has name, legalForm, registrationNumber, address, representative"))
                    continue
                }
                guard case .string(let s) = value else {
                    if value != .null { errors.append(FieldError("\(field).\(key)", "must be text")) }
                    continue
                }
                errors += TextRules.optionalText(s, field: "\(field).\(key)", max: key == "address" ? 1000 : 300)
                if !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { texts[key] = s }
            }
            if texts["name"] == nil { errors.append(FieldError("\(field).name", "is required")) }
            guard errors.isEmpty, let name = texts["name"] else { throw ValidationFailure(errors) }
            return .party(Party(name: name, legalForm: texts["legalForm"], registrationNumber: texts["registrationNumber"],
                                address: texts["address"], representative: texts["representative"]))
        case (.list, .array(let items)):
            guard items.count <= maxListItems else { throw fail("must have at most \(maxListItems) items") }
            var values = [TemplateValue]()
            var errors = [FieldError]()
            for (i, item) in items.enumerated() {
                do { values.append(try single(item, type: itemType ?? .text, itemType: nil, options: options, field: "\(field)[\(i)]")) } catch {
                    errors += error.errors
                }
            }
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            return .list(values)
        default:
            throw fail("must be \(expected(type))")
        }
    }

    static func expected(_ type: VariableType) -> String {
        switch type {
        case .text: "text"
        case .number: "a number"
        case .money: "an object {\"amount\": \"48000.00\", \"currency\": \"EUR\"}"
        case .percent: "a number of percent, such as 20"
        case .date: "a date YYYY-MM-DD"
        case .duration: "an ISO 8601 duration such as P12M"
        case .boolean: "true or false"
        case .enum: "one of the options"
        case .party: "an object with at least a name"
        case .list: "a list"
        }
    }
}
