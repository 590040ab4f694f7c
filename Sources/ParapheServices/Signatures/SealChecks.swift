import Foundation
import ParapheCore
import ParapheSignature
import ParapheStore

/// Checks sealed PDFs: a file anyone uploads (the public /verify page, `paraphe verify`), and each sealed document
/// of a contract, whose embedded evidence must still match the contract's trail. The sealed PDF carries the trail's
/// head outside the database, so a trail rewritten from the start is caught here.
public struct SealChecks: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Trusts this server's seal, pinned: another certificate under the same root is an unknown signer.
    public func verifier() throws -> SealVerifier {
        let identity = try services.sealKeys.identity(services.config, now: services.clock())
        return SealVerifier(trustedRoots: [identity.root], pinnedSeals: [identity.leaf], timestampRoots: try services.sealKeys.timestampRoots(services.config))
    }

    public struct DocumentSeal: Sendable {
        public var document: DocumentRecord
        public var verification: SealVerification
        /// Whether the trail still holds, at the sealed position, the head the evidence carries; nil without evidence.
        public var anchorHolds: Bool?
        public var evidence: SealEvidence?
    }

    public func check(_ pdf: Data) throws -> (SealVerification, SealEvidence?) {
        let verification = try verifier().verify(pdf)
        let evidence = verification.evidence.flatMap { try? JSONDecoder.evidence.decode(SealEvidence.self, from: $0) }
        return (verification, evidence)
    }

    /// The seals the trail records (`signature.sealed`) whose document is gone: deleting the sealed row would
    /// otherwise remove the anchor with it.
    public func missingSeals(of contract: Contract.ID, in s: Session) async throws -> [String] {
        let stored = Set(try await s.documents(of: contract).filter { $0.source == "sealed" }.map(\.sha256))
        return try await s.events(of: contract).filter { $0.type == ContractChange.Kind.sealed.rawValue }
            .compactMap { $0.data["documentSha256"]?.stringValue }.filter { !stored.contains($0) }
    }

    /// Every sealed document of the contract, checked, with the trail's events as read in the same snapshot.
    public func seals(of contract: Contract.ID, in s: Session) async throws -> [DocumentSeal] {
        let sealed = try await s.documents(of: contract).filter { $0.source == "sealed" }
        guard !sealed.isEmpty else { return [] }
        let events = try await s.events(of: contract)
        var results: [DocumentSeal] = []
        for document in sealed {
            // A missing file is reported by the documents' own check (MISSING); there is nothing to verify here.
            guard let bytes = try await services.blobs.get(document.sha256, in: s) else { continue }
            let (verification, evidence) = try check(bytes)
            let holds = evidence.map { e in
                e.contractId == contract.description && events.first { $0.sequence == e.auditChain.count }?.hash == e.auditChain.head
            }
            results.append(DocumentSeal(document: document, verification: verification, anchorHolds: holds, evidence: evidence))
        }
        return results
    }
}

extension JSONDecoder {
    /// Dates as CanonicalJSON writes them: RFC 3339 timestamps.
    public static var evidence: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a timestamp: \(text)"))
            }
            return date
        }
        return decoder
    }
}
