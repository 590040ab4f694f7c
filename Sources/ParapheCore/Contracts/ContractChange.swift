import Foundation

/// What happened to a contract, as one audit event records it.
public enum ContractChange: Hashable, Sendable {
    case created(origin: ContractOrigin)
    case statusChanged(from: ContractStatus, to: ContractStatus)
    case edited(fields: [String])
    case sentBackToReview(from: ContractStatus, because: [String])
    case documentAdded(sha256: String, format: String, source: String)
    case shared(with: User.ID)
    /// Generated from a template version, with the derogations chosen, so the trail says what was departed from.
    case generated(templateId: String, version: Int, derogations: [String])
    /// Submitted for review: the steps the policy asked for, each with its reasons. No step means approved at once.
    case approvalRequested(requestId: String, steps: [RequiredApproval])
    case approvalDecided(approvalId: String, step: String, decision: ApprovalDecisionKind, comment: String?)
    case approvalWithdrawn(requestId: String)
    case approvalReassigned(approvalId: String, from: User.ID, to: User.ID)
    /// An `all` step closed without a decision: its last undecided approver left it (deactivated, or lost the role).
    case approvalCompleted(approvalId: String, step: String)
    /// The colleague who will sign for the company, checked against the signature authorities when named.
    case signatoryNamed(User.ID, replacing: User.ID?)
    case signatoryRemoved(User.ID)
    /// A signature request opened on one PDF version, for these signers.
    case signatureRequested(requestId: String, documentSha256: String, signers: [SignerSummary])
    /// A signer was sent their link: `why` is invitation, reminder or resent.
    case signerNotified(requestId: String, signerId: String, email: String, why: String)
    /// A step of the ceremony (viewed, codeSent, codeVerified, codeRejected, codeLocked, consented); the actor holds
    /// the IP address and user agent.
    case signerStep(requestId: String, signerId: String, step: String, documentSha256: String)
    case signerSigned(requestId: String, signerId: String, documentSha256: String, mark: String, consentVersion: String, consentSha256: String)
    case signatureDeclined(requestId: String, signerId: String, reason: String)
    case signatureCancelled(requestId: String)
    case signatureExpired(requestId: String)
    case signerEmailChanged(requestId: String, signerId: String, from: String, to: String)
    /// The sealed PDF, and the head of this trail it carries (the events before this one).
    case sealed(requestId: String, documentSha256: String, signedVersionSha256: String, level: String, chainCount: Int, chainHead: String)
    /// Signed outside Paraphe (wet ink, another provider): the signed copy as uploaded.
    case signedElsewhere(documentSha256: String)
    /// *Reconduire*, *Renégocier* or *Résilier*, for the term ending `termEnd`; an explicit renewal moves the end date.
    case renewalDecided(RenewalDecisionKind, termEnd: Day, noticeDeadline: Day, newEndDate: Day?, comment: String?)
    /// A tacit renewal took effect on `from`: the contract runs until `termEnd`.
    case renewedTacitly(from: Day, termEnd: Day)
    /// The owner and legal were warned `daysBefore` days ahead of a notice deadline.
    case noticeAlerted(noticeDeadline: Day, daysBefore: Int, recipients: [User.ID])
    /// Clauses changed after generation (a change the counterparty asked for, accepted): each `key: from → to`, and
    /// the documents generated again.
    case clausesChanged([ClauseSwap])
    /// A commitment written by hand.
    case obligationAdded(obligationId: String, wording: String, owedBy: ObligationParty)
    /// A commitment's status moved (for a recurring one met, `dueOn` is the occurrence met).
    case obligationChanged(obligationId: String, from: ObligationStatus, to: ObligationStatus, dueOn: Day?, note: String?)

    public struct ClauseSwap: Hashable, Sendable {
        public var key: String
        public var from: String
        public var to: String

        public init(key: String, from: String, to: String) {
            self.key = key
            self.from = from
            self.to = to
        }
    }

    public struct SignerSummary: Hashable, Sendable {
        public var id: String
        public var name: String
        public var email: String
        public var role: String
        public var order: Int

