import Foundation
import ParapheCore
import ParapheSignature
import ParapheStore

/// Sending a contract for signature and managing the request: open it, read it, cancel it, resend a link, remind
/// and expire. Each write is one transaction with the contract's audit events and the mails it causes.
public struct SignatureWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    var contracts: ContractWorkflow { ContractWorkflow(services: services) }

    public struct Detail: Sendable {
        public var request: SignatureRequest
        public var signers: [Signer]
        public var contract: Contract

        public init(request: SignatureRequest, signers: [Signer], contract: Contract) {
            self.request = request
            self.signers = signers
            self.contract = contract
        }
    }

    /// A signer as the sender names them; nil fields are taken from the defaults.
    public struct Draft: Sendable {
        public var name: String
        public var email: String
        public var role: String
        public var order: Int
        public var language: String?

        public init(name: String, email: String, role: String, order: Int, language: String? = nil) {
            self.name = name
            self.email = email
            self.role = role
            self.order = order
            self.language = language
        }
    }

    /// Who signs when the sender names nobody: the colleague named to sign, then the counterparty's contact.
    public func defaultSigners(of contractId: Contract.ID, for user: User) async throws -> [Draft] {
        try await services.database.read { s in
            let (contract, _) = try await contracts.visible(contractId, to: user, in: s)
            return try await defaults(for: contract, in: s)
        }
    }

    public func defaults(for contract: Contract, in s: Session) async throws -> [Draft] {
        var drafts: [Draft] = []
        if let named = try await s.designatedSignatory(of: contract.id), let colleague = try await s.user(named.userId) {
            drafts.append(Draft(name: colleague.name, email: colleague.email, role: Signer.Role.internal.rawValue, order: 1,
                                language: colleague.language.rawValue))
        }
        if let id = contract.counterpartyId, let contact = try await s.counterparty(id)?.contact {
            drafts.append(Draft(name: contact.name, email: contact.email, role: Signer.Role.counterparty.rawValue, order: 1))
        }
        return drafts
    }

    /// `alongside` runs in the request's transaction: a stage rule's auto-send marks itself done there.
    public func open(_ contractId: Contract.ID, signers requested: [Draft]?, message: String?, by user: User, actor: Actor,
                     alongside: (@Sendable (Session) async throws -> Void)? = nil) async throws -> Detail {
        let now = services.clock()
        return try await services.database.transaction { s in
            let contract = try await contracts.writable(contractId, by: .user(user), in: s)
            guard contract.status == .approved else {
                throw DomainError.conflict("only an approved contract goes out for signature; this one is \(contract.status.rawValue)")
            }
            if let held = try await s.heldSignatureRequest(of: contractId) {
                throw DomainError.conflict("signature request \(held.id) is already open on this contract")
            }
            let drafts: [Draft]
            if let requested { drafts = requested } else { drafts = try await defaults(for: contract, in: s) }
            guard !drafts.isEmpty else {
                throw ValidationFailure([FieldError("signers", "name the signers: nobody is named to sign for the company and the counterparty has no contact")])
            }
            var errors: [FieldError] = []
            var parsed: [(SignatureInput.SignerDraft, Language?)] = []
            for (index, draft) in drafts.enumerated() {
                guard let role = Signer.Role(rawValue: draft.role) else {
                    errors.append(FieldError("signers[\(index)].role", "must be internal or counterparty"))
                    continue
                }
                var language: Language?
                if let text = draft.language {
                    language = Language(rawValue: text)
                    if language == nil { errors.append(FieldError("signers[\(index)].language", "must be fr or en")) }
                }
                parsed.append((SignatureInput.SignerDraft(name: draft.name.trimmingCharacters(in: .whitespaces),
                                                          email: draft.email.trimmingCharacters(in: .whitespaces).lowercased(), role: role,
                                                          order: draft.order), language))
            }
            if parsed.count == drafts.count { errors += SignatureInput.errors(parsed.map(\.0), message: message) }
            guard errors.isEmpty else { throw ValidationFailure(errors) }

            let requestId = SignatureRequest.ID()
            let first = parsed.map(\.0.order).min() ?? 1
            var signers: [Signer] = []
            for (index, (draft, language)) in parsed.enumerated() {
                var colleague: User?
                if draft.role == .internal {
                    guard let found = try await s.user(email: draft.email)?.user, found.active else {
                        throw ValidationFailure([FieldError("signers[\(index)].email", "an internal signer is an active colleague; nobody here has this address")])
                    }
                    if let refusal = try await ContractWorkflow.signingRefusal(of: found, for: contract, on: Day(now), in: s) {
                        throw SigningRefused(name: found.name, refusal: refusal)
                    }
                    colleague = found
                } else if try await s.user(email: draft.email) != nil {
                    // A colleague's address as the counterparty would let the company sign both sides.
                    throw ValidationFailure([FieldError("signers[\(index)].email", "this address is a colleague's: a colleague signs as internal")])
                }
                signers.append(Signer(requestId: requestId, position: index + 1, name: colleague?.name ?? draft.name, email: draft.email, role: draft.role,
                                      order: draft.order, language: language ?? colleague?.language ?? .fr, userId: colleague?.id,
                                      status: draft.order == first ? .invited : .waiting, invitedAt: draft.order == first ? now : nil))
            }
            guard let document = try await s.documents(of: contractId).last(where: { $0.format == "pdf" }) else {
                throw DomainError.conflict("this contract has no PDF to sign: generate it or upload one first")
            }
            // Refused now rather than after everyone has signed: the seal needs a PDF it can add pages to.
            guard let pdf = try await services.blobs.get(document.sha256, in: s), PDFSealer.canSeal(pdf) else {
                throw DomainError.conflict("this PDF cannot be sealed by Paraphe (its structure is not one Paraphe writes): sign it elsewhere and "
                                           + "record the signed copy (POST /api/v1/contracts/\(contractId)/signed-elsewhere)")
            }
            let request = SignatureRequest(id: requestId, contractId: contractId, message: message, documentId: document.id.description,
                                           documentSha256: document.sha256, createdBy: user.id, createdAt: now,
                                           expiresAt: now.addingTimeInterval(Double(services.config.signatureLinkDays) * 86400),
                                           nextReminderAt: WorkingDays.add(2, to: now))
            try await s.insertSignatureRequest(request)
            for signer in signers { try await s.insertSigner(signer) }
            let (next, change) = try Lifecycle.transition(contract, to: .signing, at: now)
            try await s.updateContract(next)
            try await s.appendEvent(contractId: contractId, change: change, actor: actor, reason: nil, at: now, state: next)
            try await s.appendEvent(contractId: contractId, change: .signatureRequested(
                requestId: request.id.description, documentSha256: document.sha256,
                signers: signers.map { .init(id: $0.id.description, name: $0.name, email: $0.email, role: $0.role.rawValue, order: $0.order) }),
                actor: actor, reason: message, at: now, state: next)
            for signer in signers where signer.status == .invited {
                try await invite(signer, why: "invitation", request: request, contract: next, sender: user.name, actor: actor, in: s, at: now)
            }
            // Whoever sends it, a stage rule waiting to send this contract has nothing left to do: a person who sent it,
            // then cancelled, must not see the rule send it again.
            _ = try await s.markAutoSent(contractId)
            try await alongside?(s)
            return Detail(request: request, signers: signers, contract: next)
        }
    }

    /// The request, for anyone who may see its contract.
    public func detail(_ id: SignatureRequest.ID, for user: User) async throws -> Detail {
        try await services.database.read { s in
            guard let request = try await s.signatureRequest(id) else { throw DomainError.notFound("no signature request with this id") }
            let (contract, _) = try await contracts.visible(request.contractId, to: user, in: s)
            return Detail(request: request, signers: try await s.signers(of: id), contract: contract)
        }
    }

    public func requests(of contractId: Contract.ID, for user: User) async throws -> [Detail] {
        try await services.database.read { s in
            let (contract, _) = try await contracts.visible(contractId, to: user, in: s)
            var details: [Detail] = []
            for request in try await s.signatureRequests(of: contractId) {
                details.append(Detail(request: request, signers: try await s.signers(of: request.id), contract: contract))
            }
            return details
        }
    }

    /// The request, its contract locked, for someone who may change the contract.
    func writable(_ id: SignatureRequest.ID, by caller: Caller, in s: Session) async throws -> (SignatureRequest, Contract) {
        guard let found = try await s.signatureRequest(id) else { throw DomainError.notFound("no signature request with this id") }
        let contract = try await contracts.writable(found.contractId, by: caller, in: s)
        // Read again under the contract's lock: a signer may have finished in between.
        guard let request = try await s.signatureRequest(id) else { throw DomainError.notFound("no signature request with this id") }
        return (request, contract)
    }

    public func cancel(_ id: SignatureRequest.ID, reason: String?, by user: User, actor: Actor) async throws -> Detail {
        let now = services.clock()
        return try await services.database.transaction { s in
            let (request, contract) = try await writable(id, by: .user(user), in: s)
            guard request.status == .open else {
                throw DomainError.conflict(request.status == .sealing ? "every signer has signed: the document is being sealed"
                                           : "this request is already \(request.status.rawValue)")
            }
            let signers = try await s.signers(of: id)
            let next = try await close(request, as: .cancelled, contract: contract, signers: signers, change: .signatureCancelled(requestId: id.description),
                                       back: .approved, actor: actor, reason: reason, in: s, at: now)
            for signer in signers where signer.status == .invited {
                try await s.queueMail(SignatureMails.closed(signer, contract: next, because: .cancelled, services: services, at: now))
            }
            return Detail(request: try await s.signatureRequest(id) ?? request, signers: signers, contract: next)
        }
    }

    /// Sends the signer a new link; with a corrected address, the old links die first. A colleague's address is
    /// their account's: to change who signs for the company, cancel and send a new request.
    public func resend(_ id: SignatureRequest.ID, signer signerId: Signer.ID, email: String?, by user: User, actor: Actor) async throws -> Signer {
        let now = services.clock()
        return try await services.database.transaction { s in
            let (request, contract) = try await writable(id, by: .user(user), in: s)
            guard request.status == .open else { throw DomainError.conflict("this request is \(request.status.rawValue): there is nothing to resend") }
            guard var signer = try await s.signer(signerId), signer.requestId == id else { throw DomainError.notFound("no such signer on this request") }
            guard signer.status == .invited || signer.status == .waiting else {
                throw DomainError.conflict("this signer has already \(signer.status == .signed ? "signed" : "declined")")
            }
            if let email = email?.trimmingCharacters(in: .whitespaces).lowercased(), email != signer.email {
                guard SignatureInput.isEmail(email) else { throw ValidationFailure([FieldError("email", "not an email address")]) }
                if try await s.user(email: email) != nil {
                    throw ValidationFailure([FieldError("email", "this address is a colleague's: a colleague signs as internal")])
                }
                guard signer.role == .counterparty else {
                    throw DomainError.conflict("an internal signer signs with their account's address; cancel this request and send a new one to change who signs")
                }
                if try await s.signers(of: id).contains(where: { $0.id != signer.id && $0.email == email }) {
                    throw ValidationFailure([FieldError("email", "another signer of this request has this address")])
                }
                try await s.revokeSignatureLinks(of: signer.id, at: now)
                try await s.appendEvent(contractId: contract.id, change: .signerEmailChanged(requestId: id.description, signerId: signer.id.description,
                                                                                            from: signer.email, to: email),
                                        actor: actor, reason: nil, at: now, state: contract)
                signer.email = email
                signer.code = .none
                signer.verifiedAt = nil
                try await s.updateSigner(signer)
            }
            if signer.status == .invited {
                try await invite(signer, why: "resent", request: request, contract: contract, sender: user.name, actor: actor, in: s, at: now)
            }
            return signer
        }
    }

    /// Reminds invited signers every two working days, and expires requests whose links have run out.
    public func remind() async throws {
        let now = services.clock()
        let due = try await services.database.read { try await $0.signatureRequestsDue(at: now) }
        for candidate in due {
            try await services.database.transaction { s in
                guard let contract = try await s.contract(candidate.contractId, forUpdate: true),
                      let request = try await s.signatureRequest(candidate.id), request.status == .open else { return }
                try await ContractWorkflow.requireIntactState(contract, in: s)
                let signers = try await s.signers(of: request.id)
                if request.expiresAt <= now {
                    let next = try await close(request, as: .expired, contract: contract, signers: signers,
                                               change: .signatureExpired(requestId: request.id.description), back: .approved, actor: .system,
                                               reason: nil, in: s, at: now)
                    if let sender = try await s.user(request.createdBy) {
                        try await s.queueMail(SignatureMails.toSender(sender, contract: next, event: .expired, services: services, at: now))
                    }
                    return
                }
                guard let reminder = request.nextReminderAt, reminder <= now else { return }
                let sender = try await s.user(request.createdBy)?.name ?? ""
                for signer in signers where signer.status == .invited {
                    try await invite(signer, why: "reminder", request: request, contract: contract, sender: sender, actor: .system, in: s, at: now)
                }
                var next = request
                next.nextReminderAt = WorkingDays.add(2, to: now)
                try await s.updateSignatureRequest(next)
            }
        }
    }

    /// Queues a mail carrying a fresh link (minted when it is sent) and records it.
    func invite(_ signer: Signer, why: String, request: SignatureRequest, contract: Contract, sender: String, actor: Actor,
                in s: Session, at now: Date) async throws {
        try await s.queueMail(SignatureMails.invitation(signer, request: request, contract: contract, sender: sender, reminder: why == "reminder",
                                                        services: services, at: now))
        try await s.appendEvent(contractId: contract.id, change: .signerNotified(requestId: request.id.description, signerId: signer.id.description,
                                                                                email: signer.email, why: why),
                                actor: actor, reason: nil, at: now, state: contract)
    }

    /// Records a contract signed outside Paraphe (wet ink, another provider): legal or an admin uploads the signed
    /// copy with a reason, and never for a contract they own, so nobody declares their own deal signed.
    public func recordSignedElsewhere(_ contractId: Contract.ID, pdf: Data, filename: String, reason: String, by user: User,
                                      actor: Actor) async throws -> Contract {
        guard user.has(.legal) || user.has(.admin) else {
            throw DomainError.forbidden("only legal or an admin records a contract signed outside Paraphe", reason: "signedElsewhereRole")
        }
        var errors = TextRules.requiredText(reason.trimmingCharacters(in: .whitespacesAndNewlines), field: "reason", max: SignatureInput.maxReason)
        if !pdf.starts(with: Data("%PDF-".utf8)) { errors.append(FieldError("file", "is not a PDF")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let now = services.clock()
        let blobs = services.blobs
        return try await services.database.transaction { s in
            let contract = try await contracts.writable(contractId, by: .user(user), in: s)
            guard contract.ownerId != user.id else {
                throw DomainError.forbidden("you own this contract: another member of legal, or an admin, records its signature", reason: "ownContract")
            }
            if let held = try await s.heldSignatureRequest(of: contractId) {
                throw DomainError.conflict("signature request \(held.id) is open on this contract: cancel it first")
            }
            guard [.approved, .signing].contains(contract.status) else {
                throw DomainError.conflict("only an approved contract can be recorded as signed; this one is \(contract.status.rawValue)")
            }
            let sha = try await blobs.put(pdf, in: s)
            let record = DocumentRecord(id: .init(), contractId: contractId, version: try await s.nextDocumentVersion(of: contractId), sha256: sha,
                                        format: "pdf", source: "signed-elsewhere", filename: filename, size: pdf.count, textIndexed: false,
                                        createdAt: now, createdBy: user.id)
            try await s.insertDocument(record, text: nil)
            try await s.appendEvent(contractId: contractId, change: .documentAdded(sha256: sha, format: "pdf", source: "signed-elsewhere"),
                                    actor: actor, reason: nil, at: now, state: contract)
            var current = contract
            for status in current.status == .approved ? [ContractStatus.signing, .signed] : [.signed] {
                let (next, moved) = try Lifecycle.transition(current, to: status, at: now)
                try await s.updateContract(next)
                try await s.appendEvent(contractId: contractId, change: moved, actor: actor, reason: reason, at: now, state: next)
                current = next
            }
            try await s.appendEvent(contractId: contractId, change: .signedElsewhere(documentSha256: sha), actor: actor, reason: reason, at: now,
                                    state: current)
            return current
        }
    }

    /// Closes a request that will not be sealed: its links die and the contract leaves `signing`.
    func close(_ request: SignatureRequest, as status: SignatureRequest.Status, contract: Contract, signers: [Signer], change: ContractChange,
               back: ContractStatus, actor: Actor, reason: String?, in s: Session, at now: Date) async throws -> Contract {
        var closed = request
        closed.status = status
        closed.closedAt = now
        closed.nextReminderAt = nil
        try await s.updateSignatureRequest(closed)
        for signer in signers { try await s.revokeSignatureLinks(of: signer.id, at: now) }
        try await s.appendEvent(contractId: contract.id, change: change, actor: actor, reason: reason, at: now, state: contract)
        guard contract.status == .signing else { return contract }
        let (next, moved) = try Lifecycle.transition(contract, to: back, at: now)
        try await s.updateContract(next)
        try await s.appendEvent(contractId: contract.id, change: moved, actor: actor, reason: reason, at: now, state: next)
        return next
    }
}
