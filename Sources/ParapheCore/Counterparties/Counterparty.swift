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
    /// Who signs for them by default.
    public var contact: Contact?
    public var createdAt: Date
    public var updatedAt: Date

    public struct Contact: Hashable, Sendable, Codable {
        public var name: String
        public var email: String
        public var title: String?

        public init(name: String, email: String, title: String? = nil) {
            self.name = name
            self.email = email
            self.title = title
        }

        public var errors: [FieldError] {
            var errors = TextRules.requiredLine(name, field: "contact.name", max: 200)
            if !SignatureInput.isEmail(email) { errors.append(FieldError("contact.email", "not an email address: '\(email.prefix(80))'")) }
            errors += TextRules.optionalText(title, field: "contact.title", max: 200)
            return errors
        }
    }

    public init(id: ID = ID(), name: String, kind: CounterpartyKind, registrationNumber: String? = nil, address: String? = nil,
                crmRefs: [String: String] = [:], contact: Contact? = nil, createdAt: Date, updatedAt: Date) {
        self.contact = contact
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