        public init(id: String, name: String, email: String, role: String, order: Int) {
            self.id = id
            self.name = name
            self.email = email
            self.role = role
            self.order = order
        }
    }

    /// The event types, as the audit trail and webhook subscriptions name them.
    public enum Kind: String, CaseIterable, Sendable {
        case created = "contract.created"
        case transitioned = "contract.transitioned"
        case edited = "contract.edited"
        case sentBackToReview = "contract.sentBackToReview"
        case documentAdded = "document.added"
        case shared = "contract.shared"
        case generated = "contract.generated"
        case approvalRequested = "approval.requested"
        case approvalDecided = "approval.decided"
        case approvalWithdrawn = "approval.withdrawn"
        case approvalReassigned = "approval.reassigned"
        case approvalCompleted = "approval.completed"
        case signatoryNamed = "contract.signatoryNamed"
        case signatoryRemoved = "contract.signatoryRemoved"
        case signatureRequested = "signature.requested"
        case signerNotified = "signature.notified"
        case signerStep = "signature.step"
        case signerSigned = "signature.signed"
        case signatureDeclined = "signature.declined"
        case signatureCancelled = "signature.cancelled"
        case signatureExpired = "signature.expired"
        case signerEmailChanged = "signature.signerChanged"
        case sealed = "signature.sealed"
        case signedElsewhere = "contract.signedElsewhere"
        case renewalDecided = "renewal.decided"
        case renewedTacitly = "renewal.renewed"
        case noticeAlerted = "renewal.alerted"
        case clausesChanged = "contract.clausesChanged"
        case obligationAdded = "obligation.added"
        case obligationChanged = "obligation.changed"
    }

    public var kind: Kind {
        switch self {
        case .created: .created
        case .statusChanged: .transitioned
        case .edited: .edited
        case .sentBackToReview: .sentBackToReview
        case .documentAdded: .documentAdded
        case .shared: .shared
        case .generated: .generated
        case .approvalRequested: .approvalRequested
        case .approvalDecided: .approvalDecided
        case .approvalWithdrawn: .approvalWithdrawn
        case .approvalReassigned: .approvalReassigned
        case .approvalCompleted: .approvalCompleted
        case .signatoryNamed: .signatoryNamed
        case .signatoryRemoved: .signatoryRemoved
        case .signatureRequested: .signatureRequested
        case .signerNotified: .signerNotified
        case .signerStep: .signerStep
        case .signerSigned: .signerSigned
        case .signatureDeclined: .signatureDeclined
        case .signatureCancelled: .signatureCancelled
        case .signatureExpired: .signatureExpired
        case .signerEmailChanged: .signerEmailChanged
        case .sealed: .sealed
        case .signedElsewhere: .signedElsewhere
        case .renewalDecided: .renewalDecided
        case .renewedTacitly: .renewedTacitly
        case .noticeAlerted: .noticeAlerted
        case .clausesChanged: .clausesChanged
        case .obligationAdded: .obligationAdded
        case .obligationChanged: .obligationChanged
        }
    }

    public var type: String { kind.rawValue }

