import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

/// One document rendered as the PDF people read and the DOCX they negotiate in, rendered before the transaction that
/// files them, so no lock waits on typesetting.
struct RenderedDocuments: Sendable {
    var pdf: Data
    var docx: Data
    /// The PDF's text, for search; nil for documents the search does not index (a notice letter).
    var text: String?

    init(_ document: DocumentModel, fonts: FontSet, indexed: Bool) throws {
        pdf = PDFRenderer(fonts: fonts).render(document)
        docx = try DOCXWriter().render(document)
        text = indexed ? document.plainText : nil
    }

    /// Files both as the contract's next versions, each with its audit event.
    func file(with contract: Contract.ID, stem: String, source: String, by user: User.ID?, actor: Actor, at now: Date,
              blobs: BlobStore, in s: Session) async throws {
        for (data, format) in [(pdf, "pdf"), (docx, "docx")] {
            let sha = try await blobs.put(data, in: s)
            let indexed = format == "pdf" ? text : nil
            let record = DocumentRecord(id: .init(), contractId: contract, version: try await s.nextDocumentVersion(of: contract), sha256: sha,
                                        format: format, source: source, filename: "\(stem).\(format)", size: data.count, textIndexed: indexed != nil,
                                        createdAt: now, createdBy: user)
            try await s.insertDocument(record, text: indexed)
            try await s.appendEvent(contractId: contract, change: .documentAdded(sha256: sha, format: format, source: source), actor: actor, reason: nil, at: now)
        }
    }
}
