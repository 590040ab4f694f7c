import Foundation
import ParapheCore
import ParapheStore

/// Imports a signed legacy PDF as a contract: the file is stored and hashed, its text indexed when possible.
public struct ImportWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public enum Outcome: Sendable {
        case imported(Contract, DocumentRecord)
        /// These exact bytes are already stored, as a document of this contract (named when the caller may see it).
        case duplicate(of: Contract.ID?, reference: String?)
    }

    public struct Request: Sendable {
        public var pdf: Data
        public var filename: String
        public var terms: ContractTerms
        /// Nil takes the importer's default: signed for legal and admins, draft for the others.
        public var status: ContractStatus?
        public var signedAt: Date?

        public init(pdf: Data, filename: String, terms: ContractTerms, status: ContractStatus? = nil, signedAt: Date? = nil) {
            self.pdf = pdf
            self.filename = filename
            self.terms = terms
            self.status = status
            self.signedAt = signedAt
        }
    }

    /// A PDF starts with `%PDF-` (within its first kilobyte, per the spec's tolerance) and holds an end-of-file marker.
    public static func looksLikePDF(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        guard head.range(of: Data("%PDF-".utf8)) != nil else { return false }
        return data.suffix(2048).range(of: Data("%%EOF".utf8)) != nil
    }

    /// The duplicate, named only to someone who may see it.
    public func duplicate(_ existing: DocumentRecord, for user: User, in session: Session? = nil) async throws -> Outcome {
        let lookup: @Sendable (Session) async throws -> Outcome = { s in
            guard let contract = try await s.contract(existing.contractId) else { return .duplicate(of: nil, reference: nil) }
            let visible = ContractVisibility(for: user).allows(owner: contract.ownerId, sharedWith: try await s.shares(of: contract.id))
            return visible ? .duplicate(of: contract.id, reference: contract.reference.description) : .duplicate(of: nil, reference: nil)
        }
        if let session { return try await lookup(session) }
        return try await services.database.read(lookup)
    }

    public func run(_ request: Request, owner: User, actor: Actor) async throws -> Outcome {
        guard owner.canWriteContracts else { throw DomainError.forbidden("a viewer cannot import contracts") }
        var errors: [FieldError] = []
        if !Self.looksLikePDF(request.pdf) { errors.append(FieldError("file", "is not a PDF (it must start with %PDF- and end with %%EOF)")) }
        errors += TextRules.requiredLine(request.filename, field: "filename", max: 255)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let status = try ContractImportPolicy.status(requested: request.status, by: owner)
        let sha = BlobStore.sha256(request.pdf)
        if let existing = try await services.database.read({ try await $0.document(sha256: sha) }) {
            return try await duplicate(existing, for: owner)
        }
        let text = await services.pdfText.extract(request.pdf)
        let now = services.clock()
        let workflow = ContractWorkflow(services: services)
        return try await services.database.transaction { s in
            // Checked again inside the transaction: two imports of one file racing each other store it once.
            if let existing = try await s.document(sha256: sha) { return try await duplicate(existing, for: owner, in: s) }
            try await workflow.checkTerms(request.terms, in: s)
            let reference = try await s.nextReference(year: Day(now).year)
            let t = request.terms
            let contract = Contract(reference: reference, title: t.title, type: t.type, counterpartyId: t.counterpartyId, ownerId: owner.id,
                                    status: status, amount: t.amount, startDate: t.startDate, endDate: t.endDate,
                                    signedAt: status == .draft ? nil : request.signedAt ?? now, renewal: t.renewal, metadata: t.metadata, origin: .import,
                                    createdAt: now, updatedAt: now)
            try await s.insertContract(contract)
            let stored = try await services.blobs.put(request.pdf, in: s)
            let document = DocumentRecord(id: .init(), contractId: contract.id, version: 1, sha256: stored, format: "pdf", source: "import",
                                          filename: request.filename, size: request.pdf.count, textIndexed: text != nil, createdAt: now,
                                          createdBy: owner.id)
            try await s.insertDocument(document, text: text)
            try await s.appendEvent(contractId: contract.id, change: .created(origin: .import), actor: actor,
                                    reason: SystemReason.imported(filename: request.filename, signed: status != .draft).stored, at: now, first: true)
            try await s.appendEvent(contractId: contract.id, change: .documentAdded(sha256: stored, format: "pdf", source: "import"),
                                    actor: actor, reason: nil, at: now)
            try await s.reindex(contract)
            return .imported(contract, document)
        }
    }
}
