import Foundation

/// One thing a rule found in a contract, kept as values: phrased in the reader's language only when shown, so the
/// evaluation writes no text and French readers get French.
public enum ApprovalCriterion: Hashable, Sendable, Codable {
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
        case .amountAbove(let amount, let threshold):
            return fr ? "montant \(Formatting.money(amount, .fr)) supérieur à \(Formatting.money(threshold, .fr))"
                : "amount \(amount.amountString) \(amount.currency) is above \(threshold.amountString) \(threshold.currency)"
        case .derogations(let list): return (fr ? "dérogation : " : "derogation: ") + list.joined(separator: ", ")
        case .noDerogation: return fr ? "aucune dérogation" : "no derogation"
        case .derogationCategories(let list): return (fr ? "dérogation de catégorie " : "derogation category ") + list.joined(separator: ", ")
        case .alternatives(let list): return (fr ? "variante " : "alternative ") + list.joined(separator: ", ")
        case .counterparty(let kind):
            guard fr else { return "counterparty is a \(kind.rawValue)" }
            return "cocontractant " + (kind == .customer ? "client" : kind == .supplier ? "fournisseur" : "partenaire")
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
