import Foundation
import ParapheCore
import ParapheDocuments
import ParapheSignature
import ParapheStore

/// Seals a request once everyone has signed: the version signed, then a signature page and an evidence annex
/// appended (its bytes stay as signed), sealed PAdES with the evidence embedded; then, in one transaction, the sealed
/// PDF is stored, the contract is signed and every signer gets a copy. Safe to retry and to run twice: the work is
/// done outside the transaction, and only the first commit for a request counts.
public struct SealingWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    struct Gathered {
        var request: SignatureRequest
        var contract: Contract
        var signers: [Signer]
        var document: DocumentRecord
        var pdf: Data
        var events: [AuditEvent]
        var counterparty: String?
        var sender: User?
    }

    public func seal(_ job: SealRequest) async throws {
        let gathered: Gathered? = try await services.database.read { s in
            guard let request = try await s.signatureRequest(job.requestId), request.status == .sealing, request.sealedDocumentId == nil,
                  let contract = try await s.contract(request.contractId),
                  let document = try await s.document(DocumentRecord.ID(request.documentId) ?? .init()),
                  let pdf = try await services.blobs.get(document.sha256, in: s)
            else { return nil }
            return Gathered(request: request, contract: contract, signers: try await s.signers(of: request.id), document: document, pdf: pdf,
                            events: try await s.events(of: contract.id),
                            counterparty: try await contract.counterpartyId.asyncMap { try await s.counterparty($0)?.name } ?? nil,
                            sender: try await s.user(request.createdBy))
        }
        guard let g = gathered else { return }
        let now = services.clock()
        let language = g.sender?.language ?? .fr
        let version = SealEvidence.SignedVersion(documentId: g.document.id.description, filename: g.document.filename, sha256: g.document.sha256)
        func evidence(_ note: PDFSealer.TimestampNote) -> SealEvidence {
            let timestamp: SealEvidence.Timestamp = switch note {
            case .notConfigured: .init(status: "notConfigured")
            case .requested(let authority): .init(status: "requested", authority: authority)
            case .failed(let authority, let reason): .init(status: "failed", authority: authority, reason: reason)
            }
            return SealEvidence.build(contract: g.contract, request: g.request, signers: g.signers, document: version, events: g.events,
                                      timestamp: timestamp, at: now)
        }
        // The annex says what the embedded evidence says. When the authority fails, the sealer has already sealed
        // again with evidence saying so; the pages are then rendered again to match, and sealed without asking.
        let renderer = PDFRenderer(fonts: services.fonts)
        let sealer = try services.sealer()
        let reason = "\(g.contract.reference) — \(g.signers.map(\.name).joined(separator: ", "))"
        func pages(_ note: PDFSealer.TimestampNote) throws -> Data {
            let annex = SealAnnex(evidence: evidence(note), signers: g.signers, organisation: services.config.organisation,
                                  counterparty: g.counterparty, language: language).document
            return try renderer.append(annex, to: g.pdf)
        }
        let expected = services.config.timestampURL.map { PDFSealer.TimestampNote.requested(authority: $0) } ?? .notConfigured
        var sealed = try await sealer.seal(try pages(expected), signedAt: now, reason: reason) { try CanonicalJSON.encode(evidence($0)) }
        let note = sealed.timestamp
        if note != expected {
            sealed = try await PDFSealer(identity: sealer.identity).seal(try pages(note), signedAt: now, reason: reason) { _ in
                try CanonicalJSON.encode(evidence(note))
            }
        }
        let level = if case .requested = note { "PAdES-B-T" } else { "PAdES-B-B" }
        try await commit(g, pdf: sealed.pdf, evidence: evidence(note), level: level, at: now)
    }

    private func commit(_ g: Gathered, pdf: Data, evidence: SealEvidence, level: String, at now: Date) async throws {
        let blobs = services.blobs
        try await services.database.transaction { s in
            guard let contract = try await s.contract(g.contract.id, forUpdate: true), var request = try await s.signatureRequest(g.request.id),
                  request.status == .sealing, request.sealedDocumentId == nil
            else { return }
            try await ContractWorkflow.requireIntactState(contract, in: s)
            // The evidence carries the trail's head: if the trail moved since, seal again with the new one.
            guard try await s.events(of: contract.id).last?.sequence == evidence.auditChain.count else {
                throw StoreError.conflict("the contract's trail moved while it was being sealed")
            }
            let sha = try await blobs.put(pdf, in: s)
            let stem = GenerationWorkflow.fileStem(contract.title)
            let record = DocumentRecord(id: .init(), contractId: contract.id, version: try await s.nextDocumentVersion(of: contract.id), sha256: sha,
                                        format: "pdf", source: "sealed", filename: "\(stem)-signe.pdf", size: pdf.count, textIndexed: false,
                                        createdAt: now, createdBy: nil)
            try await s.insertDocument(record, text: nil)
            let (next, moved) = try Lifecycle.transition(contract, to: .signed, at: now)
            try await s.updateContract(next)
            try await s.appendEvent(contractId: contract.id, change: .documentAdded(sha256: sha, format: "pdf", source: "sealed"), actor: .system,
                                    reason: nil, at: now, state: next)
            try await s.appendEvent(contractId: contract.id, change: moved, actor: .system, reason: nil, at: now, state: next)
            try await s.appendEvent(contractId: contract.id, change: .sealed(
                requestId: request.id.description, documentSha256: sha, signedVersionSha256: evidence.signedVersion.sha256, level: level,
                chainCount: evidence.auditChain.count, chainHead: evidence.auditChain.head), actor: .system, reason: nil, at: now, state: next)
            request.status = .completed
            request.closedAt = now
            request.sealedDocumentId = record.id.description
            try await s.updateSignatureRequest(request)
            for signer in g.signers { try await s.queueMail(SignatureMails.sealed(signer, contract: next, document: record, at: now)) }
            if let sender = g.sender {
                try await s.queueMail(SignatureMails.toSender(sender, contract: next, event: .signed, services: services, at: now))
            }
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
