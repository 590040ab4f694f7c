import Foundation
import ParapheCore
import SQLKit

public enum SearchText {
    /// Splits what a user typed into words. Punctuation separates words, as both engines' tokenizers do, so a
    /// reference such as `CTR-2026-000123` is three words.
    public static func terms(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.unicodeScalars.allSatisfy(CharacterSet.alphanumerics.contains) }).prefix(16).map { String($0.prefix(64)) }
    }

    /// What a contract is found by: reference, title, counterparty, metadata and document text.
    public static func body(contract: Contract, counterpartyName: String?, documentText: [String]) -> String {
        let text = ([contract.reference.description, contract.title, counterpartyName ?? ""]
            + JSONValue.object(contract.metadata).searchableText + documentText)
            .joined(separator: "\n")
        // Only words are indexed, split exactly as `terms` splits a query. Left to itself Postgres' parser reads
        // `CTR-2026-000123` as a word and two negative numbers and drops `<Lumière>` as an XML tag.
        return String(String.UnicodeScalarView(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? $0 : " " }))
    }
}

extension Session {
    /// Rewrites the contract's search entry from its current data, in the caller's transaction.
    public func reindex(_ contract: Contract) async throws {
        let counterpartyName = try await counterpartyName(of: contract)
        let texts = try await all("SELECT text FROM document_texts WHERE contract_id = \(bind: contract.id.description) ORDER BY document_id")
            .map { try $0.string("text") }
        try await index(contract, counterpartyName: counterpartyName, documentText: texts, isNew: false)
    }

    /// Writes the search entry from what the caller already holds; `isNew` skips removing an entry that cannot exist.
    public func index(_ contract: Contract, counterpartyName: String?, documentText: [String], isNew: Bool) async throws {
        let body = SearchText.body(contract: contract, counterpartyName: counterpartyName, documentText: documentText)
        for statement in dialect.indexSearch(contractId: contract.id.description, body: body, isNew: isNew) {
            try await run(statement)
        }
    }
}
