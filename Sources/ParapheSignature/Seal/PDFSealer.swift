import Crypto
import Foundation
import ParapheDocuments

/// Seals a PDF with the organisation's key: PAdES baseline B-B, or B-T when a time-stamp authority answers.
public struct PDFSealer: Sendable {
    public let identity: SealIdentity
    public let timestamps: TimestampAuthority?

    /// Room for the CMS: the chain, the signature and a time-stamp token with its own chain fit well inside.
    static let contentsCapacity = 24 * 1024

    public init(identity: SealIdentity, timestamps: TimestampAuthority? = nil) {
        self.identity = identity
        self.timestamps = timestamps
    }

    /// What the evidence says about the time-stamp, decided before the signature exists.
    public enum TimestampNote: Sendable, Hashable {
        case notConfigured
        case requested(authority: String)
        case failed(authority: String, reason: String)
    }

    public struct Sealed: Sendable {
        public let pdf: Data
        public let timestamp: TimestampNote
    }

    public enum SealError: Error, CustomStringConvertible {
        case signatureTooLarge(Int)
        public var description: String {
            switch self { case .signatureTooLarge(let size): "the signature (\(size) bytes) does not fit the space reserved for it" }
        }
    }

    /// Whether this PDF has the structure the seal and the appended pages need: a classic cross-reference table,
    /// plain catalog and page dictionaries, no form or annotations of its own. Paraphe's PDFs always do.
    public static func canSeal(_ pdf: Data) -> Bool {
        guard let trailer = try? PDFTrailer([UInt8](pdf)) else { return false }
        return !trailer.catalog.contains("/AcroForm") && !trailer.firstPageDictionary.contains("/Annots")
            && trailer.pageTreeDictionary.contains("/Kids [") && trailer.pageTreeDictionary.contains("/Count ")
    }

    /// `evidence` builds the JSON embedded in the file. The evidence is inside the signed bytes, so when the
    /// authority fails after the signature is made, the document is sealed again with evidence that says so.
    public func seal(
        _ pdf: Data, signedAt: Date, reason: String, evidence: (TimestampNote) throws -> Data
    ) async throws -> Sealed {
        let original = [UInt8](pdf)
        let trailer = try PDFTrailer(original)
        guard let timestamps else {
            return Sealed(pdf: try await sealed(original, trailer, signedAt, reason, evidence(.notConfigured), nil), timestamp: .notConfigured)
        }
        let requested = TimestampNote.requested(authority: timestamps.name)
        do {
            let data = try await sealed(original, trailer, signedAt, reason, evidence(requested), timestamps.token(for:))
            return Sealed(pdf: data, timestamp: requested)
        } catch let failure as TimestampAuthority.Failure {
            let note = TimestampNote.failed(authority: timestamps.name, reason: failure.description)
            return Sealed(pdf: try await sealed(original, trailer, signedAt, reason, evidence(note), nil), timestamp: note)
        } catch SealError.signatureTooLarge(let size) {
            // A token with a long chain can outgrow the room kept for it: sealed without one, and said so.
            let note = TimestampNote.failed(authority: timestamps.name, reason: "the time-stamp token is too large (\(size) bytes with the signature)")
            return Sealed(pdf: try await sealed(original, trailer, signedAt, reason, evidence(note), nil), timestamp: note)
        }
    }

    private func sealed(
        _ original: [UInt8], _ trailer: PDFTrailer, _ signedAt: Date, _ reason: String, _ evidence: Data,
        _ timestamp: (([UInt8]) async throws -> [UInt8])?
    ) async throws -> Data {
        var update = PDFSealUpdate(original, trailer: trailer, evidence: [UInt8](evidence), signedAt: signedAt, reason: reason,
                                   contentsCapacity: Self.contentsCapacity)
        var hasher = SHA256()
        for range in update.fillByteRange() { hasher.update(data: update.bytes[range]) }
        let cms = try await CAdESSignature.build(digest: hasher.finalize(), identity: identity, timestamp: timestamp)
        guard update.fillContents(cms) else { throw SealError.signatureTooLarge(cms.count) }
        return Data(update.bytes)
    }
}
