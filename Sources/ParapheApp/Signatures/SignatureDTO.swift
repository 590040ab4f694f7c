import Foundation
import ParapheCore
import ParapheServices
import ParapheSignature

struct SignerDTO: Codable, Sendable {
    var id: String
    var name: String
    var email: String
    var role: String
    var order: Int
    var language: String
    var status: String
    var invitedAt: Date?
    var verifiedAt: Date?
    var signedAt: Date?
    var declinedAt: Date?
    var declineReason: String?

    init(_ s: Signer) {
        id = s.id.description
        name = s.name
        email = s.email
        role = s.role.rawValue
        order = s.order
        language = s.language.rawValue
        status = s.status.rawValue
        invitedAt = s.invitedAt
        verifiedAt = s.verifiedAt
        signedAt = s.signedAt
        declinedAt = s.declinedAt
        declineReason = s.declineReason
    }
}

struct SignatureRequestDTO: Codable, Sendable {
    var id: String
    var contractId: String
    var status: String
    var message: String?
    var documentId: String
    var documentSha256: String
    var createdBy: String
    var createdAt: Date
    var expiresAt: Date
    var closedAt: Date?
    var sealedDocumentId: String?
    var signers: [SignerDTO]

    init(_ d: SignatureWorkflow.Detail) {
        id = d.request.id.description
        contractId = d.request.contractId.description
        status = d.request.status.rawValue
        message = d.request.message
        documentId = d.request.documentId
        documentSha256 = d.request.documentSha256
        createdBy = d.request.createdBy.description
        createdAt = d.request.createdAt
        expiresAt = d.request.expiresAt
        closedAt = d.request.closedAt
        sealedDocumentId = d.request.sealedDocumentId
        signers = d.signers.map(SignerDTO.init)
    }
}

/// A signature as the signer's client sends it: `{"kind": "typed", "text": …}` or `{"kind": "drawn", "strokes": [[[x, y], …], …]}`.
struct SignatureMarkInput: Decodable, Sendable {
    var kind: String
    var text: String?
    var strokes: [[[Double]]]?

    func mark() throws -> SignatureInput.Mark {
        switch kind {
        case "typed":
            guard let text else { throw ValidationFailure([FieldError("signature.text", "is required for a typed signature")]) }
            return .typed(text: text)
        case "drawn":
            guard let strokes else { throw ValidationFailure([FieldError("signature.strokes", "is required for a drawn signature")]) }
            return .drawn(strokes: strokes)
        default:
            throw ValidationFailure([FieldError("signature.kind", "must be typed or drawn")])
        }
    }
}

/// What the signer's page reads: `GET /sign/{token}` with `Accept: application/json`.
struct CeremonyDTO: Codable, Sendable {
    struct Document: Codable, Sendable {
        var sha256: String
        var url: String
        var filename: String
    }
    struct Consent: Codable, Sendable {
        var version: String
        var text: String
    }
    var signer: SignerDTO
    var status: String
    var contract: [String: String]
    var document: Document
    var verified: Bool
    var consent: Consent
}

struct SealCheckDTO: Codable, Sendable {
    var outcome: String
    var reason: String?
    var signer: String?
    var level: String?
    var timestamp: Date?
    var timestampAuthority: String?
    /// Whether the time-stamp's authority is one this server trusts (PARAPHE_TSA_CERT).
    var timestampTrusted: Bool?
    var fileSha256: String
    var contractId: String?
    var reference: String?
    var signedVersionSha256: String?
    var signers: [String]?
    /// For a contract's sealed documents: whether the trail still holds the head the seal carries.
    var anchorHolds: Bool?
    var documentId: String?

    init(_ v: ParapheSignature.SealVerification, evidence: SealEvidence?, anchorHolds: Bool? = nil, documentId: String? = nil) {
        outcome = v.outcome.rawValue
        reason = v.reason
        signer = v.signer
        level = v.level?.rawValue
        timestamp = v.timestamp
        timestampAuthority = v.timestampAuthority
        timestampTrusted = v.timestampTrusted
        fileSha256 = v.fileSha256
        contractId = evidence?.contractId
        reference = evidence?.reference
        signedVersionSha256 = evidence?.signedVersion.sha256
        signers = evidence?.signers.map { "\($0.name) <\($0.email)>" }
        self.anchorHolds = anchorHolds
        self.documentId = documentId
    }
}
