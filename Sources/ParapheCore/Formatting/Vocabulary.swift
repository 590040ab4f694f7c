import Foundation

/// A text in both languages.
public struct Phrase: Hashable, Sendable {
    public var fr: String
    public var en: String

    public init(_ fr: String, _ en: String) {
        self.fr = fr
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .fr ? fr : en }
}

/// The names people read for the keys Paraphe stores: clauses and their alternatives, contract types, derogation
/// categories, template variables, roles. Stored values stay keys; pages, mails and reasons phrase them through this
/// when shown. A key nobody named reads as itself, so nothing is hidden.
public struct Vocabulary: Sendable {
    /// Clause key → title.
    public var clauses: [String: String]
    /// "clause/alternative" → title.
    public var alternatives: [String: String]
    public var contractTypes: [String: Phrase]
    /// Template variable name → label.
    public var variables: [String: String]

    public init(clauses: [String: String] = [:], alternatives: [String: String] = [:], contractTypes: [String: Phrase] = [:],
                variables: [String: String] = [:]) {
        self.clauses = clauses
        self.alternatives = alternatives
        self.contractTypes = contractTypes
        self.variables = variables
    }

    public static let empty = Vocabulary()

    public func clause(_ key: String) -> String { clauses[key] ?? key }

    /// An alternative by its title; without its clause, the first alternative of that key.
    public func alternative(_ key: String, of clause: String? = nil) -> String {
        if let clause, let title = alternatives["\(clause)/\(key)"] { return title }
        return alternatives.first { $0.key.hasSuffix("/\(key)") }?.value ?? key
    }

    public func contractType(_ key: String, _ language: Language) -> String { contractTypes[key]?(language) ?? key }

    public func variable(_ name: String) -> String { variables[name] ?? name }

    /// A derogation as stored in reasons ("paymentTerms:payment60Days", or "paymentTerms (payment60Days)"): « clause :
    /// alternative » by their titles.
    public func derogation(_ stored: String, _ language: Language) -> String {
        let parts: [String]
        if let open = stored.firstIndex(of: "("), stored.hasSuffix(")") {
            parts = [String(stored[..<open]).trimmingCharacters(in: .whitespaces), String(stored[stored.index(after: open)..<stored.index(before: stored.endIndex)])]
        } else {
            parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
        }
        guard parts.count == 2 else { return clause(stored) }
        let variant = parts[1] == "custom" ? Phrase("rédaction négociée", "negotiated text")(language) : alternative(parts[1], of: parts[0])
        return "\(clause(parts[0]))\(language == .fr ? "\u{00A0}: " : ": ")\(variant)"
    }

    public static func role(_ role: Role, _ language: Language) -> String {
        let phrase: Phrase = switch role {
        case .admin: Phrase("administration", "admin")
        case .legal: Phrase("juridique", "legal")
        case .sales: Phrase("ventes", "sales")
        case .finance: Phrase("finance", "finance")
        case .viewer: Phrase("lecture", "viewer")
        }
        return phrase(language)
    }

    public static func status(_ status: ContractStatus, _ language: Language) -> String {
        let phrase: Phrase = switch status {
        case .draft: Phrase("Brouillon", "Draft")
        case .inReview: Phrase("En revue", "In review")
        case .approved: Phrase("Approuvé", "Approved")
        case .negotiating: Phrase("En négociation", "Negotiating")
        case .signing: Phrase("En signature", "Signing")
        case .signed: Phrase("Signé", "Signed")
        case .active: Phrase("En vigueur", "Active")
        case .renewed: Phrase("Reconduit", "Renewed")
        case .expired: Phrase("Expiré", "Expired")
        case .terminated: Phrase("Résilié", "Terminated")
        case .cancelled: Phrase("Annulé", "Cancelled")
        }
        return phrase(language)
    }

    public static func obligationStatus(_ status: ObligationStatus, _ language: Language) -> String {
        let phrase: Phrase = switch status {
        case .open: Phrase("À tenir", "Open")
        case .met: Phrase("Respecté", "Met")
        case .breached: Phrase("Non respecté", "Breached")
        case .waived: Phrase("Levé", "Waived")
        case .superseded: Phrase("Remplacé", "Superseded")
        }
        return phrase(language)
    }

    /// Who owes a commitment, as a column of the register reads.
    public static func owedBy(_ party: ObligationParty, _ language: Language) -> String {
        let phrase: Phrase = switch party {
        case .us: Phrase("Nous", "Us")
        case .them: Phrase("Le cocontractant", "The counterparty")
        }
        return phrase(language)
    }

    public static func counterpartyKind(_ kind: CounterpartyKind, _ language: Language) -> String {
        let phrase: Phrase = switch kind {
        case .customer: Phrase("client", "customer")
        case .supplier: Phrase("fournisseur", "supplier")
        case .partner: Phrase("partenaire", "partner")
        }
        return phrase(language)
    }

    /// Derogation categories are free text in the library; the usual English ones read in French on French pages.
    public static func category(_ key: String, _ language: Language) -> String {
        guard language == .fr else { return key }
        let french = ["confidentiality": "confidentialité", "payment": "paiement", "liability": "responsabilité", "ip": "propriété intellectuelle",
                      "publicity": "communication", "hr": "ressources humaines", "jurisdiction": "juridiction", "disputes": "litiges",
                      "termination": "résiliation", "data": "données personnelles", "personal data": "données personnelles"]
        return french[key.lowercased()] ?? key
    }
}
