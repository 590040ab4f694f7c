import Foundation

public enum CounterpartyKind: String, Codable, Sendable, CaseIterable {
    case customer, supplier, partner
}

public struct Counterparty: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Counterparty>
    public var id: ID
    public var name: String
    public var kind: CounterpartyKind
    public var registrationNumber: String?
    public var address: String?
    /// CRM record ids by system, e.g. `["salesforce": "001..."]`.
    public var crmRefs: [String: String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID = ID(), name: String, kind: CounterpartyKind, registrationNumber: String? = nil, address: String? = nil,
                crmRefs: [String: String] = [:], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.kind = kind
        self.registrationNumber = registrationNumber
        self.address = address
        self.crmRefs = crmRefs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static func validate(name: String?, registrationNumber: String?, address: String?, crmRefs: [String: String]?) -> [FieldError] {
        var errors = TextRules.requiredLine(name, field: "name", max: 300)
        errors += TextRules.optionalText(registrationNumber, field: "registrationNumber", max: 64)
        errors += TextRules.optionalText(address, field: "address", max: 1000)
        for (system, id) in crmRefs ?? [:] {
            if system.isEmpty || system.count > 40 || id.count > 120 {
                errors.append(FieldError("crmRefs.\(system)", "must map a CRM name (≤ 40 characters) to a record id (≤ 120 characters)"))
            }
        }
        return errors
    }
}
