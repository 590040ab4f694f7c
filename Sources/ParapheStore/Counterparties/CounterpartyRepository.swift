import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func insertCounterparty(_ c: Counterparty) async throws {
        try await run("""
            INSERT INTO counterparties (id, name, kind, registration_number, address, crm_refs, created_at, updated_at,
                                        contact_name, contact_email, contact_title)
            VALUES (\(bind: c.id.description), \(bind: c.name), \(bind: c.kind.rawValue), \(bind: c.registrationNumber), \(bind: c.address),
                    \(bind: try jsonText(c.crmRefs)), \(bind: Timestamp.format(c.createdAt)), \(bind: Timestamp.format(c.updatedAt)),
                    \(bind: c.contact?.name), \(bind: c.contact?.email), \(bind: c.contact?.title))
            """)
    }

    /// Contracts naming this counterparty, for reindexing them after a rename.
    public func contracts(ofCounterparty id: Counterparty.ID) async throws -> [Contract] {
        try await all("SELECT * FROM contracts WHERE counterparty_id = \(bind: id.description)").map(Self.decodeContract)
    }

    public func updateCounterparty(_ c: Counterparty) async throws {
        try await run("""
            UPDATE counterparties SET name = \(bind: c.name), kind = \(bind: c.kind.rawValue), registration_number = \(bind: c.registrationNumber),
              address = \(bind: c.address), crm_refs = \(bind: try jsonText(c.crmRefs)), updated_at = \(bind: Timestamp.format(c.updatedAt)),
              contact_name = \(bind: c.contact?.name), contact_email = \(bind: c.contact?.email), contact_title = \(bind: c.contact?.title)
            WHERE id = \(bind: c.id.description)
            """)
    }

    public func counterparty(_ id: Counterparty.ID) async throws -> Counterparty? {
        try await first("SELECT * FROM counterparties WHERE id = \(bind: id.description)").map(Self.decodeCounterparty)
    }

    /// Ordered by name then id; `after` is the last (name, id) seen.
    public func counterparties(q: String?, after: (String, String)?, limit: Int) async throws -> [Counterparty] {
        var query: SQLQueryString = "SELECT * FROM counterparties WHERE 1 = 1"
        if let q, !q.isEmpty {
            // Typed text is matched literally: % and _ are escaped, not wildcards.
            let literal = q.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            query += " AND LOWER(name) LIKE \(bind: "%" + literal + "%") ESCAPE '\\'"
        }
        if let (name, id) = after {
            query += " AND (name > \(bind: name) OR (name = \(bind: name) AND id > \(bind: id)))"
        }
        query += " ORDER BY name, id LIMIT \(bind: limit)"
        return try await all(query).map(Self.decodeCounterparty)
    }

    static func decodeCounterparty(_ row: any SQLRow) throws -> Counterparty {
        Counterparty(id: try row.id("id"), name: try row.string("name"), kind: CounterpartyKind(rawValue: try row.string("kind")) ?? .customer,
                     registrationNumber: try row.optionalString("registration_number"), address: try row.optionalString("address"),
                     crmRefs: try row.json("crm_refs", as: [String: String].self),
                     contact: try row.optionalString("contact_email").map {
                         Counterparty.Contact(name: try row.optionalString("contact_name") ?? "", email: $0, title: try row.optionalString("contact_title"))
                     },
                     createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

public struct ContractTypeRecord: Sendable, Hashable, Codable {
    public var key: String
    public var labelFr: String
    public var labelEn: String
    public var builtIn: Bool

    public init(key: String, labelFr: String, labelEn: String, builtIn: Bool) {
        self.key = key
        self.labelFr = labelFr
        self.labelEn = labelEn
        self.builtIn = builtIn
    }
}

extension Session {
    public func contractTypes() async throws -> [ContractTypeRecord] {
        try await all("SELECT * FROM contract_types ORDER BY built_in DESC, key").map { row in
            ContractTypeRecord(key: try row.string("key"), labelFr: try row.string("label_fr"), labelEn: try row.string("label_en"),
                               builtIn: try row.bool("built_in"))
        }
    }

    public func contractTypeExists(_ key: String) async throws -> Bool {
        try await first("SELECT key FROM contract_types WHERE key = \(bind: key)") != nil
    }

    public func insertContractType(_ type: ContractTypeRecord, now: Date) async throws {
        if try await first("SELECT key FROM contract_types WHERE key = \(bind: type.key)") != nil {
            throw StoreError.conflict("contract type \(type.key) already exists")
        }
        try await run("""
            INSERT INTO contract_types (key, label_fr, label_en, built_in, created_at)
            VALUES (\(bind: type.key), \(bind: type.labelFr), \(bind: type.labelEn), 0, \(bind: Timestamp.format(now)))
            """)
    }
}
