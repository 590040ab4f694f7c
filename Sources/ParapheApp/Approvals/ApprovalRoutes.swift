import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/approvals` (my tasks, decisions, reassignment) and `/api/v1/queue/legal`.
struct ApprovalRoutes {
    let services: AppServices

    var workflow: ApprovalWorkflow { ApprovalWorkflow(services: services) }

    struct DecisionInput: Decodable, Sendable {
        var decision: String?
        var comment: String?
    }

    struct ReassignInput: Decodable, Sendable {
        var userId: String?
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("approvals", use: list)
        api.get("approvals/:id", use: show)
        api.post("approvals/:id/decision", use: decide)
        api.post("approvals/:id/reassign", use: reassign)
        api.get("queue/legal", use: legalQueue)
    }

    /// Steps the caller (or, for an admin, the named user) may decide, with the given status, oldest first.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<ApprovalDTO>> {
        let user = try context.requireUser()
        let params = request.uri.queryParameters
        let page = try PageRequest(request)
        let after = try page.decodeCursor(String.self)
        var errors = [FieldError]()
        let statusText = params.get("status") ?? "pending"
        let status = Approval.Status(rawValue: statusText)
        if status == nil {
            errors.append(FieldError("status", "must be one of \(Approval.Status.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let assigneeText = params.get("assignee") ?? "me"
        let assigneeId = assigneeText == "me" ? user.id : User.ID(assigneeText)
        if assigneeId == nil { errors.append(FieldError("assignee", "must be me or a user id")) }
        guard errors.isEmpty, let status, let assigneeId else { throw ValidationFailure(errors) }
        if assigneeId != user.id, !user.has(.admin) { throw Problem.forbidden("only an admin may list someone else's approvals") }
        let result = try await services.database.read { s -> Page<ApprovalDTO> in
            guard let assignee = assigneeId == user.id ? user : try await s.user(assigneeId) else {
                throw ValidationFailure([FieldError("assignee", "no user with this id")])
            }
            let rows = try await s.openApprovals(candidateFor: assignee, status: status, after: after, limit: page.limit + 1)
            // The query narrows by role and name; the rule (assignee, requester, activity) decides.
            let examined = rows.prefix(page.limit)
            let mine = examined.filter { !ApprovalChain.approvers(of: $0, among: [assignee]).isEmpty }
            let contracts = try await s.contracts(ids: mine.compactMap(\.contractId))
            let suppliers = try await s.supplierRequests(ids: mine.compactMap(\.subject.supplierRequestId))
            return Page(items: mine.map { a in
                            ApprovalDTO(a, contract: a.contractId.flatMap { contracts[$0] }, supplier: a.subject.supplierRequestId.flatMap { suppliers[$0] })
                        },
                        nextCursor: rows.count > page.limit ? examined.last.map { PageRequest.encodeCursor($0.id.description) } : nil)
        }
        return JSON(result)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<ApprovalDTO> {
        let user = try context.requireUser()
        let id: Approval.ID = try context.requireID("id")
        let contracts = ContractWorkflow(services: services)
        return JSON(try await services.database.read { s in
            guard let approval = try await s.approval(id) else { throw Problem.notFound("no approval with this id") }
            let concerned = !ApprovalChain.approvers(of: approval, among: [user]).isEmpty || approval.requestedBy == user.id
            switch approval.subject {
            case .contract(let contractId):
                let contract = concerned ? try await s.contract(contractId) : try await contracts.visible(contractId, to: user, in: s).0
                return ApprovalDTO(approval, contract: contract)
            case .supplierRequest(let requestId):
                guard concerned || SupplierRequest.isVisible(to: user, requestedBy: approval.requestedBy) else {
                    throw Problem.notFound("no approval with this id")
                }
                return ApprovalDTO(approval, contract: nil, supplier: try await s.supplierRequest(requestId))
            }
        })
    }

    @Sendable func decide(_ request: Request, context: AppContext) async throws -> JSON<ApprovalDTO> {
        let user = try context.requireUser()
        let id: Approval.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(DecisionInput.self, context: context, limit: 16_384)
        guard let text = input.decision, let decision = ApprovalDecisionKind(rawValue: text) else {
            throw ValidationFailure([FieldError("decision", "must be approve or reject")])
        }
        let approval = try await workflow.decide(id, decision: decision, comment: input.comment, by: user,
                                                 actor: try context.actor(userAgent: request.userAgent))
        return JSON(try await dto(approval))
    }

    @Sendable func reassign(_ request: Request, context: AppContext) async throws -> JSON<ApprovalDTO> {
        let user = try context.requireUser()
        let id: Approval.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(ReassignInput.self, context: context, limit: 4096)
        guard let target = input.userId.flatMap(User.ID.init) else { throw ValidationFailure([FieldError("userId", "must be a user id (UUID)")]) }
        let approval = try await workflow.reassign(id, to: target, by: user, actor: try context.actor(userAgent: request.userAgent))
        return JSON(try await dto(approval))
    }

    func dto(_ approval: Approval) async throws -> ApprovalDTO {
        try await services.database.read { s in
            switch approval.subject {
            case .contract(let id): ApprovalDTO(approval, contract: try await s.contract(id))
            case .supplierRequest(let id): ApprovalDTO(approval, contract: nil, supplier: try await s.supplierRequest(id))
            }
        }
    }

    /// Contracts waiting on legal, highest priority first, each with its score's parts.
    @Sendable func legalQueue(_ request: Request, context: AppContext) async throws -> JSON<Page<QueueEntryDTO>> {
        _ = try context.requireRole(.legal, .admin)
        let page = try PageRequest(request)
        let offset = try page.decodeCursor(Int.self) ?? 0
        let now = services.clock()
        let entries = try await services.database.read { s in try await Self.queue(in: s, now: now) }
        guard (0...entries.count).contains(offset) else { throw Problem.validation([FieldError("cursor", "is not a cursor this API returned")]) }
        let shown = Array(entries.dropFirst(offset).prefix(page.limit))
        return JSON(Page(items: shown, nextCursor: offset + page.limit < entries.count ? PageRequest.encodeCursor(offset + page.limit) : nil))
    }

    /// The queue is ranked as a whole: a score depends on today, so it cannot be an index. Legal's open steps are
    /// few (hundreds), and are read in one pass.
    static func queue(in s: Session, now: Date) async throws -> [QueueEntryDTO] {
        var firstStep = [Contract.ID: Approval]()
        for approval in try await s.pendingContractApprovals(role: .legal, limit: 5000) {
            if let contract = approval.contractId, firstStep[contract] == nil { firstStep[contract] = approval }
        }
        let contracts = try await s.contracts(ids: Array(firstStep.keys))
        let clauses = try await s.clauses(of: Array(firstStep.keys))
        return firstStep.values.compactMap { approval -> QueueEntryDTO? in
            guard let c = approval.contractId.flatMap({ contracts[$0] }) else { return nil }
            let deadline = deadline(of: c)
            let waitingSince = approval.activatedAt ?? approval.createdAt
            let score = LegalPriority.score(QueueFacts(amount: c.amount, deadline: deadline,
                                                      derogations: (clauses[c.id] ?? []).map(\.instance).filter(\.isDerogation),
                                                      waitingSince: waitingSince), now: now)
            return QueueEntryDTO(contract: .init(id: c.id.description, reference: c.reference.description, title: c.title, status: c.status),
                                 approvalId: approval.id.description, amount: c.amount, deadline: deadline, waitingSince: waitingSince,
                                 score: score.total, parts: score.parts)
        }
        .sorted { ($0.score, $1.waitingSince, $1.contract.reference) > ($1.score, $0.waitingSince, $0.contract.reference) }
    }

    /// The CRM close date or the date the requester asked for (metadata `closeDate` or `neededBy`), the earlier.
    static func deadline(of c: Contract) -> Day? {
        ["closeDate", "neededBy"].compactMap { key -> Day? in
            if case .string(let text)? = c.metadata[key] { return Day(text) }
            return nil
        }.min()
    }
}
