import Foundation
import ParapheCore
import SQLKit

public struct DocumentRecord: Sendable, Hashable, Codable {
    public typealias ID = Identifier<DocumentRecord>
    public var id: ID
    public var contractId: Contract.ID
    public var version: Int
    public var sha256: String
    public var format: String
    public var source: String
    public var filename: String
    public var size: Int
    public var textIndexed: Bool
    public var createdAt: Date
    public var createdBy: User.ID?

    public init(id: ID, contractId: Contract.ID, version: Int, sha256: String, format: String, source: String, filename: String,
                size: Int, textIndexed: Bool, createdAt: Date, createdBy: User.ID?) {
        self.id = id
        self.contractId = contractId
        self.version = version
        self.sha256 = sha256
        self.format = format
        self.source = source
        self.filename = filename
        self.size = size
        self.textIndexed = textIndexed
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

extension Session {
    public func insertDocument(_ d: DocumentRecord, text: String?) async throws {
        try await run("""
            INSERT INTO documents (id, contract_id, version, sha256, format, source, filename, size, text_indexed, created_at, created_by)
            VALUES (\(bind: d.id.description), \(bind: d.contractId.description), \(bind: d.version), \(bind: d.sha256), \(bind: d.format),
                    \(bind: d.source), \(bind: d.filename), \(bind: d.size), \(bind: d.textIndexed ? 1 : 0), \(bind: Timestamp.format(d.createdAt)),
                    \(bind: d.createdBy?.description))
            """)
        if let text {
            try await run("INSERT INTO document_texts (document_id, contract_id, text) VALUES (\(bind: d.id.description), \(bind: d.contractId.description), \(bind: text))")
        }
    }

    /// The text indexed for a document, if any.
    public func documentText(_ id: DocumentRecord.ID) async throws -> String? {
        try await first("SELECT text FROM document_texts WHERE document_id = \(bind: id.description)").map { try $0.string("text") }
    }

    public func nextDocumentVersion(of contract: Contract.ID) async throws -> Int {
        try await first("SELECT COALESCE(MAX(version), 0) + 1 AS v FROM documents WHERE contract_id = \(bind: contract.description)")!.int("v")
    }

    public func documents(of contract: Contract.ID) async throws -> [DocumentRecord] {
        try await all("SELECT * FROM documents WHERE contract_id = \(bind: contract.description) ORDER BY version").map(Self.decodeDocument)
    }

    public func document(_ id: DocumentRecord.ID) async throws -> DocumentRecord? {
        try await first("SELECT * FROM documents WHERE id = \(bind: id.description)").map(Self.decodeDocument)
    }

    /// Any document with these bytes, so that a bulk import can skip files it already holds.
    public func document(sha256: String) async throws -> DocumentRecord? {
        try await first("SELECT * FROM documents WHERE sha256 = \(bind: sha256) ORDER BY created_at LIMIT 1").map(Self.decodeDocument)
    }

    static func decodeDocument(_ row: any SQLRow) throws -> DocumentRecord {
        DocumentRecord(id: try row.id("id"), contractId: try row.id("contract_id"), version: try row.int("version"),
                       sha256: try row.string("sha256"), format: try row.string("format"), source: try row.string("source"),
                       filename: try row.string("filename"), size: try row.int("size"), textIndexed: try row.bool("text_indexed"),
                       createdAt: try row.date("created_at"), createdBy: try row.optionalID("created_by"))
    }
}
