import ParapheCore

/// The one document tree that templates (and later imports) produce and that the HTML, DOCX and PDF renderers consume.
/// Numbers and cross-references are already resolved: renderers only lay out.
public struct DocumentModel: Hashable, Sendable {
    public var language: Language
    public var title: String
    /// A line under the title, such as the contract reference.
    public var subtitle: String?
    /// "Entre les soussignés" — who signs, in order.
    public var parties: [Party]
    /// Paragraphs between the parties and the first article ("Il a été convenu ce qui suit").
    public var preamble: [Block]
    public var articles: [Article]
    public var signature: SignaturePage?
    public var annexes: [Annex]

    public init(language: Language, title: String, subtitle: String? = nil, parties: [Party] = [], preamble: [Block] = [],
                articles: [Article] = [], signature: SignaturePage? = nil, annexes: [Annex] = []) {
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.parties = parties
        self.preamble = preamble
        self.articles = articles
        self.signature = signature
        self.annexes = annexes
    }

    /// The party names repeated in every page footer: "Acme SAS / Globex SA".
    public var footerText: String {
        parties.map(\.name).joined(separator: " / ")
    }
}

/// A party to the contract as the preamble and the signature page name it.
public struct Party: Hashable, Sendable, Codable {
    public var name: String
    public var legalForm: String?
    public var registrationNumber: String?
    public var address: String?
    public var representative: String?
    /// How the contract calls this party afterwards: "le Prestataire", "the Client".
    public var role: String?

    public init(name: String, legalForm: String? = nil, registrationNumber: String? = nil, address: String? = nil,
                representative: String? = nil, role: String? = nil) {
        self.name = name
        self.legalForm = legalForm
        self.registrationNumber = registrationNumber
        self.address = address
        self.representative = representative
        self.role = role
    }
}

/// A numbered article (level 1) or sub-article (level 2 and below). `number` is final: "7" or "7.2".
public struct Article: Hashable, Sendable {
    /// The template node id, stable across versions; cross-references point at it.
    public var id: String
    public var number: String
    public var level: Int
    public var title: String
    /// The library clause this article instantiates, which the DOCX content control is tagged with.
    public var clauseKey: String?
    public var blocks: [Block]
    public var children: [Article]

    public init(id: String, number: String, level: Int, title: String, clauseKey: String? = nil, blocks: [Block] = [],
                children: [Article] = []) {
        self.id = id
        self.number = number
        self.level = level
        self.title = title
        self.clauseKey = clauseKey
        self.blocks = blocks
        self.children = children
    }

    /// This article and every sub-article, depth first.
    public var flattened: [Article] {
        [self] + children.flatMap(\.flattened)
    }
}

public enum Block: Hashable, Sendable {
    case paragraph([Run])
    case list(ordered: Bool, items: [[Run]])
    /// Rows of cells; the first row is a header when `header` is set.
    case table(header: Bool, rows: [[[Run]]])
}

/// A stretch of text in one style. A defined term is a bold run; a resolved cross-reference is plain text.
public struct Run: Hashable, Sendable {
    public var text: String
    public var bold: Bool
    public var italic: Bool

    public init(_ text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }
}

public struct SignaturePage: Hashable, Sendable {
    /// "Fait à Paris, le 1er mars 2026, en deux exemplaires originaux."
    public var closing: String
    public var signatories: [Signatory]

    public init(closing: String, signatories: [Signatory]) {
        self.closing = closing
        self.signatories = signatories
    }
}

public struct Signatory: Hashable, Sendable {
    public var party: String
    public var name: String?
    public var capacity: String?
    /// The signature itself, once given; the PDF draws it in the space left for it.
    public var mark: SignatureMark?
    /// A line under it: "Signé électroniquement le 5 décembre 2026 à 14:03 (UTC)".
    public var signedOn: String?

    public init(party: String, name: String? = nil, capacity: String? = nil, mark: SignatureMark? = nil, signedOn: String? = nil) {
        self.party = party
        self.name = name
        self.capacity = capacity
        self.mark = mark
        self.signedOn = signedOn
    }
}

/// A signature as the signer gave it: drawn with a pen (strokes of points, y pointing down as screens record them)
/// or typed.
public enum SignatureMark: Hashable, Sendable {
    case drawn(strokes: [[SignaturePoint]])
    case typed(String)
}

public struct SignaturePoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Annex: Hashable, Sendable {
    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }
}

extension Array where Element == Run {
    public var plainText: String { map(\.text).joined() }
}
