import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// `credentials` is already sealed by the caller: the store never sees them in clear.
    public func insertIntegration(_ i: Integration, sealedCredentials: String, state: IntegrationState) async throws {
        try await run("""
            INSERT INTO integrations (id, name, system, base_url, allow_private, field_map, rules, credentials, state, active, created_at, updated_at)
            VALUES (\(bind: i.id.description), \(bind: i.name), \(bind: i.system.rawValue), \(bind: i.baseUrl), \(bind: i.allowPrivateNetwork ? 1 : 0),
                    \(bind: try jsonText(i.fieldMap)), \(bind: try jsonText(i.rules)), \(bind: sealedCredentials), \(bind: try jsonText(state)),
                    \(bind: i.active ? 1 : 0), \(bind: Timestamp.format(i.createdAt)), \(bind: Timestamp.format(i.updatedAt)))
            """)
    }

    public func updateIntegration(_ i: Integration) async throws {
        try await run("""
            UPDATE integrations SET name = \(bind: i.name), base_url = \(bind: i.baseUrl), allow_private = \(bind: i.allowPrivateNetwork ? 1 : 0),
              field_map = \(bind: try jsonText(i.fieldMap)), rules = \(bind: try jsonText(i.rules)), active = \(bind: i.active ? 1 : 0),
              updated_at = \(bind: Timestamp.format(i.updatedAt))
            WHERE id = \(bind: i.id.description)
            """)
    }

    public func updateIntegrationCredentials(_ id: Integration.ID, sealed: String) async throws {
        try await run("UPDATE integrations SET credentials = \(bind: sealed) WHERE id = \(bind: id.description)")
    }

    public func integration(_ id: Integration.ID, forUpdate: Bool = false) async throws -> Integration? {
        try await first("SELECT * FROM integrations WHERE id = \(bind: id.description)\(forUpdate ? dialect.forUpdate : "")").map(Self.decodeIntegration)
    }

    public func integrations(activeOnly: Bool = false) async throws -> [Integration] {
        try await all("SELECT * FROM integrations\(unsafeRaw: activeOnly ? " WHERE active = 1" : "") ORDER BY created_at, id").map(Self.decodeIntegration)
    }

    public func sealedCredentials(of id: Integration.ID) async throws -> String? {
        try await first("SELECT credentials FROM integrations WHERE id = \(bind: id.description)").map { try $0.string("credentials") }
    }

    public func integrationState(of id: Integration.ID) async throws -> IntegrationState {
        guard let row = try await first("SELECT state FROM integrations WHERE id = \(bind: id.description)") else { throw StoreError.notFound }
        return try IntegrationStateJSON.decode(try row.string("state"))
    }

    public func saveIntegrationState(_ state: IntegrationState, of id: Integration.ID) async throws {
        try await run("UPDATE integrations SET state = \(bind: try jsonText(state)) WHERE id = \(bind: id.description)")
    }

    static func decodeIntegration(_ row: any SQLRow) throws -> Integration {
        Integration(id: try row.id("id"), name: try row.string("name"), system: CRMSystem(rawValue: try row.string("system")) ?? .salesforce,
                    baseUrl: try row.string("base_url"), allowPrivateNetwork: try row.bool("allow_private"),
                    fieldMap: try row.json("field_map", as: [FieldMapping].self), rules: try row.json("rules", as: [StageRule].self),
                    active: try row.bool("active"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

/// The state column holds dates as the API's timestamps.
enum IntegrationStateJSON {
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else { throw StoreError.corrupt("integration state date: \(text)") }
            return date
        }
        return d
    }()

    static func decode(_ text: String) throws -> IntegrationState {
        try decoder.decode(IntegrationState.self, from: Data(text.utf8))
    }
}

extension Session {
    /// The counterparty a CRM company is already recorded as: `crmRefs` names its id for that CRM.
    public func counterparty(crm system: CRMSystem, accountId: String) async throws -> Counterparty? {
        // crm_refs is canonical JSON, so the pair appears exactly like this; the decoded row is checked again.
        let needle = "%\(try jsonText([system.rawValue: accountId]).dropFirst().dropLast())%"
        return try await all("SELECT * FROM counterparties WHERE crm_refs LIKE \(bind: needle) ORDER BY created_at, id LIMIT 5")
            .map(Self.decodeCounterparty).first { $0.crmRefs[system.rawValue] == accountId }
    }
}
