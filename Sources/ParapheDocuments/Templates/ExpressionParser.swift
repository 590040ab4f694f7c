import Foundation
import ParapheCore

/// Recursive descent over the expression grammar, lowest precedence first:
/// or → and → not → comparison → sum → product → unary → primary.
public struct ExpressionParser {
    enum Token: Hashable {
        case number(Decimal), string(String), identifier(String), symbol(String), end
    }

    private var tokens: [Token]
    private var position = 0
    /// Parsing and evaluation recurse per level; a hostile `((((…` or `----x` must stop long before the stack does.
    private var depth = 0
    static let maxDepth = 40

    public static func parse(_ source: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(tokens: try tokenize(source))
        let expression = try parser.parseOr()
        guard parser.peek == .end else { throw ExpressionError("unexpected \(describe(parser.peek)) in '\(source)'") }
        return expression
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private var peek: Token { tokens[position] }

    private mutating func advance() -> Token {
        defer { position += 1 }
        return tokens[position]
    }

    private mutating func accept(_ token: Token) -> Bool {
        guard peek == token else { return false }
        position += 1
        return true
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var left = try parseAnd()
        while accept(.identifier("or")) { left = .binary(.or, left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var left = try parseNot()
        while accept(.identifier("and")) { left = .binary(.and, left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Expression {
        if accept(.identifier("not")) { return .not(try parseNot()) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expression {
        let left = try parseSum()
        for op in [Expression.BinaryOperator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater] where accept(.symbol(op.rawValue)) {
            return .binary(op, left, try parseSum())
        }
        if accept(.identifier("in")) { return .binary(.in, left, try parseSum()) }
        return left
    }

    private mutating func parseSum() throws(ExpressionError) -> Expression {
        var left = try parseProduct()
        while true {
            if accept(.symbol("+")) { left = .binary(.plus, left, try parseProduct()) }
            else if accept(.symbol("-")) { left = .binary(.minus, left, try parseProduct()) }
            else { return left }
        }
    }

    private mutating func parseProduct() throws(ExpressionError) -> Expression {
        var left = try parseUnary()
        while true {
            if accept(.symbol("*")) { left = .binary(.times, left, try parseUnary()) }
            else if accept(.symbol("/")) { left = .binary(.divide, left, try parseUnary()) }
            else { return left }
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw ExpressionError("nests deeper than \(Self.maxDepth) levels") }
        if accept(.symbol("-")) { return .negate(try parseUnary()) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        switch advance() {
        case .number(let d): return .literal(.number(d))
        case .string(let s): return .literal(.text(s))
        case .identifier("true"): return .literal(.bool(true))
        case .identifier("false"): return .literal(.bool(false))
        case .identifier(let name) where ["and", "or", "not", "in"].contains(name):
            throw ExpressionError("'\(name)' needs a value before and after it")
        case .identifier(let name):
            if accept(.symbol("(")) {
                var arguments = [Expression]()
                if !accept(.symbol(")")) {
                    repeat { arguments.append(try parseOr()) } while accept(.symbol(","))
                    guard accept(.symbol(")")) else { throw ExpressionError("missing ')' after the arguments of \(name)") }
                }
                return .call(name, arguments)
            }
            var path = [name]
            while accept(.symbol(".")) {
                guard case .identifier(let member) = advance() else { throw ExpressionError("expected a field name after '.'") }
                path.append(member)
            }
            return .path(path)
        case .symbol("("):
            let inner = try parseOr()
            guard accept(.symbol(")")) else { throw ExpressionError("missing ')'") }
            return inner
        case .symbol("["):
            var items = [Expression]()
            if !accept(.symbol("]")) {
                repeat { items.append(try parseOr()) } while accept(.symbol(","))
                guard accept(.symbol("]")) else { throw ExpressionError("missing ']'") }
            }
            return .list(items)
        case let token:
            throw ExpressionError(token == .end ? "the expression ends too early" : "unexpected \(ExpressionParser.describe(token))")
        }
    }

    static func describe(_ token: Token) -> String {
        switch token {
        case .number(let d): "number \(d)"
        case .string(let s): "text '\(s)'"
        case .identifier(let s): "'\(s)'"
        case .symbol(let s): "'\(s)'"
        case .end: "end of expression"
        }
    }

    static let maxLength = 2000

    static func tokenize(_ source: String) throws(ExpressionError) -> [Token] {
        guard source.count <= maxLength else { throw ExpressionError("is longer than \(maxLength) characters") }
        var tokens = [Token]()
        let chars = Array(source.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c.properties.numericType != nil, c.isASCII {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].properties.numericType != nil || chars[j] == "." { j += 1 }
                let text = String(String.UnicodeScalarView(chars[i..<j]))
                guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.filter({ $0 == "." }).count <= 1 else {
                    throw ExpressionError("'\(text)' is not a number")
                }
                tokens.append(.number(value))
                i = j
            } else if c.properties.isAlphabetic || c == "_" {
                var j = i
                while j < chars.count, chars[j].properties.isAlphabetic || chars[j] == "_" || (chars[j].isASCII && chars[j].properties.numericType != nil) {
                    j += 1
                }
                tokens.append(.identifier(String(String.UnicodeScalarView(chars[i..<j]))))
                i = j
            } else if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else { throw ExpressionError("text started with \(c) is not closed") }
                tokens.append(.string(String(String.UnicodeScalarView(chars[i + 1..<j]))))
                i = j + 1
            } else {
                let two = i + 1 < chars.count ? String(String.UnicodeScalarView([c, chars[i + 1]])) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(.symbol(two))
                    i += 2
                } else if "<>+-*/().,[]".unicodeScalars.contains(c) {
                    tokens.append(.symbol(String(c)))
                    i += 1
                } else {
                    throw ExpressionError("unexpected character '\(c)'")
                }
            }
        }
        tokens.append(.end)
        return tokens
    }
}
