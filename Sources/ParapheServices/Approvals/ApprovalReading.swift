import Foundation
import ParapheCore
import ParapheStore

/// What the approvers read: their tasks, one step with its subject, and legal's queue ranked by impact.
extension ApprovalWorkflow {
    /// A step with what it is about.
    public struct Listed: Sendable {
        public var approval: Approval
        public var contract: Contract?
        public var supplier: SupplierRequest?
    }

    /// One entry of legal's queue: the contract's first open legal step and its priority, explained.
    public struct QueueEntry: Sendable {
        public var contract: Contract
        public var approval: Approval
        public var deadline: Day?
        public var waitingSince: Date
        public var score: PriorityScore
    }

    /// The steps `assignee` (the caller, or anyone for an admin) may decide, with this status, oldest first; the
    /// cursor is the last step's id, returned when there is more.
    public func tasks(of assignee: User.ID?, status: Approval.Status, after: String?, limit: Int,
                      by user: User) async throws -> (items: [Listed], next: String?) {
        let assigneeId = assignee ?? user.id
        guard assigneeId == user.id || user.has(.admin) else { throw DomainError.forbidden("only an admin may list someone else's approvals") }
        return try await services.database.read { s in
            guard let assignee = assigneeId == user.id ? user : try await s.user(assigneeId) else {
                throw ValidationFailure([FieldError("assignee", "no user with this id")])
            }
            let rows = try await s.openApprovals(candidateFor: assignee, status: status, after: after, limit: limit + 1)
            // The query narrows by role and name; the rule (assignee, requester, activity) decides.
            let examined = rows.prefix(limit)
            let mine = examined.filter { !ApprovalChain.approvers(of: $0, among: [assignee]).isEmpty }
            let contracts = try await s.contracts(ids: mine.compactMap(\.contractId))
            let suppliers = try await s.supplierRequests(ids: mine.compactMap(\.subject.supplierRequestId))
            let items = mine.map { a in
                Listed(approval: a, contract: a.contractId.flatMap { contracts[$0] }, supplier: a.subject.supplierRequestId.flatMap { suppliers[$0] })
            }
            return (items, rows.count > limit ? examined.last?.id.description : nil)
        }
    }

    /// One step, for those it concerns or who see its subject; to anyone else it does not exist.
    public func approval(_ id: Approval.ID, for user: User) async throws -> Listed {
        try await services.database.read { s in
            guard let approval = try await s.approval(id) else { throw DomainError.notFound("no approval with this id") }
            return try await listed(approval, for: user, in: s)
        }
    }

    /// A step just decided or handed over, with its subject: the caller acted on it, so it is theirs to see.
    public func listed(_ approval: Approval, for user: User) async throws -> Listed {
        try await services.database.read { try await listed(approval, for: user, in: $0, checkSight: false) }
    }

    func listed(_ approval: Approval, for user: User, in s: Session, checkSight: Bool = true) async throws -> Listed {
        switch approval.subject {
        case .contract(let contractId):
            guard let contract = try await s.contract(contractId) else { throw DomainError.notFound("no approval with this id") }
            if checkSight { try await requireSight(of: approval, subject: .contract(contract), by: user, in: s) }
            return Listed(approval: approval, contract: contract, supplier: nil)
        case .supplierRequest(let requestId):
            guard let request = try await s.supplierRequest(requestId) else { throw DomainError.notFound("no approval with this id") }
            if checkSight { try await requireSight(of: approval, subject: .supplier(request), by: user, in: s) }
            return Listed(approval: approval, contract: nil, supplier: request)
        }
    }

    /// Contracts waiting on legal, highest priority first. The queue is ranked as a whole: a score depends on today,
    /// so it cannot be an index. Legal's open steps are few (hundreds), and are read in one pass.
    public func legalQueue(by caller: Caller) async throws -> [QueueEntry] {
        guard caller.holds(.legal, .admin) else { throw DomainError.forbidden("the legal queue is for legal and admins") }
        let now = services.clock()
        return try await services.database.read { s in
            var firstStep = [Contract.ID: Approval]()
            for approval in try await s.pendingContractApprovals(role: .legal, limit: 5000) {
                if let contract = approval.contractId, firstStep[contract] == nil { firstStep[contract] = approval }
            }
            let contracts = try await s.contracts(ids: Array(firstStep.keys))
            let clauses = try await s.clauses(of: Array(firstStep.keys))
            return firstStep.values.compactMap { approval -> QueueEntry? in
                guard let c = approval.contractId.flatMap({ contracts[$0] }) else { return nil }
                let deadline = LegalPriority.deadline(of: c)
                let waitingSince = approval.activatedAt ?? approval.createdAt
                let score = LegalPriority.score(QueueFacts(amount: c.amount, deadline: deadline,
                                                          derogations: (clauses[c.id] ?? []).map(\.instance).filter(\.isDerogation),
                                                          waitingSince: waitingSince), now: now)
                return QueueEntry(contract: c, approval: approval, deadline: deadline, waitingSince: waitingSince, score: score)
            }
            .sorted { ($0.score.total, $1.waitingSince, $1.contract.reference.description) > ($1.score.total, $0.waitingSince, $0.contract.reference.description) }
        }
    }
}
