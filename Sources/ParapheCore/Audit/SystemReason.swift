/// The reasons Paraphe itself writes into the audit trail. The trail keeps them as written (English and stable:
/// API clients and exports read them); pages phrase them in the reader's language, and quote only what a person typed.
public enum SystemReason: Sendable, Equatable {
    case submittedForReview
    case noApprovalRequired
    case everyApprovalGiven
    case withdrawn(by: String)
    case crmRule(String)
    case updatedFromCRM(system: String, object: String, record: String)
    case imported(filename: String, signed: Bool)
    /// Terms (or clauses) moved after approval, or while approvers were deciding: approval starts over. `what` names
    /// the fields or clauses, as identifiers.
    case termsChanged(duringReview: Bool, what: [String])

    public var stored: String {
        switch self {
        case .submittedForReview: "submitted for review"
        case .noApprovalRequired: "no approval required by the policy"
        case .everyApprovalGiven: "every required approval given"
        case .withdrawn(let name): "withdrawn from review by \(name)"
        case .crmRule(let id): "CRM rule \(id)"
        case .updatedFromCRM(let system, let object, let record): "updated from \(system) \(object) \(record)"
        case .imported(let filename, let signed): "\(signed ? "imported signed document" : "imported document") \(filename)"
        case .termsChanged(let duringReview, let what):
            (duringReview ? "terms changed during review" : "terms changed after approval") + (what.isEmpty ? "" : ": " + what.joined(separator: ", "))
        }
    }

    /// The reason a stored text is, or nil for one a person wrote.
    public init?(stored: String) {
        func rest(_ prefix: String) -> String? { stored.hasPrefix(prefix) ? String(stored.dropFirst(prefix.count)) : nil }
        switch stored {
        case "submitted for review": self = .submittedForReview
        case "no approval required by the policy": self = .noApprovalRequired
        case "every required approval given": self = .everyApprovalGiven
        default:
            if let name = rest("withdrawn from review by ") { self = .withdrawn(by: name) }
            else if let id = rest("CRM rule ") { self = .crmRule(id) }
            else if let file = rest("imported signed document ") { self = .imported(filename: file, signed: true) }
            else if let file = rest("imported document ") { self = .imported(filename: file, signed: false) }
            else if let what = rest("terms changed during review") ?? rest("terms changed after approval") {
                let fields = what.hasPrefix(": ") ? what.dropFirst(2).components(separatedBy: ", ") : []
                guard what.isEmpty || !fields.isEmpty else { return nil }
                self = .termsChanged(duringReview: stored.hasPrefix("terms changed during review"), what: fields)
            }
            else if let words = rest("updated from ")?.split(separator: " ", maxSplits: 2).map(String.init), words.count == 3 {
                self = .updatedFromCRM(system: words[0], object: words[1], record: words[2])
            } else { return nil }
        }
    }

    public func phrase(_ language: Language) -> String {
        let text: Phrase = switch self {
        case .submittedForReview: Phrase("soumis pour validation", "submitted for review")
        case .noApprovalRequired: Phrase("aucune validation requise par les règles", "no approval required by the rules")
        case .everyApprovalGiven: Phrase("toutes les validations requises sont données", "every required approval given")
        case .withdrawn(let name): Phrase("retiré de la revue par \(name)", "withdrawn from review by \(name)")
        case .crmRule: Phrase("par une règle de l'intégration CRM", "by a CRM integration rule")
        case .updatedFromCRM(let system, let object, let record):
            Phrase("mis à jour depuis \(CRMSystem(rawValue: system)?.name ?? system) (\(object) \(record))",
                   "updated from \(CRMSystem(rawValue: system)?.name ?? system) (\(object) \(record))")
        case .imported(let file, let signed): signed ? Phrase("document signé importé : \(file)", "signed document imported: \(file)")
            : Phrase("document importé : \(file)", "document imported: \(file)")
        case .termsChanged(let duringReview, let what):
            switch (duringReview, !what.isEmpty && what.allSatisfy { $0.hasPrefix("clauses.") }) {
            case (true, true): Phrase("clauses modifiées pendant la revue", "clauses changed during review")
            case (true, false): Phrase("conditions modifiées pendant la revue", "terms changed during review")
            case (false, true): Phrase("clauses modifiées après approbation", "clauses changed after approval")
            case (false, false): Phrase("conditions modifiées après approbation", "terms changed after approval")
            }
        }
        return text(language)
    }
}
