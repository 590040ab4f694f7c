import Foundation
import ParapheCore
import ParapheStore

/// Approval requests and decisions, for contracts and supplier requests. Each method runs inside the caller's
/// transaction or opens one, always holding the subject's row lock first, so that two approvers deciding at once are
/// applied one after the other.
public struct ApprovalWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public var notifier: Notifier { Notifier(publicURL: services.config.publicURL) }

    /// The locked thing a step is about.
    public enum Subject {
        case contract(Contract)
        case supplier(SupplierRequest)

        var ref: ApprovalSubject {
            switch self {
            case .contract(let c): .contract(c.id)
            case .supplier(let r): .supplierRequest(r.id)
            }
        }

        var notification: Notifier.Subject {
            switch self {
            case .contract(let c): .contract(c)
            case .supplier(let r): .supplier(r)
            }
        }
    }

    /// Opens a request for a contract just moved to review. With no step required, the contract is approved at once
    /// and the trail says why.
    /// `refuseUndecidable`: a submission whose step nobody but the requester could decide is refused (409), rather
    /// than left waiting for an admin. A reset after a change cannot refuse the change, so it opens the steps anyway.
    public func open(_ contract: Contract, requester: User, actor: Actor, reason: String?, in s: Session, at now: Date,
              refuseUndecidable: Bool = false) async throws -> Contract {
        let required = ApprovalPolicy.evaluate(try await s.approvalRules(), facts: try await s.approvalFacts(of: contract))
        if refuseUndecidable { try await checkDecidable(required, subject: .contract(contract.id), requester: requester, in: s) }
        let request = try await insertRequest(.contract(contract.id), required: required, requester: requester, reason: reason, in: s, at: now)
        try await s.appendEvent(contractId: contract.id, change: .approvalRequested(requestId: request.id.description, steps: required),
                                actor: actor, reason: reason, at: now)
        guard !required.isEmpty else {
            let (next, change) = try Lifecycle.transition(contract, to: .approved, at: now)
            try await s.updateContract(next)
            try await s.appendEvent(contractId: contract.id, change: change, actor: actor, reason: SystemReason.noApprovalRequired.stored, at: now)
            return next
        }
        try await insertSteps(required, of: request, subject: .contract(contract), requester: requester, in: s, at: now)
        return contract
    }

    /// Records a supplier request and opens its approval under the supplier policy. With no step required, the
    /// supplier is taken on at once.
    public func open(_ supplier: SupplierRequest, requester: User, actor: Actor, in s: Session, at now: Date) async throws -> SupplierRequest {
        try await s.insertSupplierRequest(supplier)
        let required = ApprovalPolicy.evaluate(try await s.approvalRules(), facts: supplier.facts, scope: .supplierRequest)
        try await checkDecidable(required, subject: .supplierRequest(supplier.id), requester: requester, in: s)
        let request = try await insertRequest(.supplierRequest(supplier.id), required: required, requester: requester, reason: nil, in: s, at: now)
        try await s.appendAdminEvent(.supplierRequested(supplier, steps: required), actor: actor, at: now)
        guard !required.isEmpty else { return try await takeOn(supplier, actor: actor, in: s, at: now) }
        try await insertSteps(required, of: request, subject: .supplier(supplier), requester: requester, in: s, at: now)
        return supplier
    }

    public func checkDecidable(_ required: [RequiredApproval], subject: ApprovalSubject, requester: User, in s: Session) async throws {
        for step in required {
            let probe = Approval(requestId: ApprovalRequest.ID(), subject: subject, requestedBy: requester.id, step: step.step, reasons: [],
                                 status: .waiting, createdAt: Date())
            if try await s.approvers(of: probe).isEmpty {
                throw DomainError.conflict("no one but you can approve the step \(step.step.label) (\(step.reasons.map(\.rule).joined(separator: ", "))); "
                                       + "ask an admin to add an approver or change the rule")
            }
        }
    }

    public func insertRequest(_ subject: ApprovalSubject, required: [RequiredApproval], requester: User, reason: String?, in s: Session,
                       at now: Date) async throws -> ApprovalRequest {
        let request = ApprovalRequest(subject: subject, requestedBy: requester.id, status: required.isEmpty ? .approved : .pending,
                                      reason: reason, createdAt: now, closedAt: required.isEmpty ? now : nil)
        try await s.insertApprovalRequest(request)
        return request
    }

    /// The lowest order opens now and its approvers are told; the later ones wait.
    public func insertSteps(_ required: [RequiredApproval], of request: ApprovalRequest, subject: Subject, requester: User, in s: Session,
                     at now: Date) async throws {
        let first = required.map(\.step.order).min()
        for (position, step) in required.enumerated() {
            let opens = step.step.order == first
            let approval = Approval(requestId: request.id, subject: request.subject, requestedBy: requester.id, step: step.step, reasons: step.reasons,
                                    status: opens ? .pending : .waiting, createdAt: now, activatedAt: opens ? now : nil)
            try await s.insertApproval(approval, position: position)
            if opens { try await notifyApprovers(approval, of: subject, requester: requester.name, in: s, at: now) }
        }
    }

    /// Creates the supplier as a counterparty and closes the request as approved.
    public func takeOn(_ supplier: SupplierRequest, actor: Actor, in s: Session, at now: Date) async throws -> SupplierRequest {
        let counterparty = Counterparty(name: supplier.supplierName, kind: .supplier, createdAt: now, updatedAt: now)
        try await s.insertCounterparty(counterparty)
        var done = supplier
        done.status = .approved
        done.counterpartyId = counterparty.id
        done.decidedAt = now
        try await s.updateSupplierRequest(done)
        try await s.appendAdminEvent(.supplierClosed(requestId: supplier.id, status: .approved, counterpartyId: counterparty.id), actor: actor, at: now)
        return done
    }

    /// Closes the contract's open request, if any: its undecided steps are cancelled and the trail says why.
    public func withdraw(_ contract: Contract, actor: Actor, reason: String, in s: Session, at now: Date) async throws {
        guard let request = try await s.pendingApprovalRequest(of: .contract(contract.id)) else { return }
        try await s.closeApprovalRequest(request.id, as: .withdrawn, at: now)
        try await cancelOpenSteps(of: request.id, in: s, at: now)
        try await s.appendEvent(contractId: contract.id, change: .approvalWithdrawn(requestId: request.id.description), actor: actor, reason: reason, at: now)
    }

    public func cancelOpenSteps(of request: ApprovalRequest.ID, in s: Session, at now: Date) async throws {
        for var step in try await s.approvals(ofRequest: request) where step.status == .pending || step.status == .waiting {
            step.status = .cancelled
            step.decidedAt = now
            try await s.updateApproval(step)
        }
    }

    /// Reads a step with its subject locked: the lock comes first, so the step read is the committed one.
    public func locked(_ id: Approval.ID, in s: Session) async throws -> (Approval, Subject) {
        guard let peek = try await s.approval(id) else { throw DomainError.notFound("no approval with this id") }
        let subject: Subject
        switch peek.subject {
        case .contract(let contractId):
            guard let contract = try await s.contract(contractId, forUpdate: true) else { throw DomainError.notFound("no approval with this id") }
            subject = .contract(contract)
        case .supplierRequest(let requestId):
            guard let request = try await s.supplierRequest(requestId, forUpdate: true) else { throw DomainError.notFound("no approval with this id") }
            subject = .supplier(request)
        }
        guard let approval = try await s.approval(id) else { throw DomainError.notFound("no approval with this id") }
        return (approval, subject)
    }

    /// An approval is seen by those it concerns (its approvers and its requester) and by whoever sees its subject; to
    /// anyone else it does not exist, so an approval id reveals no contract.
    public func requireSight(of approval: Approval, subject: Subject, by user: User, in s: Session) async throws {
        if approval.requestedBy == user.id || !ApprovalChain.approvers(of: approval, among: [user]).isEmpty { return }
        let seen = switch subject {
        case .contract(let contract): ContractVisibility(for: user).allows(owner: contract.ownerId, sharedWith: try await s.shares(of: contract.id))
        case .supplier: SupplierRequest.isVisible(to: user, requestedBy: approval.requestedBy)
        }
        guard seen else { throw DomainError.notFound("no approval with this id") }
    }

    /// A step someone is about to act on: locked with its subject, seen by them, and on a contract whose row still
    /// matches its trail.
    func lockedForAction(_ id: Approval.ID, by user: User, in s: Session) async throws -> (Approval, Subject) {
        let (approval, subject) = try await locked(id, in: s)
        try await requireSight(of: approval, subject: subject, by: user, in: s)
        if case .contract(let contract) = subject { try await ContractWorkflow.requireIntactState(contract, in: s) }
        return (approval, subject)
    }

    public func decide(_ id: Approval.ID, decision: ApprovalDecisionKind, comment: String?, by user: User, actor: Actor) async throws -> Approval {
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        let errors = ApprovalChain.commentErrors(decision, comment)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let now = services.clock()
        return try await services.database.transaction { s in
            var (approval, subject) = try await lockedForAction(id, by: user, in: s)
            let approvers = try await s.approvers(of: approval)
            if let refusal = ApprovalChain.checkDecision(by: user, on: approval, approvers: approvers) {
                throw refusal.isForbidden ? DomainError.forbidden(refusal.message) : DomainError.conflict(refusal.message)
            }
            let made = ApprovalDecision(userId: user.id, decision: decision, comment: comment, at: now)
            switch subject {
            case .contract(let contract):
                guard contract.status == .inReview else { throw DomainError.conflict("the contract is \(contract.status.rawValue), not in review") }
                try await s.insertDecision(made, on: approval.id)
                try await s.appendEvent(contractId: contract.id, change: .approvalDecided(approvalId: id.description, step: approval.step.label,
                                                                                          decision: decision, comment: comment),
                                        actor: actor, reason: nil, at: now)
            case .supplier(let request):
                guard request.status == .pending else { throw DomainError.conflict("the supplier request is already \(request.status.rawValue)") }
                try await s.insertDecision(made, on: approval.id)
                try await s.appendAdminEvent(.supplierDecided(requestId: request.id, approvalId: id.description, step: approval.step.label,
                                                              decision: decision, comment: comment), actor: actor, at: now)
            }
            approval.decisions.append(made)
            let outcome = ApprovalChain.outcome(of: approval, approvers: approvers)
            guard outcome != .pending else { return approval }
            approval.status = outcome
            approval.decidedAt = now
            try await s.updateApproval(approval)
            try await advance(approval.requestId, subject: subject, actor: actor, rejection: comment, in: s, at: now)
            return approval
        }
    }

    /// After a step closed: reject the request, finish it, or open the next steps.
    public func advance(_ requestId: ApprovalRequest.ID, subject: Subject, actor: Actor, rejection: String?, in s: Session, at now: Date) async throws {
        let steps = try await s.approvals(ofRequest: requestId)
        guard let request = try await s.pendingApprovalRequest(of: subject.ref), request.id == requestId else { return }
        let requester = try await s.user(request.requestedBy).map { [$0] } ?? []
        switch ApprovalChain.requestOutcome(steps) {
        case .rejected:
            try await s.closeApprovalRequest(requestId, as: .rejected, at: now)
            try await cancelOpenSteps(of: requestId, in: s, at: now)
            switch subject {
            case .contract(let contract):
                let (next, change) = try Lifecycle.transition(contract, to: .draft, at: now)
                try await s.updateContract(next)
                try await s.appendEvent(contractId: contract.id, change: change, actor: actor, reason: rejection, at: now)
            case .supplier(var supplier):
                supplier.status = .rejected
                supplier.decidedAt = now
                try await s.updateSupplierRequest(supplier)
                try await s.appendAdminEvent(.supplierClosed(requestId: supplier.id, status: .rejected, counterpartyId: nil), actor: actor,
                                             reason: rejection, at: now)
            }
            try await notifier.send(.requestRejected(comment: rejection ?? ""), about: subject.notification, to: requester, in: s, at: now)
        case .approved:
            try await s.closeApprovalRequest(requestId, as: .approved, at: now)
            switch subject {
            case .contract(let contract):
                let (next, change) = try Lifecycle.transition(contract, to: .approved, at: now)
                try await s.updateContract(next)
                try await s.appendEvent(contractId: contract.id, change: change, actor: actor, reason: SystemReason.everyApprovalGiven.stored, at: now)
            case .supplier(let supplier):
                _ = try await takeOn(supplier, actor: actor, in: s, at: now)
            }
            try await notifier.send(.requestApproved, about: subject.notification, to: requester, in: s, at: now)
        case .pending, .withdrawn:
            let opening = Set(ApprovalChain.nextToOpen(steps))
            for var step in steps where opening.contains(step.id) {
                step.status = .pending
                step.activatedAt = now
                try await s.updateApproval(step)
                try await notifyApprovers(step, of: subject, requester: requester.first?.name ?? "", in: s, at: now)
            }
        }
    }

    public func notifyApprovers(_ approval: Approval, of subject: Subject, requester: String, in s: Session, at now: Date) async throws {
        let approvers = try await s.approvers(of: approval)
        try await notifier.send(.approvalNeeded(approval, requester: requester), about: subject.notification, to: approvers, in: s, at: now)
    }

    /// Hands a step decided by any one person to a named colleague of the same role. An admin may reassign any step.
    public func reassign(_ id: Approval.ID, to target: User.ID, by user: User, actor: Actor) async throws -> Approval {
        let now = services.clock()
        return try await services.database.transaction { s in
            var (approval, subject) = try await lockedForAction(id, by: user, in: s)
            let approvers = try await s.approvers(of: approval)
            if let refusal = ApprovalChain.reassignRefusal(of: approval, by: user, approvers: approvers) { throw refusal }
            guard let colleague = try await s.user(target) else { throw ValidationFailure([FieldError("userId", "no user with this id")]) }
            guard ApprovalChain.mayHand(approval, by: user, approvers: approvers, to: colleague) else {
                let who = approval.step.role.map { "an active \($0.rawValue) colleague" } ?? "an active colleague sharing one of your roles"
                throw ValidationFailure([FieldError("userId", "must be \(who), other than you and the requester")])
            }
            let previous = approval.assignee ?? user.id
            approval.assignee = colleague.id
            try await s.updateApproval(approval)
            switch subject {
            case .contract(let contract):
                try await s.appendEvent(contractId: contract.id, change: .approvalReassigned(approvalId: id.description, from: previous, to: colleague.id),
                                        actor: actor, reason: nil, at: now)
            case .supplier(let request):
                try await s.appendAdminEvent(.supplierReassigned(requestId: request.id, approvalId: id.description, to: colleague.id), actor: actor, at: now)
            }
            if approval.status == .pending {
                let requester = try await s.user(approval.requestedBy)?.name ?? ""
                try await notifier.send(.approvalNeeded(approval, requester: requester), about: subject.notification, to: [colleague], in: s, at: now)
            }
            return approval
        }
    }

    /// After a colleague was deactivated or lost a role. An `all` step waits for every current approver, so each step
    /// they could decide is weighed again: one whose remaining approvers have all approved closes, and the chain
    /// moves on. Runs in the transaction that changed the colleague. Every subject is locked first, in the order of
    /// their ids, before anything is written: a write takes shared locks (the admin log's counter), and waiting for
    /// a subject while holding one could close a cycle with a decision under way.
    public func reweigh(stepsOf before: User, actor: Actor, in s: Session, at now: Date) async throws {
        var candidates: [Approval] = []
        var cursor: String?
        repeat {
            let page = try await s.openApprovals(candidateFor: before, status: .pending, after: cursor, limit: 500)
            candidates += page.filter { $0.step.mode == .all }
            cursor = page.count == 500 ? page.last?.id.description : nil
        } while cursor != nil
        let ordered = candidates.sorted { ($0.subject.lockOrder, $0.id) < ($1.subject.lockOrder, $1.id) }
        for candidate in ordered { _ = try await locked(candidate.id, in: s) }
        for candidate in ordered {
            // Read again under the locks already held: an earlier step may have moved this subject on.
            var (approval, subject) = try await locked(candidate.id, in: s)
            guard approval.status == .pending,
                  ApprovalChain.outcome(of: approval, approvers: try await s.approvers(of: approval)) == .approved else { continue }
            approval.status = .approved
            approval.decidedAt = now
            try await s.updateApproval(approval)
            let reason = "every remaining approver had approved when \(before.name) left the step"
            switch subject {
            case .contract(let contract):
                try await s.appendEvent(contractId: contract.id, change: .approvalCompleted(approvalId: approval.id.description, step: approval.step.label),
                                        actor: actor, reason: reason, at: now)
            case .supplier(let request):
                try await s.appendAdminEvent(.supplierStepCompleted(requestId: request.id, approvalId: approval.id.description, step: approval.step.label),
                                             actor: actor, reason: reason, at: now)
            }
            try await advance(approval.requestId, subject: subject, actor: actor, rejection: nil, in: s, at: now)
        }
    }

    /// Reminds the approvers of every step pending for `days` working days since it opened or was last reminded.
    public func remind(after days: Int) async throws {
        let now = services.clock()
        // Calendar days are a lower bound of working days: the query narrows, `WorkingDays` decides.
        let due = try await services.database.read { try await $0.approvalsDueForReminder(cutoff: now.addingTimeInterval(-Double(days) * 86400), limit: 500) }
        for candidate in due where WorkingDays.add(days, to: candidate.remindedAt ?? candidate.activatedAt ?? candidate.createdAt) <= now {
            try await services.database.transaction { s in
                var (approval, subject) = try await locked(candidate.id, in: s)
                guard approval.status == .pending else { return }
                let decided = Set(approval.decisions.map(\.userId))
                let waiting = try await s.approvers(of: approval).filter { !decided.contains($0.id) }
                try await notifier.send(.reminder(approval), about: subject.notification, to: waiting, in: s, at: now)
                approval.remindedAt = now
                try await s.updateApproval(approval)
            }
        }
    }
}
