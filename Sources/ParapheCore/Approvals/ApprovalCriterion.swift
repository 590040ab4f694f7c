import Foundation

/// One thing a rule found in a contract, kept as values: phrased in the reader's language only when shown, so the
/// evaluation writes no text and French readers get French.
public enum ApprovalCriterion: Hashable, Sendable {
    case type(String)
    case amountAbove(amount: Money, threshold: Money)
    /// The derogations, as `key (variant)`.
    case derogations([String])
    case noDerogation
    case derogationCategories([String])
    case alternatives([String])
    case counterparty(CounterpartyKind)
    case duration(months: Int, limit: Int)
    /// The clauses whose text was negotiated.
    case customText([String])
    case noCustomText
    case personalData(Bool)
    /// A variable's value, for the test on it that held.
    case variable(name: String, value: JSONValue)
    case everyContract
    /// A clause alternative's own `requiresApprovalBy`.
    case clauseRequires(variant: String, clause: String, role: Role)

    public func phrase(_ language: Language) -> String {
        let fr = language == .fr
        switch self {
        case .type(let type): return fr ? "type \(type)" : "type is \(type)"
        case .amountAbove(let amount, let threshold) where amount.currency != threshold.currency:
            return fr ? "montant \(Formatting.money(amount, .fr)) : la règle n’a de seuil qu’en \(threshold.currency) (\(Formatting.money(threshold, .fr))), les montants ne sont pas convertis"
                : "amount \(amount.amountString) \(amount.currency): the rule's threshold is in \(threshold.currency) (\(threshold.amountString)) and amounts are not converted"
        case .amountAbove(let amount, let threshold):
            return fr ? "montant \(Formatting.money(amount, .fr)) supérieur à \(Formatting.money(threshold, .fr))"
                : "amount \(amount.amountString) \(amount.currency) is above \(threshold.amountString) \(threshold.currency)"
        case .derogations(let list): return (fr ? "dérogation : " : "derogation: ") + list.joined(separator: ", ")
        case .noDerogation: return fr ? "aucune dérogation" : "no derogation"
        case .derogationCategories(let list): return (fr ? "dérogation de catégorie " : "derogation category ") + list.joined(separator: ", ")
        case .alternatives(let list): return (fr ? "variante " : "alternative ") + list.joined(separator: ", ")
        case .counterparty(let kind):
            guard fr else { return "counterparty is a \(kind.rawValue)" }
            return "cocontractant " + Vocabulary.counterpartyKind(kind, .fr)
        case .duration(let months, let limit): return fr ? "durée de \(months) mois, plus de \(limit)" : "runs \(months) months, more than \(limit)"
        case .customText(let keys): return (fr ? "texte négocié : " : "negotiated text in ") + keys.joined(separator: ", ")
        case .noCustomText: return fr ? "aucun texte négocié" : "no negotiated text"
        case .personalData(let yes): return yes ? (fr ? "données personnelles traitées" : "personal data processed") : (fr ? "aucune donnée personnelle" : "no personal data")
        case .variable(let name, let value):
            return fr ? "variable \(name) : \(VariableCondition.display(value, .fr))" : "variable \(name) is \(VariableCondition.display(value, .en))"
        case .everyContract: return fr ? "tout contrat" : "every contract"
        case .clauseRequires(let variant, let clause, let role):
            return fr ? "\(variant) de la clause \(clause) demande la validation \(role.rawValue)" : "\(variant) of clause \(clause) requires \(role.rawValue)"
        }
    }
}

extension ApprovalCriterion {
    /// What a person reads on a page or in a mail: keys by their names, amounts in the language's format, roles by
    /// their labels. `phrase` stays the API's and the audit trail's wording.
    public func describe(_ language: Language, _ v: Vocabulary) -> String {
        let fr = language == .fr
        let colon = fr ? "\u{00A0}: " : ": "
        func list(_ items: [String]) -> String { items.joined(separator: ", ") }
        switch self {
        case .type(let type): return (fr ? "contrat de type « " : "contract type “") + v.contractType(type, language) + (fr ? " »" : "”")
        case .amountAbove(let amount, let threshold) where amount.currency == threshold.currency:
            return fr ? "montant \(Formatting.money(amount, .fr)) supérieur à \(Formatting.money(threshold, .fr))"
                : "amount \(Formatting.money(amount, .en)) is above \(Formatting.money(threshold, .en))"
        case .amountAbove(let amount, let threshold):
            return fr ? phrase(.fr)
                : "amount \(Formatting.money(amount, .en)): the rule's threshold is in \(threshold.currency) (\(Formatting.money(threshold, .en))) and amounts are not converted"
        case .derogations(let items): return (fr ? "dérogation" : "derogation") + colon + list(items.map { v.derogation($0, language) })
        case .derogationCategories(let items):
            return (fr ? "dérogation de catégorie " : "derogation category ") + list(items.map { Vocabulary.category($0, language) })
        case .alternatives(let items): return (fr ? "variante" : "alternative") + colon + list(items.map { v.alternative($0) })
        case .customText(let keys): return (fr ? "texte négocié" : "negotiated text") + colon + list(keys.map(v.clause))
        case .variable(let name, let value):
            return "\(v.variable(name))\(colon)\(VariableCondition.display(value, language))"
        case .clauseRequires(let variant, let clause, let role):
            return fr ? "la variante « \(v.alternative(variant, of: clause)) » de la clause « \(v.clause(clause)) » demande la validation de l'équipe \(Vocabulary.role(role, .fr))"
                : "the alternative “\(v.alternative(variant, of: clause))” of clause “\(v.clause(clause))” requires \(Vocabulary.role(role, .en)) approval"
        case .noDerogation, .counterparty, .duration, .noCustomText, .personalData, .everyContract: return phrase(language)
        }
    }
}

