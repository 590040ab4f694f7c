import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func insertSignatureRequest(_ r: SignatureRequest) async throws {
        try await run("""
            INSERT INTO signature_requests (id, contract_id, status, message, document_id, document_sha256, created_by, created_at, expires_at,
                                            next_reminder_at, closed_at, sealed_document_id)
            VALUES (\(bind: r.id.description), \(bind: r.contractId.description), \(bind: r.status.rawValue), \(bind: r.message),
                    \(bind: r.documentId), \(bind: r.documentSha256), \(bind: r.createdBy.description), \(bind: Timestamp.format(r.createdAt)),
                    \(bind: Timestamp.format(r.expiresAt)), \(bind: r.nextReminderAt.map(Timestamp.format)), \(bind: r.closedAt.map(Timestamp.format)),
                    \(bind: r.sealedDocumentId))
            """)
    }

    public func updateSignatureRequest(_ r: SignatureRequest) async throws {
        try await run("""
            UPDATE signature_requests SET status = \(bind: r.status.rawValue), next_reminder_at = \(bind: r.nextReminderAt.map(Timestamp.format)),
                closed_at = \(bind: r.closedAt.map(Timestamp.format)), sealed_document_id = \(bind: r.sealedDocumentId),
                expires_at = \(bind: Timestamp.format(r.expiresAt))
            WHERE id = \(bind: r.id.description)
            """)
    }

    public func signatureRequest(_ id: SignatureRequest.ID) async throws -> SignatureRequest? {
        try await first("SELECT * FROM signature_requests WHERE id = \(bind: id.description)").map(Self.decodeSignatureRequest)
    }

    /// The request holding the contract (open, or signed and being sealed), if any.
    public func heldSignatureRequest(of contract: Contract.ID) async throws -> SignatureRequest? {
        try await first("""
            SELECT * FROM signature_requests WHERE contract_id = \(bind: contract.description) AND status IN ('open', 'sealing')
            """).map(Self.decodeSignatureRequest)
    }

    public func signatureRequests(of contract: Contract.ID) async throws -> [SignatureRequest] {
        // Newest first; requests opened in the same millisecond put the one still open, then the last closed, first.
        try await all("""
            SELECT * FROM signature_requests WHERE contract_id = \(bind: contract.description)
            ORDER BY created_at DESC, (closed_at IS NULL) DESC, closed_at DESC, id
            """)
            .map(Self.decodeSignatureRequest)
    }

    /// Open requests due a reminder or past their expiry.
    public func signatureRequestsDue(at now: Date) async throws -> [SignatureRequest] {
        let stamp = Timestamp.format(now)
        return try await all("""
            SELECT * FROM signature_requests WHERE status = 'open' AND (next_reminder_at <= \(bind: stamp) OR expires_at <= \(bind: stamp))
            ORDER BY created_at LIMIT 500
            """).map(Self.decodeSignatureRequest)
    }

    public func insertSigner(_ signer: Signer) async throws {
        try await run("""
            INSERT INTO signature_signers (id, request_id, position, name, email, role, sign_order, language, user_id, status)
            VALUES (\(bind: signer.id.description), \(bind: signer.requestId.description), \(bind: signer.position), \(bind: signer.name),
                    \(bind: signer.email), \(bind: signer.role.rawValue), \(bind: signer.order), \(bind: signer.language.rawValue),
                    \(bind: signer.userId?.description), \(bind: signer.status.rawValue))
            """)
    }

    public func updateSigner(_ s: Signer) async throws {
        let code = s.code ?? .none
        try await run("""
            UPDATE signature_signers SET name = \(bind: s.name), email = \(bind: s.email), language = \(bind: s.language.rawValue),
                status = \(bind: s.status.rawValue), invited_at = \(bind: s.invitedAt.map(Timestamp.format)),
                verified_at = \(bind: s.verifiedAt.map(Timestamp.format)), signed_at = \(bind: s.signedAt.map(Timestamp.format)),
                declined_at = \(bind: s.declinedAt.map(Timestamp.format)), decline_reason = \(bind: s.declineReason),
                mark = \(bind: try s.mark.map(jsonText)), consent_sha256 = \(bind: s.consentSha256), code_hash = \(bind: code.hash),
                code_expires_at = \(bind: code.expiresAt.map(Timestamp.format)), code_attempts = \(bind: code.attempts),
                code_failures = \(bind: code.failures), codes_sent = \(bind: code.sentInWindow),
                codes_window_start = \(bind: code.windowStart.map(Timestamp.format)), viewed_at = \(bind: s.viewedAt.map(Timestamp.format))
            WHERE id = \(bind: s.id.description)
            """)
    }

    public func signers(of request: SignatureRequest.ID) async throws -> [Signer] {
        try await all("SELECT * FROM signature_signers WHERE request_id = \(bind: request.description) ORDER BY position")
            .map(Self.decodeSigner)
    }

    public func signer(_ id: Signer.ID) async throws -> Signer? {
        try await first("SELECT * FROM signature_signers WHERE id = \(bind: id.description)").map(Self.decodeSigner)
    }

    public func insertSignatureLink(tokenSha256: String, signer: Signer.ID, at now: Date) async throws {
        try await run("""
            INSERT INTO signature_links (token_sha256, signer_id, created_at)
            VALUES (\(bind: tokenSha256), \(bind: signer.description), \(bind: Timestamp.format(now)))
            """)
    }

    /// The signer a link names, and whether the link was revoked.
    public func signerForLink(tokenSha256: String) async throws -> (signer: Signer.ID, revoked: Bool)? {
        try await first("SELECT signer_id, revoked_at FROM signature_links WHERE token_sha256 = \(bind: tokenSha256)")
            .map { (try $0.id("signer_id"), try $0.optionalString("revoked_at") != nil) }
    }

    public func revokeSignatureLinks(of signer: Signer.ID, at now: Date) async throws {
        try await run("""
            UPDATE signature_links SET revoked_at = \(bind: Timestamp.format(now)) WHERE signer_id = \(bind: signer.description) AND revoked_at IS NULL
            """)
    }

    static func decodeSignatureRequest(_ row: any SQLRow) throws -> SignatureRequest {
        guard let status = SignatureRequest.Status(rawValue: try row.string("status")) else { throw StoreError.corrupt("signature request status") }
        return SignatureRequest(id: try row.id("id"), contractId: try row.id("contract_id"), status: status, message: try row.optionalString("message"),
                                documentId: try row.string("document_id"), documentSha256: try row.string("document_sha256"),
                                createdBy: try row.id("created_by"), createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"),
                                nextReminderAt: try row.optionalDate("next_reminder_at"), closedAt: try row.optionalDate("closed_at"),
                                sealedDocumentId: try row.optionalString("sealed_document_id"))
    }

    static func decodeSigner(_ row: any SQLRow) throws -> Signer {
        guard let role = Signer.Role(rawValue: try row.string("role")), let status = Signer.Status(rawValue: try row.string("status")),
              let language = Language(rawValue: try row.string("language"))
        else { throw StoreError.corrupt("signer") }
        let mark = try row.optionalString("mark").map { try JSONDecoder().decode(SignatureInput.Mark.self, from: Data($0.utf8)) }
        let code = OneTimeCode(hash: try row.optionalString("code_hash"), expiresAt: try row.optionalDate("code_expires_at"),
                               attempts: try row.int("code_attempts"), failures: try row.int("code_failures"), sentInWindow: try row.int("codes_sent"),
                               windowStart: try row.optionalDate("codes_window_start"))
        return Signer(id: try row.id("id"), requestId: try row.id("request_id"), position: try row.int("position"), name: try row.string("name"),
                      email: try row.string("email"), role: role, order: try row.int("sign_order"), language: language,
                      userId: try row.optionalID("user_id"), status: status, invitedAt: try row.optionalDate("invited_at"),
                      verifiedAt: try row.optionalDate("verified_at"), signedAt: try row.optionalDate("signed_at"),
                      declinedAt: try row.optionalDate("declined_at"), declineReason: try row.optionalString("decline_reason"), mark: mark,
                      consentSha256: try row.optionalString("consent_sha256"), code: code, viewedAt: try row.optionalDate("viewed_at"))
    }
}
