import Foundation
import ParapheCore

public enum VariableType: String, Hashable, Sendable, CaseIterable, Codable {
    case text, number, money, percent, date, duration, boolean, `enum`, party, list

    /// The fields a value of this type exposes to `a.b` paths.
    var members: Set<String> {
        switch self {
        case .party: ["name", "legalForm", "registrationNumber", "address", "representative"]
        case .money: ["amount", "currency"]
        case .list: ["count"]
        default: []
        }
    }
}

/// One variable a template asks for, with what the form shows and what the value must satisfy.
public struct VariableSpec: Hashable, Sendable {
    public var name: String
    public var type: VariableType
    public var label: String
    public var help: String?
    public var required: Bool
    public var defaultValue: TemplateValue?
    /// `enum` choices.
    public var options: [String]
    /// A `list`'s item type (not itself a list).
    public var itemType: VariableType?
    /// Numbers, money amounts, percents, text lengths and list sizes; dates as `YYYY-MM-DD`.
    public var min: Decimal?
    public var max: Decimal?
    public var pattern: String?
    /// A party variable filled from the contract's counterparty when the request leaves it out.
    public var fromCounterparty: Bool
    /// The line in the manifest, for errors found after parsing.
    public var line: Int

    public init(name: String, type: VariableType, label: String, help: String? = nil, required: Bool = false,
                defaultValue: TemplateValue? = nil, options: [String] = [], itemType: VariableType? = nil, min: Decimal? = nil,
                max: Decimal? = nil, pattern: String? = nil, fromCounterparty: Bool = false, line: Int = 0) {
        self.name = name
        self.type = type
        self.label = label
        self.help = help
        self.required = required
        self.defaultValue = defaultValue
        self.options = options
        self.itemType = itemType
        self.min = min
        self.max = max
        self.pattern = pattern
        self.fromCounterparty = fromCounterparty
        self.line = line
    }
}

extension VariableType {
    /// What a list may hold: one value per line in the wizard.
    public static let listItems: Set<VariableType> = [.text, .number, .percent, .date, .duration, .enum]
}

/// Patterns are checked against what users type, with no time limit in the regex engine: a pattern that can
/// backtrack exponentially (`(a+)*`, `(a|a)*`) would let one request hold a thread for minutes. Such shapes are
/// refused when legal writes them.
enum PatternSafety {
    static func problem(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var groups: [(quantified: Bool, alternation: Bool)] = []
        var index = 0
        while index < chars.count {
            let c = chars[index]
            switch c {
            case "\\":
                if index + 1 < chars.count, chars[index + 1].isNumber { return "must not use back-references" }
                index += 1
            case "[":
                // Skip a character class: its brackets and quantifier characters are literal.
                index += 1
                while index < chars.count, chars[index] != "]" { index += chars[index] == "\\" ? 2 : 1 }
            case "(":
                groups.append((false, false))
            case "|":
                if !groups.isEmpty { groups[groups.count - 1].alternation = true }
            case "*", "+", "{":
                if !groups.isEmpty { groups[groups.count - 1].quantified = true }
            case ")":
                let inner = groups.popLast() ?? (false, false)
                let next = index + 1 < chars.count ? chars[index + 1] : " "
                if "*+{".contains(next), inner.quantified || inner.alternation {
                    return "must not repeat a group that itself repeats or has alternatives, such as (a+)* (it can take minutes to check)"
                }
                if inner.quantified, !groups.isEmpty { groups[groups.count - 1].quantified = true }
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
