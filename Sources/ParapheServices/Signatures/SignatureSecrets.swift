import Foundation
import ParapheCore
import ParapheStore

/// Mints the secret a signature mail carries, at the moment it is sent: a link (256 random bits, kept only as
/// its SHA-256) or a one-time code (kept only hashed). Nothing readable is stored, so neither the outbox nor the
/// database can hand out a working link. Nil when the mail is no longer wanted: the request closed, or the signer
/// signed, in the meantime.
public struct SignatureSecrets: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// `recipient` is the mail's: a mail queued to an address the sender has since corrected gets no secret.
    public func mint(_ secret: String, recipient: String) async throws -> String? {
        let parts = secret.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let signerId = Signer.ID(parts[1]) else { return nil }
        let now = services.clock()
        let key = try await SignatureCeremony(services: services).codeKey()
        return try await services.database.transaction { s -> String? in
            // Locked first, then read: a signer or request read before the lock could be stale.
            guard let first = try await s.signer(signerId), let owner = try await s.signatureRequest(first.requestId),
                  try await s.contract(owner.contractId, forUpdate: true) != nil,
                  var signer = try await s.signer(signerId), let request = try await s.signatureRequest(signer.requestId),
                  request.status == .open, request.expiresAt > now, signer.status == .invited, signer.email == recipient
            else { return nil }
            switch parts[0] {
            case "signature-link":
                let token = services.newSecret()
                try await s.insertSignatureLink(tokenSha256: SignatureCeremony.tokenHash(token), signer: signer.id, at: now)
                return services.config.publicURL + "/sign/" + token
            case "signature-code":
                let code = oneTimeCode()
                signer.code = (signer.code ?? .none).minted(hash: SignatureCeremony.codeHash(code, signer: signer.id, key: key), at: now)
                signer.verifiedAt = nil
                try await s.updateSigner(signer)
                return code
            default:
                return nil
            }
        }
    }

    /// Six uniform digits: 4 random bytes, redrawn in the rare case they fall in the biased tail.
    func oneTimeCode() -> String {
        let limit = UInt32.max - UInt32.max % 1_000_000
        while true {
            let value = services.randomBytes(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if value < limit {
                let text = String(value % 1_000_000)
                return String(repeating: "0", count: OneTimeCode.digits - text.count) + text
            }
        }
    }
}
