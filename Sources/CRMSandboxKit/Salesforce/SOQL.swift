import Foundation

/// The subset of SOQL Paraphe and the fidelity clients send:
/// `SELECT a, b FROM T [WHERE x op lit [AND …]] [ORDER BY f [ASC|DESC], …] [LIMIT n]`, with `IN (…)`, `LIKE`, and
/// date literals (`2026-05-20`, `2026-05-20T20:49:32Z`, `TODAY`, `YESTERDAY`, `LAST_N_DAYS:n`).
struct SOQLQuery: Sendable {
    enum Literal: Sendable, Hashable {
        case string(String), number(Double), bool(Bool), null, day(String), instant(Date)
    }

    struct Condition: Sendable {
        var field: String
        var op: String
        var values: [Literal]
    }

    var fields: [String]
    var object: String
    var conditions: [Condition]
    var order: [(field: String, descending: Bool)]
    var limit: Int?

    struct ParseError: Error { let message: String }

    static func parse(_ text: String, today: Date) throws -> SOQLQuery {
        var tokens = try tokenize(text)[...]
        func next() throws -> String {
            guard let t = tokens.popFirst() else { throw ParseError(message: "unexpected end of query") }
            return t
        }
        func keyword(_ word: String) -> Bool {
            if tokens.first?.uppercased() == word { tokens.removeFirst(); return true }
            return false
        }
        guard keyword("SELECT") else { throw ParseError(message: "expecting SELECT") }
        var fields: [String] = []
        repeat {
            let f = try next()
            guard f.first.map({ $0.isLetter }) == true else { throw ParseError(message: "unexpected token: '\(f)'") }
            fields.append(f)
        } while keyword(",")
        guard keyword("FROM") else { throw ParseError(message: "expecting FROM") }
        let object = try next()
        var conditions: [Condition] = []
        if keyword("WHERE") {
            repeat {
                let field = try next()
                var op = try next().uppercased()
                if op == "<>" { op = "!=" }
                if op == "NOT", keyword("IN") { op = "NOT IN" }
                var values: [Literal] = []
                if op == "IN" || op == "NOT IN" {
                    guard keyword("(") else { throw ParseError(message: "expecting ( after IN") }
                    repeat { values.append(try literal(try next(), today: today)) } while keyword(",")
                    guard keyword(")") else { throw ParseError(message: "expecting )") }
                } else {
                    guard ["=", "!=", "<", ">", "<=", ">=", "LIKE"].contains(op) else { throw ParseError(message: "unexpected token: '\(op)'") }
                    values = [try literal(try next(), today: today)]
                }
                conditions.append(Condition(field: field, op: op, values: values))
            } while keyword("AND")
        }
        var order: [(String, Bool)] = []
        if keyword("ORDER") {
            guard keyword("BY") else { throw ParseError(message: "expecting BY") }
            repeat {
                let field = try next()
                let descending = keyword("DESC")
                if !descending { _ = keyword("ASC") }
                order.append((field, descending))
            } while keyword(",")
        }
        var limit: Int?
        if keyword("LIMIT") {
            guard let n = Int(try next()), n >= 0 else { throw ParseError(message: "LIMIT must be a non-negative integer") }
            limit = n
        }
        if let extra = tokens.first { throw ParseError(message: "unexpected token: '\(extra)'") }
        return SOQLQuery(fields: fields, object: object, conditions: conditions, order: order, limit: limit)
    }