    public var data: [String: JSONValue] {
        switch self {
        case .created(let origin): ["origin": .string(origin.rawValue)]
        case .statusChanged(let from, let to): ["from": .string(from.rawValue), "to": .string(to.rawValue)]
        case .edited(let fields): ["fields": .array(fields.map { .string($0) })]
        case .sentBackToReview(let from, let fields):
            ["from": .string(from.rawValue), "to": .string(ContractStatus.inReview.rawValue), "fields": .array(fields.map { .string($0) })]
        case .documentAdded(let sha, let format, let source):
            ["sha256": .string(sha), "format": .string(format), "source": .string(source)]
        case .shared(let user): ["userId": .string(user.description)]
        case .generated(let template, let version, let derogations):
            ["templateId": .string(template), "version": .number(Decimal(version)), "derogations": .array(derogations.map { .string($0) })]
        case .approvalRequested(let request, let steps):
            ["requestId": .string(request), "steps": .array(steps.map { required in
                .object(["step": .string(required.step.label), "order": .number(Decimal(required.step.order)), "mode": .string(required.step.mode.rawValue),
                         "reasons": .array(required.reasons.map { .string("\($0.rule): \($0.because.joined(separator: "; "))") })])
            })]
        case .approvalDecided(let approval, let step, let decision, let comment):
            ["approvalId": .string(approval), "step": .string(step), "decision": .string(decision.rawValue), "comment": comment.map { .string($0) } ?? .null]
        case .approvalWithdrawn(let request): ["requestId": .string(request)]
        case .approvalReassigned(let approval, let from, let to):
            ["approvalId": .string(approval), "from": .string(from.description), "to": .string(to.description)]
        case .approvalCompleted(let approval, let step): ["approvalId": .string(approval), "step": .string(step)]
        case .signatoryNamed(let user, let previous): ["userId": .string(user.description), "replacing": previous.map { .string($0.description) } ?? .null]
        case .signatoryRemoved(let user): ["userId": .string(user.description)]
        case .signatureRequested(let request, let sha, let signers):
            ["requestId": .string(request), "documentSha256": .string(sha), "signers": .array(signers.map {
                .object(["id": .string($0.id), "name": .string($0.name), "email": .string($0.email), "role": .string($0.role),
                         "order": .number(Decimal($0.order))])
            })]
        case .signerNotified(let request, let signer, let email, let why):
            ["requestId": .string(request), "signerId": .string(signer), "email": .string(email), "why": .string(why)]
        case .signerStep(let request, let signer, let step, let sha):
            ["requestId": .string(request), "signerId": .string(signer), "step": .string(step), "documentSha256": .string(sha)]
        case .signerSigned(let request, let signer, let sha, let mark, let version, let consent):
            ["requestId": .string(request), "signerId": .string(signer), "documentSha256": .string(sha), "mark": .string(mark),
             "consentVersion": .string(version), "consentSha256": .string(consent)]
        case .signatureDeclined(let request, let signer, let reason):
            ["requestId": .string(request), "signerId": .string(signer), "reason": .string(reason)]
        case .signatureCancelled(let request), .signatureExpired(let request): ["requestId": .string(request)]
        case .signerEmailChanged(let request, let signer, let from, let to):
            ["requestId": .string(request), "signerId": .string(signer), "from": .string(from), "to": .string(to)]
        case .sealed(let request, let sha, let signed, let level, let count, let head):
            ["requestId": .string(request), "documentSha256": .string(sha), "signedVersionSha256": .string(signed), "level": .string(level),
             "chainCount": .number(Decimal(count)), "chainHead": .string(head)]
        case .signedElsewhere(let sha): ["documentSha256": .string(sha)]
        case .renewalDecided(let kind, let termEnd, let deadline, let newEnd, let comment):
            ["decision": .string(kind.rawValue), "termEnd": .string(termEnd.description), "noticeDeadline": .string(deadline.description),
             "newEndDate": newEnd.map { .string($0.description) } ?? .null, "comment": comment.map { .string($0) } ?? .null]
        case .renewedTacitly(let from, let termEnd): ["from": .string(from.description), "termEnd": .string(termEnd.description)]
        case .noticeAlerted(let deadline, let days, let recipients):
            ["noticeDeadline": .string(deadline.description), "daysBefore": .number(Decimal(days)),
             "recipients": .array(recipients.map { .string($0.description) })]
        case .clausesChanged(let swaps):
            ["clauses": .array(swaps.map { .object(["key": .string($0.key), "from": .string($0.from), "to": .string($0.to)]) })]
        case .obligationAdded(let id, let wording, let owedBy):
            ["obligationId": .string(id), "wording": .string(wording), "owedBy": .string(owedBy.rawValue)]
        case .obligationChanged(let id, let from, let to, let dueOn, let note):
            ["obligationId": .string(id), "from": .string(from.rawValue), "to": .string(to.rawValue),
             "dueOn": dueOn.map { .string($0.description) } ?? .null, "note": note.map { .string($0) } ?? .null]
        }
    }
}

