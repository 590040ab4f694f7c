import Foundation
import ParapheCore

/// The small language of `when:` conditions, computed values and `{{ … }}` placeholders:
/// `price > 10000 and not publicReference`, `endDate(startDate, duration)`, `client.name`.
public indirect enum Expression: Hashable, Sendable {
    case literal(TemplateValue)
    /// A variable, possibly reaching into it: `client.name` is `["client", "name"]`.
    case path([String])
    case not(Expression)
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression])
    case list([Expression])

    public enum BinaryOperator: String, Hashable, Sendable {
        case and, or, equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case `in`, plus = "+", minus = "-", times = "*", divide = "/"
    }

    /// The variables the expression reads, by root name.
    public var variables: Set<String> {
        switch self {
        case .literal: []
        case .path(let p): [p[0]]
        case .not(let e), .negate(let e): e.variables
        case .binary(_, let l, let r): l.variables.union(r.variables)
        case .call(_, let args), .list(let args): args.reduce(into: Set<String>()) { $0.formUnion($1.variables) }
        }
    }

    /// Every `a.b` path, so a checker can tell whether `b` exists on `a`'s type.
    var paths: [[String]] {
        switch self {
        case .literal: []
        case .path(let p): [p]
        case .not(let e), .negate(let e): e.paths
        case .binary(_, let l, let r): l.paths + r.paths
        case .call(_, let args), .list(let args): args.flatMap(\.paths)
        }
    }

    var calls: [(String, Int)] {
        switch self {
        case .literal, .path: []
        case .not(let e), .negate(let e): e.calls
        case .binary(_, let l, let r): l.calls + r.calls
        case .call(let name, let args): [(name, args.count)] + args.flatMap(\.calls)
        case .list(let args): args.flatMap(\.calls)
        }
    }
}

public struct ExpressionError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
