import Foundation
import ParapheCore
import ParapheStore

/// Counterparties and contract types: anyone who writes contracts records counterparties; admins add types.
public struct CounterpartyWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// A counterparty as a client sends it; on a change, nil leaves the field as it is.
    public struct Input: Decodable, Sendable {
        public var name: String?
        public var kind: String?
        public var registrationNumber: String?
        public var address: String?
        public var crmRefs: [String: String]?
        /// Replaces the contact; on a change, `removeContact` clears it.
        public var contact: Counterparty.Contact?
        public var removeContact: Bool?
    }

    public struct ContractTypeInput: Decodable, Sendable {
        public var key: String
        public var labelFr: String
        public var labelEn: String?
    }

    static func kind(_ text: String) throws -> CounterpartyKind {
        guard let kind = CounterpartyKind(rawValue: text) else {
            throw ValidationFailure([FieldError("kind", "must be one of \(CounterpartyKind.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return kind
    }

    /// Counterparties by name, optionally matching `q`; anyone signed in reads them, since contracts name them.
    public func counterparties(matching q: String?, after: (String, String)?, limit: Int) async throws -> [Counterparty] {
        try await services.database.read { try await $0.counterparties(q: q, after: after, limit: limit) }
    }

    public func counterparty(_ id: Counterparty.ID) async throws -> Counterparty {
        guard let c = try await services.database.read({ try await $0.counterparty(id) }) else { throw DomainError.notFound("no counterparty with this id") }
        return c
    }

    public func contractTypes() async throws -> [ContractTypeRecord] {
        try await services.database.read { try await $0.contractTypes() }
    }

    public func create(_ input: Input, by caller: Caller) async throws -> Counterparty {
        guard caller.user?.canWriteContracts ?? true else { throw DomainError.forbidden("a viewer cannot create counterparties") }
        let kind = try Self.kind(input.kind ?? "customer")
        let errors = Counterparty.validate(name: input.name, registrationNumber: input.registrationNumber, address: input.address, crmRefs: input.crmRefs)
            + (input.contact?.errors ?? [])
        guard errors.isEmpty, let name = input.name else { throw ValidationFailure(errors) }
        let now = services.clock()
        let counterparty = Counterparty(name: name.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind, registrationNumber: input.registrationNumber,
                                        address: input.address, crmRefs: input.crmRefs ?? [:], contact: input.contact, createdAt: now, updatedAt: now)
        try await services.database.transaction { try await $0.insertCounterparty(counterparty) }
        return counterparty
    }

    /// Applies a change; a rename reaches the search entries of the counterparty's contracts in the same transaction.
    public func update(_ id: Counterparty.ID, _ input: Input, by caller: Caller) async throws -> Counterparty {
        guard caller.user?.canWriteContracts ?? true else { throw DomainError.forbidden("a viewer cannot edit counterparties") }
        let kind = try input.kind.map(Self.kind)
        let now = services.clock()
        return try await services.database.transaction { s -> Counterparty in
            guard var c = try await s.counterparty(id) else { throw DomainError.notFound("no counterparty with this id") }
            if let name = input.name { c.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let kind { c.kind = kind }
            if let r = input.registrationNumber { c.registrationNumber = r }
            if let a = input.address { c.address = a }
            if let refs = input.crmRefs { c.crmRefs = refs }
            if let contact = input.contact { c.contact = contact }
            if input.removeContact == true { c.contact = nil }
            let errors = Counterparty.validate(name: c.name, registrationNumber: c.registrationNumber, address: c.address, crmRefs: c.crmRefs)
                + (c.contact?.errors ?? [])
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            c.updatedAt = now
            try await s.updateCounterparty(c)
            if input.name != nil {
                for contract in try await s.contracts(ofCounterparty: id) { try await s.reindex(contract) }
            }
            return c
        }
    }

    public func addContractType(_ input: ContractTypeInput, by caller: Caller) async throws -> ContractTypeRecord {
        guard caller.holds(.admin) else { throw DomainError.forbidden("only an admin adds contract types") }
        var errors: [FieldError] = []
        if !BuiltInContractType.isValidKey(input.key) {
            errors.append(FieldError("key", "must be 1–40 lowercase letters, digits or _, starting with a letter"))
        }
        errors += TextRules.requiredLine(input.labelFr, field: "labelFr", max: 120)
        errors += TextRules.optionalText(input.labelEn, field: "labelEn", max: 120)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let record = ContractTypeRecord(key: input.key, labelFr: input.labelFr, labelEn: input.labelEn ?? input.labelFr, builtIn: false)
        let now = services.clock()
        try await services.database.transaction { s in
            try await s.insertContractType(record, now: now)
            try await s.appendAdminEvent(.contractTypeAdded(key: record.key), actor: caller.actor, at: now)
        }
        return record
    }
}