    static func tokenize(_ text: String) throws -> [String] {
        var tokens: [String] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c.isWhitespace { chars.removeFirst(); continue }
            if c == "'" {
                chars.removeFirst()
                var s = "'"
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\\", let e = chars.popFirst() { s.append(e); continue }
                    if d == "'" { closed = true; break }
                    s.append(d)
                }
                guard closed else { throw ParseError(message: "unterminated string literal") }
                tokens.append(s)
                continue
            }
            if "(),".contains(c) { tokens.append(String(chars.removeFirst())); continue }
            if "<>=!".contains(c) {
                var op = String(chars.removeFirst())
                if let d = chars.first, "=>".contains(d) { op.append(chars.removeFirst()) }
                tokens.append(op)
                continue
            }
            var word = ""
            while let d = chars.first, !d.isWhitespace, !"(),<>=!'".contains(d) { word.append(chars.removeFirst()) }
            tokens.append(word)
        }
        return tokens
    }

    static func literal(_ token: String, today: Date) throws -> Literal {
        if token.hasPrefix("'") { return .string(String(token.dropFirst())) }
        switch token.uppercased() {
        case "TRUE": return .bool(true)
        case "FALSE": return .bool(false)
        case "NULL": return .null
        case "TODAY": return .day(SalesforceTime.format(today).prefix(10).description)
        case "YESTERDAY": return .day(SalesforceTime.format(today.addingTimeInterval(-86400)).prefix(10).description)
        default: break
        }
        if token.uppercased().hasPrefix("LAST_N_DAYS:"), let n = Int(token.dropFirst(12)) {
            return .instant(today.addingTimeInterval(-Double(n) * 86400))
        }
        if SalesforceTime.isDay(token) { return .day(token) }
        if let instant = SalesforceTime.parse(token) { return .instant(instant) }
        if let n = Double(token) { return .number(n) }
        throw ParseError(message: "unexpected token: '\(token)'")
    }

    /// Whether `record` passes every condition; `spec` gives each field's type, so dates compare as dates.
    func matches(_ record: [String: Value], spec: ObjectSpec) -> Bool {
        conditions.allSatisfy { condition in
            let value = record[spec.field(condition.field)?.name ?? condition.field] ?? .null
            let type = spec.field(condition.field)?.type ?? "string"
            switch condition.op {
            case "IN": return condition.values.contains { Self.compare(value, $0, type: type) == .orderedSame }
            case "NOT IN": return !condition.values.contains { Self.compare(value, $0, type: type) == .orderedSame }
            case "LIKE":
                guard case .string(let pattern) = condition.values[0], let text = value.string else { return false }
                return Self.like(text, pattern)
            default:
                if condition.values[0] == .null {
                    return condition.op == "=" ? value.isNull : condition.op == "!=" ? !value.isNull : false
                }
                guard !value.isNull, let order = Self.compare(value, condition.values[0], type: type) else { return condition.op == "!=" }
                switch condition.op {
                case "=": return order == .orderedSame
                case "!=": return order != .orderedSame
                case "<": return order == .orderedAscending
                case ">": return order == .orderedDescending
                case "<=": return order != .orderedDescending
                default: return order != .orderedAscending
                }
            }
        }
    }

    static func compare(_ value: Value, _ literal: Literal, type: String) -> ComparisonResult? {
        switch (literal, value) {
        case (.null, _): return value.isNull ? .orderedSame : nil
        case (.bool(let b), .bool(let v)): return b == v ? .orderedSame : nil
        case (.number(let n), .number(let v)): return v < n ? .orderedAscending : v > n ? .orderedDescending : .orderedSame
        case (.instant(let d), .string(let v)):
            guard let when = SalesforceTime.parse(v) ?? (SalesforceTime.isDay(v) ? SalesforceTime.parse(v + "T00:00:00Z") : nil) else { return nil }
            return when < d ? .orderedAscending : when > d ? .orderedDescending : .orderedSame
        case (.day(let d), .string(let v)):
            let day = type == "datetime" ? String(v.prefix(10)) : v
            return day < d ? .orderedAscending : day > d ? .orderedDescending : .orderedSame
        case (.string(let s), _):
            guard let v = value.string else { return nil }
            // Salesforce compares text case-insensitively.
            return v.compare(s, options: .caseInsensitive)
        default: return nil
        }
    }

    static func like(_ text: String, _ pattern: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: pattern).replacingOccurrences(of: "%", with: ".*").replacingOccurrences(of: "_", with: ".")
        return text.range(of: "^\(escaped)$", options: [.regularExpression, .caseInsensitive]) != nil
    }
}
