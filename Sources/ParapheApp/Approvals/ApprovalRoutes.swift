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
        var errors = [FieldError]()
        let statusText = params.get("status") ?? "pending"
        let status = Approval.Status(rawValue: statusText)
        if status == nil {
            errors.append(FieldError("status", "must be one of \(Approval.Status.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let assigneeText = params.get("assignee") ?? "me"
        let assignee = assigneeText == "me" ? user.id : User.ID(assigneeText)
        if assignee == nil { errors.append(FieldError("assignee", "must be me or a user id")) }
        guard errors.isEmpty, let status, let assignee else { throw ValidationFailure(errors) }
        let (items, next) = try await workflow.tasks(of: assignee, status: status, after: try page.decodeCursor(String.self), limit: page.limit, by: user)
        return JSON(Page(items: items.map(ApprovalDTO.init), nextCursor: next.map(PageRequest.encodeCursor)))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<ApprovalDTO> {
        JSON(ApprovalDTO(try await workflow.approval(try context.requireID("id"), for: try context.requireUser())))
    }

    @Sendable func decide(_ request: Request, context: AppContext) async throws -> JSON<ApprovalDTO> {
        let user = try context.requireUser()
        let id: Approval.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(DecisionInput.self, context: context, limit: 65_536)
        guard let text = input.decision, let decision = ApprovalDecisionKind(rawValue: text) else {
            throw ValidationFailure([FieldError("decision", "must be approve or reject")])
        }
        let approval = try await workflow.decide(id, decision: decision, comment: input.comment, by: user,
                                                 actor: try context.actor(userAgent: request.userAgent))
        return JSON(ApprovalDTO(try await workflow.listed(approval, for: user)))
    }

    @Sendable func reassign(_ request: Request, context: AppContext) async throws -> JSON<ApprovalDTO> {
        let user = try context.requireUser()
        let id: Approval.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(ReassignInput.self, context: context, limit: 4096)
        guard let target = input.userId.flatMap(User.ID.init) else { throw ValidationFailure([FieldError("userId", "must be a user id (UUID)")]) }
        let approval = try await workflow.reassign(id, to: target, by: user, actor: try context.actor(userAgent: request.userAgent))
        return JSON(ApprovalDTO(try await workflow.listed(approval, for: user)))
    }

    /// Contracts waiting on legal, highest priority first, each with its score's parts.
    @Sendable func legalQueue(_ request: Request, context: AppContext) async throws -> JSON<Page<QueueEntryDTO>> {
        let caller = try context.caller()
        let page = try PageRequest(request)
        let offset = try page.decodeCursor(Int.self) ?? 0
        let entries = try await workflow.legalQueue(by: caller)
        guard (0...entries.count).contains(offset) else { throw ValidationFailure([FieldError("cursor", "is not a cursor this API returned")]) }
        let shown = entries.dropFirst(offset).prefix(page.limit).map(QueueEntryDTO.init)
        return JSON(Page(items: shown, nextCursor: offset + page.limit < entries.count ? PageRequest.encodeCursor(offset + page.limit) : nil))
    }
}
