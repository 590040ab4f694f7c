import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// The approval UI: my tasks, the approval page (reasons, derogations against the standard, decision, reassignment)
/// and the legal queue. Writes go through `ApprovalWorkflow`, as the API's do.
struct ApprovalWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }
    var workflow: ApprovalWorkflow { ApprovalWorkflow(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("tasks", use: tasks)
        router.post("inbox/:id/read", use: markRead)
        router.get("approvals/:id", use: approval)
        router.post("approvals/:id/decision", use: decide)
        router.post("approvals/:id/reassign", use: reassign)
        router.get("queue", use: queue)
    }

    @Sendable func tasks(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let (pending, contracts, suppliers, inbox) = try await services.database.read { s in
            let rows = try await s.openApprovals(candidateFor: user, status: .pending, after: nil, limit: 200)
                .filter { !ApprovalChain.approvers(of: $0, among: [user]).isEmpty }
            return (rows, try await s.contracts(ids: rows.compactMap(\.contractId)), try await s.supplierRequests(ids: rows.compactMap(\.subject.supplierRequestId)),
                    try await s.inbox(of: user.id, unreadOnly: false, before: nil, limit: 30))
        }
        let l = try await web.named(context)
        return web.layout(context).page(l.t("Mes tâches", "My tasks"),
                                        TasksPage(l: l).body(.init(pending: pending, contracts: contracts, suppliers: suppliers, inbox: inbox,
                                                                      csrf: context.token?.csrfToken)))
    }

    @Sendable func markRead(_ request: Request, context: AppContext) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        if let id = context.parameters.get("id").flatMap(InboxItem.ID.init) {
            do { try await OperationsWorkflow(services: services).markRead(id, of: user) } catch DomainError.notFound {}
        }
        return .redirect("/tasks")
    }

    @Sendable func approval(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let notice: String? = switch request.uri.queryParameters.get("done") {
        case "approve": web.l(context).t("Validation enregistrée.", "Approval recorded.")
        case "reject": web.l(context).t("Refus enregistré : le contrat revient en brouillon.", "Rejection recorded: the contract is back in draft.")
        case "reassign": web.l(context).t("Étape confiée à votre collègue.", "Step handed to your colleague.")
        default: nil
        }
        return try await render(context, user: user, notice: notice, error: nil, fieldErrors: [], status: .ok)
    }

    func render(_ context: AppContext, user: User, notice: String?, error: String?, fieldErrors: [FieldError], comment: String = "",
                status: HTTPResponse.Status) async throws -> Response {
        let l = try await web.named(context, variables: true)
        guard let id = context.parameters.get("id").flatMap(Approval.ID.init), let view = try await load(id, for: user) else {
            let message = l.t("Validation introuvable.", "No such approval.")
            return web.alert(context, message, status: .notFound)
        }
        return web.layout(context).page(l.t("Validation", "Approval") + " · " + view.subjectLabel,
                                        ApprovalPage(l: l).body(.init(view: view, notice: notice, error: error, fieldErrors: fieldErrors, comment: comment,
                                                                csrf: context.token?.csrfToken)),
                                        status: status)
    }

    /// Everything the approval page shows, for those the workflow's sight rule lets see the step.
    func load(_ id: Approval.ID, for user: User) async throws -> ApprovalView? {
        let listed: ApprovalWorkflow.Listed
        do { listed = try await workflow.approval(id, for: user) } catch DomainError.notFound { return nil }
        let (approval, contract, supplier) = (listed.approval, listed.contract, listed.supplier)
        return try await services.database.read { s -> ApprovalView? in
            let approvers = try await s.approvers(of: approval)
            let steps = try await s.approvals(ofRequest: approval.requestId)
            let people = try await s.users(after: nil, limit: 1000)
            var derogations: [ApprovalView.Derogation] = []
            let clauses = if let contract { try await s.clauses(of: contract.id) } else { [StoredClause]() }
            for stored in clauses where stored.instance.isDerogation {
                let c = stored.instance
                let library = try await s.clause(c.key, version: c.clauseVersion)
                let proposed = c.variant == .custom ? c.text : library?.alternatives.first { $0.key == c.variant.name }?.body ?? c.text
                derogations.append(.init(clause: c, standard: library?.body, proposed: proposed))
            }
            let colleagues = approval.step.mode == .any && (approval.status == .pending || approval.status == .waiting)
                ? people.filter { ApprovalChain.canReassign(approval, from: user, to: $0) } : []
            return ApprovalView(approval: approval, contract: contract, supplier: supplier, steps: steps, approvers: approvers,
                                people: Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }), derogations: derogations,
                                refusal: ApprovalChain.checkDecision(by: user, on: approval, approvers: approvers),
                                colleagues: approvers.contains { $0.id == user.id } ? colleagues : [])
        }
    }

    @Sendable func decide(_ request: Request, context: AppContext) async throws -> Response {
        // 4,000 characters of comment may take 12 bytes each once form-encoded.
        let (user, form) = try await web.sessionForm(request, context, limit: 65_536)
        guard let id = context.parameters.get("id").flatMap(Approval.ID.init) else { return try await render(context, user: user, notice: nil, error: nil, fieldErrors: [], status: .notFound) }
        let decision = ApprovalDecisionKind(rawValue: form["decision"] ?? "")
        do {
            guard let decision else { throw ValidationFailure([FieldError("decision", "must be approve or reject")]) }
            _ = try await workflow.decide(id, decision: decision, comment: form["comment"], by: user, actor: try context.actor(userAgent: request.userAgent))
            return .redirect("/approvals/\(id)?done=\(decision.rawValue)")
        } catch let failure as ValidationFailure {
            return try await render(context, user: user, notice: nil, error: nil, fieldErrors: failure.errors, comment: form["comment"] ?? "",
                                    status: .unprocessableContent)
        } catch let error where Problem.refusal(error) != nil {
            let problem = Problem.refusal(error)!
            return try await render(context, user: user, notice: nil, error: refusal(problem, context, decided: true), fieldErrors: [], status: .init(code: problem.status))
        }
    }

    @Sendable func reassign(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 4096)
        guard let id = context.parameters.get("id").flatMap(Approval.ID.init) else { return try await render(context, user: user, notice: nil, error: nil, fieldErrors: [], status: .notFound) }
        do {
            guard let target = form["userId"].flatMap(User.ID.init) else { throw ValidationFailure([FieldError("userId", "choose a colleague")]) }
            _ = try await workflow.reassign(id, to: target, by: user, actor: try context.actor(userAgent: request.userAgent))
            return .redirect("/approvals/\(id)?done=reassign")
        } catch let failure as ValidationFailure {
            return try await render(context, user: user, notice: nil, error: failure.errors.map(web.l(context).fieldMessage).joined(separator: "; "), fieldErrors: [],
                                    status: .unprocessableContent)
        } catch let error where Problem.refusal(error) != nil {
            let problem = Problem.refusal(error)!
            return try await render(context, user: user, notice: nil, error: refusal(problem, context, decided: false), fieldErrors: [], status: .init(code: problem.status))
        }
    }

    /// A refused decision or hand-over in words: the step changed meanwhile, or the reader may not act on it.
    func refusal(_ problem: Problem, _ context: AppContext, decided: Bool) -> String {
        let l = web.l(context)
        return ErrorPage(l: l).message(problem) ?? (decided
            ? l.t("Vous ne pouvez pas décider cette étape : elle attend un autre validateur.", "You cannot decide this step: it waits for another approver.")
            : l.t("Vous ne pouvez pas confier cette étape.", "You cannot hand this step over."))
    }

    @Sendable func queue(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let l = web.l(context)
        guard user.managesApprovals else {
            let message = l.t("La file juridique est réservée au service juridique.", "The legal queue is for the legal team.")
            return web.alert(context, message, status: .forbidden)
        }
        let entries = try await ApprovalWorkflow(services: services).legalQueue(by: .user(user))
        return web.layout(context).page(l.t("File juridique", "Legal queue"), QueuePage(l: try await web.named(context)).body(.init(entries: entries)))
    }
}

struct ApprovalView: Sendable {
    struct Derogation: Sendable {
        var clause: ClauseInstance
        var standard: String?
        var proposed: String
    }

    var approval: Approval
    var contract: Contract?
    var supplier: SupplierRequest?
    var steps: [Approval]
    var approvers: [User]
    var people: [User.ID: User]
    var derogations: [Derogation]
    /// Why the viewer may not decide, or nil when they may.
    var refusal: DecisionRefusal?
    var colleagues: [User]

    var subjectLabel: String {
        contract.map { "\($0.reference) — \($0.title)" } ?? supplier?.supplierName ?? "—"
    }

    func name(_ id: User.ID?) -> String {
        id.flatMap { people[$0]?.name } ?? "—"
    }
}
