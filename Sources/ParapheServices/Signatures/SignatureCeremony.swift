import Crypto
import Foundation
import ParapheCore
import ParapheStore

/// What a signer does through their link, with no account: read, receive a code, prove they hold the mailbox,
/// consent, sign or decline. Every step is recorded in the contract's trail with the signer's address, browser and
/// the document's hash. The link is the signer's only credential, so it is looked up by its hash alone.
public struct SignatureCeremony: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Where a signer's request comes from, for the evidence.
    public struct Client: Sendable {
        public var ip: String?
        public var userAgent: String?

        public init(ip: String?, userAgent: String?) {
            self.ip = ip
            self.userAgent = userAgent.map { String($0.prefix(400)) }
        }
    }

    public enum Refusal: Error, Equatable, Sendable {
        /// Unknown, mistyped, replaced by a corrected address, or revoked.
        case unknownLink
        case expired
        case closed(SignatureRequest.Status)
        case alreadySigned
        case codeRequired
        case wrongCode(remaining: Int)
        case codeLocked
        case codeExpired
        case documentChanged(current: String)
    }

    public struct View: Sendable {
        public var request: SignatureRequest
        public var signer: Signer
        public var signers: [Signer]
        public var contract: Contract
        public var document: DocumentRecord
        /// The text of the version to sign, as indexed when it was stored; nil when it has none (a scan).
        public var text: String?
        public var consent: String
        public var verified: Bool
    }

    /// How long a verified code lets the signer sign before another is needed.
    static let verificationLifetime: TimeInterval = 30 * 60

    public static func tokenHash(_ token: String) -> String { SHA256Hex.of(Data(token.utf8)) }

    /// A keyed hash: with the database alone, a live code cannot be found by trying the million there are.
    static func codeHash(_ code: String, signer: Signer.ID, key: SymmetricKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(signer):\(code)".utf8), using: key)).map { String(format: "%02x", $0) }.joined()
    }

    func codeKey() async throws -> SymmetricKey { try await services.secrets.key("signature-codes", services: services) }

    func actor(_ signer: Signer, _ client: Client) -> Actor {
        Actor.signer(email: signer.email, userId: signer.userId, ip: client.ip, userAgent: client.userAgent)
    }

    /// The signer a link belongs to, with their request and its contract (locked when `forUpdate`). Links of closed
    /// requests and expired links are refused with what happened, so the signer knows whom to ask.
    func resolve(_ token: String, in s: Session, forUpdate: Bool) async throws -> (SignatureRequest, Signer, Contract) {
        guard token.count >= 22, token.count <= 64, let link = try await s.signerForLink(tokenSha256: Self.tokenHash(token)),
              let found = try await s.signer(link.signer), let first = try await s.signatureRequest(found.requestId),
              let contract = try await s.contract(first.contractId, forUpdate: forUpdate),
              let request = try await s.signatureRequest(found.requestId), let signer = try await s.signer(link.signer)
        else { throw Refusal.unknownLink }
        if signer.status == .signed { throw Refusal.alreadySigned }
        // A closed request revokes its links; saying why helps the signer more than "unknown". A link revoked while
        // the request is open was replaced (a corrected address) and is simply dead.
        guard request.status == .open else { throw Refusal.closed(request.status) }
        guard !link.revoked else { throw Refusal.unknownLink }
        guard services.clock() < request.expiresAt else { throw Refusal.expired }
        // What a signer writes vouches for the contract's row: never for one changed outside Paraphe.
        if forUpdate { try await ContractWorkflow.requireIntactState(contract, in: s) }
        return (request, signer, contract)
    }

    public func view(_ token: String, client: Client) async throws -> View {
        let now = services.clock()
        let view = try await services.database.read { s in
            let (request, signer, contract) = try await resolve(token, in: s, forUpdate: false)
            guard let document = try await s.document(DocumentRecord.ID(request.documentId) ?? .init()) else { throw Refusal.unknownLink }
            return View(request: request, signer: signer, signers: try await s.signers(of: request.id), contract: contract, document: document,
                        text: try await s.documentText(document.id), consent: SignatureConsent.text(signer.language),
                        verified: isVerified(signer, at: now))
        }
        // A view is evidence, but a page reloaded every minute is not: one "viewed" an hour, and only then a write.
        if view.signer.viewedAt.map({ now.timeIntervalSince($0) > 3600 }) ?? true {
            try await services.database.transaction { s in
                let (request, found, contract) = try await resolve(token, in: s, forUpdate: true)
                var signer = found
                guard signer.viewedAt.map({ now.timeIntervalSince($0) > 3600 }) ?? true else { return }
                signer.viewedAt = now
                try await s.updateSigner(signer)
                try await step("viewed", signer: signer, request: request, contract: contract, client: client, in: s, at: now)
            }
        }
        return view
    }

    /// The PDF of the version to sign, for the signer to download.
    public func document(_ token: String) async throws -> (DocumentRecord, Data) {
        try await services.database.read { s in
            let (request, _, _) = try await resolve(token, in: s, forUpdate: false)
            guard let document = try await s.document(DocumentRecord.ID(request.documentId) ?? .init()),
                  let data = try await services.blobs.get(document.sha256, in: s)
            else { throw Refusal.unknownLink }
            return (document, data)
        }
    }

    /// Queues a mail with a new code (minted when it is sent). A few codes an hour at most.
    public func sendCode(_ token: String, client: Client) async throws {
        let now = services.clock()
        try await services.database.transaction { s in
            let (request, found, contract) = try await resolve(token, in: s, forUpdate: true)
            var signer = found
            if (signer.code ?? .none).exhausted { throw Refusal.codeLocked }
            switch (signer.code ?? .none).mayResend(at: now) {
            case .failure(let wait):
                throw DomainError.rateLimited("too many codes asked for; wait before asking again", retryAfter: wait.seconds)
            case .success(let code):
                signer.code = code
            }
            try await s.updateSigner(signer)
            try await s.queueMail(SignatureMails.code(signer, at: now))
            try await step("codeSent", signer: signer, request: request, contract: contract, client: client, in: s, at: now)
        }
    }

    public func verify(_ token: String, code: String, client: Client) async throws {
        let now = services.clock()
        let key = try await codeKey()
        let outcome: OneTimeCode.Check = try await services.database.transaction { s in
            let (request, found, contract) = try await resolve(token, in: s, forUpdate: true)
            var signer = found
            let digits = code.trimmingCharacters(in: .whitespaces)
            guard digits.count == OneTimeCode.digits, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
                throw ValidationFailure([FieldError("code", "the code has \(OneTimeCode.digits) digits")])
            }
            let (check, next) = (signer.code ?? .none).check(submittedHash: Self.codeHash(digits, signer: signer.id, key: key), at: now)
            let before = signer.code
            signer.code = next
            if check == .accepted { signer.verifiedAt = now }
            if signer.code != before || check == .accepted { try await s.updateSigner(signer) }
            let name: String? = switch check {
            case .accepted: "codeVerified"
            case .wrong: "codeRejected"
            case .locked: before?.attempts ?? 0 < OneTimeCode.maxAttempts ? "codeLocked" : nil
            case .expired, .noneSent: nil
            }
            if let name { try await step(name, signer: signer, request: request, contract: contract, client: client, in: s, at: now) }
            return check
        }
        switch outcome {
        case .accepted: return
        case .wrong(let remaining): throw Refusal.wrongCode(remaining: remaining)
        case .locked: throw Refusal.codeLocked
        case .expired: throw Refusal.codeExpired
        case .noneSent: throw Refusal.codeRequired
        }
    }

    public struct Signing: Sendable {
        public var consent: Bool
        public var documentSha256: String
        public var mark: SignatureInput.Mark
        /// The language of the consent text the page showed; the signer's by default.
        public var language: Language?

        public init(consent: Bool, documentSha256: String, mark: SignatureInput.Mark, language: Language? = nil) {
            self.consent = consent
            self.documentSha256 = documentSha256
            self.mark = mark
            self.language = language
        }
    }

    /// Signs. The client sends back the hash of the document it showed; the server refuses any other, and any
    /// version that is no longer the contract's latest PDF.
    public func sign(_ token: String, _ signing: Signing, client: Client) async throws -> Signer {
        let now = services.clock()
        return try await services.database.transaction { s in
            let (found, foundSigner, contract) = try await resolve(token, in: s, forUpdate: true)
            var request = found, signer = foundSigner
            guard isVerified(signer, at: now) else { throw Refusal.codeRequired }
            var errors: [FieldError] = []
            if !signing.consent { errors.append(FieldError("consent", "consent to sign electronically is required")) }
            if let problem = signing.mark.error { errors.append(FieldError("signature", problem)) }
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            let current = try await s.documents(of: contract.id).last { $0.format == "pdf" }?.sha256
            guard signing.documentSha256.lowercased() == request.documentSha256, current == request.documentSha256 else {
                throw Refusal.documentChanged(current: request.documentSha256)
            }
            // A colleague signs for the company only while their authority still covers the contract, and while active.
            if signer.role == .internal, let userId = signer.userId {
                guard let colleague = try await s.user(userId) else { throw Refusal.unknownLink }
                if let refusal = try await ContractWorkflow.signingRefusal(of: colleague, for: contract, on: Day(now), in: s) {
                    throw SigningRefused(name: colleague.name, refusal: refusal)
                }
            }
            let consent = SignatureConsent.text(signing.language ?? signer.language)
            signer.status = .signed
            signer.signedAt = now
            signer.mark = signing.mark
            signer.consentSha256 = SHA256Hex.of(Data(consent.utf8))
            signer.code = nil
            try await s.updateSigner(signer)
            try await s.appendEvent(contractId: contract.id, change: .signerSigned(
                requestId: request.id.description, signerId: signer.id.description, documentSha256: request.documentSha256,
                mark: signing.mark.kind, consentVersion: SignatureConsent.version, consentSha256: signer.consentSha256 ?? ""),
                actor: actor(signer, client), reason: nil, at: now, state: contract)
            let signers = try await s.signers(of: request.id)
            if signers.allSatisfy({ $0.status == .signed }) {
                request.status = .sealing
                request.nextReminderAt = nil
                try await s.updateSignatureRequest(request)
                // One job per request, whoever signed last: the dedupe key makes a second enqueue a no-op.
                try await s.enqueue(SealRequest(requestId: request.id), runAt: now, now: now, maxAttempts: 50, dedupeKey: "seal:\(request.id)")
            } else if !signers.contains(where: { $0.status == .invited }), let next = signers.filter({ $0.status == .waiting }).map(\.order).min() {
                let sender = try await s.user(request.createdBy)?.name ?? ""
                for var waiting in signers where waiting.status == .waiting && waiting.order == next {
                    waiting.status = .invited
                    waiting.invitedAt = now
                    try await s.updateSigner(waiting)
                    try await SignatureWorkflow(services: services).invite(waiting, why: "invitation", request: request, contract: contract,
                                                                           sender: sender, actor: .system, in: s, at: now)
                }
            }
            return signer
        }
    }

    /// Declines with a reason: the request closes, every link dies, the contract goes back to negotiation and the
    /// sender is told why.
    public func decline(_ token: String, reason: String, client: Client) async throws {
        let now = services.clock()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= SignatureInput.maxReason else {
            throw ValidationFailure([FieldError("reason", "say why, in 1 to \(SignatureInput.maxReason) characters")])
        }
        try await services.database.transaction { s in
            let (request, found, contract) = try await resolve(token, in: s, forUpdate: true)
            var signer = found
            signer.status = .declined
            signer.declinedAt = now
            signer.declineReason = reason
            try await s.updateSigner(signer)
            let signers = try await s.signers(of: request.id)
            let next = try await SignatureWorkflow(services: services).close(
                request, as: .declined, contract: contract, signers: signers,
                change: .signatureDeclined(requestId: request.id.description, signerId: signer.id.description, reason: reason),
                back: .negotiating, actor: actor(signer, client), reason: reason, in: s, at: now)
            if let sender = try await s.user(request.createdBy) {
                try await s.queueMail(SignatureMails.toSender(sender, contract: next, event: .declined(by: signer.name, reason: reason),
                                                              services: services, at: now))
            }
            for other in signers where other.id != signer.id && other.status == .invited {
                try await s.queueMail(SignatureMails.closed(other, contract: next, because: .declined, services: services, at: now))
            }
        }
    }

    func isVerified(_ signer: Signer, at now: Date) -> Bool {
        signer.verifiedAt.map { now.timeIntervalSince($0) < Self.verificationLifetime } ?? false
    }

    func step(_ name: String, signer: Signer, request: SignatureRequest, contract: Contract, client: Client, in s: Session, at now: Date) async throws {
        try await s.appendEvent(contractId: contract.id, change: .signerStep(requestId: request.id.description, signerId: signer.id.description,
                                                                            step: name, documentSha256: request.documentSha256),
                                actor: actor(signer, client), reason: nil, at: now, state: contract)
    }
}

/// Seal a request whose signers have all signed.
public struct SealRequest: JobPayload {
    public static let kind = JobKind.seal
    public var requestId: SignatureRequest.ID

    public init(requestId: SignatureRequest.ID) { self.requestId = requestId }
}

public struct SignatureReminders: JobPayload {
    public static let kind = JobKind.signatureReminders
    public init() {}
}
