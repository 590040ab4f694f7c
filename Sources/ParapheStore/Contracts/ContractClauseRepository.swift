import Foundation
import ParapheCore
import SQLKit

/// A clause instance as stored with its contract, with the hash of its text so a later change is provable.
public struct StoredClause: Sendable, Hashable {
    public var instance: ClauseInstance
    public var textHash: String

    public init(instance: ClauseInstance, textHash: String) {
        self.instance = instance
        self.textHash = textHash
    }

    /// A clause instance as generation made it, with the hash of its text.
    public init(hashing instance: ClauseInstance) {
        self.init(instance: instance, textHash: SHA256Hex.of(Data(instance.text.utf8)))
    }
}

/// Where a generated contract came from, so it can be generated again or compared with its template.
public struct GenerationSource: Sendable, Hashable {
    public var templateId: Template.ID
    public var templateVersion: Int
    public var variables: JSONValue

    public init(templateId: Template.ID, templateVersion: Int, variables: JSONValue) {
        self.templateId = templateId
        self.templateVersion = templateVersion
        self.variables = variables
    }
}

extension Session {
    public func insertClauses(_ clauses: [StoredClause], of contract: Contract.ID) async throws {
        for (position, stored) in clauses.enumerated() {
            let c = stored.instance
            try await run("""
                INSERT INTO contract_clauses (contract_id, position, node_id, number, clause_key, clause_version, title, variant, is_derogation,
                  derogation_category, requires_approval_by, text, text_hash)
                VALUES (\(bind: contract.description), \(bind: position), \(bind: c.nodeId), \(bind: c.number), \(bind: c.key), \(bind: c.clauseVersion),
                        \(bind: c.title), \(bind: c.variant.name), \(bind: c.isDerogation ? 1 : 0), \(bind: c.derogationCategory),
                        \(bind: try jsonText(c.requiresApprovalBy)), \(bind: c.text), \(bind: stored.textHash))
                """)
        }
    }

    /// A contract's clauses after a change of clauses: the instances are the text the contract now holds.
    public func replaceClauses(_ clauses: [StoredClause], of contract: Contract.ID) async throws {
        try await run("DELETE FROM contract_clauses WHERE contract_id = \(bind: contract.description)")
        try await insertClauses(clauses, of: contract)
    }

    public func clauses(of contract: Contract.ID) async throws -> [StoredClause] {
        try await clauses(of: [contract])[contract] ?? []
    }

    /// The clauses of several contracts in one query, for a page of a list.
    public func clauses(of contracts: [Contract.ID]) async throws -> [Contract.ID: [StoredClause]] {
        guard !contracts.isEmpty else { return [:] }
        let rows = try await all("""
            SELECT * FROM contract_clauses WHERE contract_id IN (\(binds: contracts.map(\.description))) ORDER BY contract_id, position
            """)
        var result = [Contract.ID: [StoredClause]]()
        for row in rows {
            let id: Contract.ID = try row.id("contract_id")
            result[id, default: []].append(try Self.decodeStoredClause(row))
        }
        return result
    }

    static func decodeStoredClause(_ row: any SQLRow) throws -> StoredClause {
        let instance = ClauseInstance(
            nodeId: try row.string("node_id"), number: try row.string("number"), key: try row.string("clause_key"),
            clauseVersion: try row.decode(column: "clause_version", as: Int?.self), title: try row.string("title"),
            variant: ClauseVariant(name: try row.string("variant")), isDerogation: try row.bool("is_derogation"), derogationCategory: try row.optionalString("derogation_category"),
            requiresApprovalBy: try row.json("requires_approval_by", as: [Role].self), text: try row.string("text"))
        return StoredClause(instance: instance, textHash: try row.string("text_hash"))
    }

    public func recordGeneration(_ source: GenerationSource, of contract: Contract.ID) async throws {
        try await run("""
            UPDATE contracts SET template_id = \(bind: source.templateId.description), template_version = \(bind: source.templateVersion),
              variables = \(bind: try jsonText(source.variables)) WHERE id = \(bind: contract.description)
            """)
    }

    public func generationSource(of contract: Contract.ID) async throws -> GenerationSource? {
        guard let row = try await first("SELECT template_id, template_version, variables FROM contracts WHERE id = \(bind: contract.description)"),
              let templateId: Template.ID = try row.optionalID("template_id"),
              let version = try row.decode(column: "template_version", as: Int?.self) else { return nil }
        let variables = try row.optionalString("variables").map { try rowJSONDecoder.decode(JSONValue.self, from: Data($0.utf8)) } ?? .object([:])
        return GenerationSource(templateId: templateId, templateVersion: version, variables: variables)
    }
}
