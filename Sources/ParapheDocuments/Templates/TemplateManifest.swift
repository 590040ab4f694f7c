import Foundation
import ParapheCore

/// A template as legal writes it (YAML or JSON): the variables a contract asks for, values computed from them,
/// the parties, the clause tree with its conditions and choices, and how the variables fill the contract's terms.
public struct TemplateManifest: Hashable, Sendable {
    /// The document title; may hold placeholders (`Accord de confidentialité — {{client.name}}`).
    public var title: TextTemplate
    public var variables: [VariableSpec]
    public var computed: [ComputedValue]
    public var parties: [PartyReference]
    public var preamble: TextTemplate?
    public var clauses: [ClauseNode]
    public var terms: TermsMapping
    public var closing: TextTemplate?
    public var annexes: [AnnexTemplate]

    public func variable(_ name: String) -> VariableSpec? {
        variables.first { $0.name == name }
    }

    /// The library clauses the template uses, to load before validating or generating.
    public var libraryKeys: Set<String> { Set(allNodes.compactMap(\.clause)) }

    /// Every node, depth first.
    public var allNodes: [ClauseNode] {
        clauses.flatMap(\.flattened)
    }
}

public struct ComputedValue: Hashable, Sendable {
    public var name: String
    public var expression: Expression
    public var line: Int
}

/// A party variable shown in the preamble and on the signature page, with the name the contract gives it.
public struct PartyReference: Hashable, Sendable {
    public var variable: String
    public var role: String
    public var line: Int
}

/// An article or sub-article of the template.
public struct ClauseNode: Hashable, Sendable {
    /// Stable across versions: cross-references and the API's `clauses` map use it.
    public var id: String
    public var title: String?
    /// The library clause whose text (standard or an alternative) fills the article.
    public var clause: String?
    /// Text written in the template itself, for articles without a library clause.
    public var body: TextTemplate?
    /// The user may leave the article out.
    public var optional: Bool
    /// For an optional article: whether the form starts with it included.
    public var includedByDefault: Bool
    /// Included only when this holds.
    public var when: Expression?
    /// Which of the library clause's alternatives this template allows; nil allows them all.
    public var allowedAlternatives: [String]?
    /// Whether the user may replace the text by hand (a derogation legal approves).
    public var allowCustom: Bool
    public var children: [ClauseNode]
    public var line: Int

    /// The key the API's `clauses` map uses for this node: the library clause key, or the node id.
    public var choiceKey: String { clause ?? id }

    /// Whether the user has a say on this node: toggle, alternative or custom text.
    public var isChoosable: Bool { optional || clause != nil }

    public var flattened: [ClauseNode] {
        [self] + children.flatMap(\.flattened)
    }
}

public struct TermsMapping: Hashable, Sendable {
    public var amount: Expression?
    public var startDate: Expression?
    public var endDate: Expression?
    public var renewalMode: RenewalMode?
    public var renewalPeriod: Expression?
    public var renewalNotice: Expression?

    public init(amount: Expression? = nil, startDate: Expression? = nil, endDate: Expression? = nil, renewalMode: RenewalMode? = nil,
                renewalPeriod: Expression? = nil, renewalNotice: Expression? = nil) {
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.renewalMode = renewalMode
        self.renewalPeriod = renewalPeriod
        self.renewalNotice = renewalNotice
    }

    var expressions: [(String, Expression)] {
        [("terms.amount", amount), ("terms.startDate", startDate), ("terms.endDate", endDate),
         ("terms.renewal.period", renewalPeriod), ("terms.renewal.notice", renewalNotice)].compactMap { name, e in e.map { (name, $0) } }
    }
}

public struct AnnexTemplate: Hashable, Sendable {
    public var title: String
    public var body: TextTemplate
    public var when: Expression?
}

/// A manifest problem, pointing at the line and the field: `line 42, clauses[3].when: unknown variable 'prix'`.
public struct ManifestIssue: Error, Hashable, Sendable, Codable {
    public var line: Int?
    public var field: String
    public var message: String

    public init(line: Int?, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var fieldError: FieldError { FieldError(field, message, line: line) }
}

public struct ManifestRejected: Error, Sendable {
    public var issues: [ManifestIssue]
}
