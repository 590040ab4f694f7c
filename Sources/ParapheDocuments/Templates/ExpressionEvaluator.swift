import Foundation
import ParapheCore

/// Values by variable name; a name that is absent evaluates to nothing (`nil`), which conditions read as false.
public typealias TemplateScope = [String: TemplateValue]

extension Expression {
    public func evaluate(_ scope: TemplateScope) throws(ExpressionError) -> TemplateValue? {
        switch self {
        case .literal(let value): return value
        case .path(let path):
            var value = scope[path[0]]
            for member in path.dropFirst() { value = value?.member(member) }
            return value
        case .not(let inner): return .bool(!(try inner.evaluate(scope)?.truthy ?? false))
        case .negate(let inner):
            guard let value = try inner.evaluate(scope) else { return nil }
            return try Arithmetic.times(value, .number(-1))
        case .list(let items):
            var values = [TemplateValue]()
            for item in items { if let value = try item.evaluate(scope) { values.append(value) } }
            return .list(values)
        case .binary(.and, let l, let r):
            guard try l.evaluate(scope)?.truthy ?? false else { return .bool(false) }
            return .bool(try r.evaluate(scope)?.truthy ?? false)
        case .binary(.or, let l, let r):
            if try l.evaluate(scope)?.truthy ?? false { return .bool(true) }
            return .bool(try r.evaluate(scope)?.truthy ?? false)
        case .binary(let op, let l, let r):
            let left = try l.evaluate(scope)
            let right = try r.evaluate(scope)
            switch op {
            case .equal: return .bool(Comparison.equal(left, right))
            case .notEqual: return .bool(!Comparison.equal(left, right))
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                guard let left, let right, let order = try Comparison.order(left, right) else { return .bool(false) }
                switch op {
                case .less: return .bool(order < 0)
                case .lessOrEqual: return .bool(order <= 0)
                case .greater: return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            case .in:
                guard let left, case .list(let items)? = right else { return .bool(false) }
                return .bool(items.contains { Comparison.equal(left, $0) })
            default:
                guard let left, let right else { return nil }
                return try Arithmetic.apply(op, left, right)
            }
        case .call(let name, let arguments):
            var values = [TemplateValue?]()
            for argument in arguments { values.append(try argument.evaluate(scope)) }
            return try TemplateFunctions.call(name, values)
        }
    }
}

enum Comparison {
    static func equal(_ l: TemplateValue?, _ r: TemplateValue?) -> Bool {
        switch (l, r) {
        case (nil, nil): true
        case (let l?, let r?):
            if let a = l.decimal, let b = r.decimal { a == b } else { l == r }
        default: false
        }
    }

    /// -1, 0 or 1; nil when the two cannot be ordered (a text against a date).
    static func order(_ l: TemplateValue, _ r: TemplateValue) throws(ExpressionError) -> Int? {
        if let a = l.decimal, let b = r.decimal { return a < b ? -1 : (a == b ? 0 : 1) }
        switch (l, r) {
        case (.date(let a), .date(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.duration(let a), .duration(let b)): return a.approximateDays < b.approximateDays ? -1 : (a == b ? 0 : 1)
        case (.text(let a), .text(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default: throw ExpressionError("cannot compare \(l.kind) with \(r.kind)")
        }
    }
}

enum Arithmetic {
    static func apply(_ op: Expression.BinaryOperator, _ l: TemplateValue, _ r: TemplateValue) throws(ExpressionError) -> TemplateValue {
        switch (op, l, r) {
        case (.plus, .date(let d), .duration(let p)): return .date(d.adding(p))
        case (.minus, .date(let d), .duration(let p)): return .date(d.subtracting(p))
        case (.plus, .money(let a), .money(let b)), (.minus, .money(let a), .money(let b)):
            guard a.currency == b.currency else { throw ExpressionError("cannot add \(a.currency) to \(b.currency)") }
            return .money(Money(amount: op == .plus ? a.amount + b.amount : a.amount - b.amount, currency: a.currency))
        case (.times, _, _): return try times(l, r)
        case (.divide, .money(let m), .number(let n)):
            guard n != 0 else { throw ExpressionError("division by zero") }
            return .money(Money(amount: rounded(m.amount / n), currency: m.currency))
        case (_, .number(let a), .number(let b)), (_, .percent(let a), .percent(let b)):
            let result: Decimal
            switch op {
            case .plus: result = a + b
            case .minus: result = a - b
            default:
                guard b != 0 else { throw ExpressionError("division by zero") }
                result = a / b
            }
            if case .percent = l { return .percent(result) }
            return .number(result)
        default:
            throw ExpressionError("cannot apply '\(op.rawValue)' to \(l.kind) and \(r.kind)")
        }
    }

    static func times(_ l: TemplateValue, _ r: TemplateValue) throws(ExpressionError) -> TemplateValue {
        switch (l, r) {
        case (.money(let m), .number(let n)), (.number(let n), .money(let m)): .money(Money(amount: rounded(m.amount * n), currency: m.currency))
        case (.number(let a), .number(let b)): .number(a * b)
        case (.percent(let a), .number(let b)), (.number(let b), .percent(let a)): .percent(a * b)
        default: throw ExpressionError("cannot multiply \(l.kind) by \(r.kind)")
        }
    }

    /// Money in a contract has cents; half-up is how a French invoice rounds VAT.
    static func rounded(_ value: Decimal, places: Int = 2) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        return output
    }
}

/// Functions a template may call, with their arity, so that publishing can reject a call that would fail.
enum TemplateFunctions {
    static let arity: [String: Int] = ["endDate": 2, "withVat": 2, "vat": 2, "round": 2, "count": 1, "months": 1]

    static func call(_ name: String, _ args: [TemplateValue?]) throws(ExpressionError) -> TemplateValue? {
        guard let expected = arity[name] else { throw ExpressionError("unknown function '\(name)'") }
        guard args.count == expected else { throw ExpressionError("\(name) takes \(expected) arguments") }
        let present = args.compactMap { $0 }
        guard present.count == expected else { return nil }
        switch (name, present[0], present.count > 1 ? present[1] : nil) {
        case ("endDate", .date(let start), .duration(let length)?):
            // A contract of twelve months starting on 1 March ends on 28 (or 29) February, not on 1 March.
            return .date(start.adding(length).adding(days: -1))
        case ("withVat", .money(let m), .percent(let rate)?), ("withVat", .money(let m), .number(let rate)?):
            return .money(Money(amount: Arithmetic.rounded(m.amount * (1 + rate / 100)), currency: m.currency))
        case ("vat", .money(let m), .percent(let rate)?), ("vat", .money(let m), .number(let rate)?):
            return .money(Money(amount: Arithmetic.rounded(m.amount * rate / 100), currency: m.currency))
        case ("round", let value, .number(let places)?):
            guard let d = value.decimal else { break }
            let rounded = Arithmetic.rounded(d, places: NSDecimalNumber(decimal: places).intValue)
            if case .money(let m) = value { return .money(Money(amount: rounded, currency: m.currency)) }
            return .number(rounded)
        case ("count", .list(let items), _): return .number(Decimal(items.count))
        case ("months", .duration(let p), _): return .number(Decimal(p.totalMonths))
        default: break
        }
        throw ExpressionError("\(name) cannot take \(present.map(\.kind).joined(separator: " and "))")
    }
}

extension TemplateValue {
    var kind: String {
        switch self {
        case .text: "text"
        case .number: "a number"
        case .money: "money"
        case .percent: "a percent"
        case .date: "a date"
        case .duration: "a duration"
        case .bool: "a boolean"
        case .party: "a party"
        case .list: "a list"
        }
    }
}