extension ApprovalReason {
    /// The rule's name, or for a step a clause asked for itself, the clause by its title.
    public func ruleName(_ language: Language, _ v: Vocabulary) -> String {
        guard ruleId == nil, rule.hasPrefix("clause ") else { return rule }
        return (language == .fr ? "clause « " : "clause “") + v.clause(String(rule.dropFirst(7))) + (language == .fr ? " »" : "”")
    }

    /// A clause that asked for the step itself is named by its criterion alone, which already names it.
    public func describe(_ language: Language, _ v: Vocabulary) -> String {
        let phrases = criteria.map { $0.describe(language, v) }.joined(separator: language == .fr ? "\u{00A0}; " : "; ")
        if ruleId == nil, criteria.allSatisfy({ $0.kind == .clauseRequires }) { return phrases.prefix(1).uppercased() + phrases.dropFirst() }
        return "\(ruleName(language, v))\(language == .fr ? "\u{00A0}: " : ": ")\(phrases)"
    }
}

/// The JSON shape of a criterion, documented in API.md: `{"kind": "derogations", "derogations": ["…"]}`,
/// `{"kind": "amountAbove", "amount": {…}, "threshold": {…}}`. A case with one value names its field after the kind;
/// a case with several names each. Swift's synthesized coding (`{"derogations": {"_0": […]}}`) leaked into the API
/// and was stored in `approvals.reasons` before this shape existed, so the decoder still reads it.
extension ApprovalCriterion: Codable {
    public enum Kind: String, CaseIterable, Sendable {
        case type, amountAbove, derogations, noDerogation, derogationCategories, alternatives, counterparty, duration, customText,
             noCustomText, personalData, variable, everyContract, clauseRequires
    }

    public var kind: Kind {
        switch self {
        case .type: .type
        case .amountAbove: .amountAbove
        case .derogations: .derogations
        case .noDerogation: .noDerogation
        case .derogationCategories: .derogationCategories
        case .alternatives: .alternatives
        case .counterparty: .counterparty
        case .duration: .duration
        case .customText: .customText
        case .noCustomText: .noCustomText
        case .personalData: .personalData
        case .variable: .variable
        case .everyContract: .everyContract
        case .clauseRequires: .clauseRequires
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind.rawValue, forKey: Key("kind"))
        let single = Key(kind.rawValue)
        switch self {
        case .type(let type): try c.encode(type, forKey: single)
        case .amountAbove(let amount, let threshold):
            try c.encode(amount, forKey: Key("amount"))
            try c.encode(threshold, forKey: Key("threshold"))
        case .derogations(let list), .derogationCategories(let list), .alternatives(let list), .customText(let list):
            try c.encode(list, forKey: single)
        case .counterparty(let kind): try c.encode(kind, forKey: single)
        case .duration(let months, let limit):
            try c.encode(months, forKey: Key("months"))
            try c.encode(limit, forKey: Key("limit"))
        case .personalData(let yes): try c.encode(yes, forKey: single)
        case .variable(let name, let value):
            try c.encode(name, forKey: Key("name"))
            try c.encode(value, forKey: Key("value"))
        case .clauseRequires(let variant, let clause, let role):
            try c.encode(variant, forKey: Key("variant"))
            try c.encode(clause, forKey: Key("clause"))
            try c.encode(role, forKey: Key("role"))
        case .noDerogation, .noCustomText, .everyContract: break
        }
    }

    public init(from decoder: any Decoder) throws {
        let top = try decoder.container(keyedBy: Key.self)
        let kind: Kind
        let fields: KeyedDecodingContainer<Key>
        let single: Key
        if let name = try top.decodeIfPresent(String.self, forKey: Key("kind")) {
            guard let known = Kind(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: Key("kind"), in: top, debugDescription: "unknown criterion kind '\(name)'")
            }
            (kind, fields, single) = (known, top, Key(name))
        } else if let legacy = top.allKeys.first, let known = Kind(rawValue: legacy.stringValue) {
            (kind, fields, single) = (known, try top.nestedContainer(keyedBy: Key.self, forKey: legacy), Key("_0"))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a criterion needs a kind"))
        }
        switch kind {
        case .type: self = .type(try fields.decode(String.self, forKey: single))
        case .amountAbove:
            self = .amountAbove(amount: try fields.decode(Money.self, forKey: Key("amount")), threshold: try fields.decode(Money.self, forKey: Key("threshold")))
        case .derogations: self = .derogations(try fields.decode([String].self, forKey: single))
        case .noDerogation: self = .noDerogation
        case .derogationCategories: self = .derogationCategories(try fields.decode([String].self, forKey: single))
        case .alternatives: self = .alternatives(try fields.decode([String].self, forKey: single))
        case .counterparty: self = .counterparty(try fields.decode(CounterpartyKind.self, forKey: single))
        case .duration: self = .duration(months: try fields.decode(Int.self, forKey: Key("months")), limit: try fields.decode(Int.self, forKey: Key("limit")))
        case .customText: self = .customText(try fields.decode([String].self, forKey: single))
        case .noCustomText: self = .noCustomText
        case .personalData: self = .personalData(try fields.decode(Bool.self, forKey: single))
        case .variable: self = .variable(name: try fields.decode(String.self, forKey: Key("name")), value: try fields.decode(JSONValue.self, forKey: Key("value")))
        case .everyContract: self = .everyContract
        case .clauseRequires:
            self = .clauseRequires(variant: try fields.decode(String.self, forKey: Key("variant")), clause: try fields.decode(String.self, forKey: Key("clause")),
                                   role: try fields.decode(Role.self, forKey: Key("role")))
        }
    }
}
