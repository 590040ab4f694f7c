import Foundation

/// The story of a signature, told once: embedded as JSON in the sealed PDF and printed as its evidence annex. It
/// names the version signed, how each signer was verified, every step with its address and browser, and the head
/// of the contract's audit trail at sealing, which anchors that trail outside the database.
public struct SealEvidence: Codable, Hashable, Sendable {
    public static let format = "paraphe-evidence/1"

    public struct SignedVersion: Codable, Hashable, Sendable {
        public var documentId: String
        public var filename: String
        public var sha256: String

        public init(documentId: String, filename: String, sha256: String) {
            self.documentId = documentId
            self.filename = filename
            self.sha256 = sha256
        }
    }

    public struct SignerEvidence: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var email: String
        public var role: String
        public var order: Int
        /// How the signer proved who they are.
        public var verification: String
        public var verifiedAt: Date?
        public var signedAt: Date?
        public var mark: String?
        public var consentVersion: String
        public var consentSha256: String?
        public var ip: String?
        public var userAgent: String?
    }

    public struct Step: Codable, Hashable, Sendable {
        public var sequence: Int
        public var at: Date
        public var type: String
        public var step: String?
        public var signerId: String?
        public var actor: String
        public var ip: String?
        public var userAgent: String?
        public var documentSha256: String?
    }

    public struct Chain: Codable, Hashable, Sendable {
        /// The sequence number of the last event before the seal, and its hash.
        public var count: Int
        public var head: String
    }

    public struct Timestamp: Codable, Hashable, Sendable {
        /// notConfigured, requested (the token sits in the signature) or failed.
        public var status: String
        public var authority: String?
        public var reason: String?

        public init(status: String, authority: String? = nil, reason: String? = nil) {
            self.status = status
            self.authority = authority
            self.reason = reason
        }
    }

    public var format: String
    public var contractId: String
    public var reference: String
    public var title: String
    public var requestId: String
    public var signedVersion: SignedVersion
    public var signers: [SignerEvidence]
    public var timeline: [Step]
    public var auditChain: Chain
    public var timestamp: Timestamp
    public var sealedAt: Date

    /// Builds the evidence from the request, its signers and the contract's trail as it stands before the seal.
    public static func build(contract: Contract, request: SignatureRequest, signers: [Signer], document: SignedVersion,
                             events: [AuditEvent], timestamp: Timestamp, at now: Date) -> SealEvidence {
        let requestId = request.id.description
        let ours = events.filter { $0.data["requestId"] == .string(requestId) }
        let steps = ours.map { event in
            Step(sequence: event.sequence, at: event.at, type: event.type, step: event.data["step"]?.stringValue,
                 signerId: event.data["signerId"]?.stringValue, actor: event.actor.label, ip: event.actor.ip, userAgent: event.actor.userAgent,
                 documentSha256: event.data["documentSha256"]?.stringValue)
        }
        let evidence = signers.map { signer in
            let signed = ours.last { $0.type == ContractChange.Kind.signerSigned.rawValue && $0.data["signerId"] == .string(signer.id.description) }
            return SignerEvidence(id: signer.id.description, name: signer.name, email: signer.email, role: signer.role.rawValue, order: signer.order,
                                  verification: "one-time code sent to \(signer.email)", verifiedAt: signer.verifiedAt, signedAt: signer.signedAt,
                                  mark: signer.mark?.kind, consentVersion: SignatureConsent.version, consentSha256: signer.consentSha256,
                                  ip: signed?.actor.ip, userAgent: signed?.actor.userAgent)
        }
        let last = events.last
        return SealEvidence(format: format, contractId: contract.id.description, reference: contract.reference.description, title: contract.title,
                            requestId: requestId, signedVersion: document, signers: evidence, timeline: steps,
                            auditChain: Chain(count: last?.sequence ?? 0, head: last?.hash ?? ""), timestamp: timestamp, sealedAt: now)
    }
}