public enum ContractEditing {
    /// Applies new terms. Returns the audit changes: the edit itself and, when approved terms moved, the return to
    /// review that the rule demands. `policyMoved`: the metadata changed what the approval policy asks for (rules
    /// may test them), which counts as a change of terms.
    public static func apply(_ terms: ContractTerms, to contract: Contract, at now: Date, policyMoved: Bool = false) -> (Contract, [ContractChange]) {
        let before = ContractTerms(contract)
        let fields = changedFields(before, terms)
        guard !fields.isEmpty else { return (contract, []) }
        var next = contract
        next.title = terms.title
        next.type = terms.type
        next.counterpartyId = terms.counterpartyId
        next.amount = terms.amount
        next.startDate = terms.startDate
        next.endDate = terms.endDate
        next.renewal = terms.renewal
        next.metadata = terms.metadata
        next.updatedAt = now
        var changes: [ContractChange] = [.edited(fields: fields)]
        if before.changesTerms(comparedTo: terms) || policyMoved, let back = Lifecycle.statusAfterTermsChange(contract.status) {
            next.status = back
            changes.append(.sentBackToReview(from: contract.status, because: fields))
        }
        return (next, changes)
    }

    public static func changedFields(_ a: ContractTerms, _ b: ContractTerms) -> [String] {
        var fields: [String] = []
        if a.title != b.title { fields.append("title") }
        if a.type != b.type { fields.append("type") }
        if a.counterpartyId != b.counterpartyId { fields.append("counterpartyId") }
        if a.amount != b.amount { fields.append("amount") }
        if a.startDate != b.startDate { fields.append("startDate") }
        if a.endDate != b.endDate { fields.append("endDate") }
        if a.renewal != b.renewal { fields.append("renewal") }
        if a.metadata != b.metadata { fields.append("metadata") }
        return fields
    }

    /// Terms a generated contract takes from its template's variables. Changing one by hand would leave the stored
    /// PDF and DOCX saying something else, so they change only by generating again.
    public static let generatedTerms: Set<String> = ["type", "counterpartyId", "amount", "startDate", "endDate", "renewal"]

    /// The fields of `changes` a contract of this origin may not take by hand.
    public static func lockedFields(_ changes: [String], origin: ContractOrigin) -> [String] {
        origin == .template ? changes.filter(generatedTerms.contains) : []
    }

    /// Why a change resets the contract's approval, or nil when it does not: terms moved after approval (the
    /// contract went back to review) or while approvers were deciding (their decisions were about other terms).
    public static func approvalReset(_ before: Contract, _ changes: [ContractChange], policyMoved: Bool = false) -> String? {
        for change in changes {
            if case .sentBackToReview(_, let fields) = change { return SystemReason.termsChanged(duringReview: false, what: fields).stored }
        }
        guard before.status == .inReview else { return nil }
        for change in changes {
            if case .edited(let fields) = change, fields.contains(where: { $0 != "title" && ($0 != "metadata" || policyMoved) }) {
                return SystemReason.termsChanged(duringReview: true, what: fields).stored
            }
            if case .clausesChanged(let swaps) = change { return SystemReason.termsChanged(duringReview: true, what: swaps.map { "clauses.\($0.key)" }).stored }
        }
        return nil
    }

    /// What a change of clauses did, clause by clause: the text chosen before and after (`omitted` when absent). New
    /// custom text in place of custom text is a change too.
    public static func clauseSwaps(from before: [ClauseInstance], to after: [ClauseInstance]) -> [ContractChange.ClauseSwap] {
        let old = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let (a, b) = (old[key], new[key])
            let from = a?.variant.name ?? "omitted", to = b?.variant.name ?? "omitted"
            guard from != to || (a?.variant == .custom && a?.text != b?.text) else { return nil }
            return ContractChange.ClauseSwap(key: key, from: from, to: to)
        }
    }

    /// Executed contracts keep their terms: a signed text cannot be edited after the fact.
    public static func canEdit(_ status: ContractStatus) -> Bool {
        !status.isExecuted && status != .cancelled
    }
}
