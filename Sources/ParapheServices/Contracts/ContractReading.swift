import Foundation
import ParapheCore
import ParapheStore

/// What a person may read of the contracts: the search (narrowed to what they see), one contract with everything
/// around it, its trail, its verification and its documents. A contract they may not see does not exist for them.
extension ContractWorkflow {
    /// One contract and everything its page and the API show about it.
    public struct Details: Sendable {
        public var contract: Contract
        public var sharedWith: Set<User.ID>
        public var counterpartyName: String?
        public var documents: [DocumentRecord]
        public var clauses: [StoredClause]
        public var template: GenerationSource?
        public var approval: (request: ApprovalRequest, steps: [Approval])?
        public var signatory: NamedSignatory?
        /// The latest signature request, with its signers.
        public var signature: SignatureWorkflow.Detail?
    }

    /// The contracts matching `query` that `user` may see, with their counterparty's name, and the clauses of the
    /// first `clausesFor` of them.
    public func search(_ query: ContractQuery, clausesFor shown: Int, by user: User) async throws
        -> (rows: [(Contract, String?)], clauses: [Contract.ID: [StoredClause]]) {
        var query = query
        query.visibility = ContractVisibility(for: user)
        let narrowed = query
        return try await database.read { s in
            let rows = try await s.contractsWithCounterpartyNames(narrowed)
            return (rows, shown > 0 ? try await s.clauses(of: rows.prefix(shown).map(\.0.id)) : [:])
        }
    }

    /// A requester's contracts on their way to signature, each with what it waits for.
    public struct Request: Sendable {
        public var contract: Contract
        public var counterpartyName: String?
        /// The latest approval request's steps, in order.
        public var steps: [Approval]
        /// The signers of the latest signature request, if one is open.
        public var signers: [Signer]
    }

    /// "Mes demandes": the contracts `user` owns that are in review, approved, in negotiation or out for signature.
    public func requests(of user: User) async throws -> [Request] {
        var query = ContractQuery()
        query.ownerId = user.id
        query.statuses = [.inReview, .approved, .negotiating, .signing]
        query.visibility = ContractVisibility(for: user)
        query.limit = 200
        let narrowed = query
        return try await database.read { s in
            var out: [Request] = []
            for (contract, counterparty) in try await s.contractsWithCounterpartyNames(narrowed) {
                var steps: [Approval] = []
                if let request = try await s.latestApprovalRequest(of: .contract(contract.id)) { steps = try await s.approvals(ofRequest: request.id) }
                var signers: [Signer] = []
                if contract.status == .signing, let latest = try await s.signatureRequests(of: contract.id).first, latest.status.holdsContract {
                    signers = try await s.signers(of: latest.id)
                }
                out.append(Request(contract: contract, counterpartyName: counterparty, steps: steps.sorted { $0.step.order < $1.step.order }, signers: signers))
            }
            return out
        }
    }

    public func details(_ id: Contract.ID, for user: User) async throws -> Details {
        let today = Day(services.clock())
        return try await database.read { s in
            let (contract, shares) = try await visible(id, to: user, in: s)
            var approval: (ApprovalRequest, [Approval])?
            if let request = try await s.latestApprovalRequest(of: .contract(id)) { approval = (request, try await s.approvals(ofRequest: request.id)) }
            var signature: SignatureWorkflow.Detail?
            if let latest = try await s.signatureRequests(of: id).first {
                signature = SignatureWorkflow.Detail(request: latest, signers: try await s.signers(of: latest.id), contract: contract)
            }
            return Details(contract: contract, sharedWith: shares, counterpartyName: try await s.counterpartyName(of: contract),
                           documents: try await s.documents(of: id), clauses: try await s.clauses(of: id), template: try await s.generationSource(of: id),
                           approval: approval, signatory: try await Self.namedSignatory(of: contract, on: today, in: s), signature: signature)
        }
    }

    public func events(of id: Contract.ID, for user: User) async throws -> [AuditEvent] {
        try await database.read { s in
            _ = try await visible(id, to: user, in: s)
            return try await s.events(of: id)
        }
    }

    /// The trail's verdict (chain and state), its length, and each document's bytes against its SHA-256.
    public func verification(of id: Contract.ID, for user: User) async throws
        -> (verdict: ChainVerdict, events: Int, documents: [AuditVerification.DocumentCheck], seals: [SealChecks.DocumentSeal]) {
        let blobs = services.blobs
        let seals = SealChecks(services: services)
        return try await database.read { s in
            _ = try await visible(id, to: user, in: s)
            let (verdict, events) = try await s.verifyChain(of: id)
            return (verdict, events.count, try await AuditVerification.documents(of: id, blobs: blobs, in: s), try await seals.seals(of: id, in: s))
        }
    }

    public func documents(of id: Contract.ID, for user: User) async throws -> [DocumentRecord] {
        try await database.read { s in
            _ = try await visible(id, to: user, in: s)
            return try await s.documents(of: id)
        }
    }

    /// A stored document and its bytes, for someone who sees its contract.
    public func document(_ id: DocumentRecord.ID, for user: User, withContent: Bool) async throws -> (DocumentRecord, Data?) {
        let blobs = services.blobs
        return try await database.read { s in
            guard let document = try await s.document(id) else { throw DomainError.notFound("no document with this id") }
            _ = try await visible(document.contractId, to: user, in: s)
            guard withContent else { return (document, nil) }
            guard let bytes = try await blobs.get(document.sha256, in: s) else {
                throw DomainError.notFound("the stored file is missing; run GET /api/v1/contracts/\(document.contractId)/verify")
            }
            return (document, bytes)
        }
    }
}
