import Foundation

public struct Contract: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Contract>
    public var id: ID
    public var reference: ContractReference
    public var title: String
    public var type: String
    public var counterpartyId: Counterparty.ID?
    public var ownerId: User.ID
    public var status: ContractStatus
    public var amount: Money?
    public var startDate: Day?
    public var endDate: Day?
    public var signedAt: Date?
    public var renewal: RenewalTerms
    public var metadata: [String: JSONValue]
    /// Where the contract came from: `manual`, `import` (a signed legacy PDF) or, later, a template.
    public var origin: ContractOrigin
    public var priority: Int
    /// The CRM record the contract was made from, which Paraphe keeps up to date.
    public var crm: CRMLink?
    /// The decision taken on the renewal of the term in force, if any.
    public var renewalDecision: RenewalDecision?
    /// The last day of the latest term a tacit renewal was recorded for; nil until the first.
    public var rolledTermEnd: Day?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID = ID(), reference: ContractReference, title: String, type: String, counterpartyId: Counterparty.ID?,
                ownerId: User.ID, status: ContractStatus = .draft, amount: Money? = nil, startDate: Day? = nil,
                endDate: Day? = nil, signedAt: Date? = nil, renewal: RenewalTerms = .none, metadata: [String: JSONValue] = [:],
                origin: ContractOrigin = .manual, priority: Int = 0, crm: CRMLink? = nil, renewalDecision: RenewalDecision? = nil,
                rolledTermEnd: Day? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.reference = reference
        self.title = title
        self.type = type
        self.counterpartyId = counterpartyId
        self.ownerId = ownerId
        self.status = status
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.signedAt = signedAt
        self.renewal = renewal
        self.metadata = metadata
        self.origin = origin
        self.priority = priority
        self.crm = crm
        self.renewalDecision = renewalDecision
        self.rolledTermEnd = rolledTermEnd
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public enum ContractOrigin: String, Codable, Sendable, CaseIterable {
    case manual, `import`, template
}

/// The built-in contract types; admins may add more.
public enum BuiltInContractType {
    public static let all: [(key: String, fr: String, en: String)] = [
        ("nda", "Accord de confidentialité", "Non-disclosure agreement"),
        ("msa", "Contrat-cadre de services", "Master services agreement"),
        ("order_form", "Bon de commande", "Order form"),
        ("dpa", "Accord de traitement des données", "Data processing agreement"),
        ("supplier", "Contrat fournisseur", "Supplier agreement"),
    ]

    public static func isValidKey(_ key: String) -> Bool {
        (1...40).contains(key.count) && key.first!.isLetter
            && key.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
    }
}
