import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The commitments register's pages: the register, one commitment with its history, its change of status, and the
/// commitment legal adds by hand from a contract's page.
struct ObligationWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }
    var workflow: ObligationWorkflow { ObligationWorkflow(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("reports/obligations", use: registerPage)
        router.get("obligations/:id", use: detail)
        router.post("obligations/:id", use: change)
        router.post("contracts/:id/obligations", use: add)
    }

    @Sendable func registerPage(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let l = try await web.named(context)
        let title = l.t("Engagements", "Commitments")
        let today = Day(services.clock())
        let query: ObligationQuery
        do {
            query = try ObligationRoutes.parseQuery(request.uri.queryParameters)
        } catch let problem as Problem {
            return web.layout(context).page(title, ObligationRegisterPage(l: l).body(.init(query: ObligationQuery(visibility: .all), entries: [], today: today,
                                                                                           errors: problem.errors ?? [])), status: .unprocessableContent)
        }
        if CSVDownload.wanted(request) { return ObligationPresentation(language: l.language, today: today).csv(query, workflow: workflow, caller: .user(user)) }
        let after = try? PageRequest(request).decodeCursor(ObligationRoutes.Cursor.self)
        let rows = try await workflow.register(query, after: after?.position, limit: 101, by: .user(user))
        let entries = Array(rows.prefix(100))
        let next = rows.count > 100 ? entries.last.map { ObligationRegisterPage.link(query, after: PageRequest.encodeCursor(ObligationRoutes.Cursor($0))) } : nil
        return web.layout(context).page(title, ObligationRegisterPage(l: l).body(.init(query: query, entries: entries, today: today, next: next))
            + ReportWebRoutes(web: web).saveForm(request, context, l))
    }

    @Sendable func detail(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        return try await page(try context.requireID("id"), for: user, context)
    }

    func page(_ id: Obligation.ID, for user: User, _ context: AppContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = try await web.named(context)
        do {
            let detail = try await workflow.detail(id, by: .user(user))
            let people = try await services.database.read { ContractWorkflow.names(of: try await ContractWorkflow.colleagues(in: $0)) }
            return web.layout(context).page(l.t("Engagement", "Commitment"), ObligationDetailPage(l: l).body(.init(
                detail: detail, today: Day(services.clock()), people: people, csrf: context.token?.csrfToken, error: error)), status: status)
        } catch DomainError.notFound {
            return web.alert(context, l(.notFound), status: .notFound)
        }
    }

    @Sendable func change(_ request: Request, context: AppContext) async throws -> Response {
        let id: Obligation.ID = try context.requireID("id")
        let (user, form) = try await web.sessionForm(request, context, limit: 16_384)
        let l = web.l(context)
        guard let status = form["status"].flatMap(ObligationStatus.init(rawValue:)) else {
            return try await page(id, for: user, context, error: l.t("Choisissez un statut dans la liste.", "Choose a status from the list."), status: .unprocessableContent)
        }
        do {
            _ = try await workflow.change(id, to: status, note: form.value("note"), by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        } catch let failure as ValidationFailure {
            return try await page(id, for: user, context, error: failure.errors.map(l.fieldMessage).joined(separator: " "), status: .unprocessableContent)
        } catch DomainError.conflict {
            return try await page(id, for: user, context, error: l.t("Cet engagement ne peut plus prendre ce statut : rechargez la page.",
                                                                     "This commitment can no longer take that status: reload the page."), status: .conflict)
        } catch DomainError.forbidden {
            return try await page(id, for: user, context, error: l.t("Seuls le juridique et le responsable de l'engagement peuvent le mettre à jour.",
                                                                     "Only legal and the commitment's owner may update it."), status: .forbidden)
        }
        return .redirect("/obligations/\(id)?done=obligation-saved")
    }

    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await web.sessionForm(request, context, limit: 16_384)
        let l = web.l(context)
        do {
            let manual = try ManualObligation.parse(wording: form.value("wording"), owedBy: form["owedBy"], ownerRole: form["ownerRole"],
                                                     dueOn: form["dueOn"], every: form["every"])
            _ = try await workflow.add(manual, to: id, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        } catch let failure as ValidationFailure {
            let message = failure.errors.map { Self.fieldName($0.field, l) + " : " + l.fieldMessage($0) }.joined(separator: " ")
            return try await web.contractPage(id, for: user, context, obligationError: message, status: .unprocessableContent)
        } catch DomainError.forbidden {
            return try await web.contractPage(id, for: user, context, obligationError: l.t("Seul le juridique ajoute des engagements à la main.",
                                                                                           "Only legal adds commitments by hand."), status: .forbidden)
        } catch DomainError.conflict {
            return try await web.contractPage(id, for: user, context, obligationError: l.t(
                "Impossible d'ajouter cet engagement maintenant : le contrat est annulé, ou ses données ne correspondent plus à son historique.",
                "This commitment cannot be added now: the contract was cancelled, or its data no longer match its trail."), status: .conflict)
        }
        return .redirect("/contracts/\(id)?done=obligation-added#obligations")
    }

    static func fieldName(_ field: String, _ l: L10n) -> String {
        switch field {
        case "wording": l.t("Engagement", "Commitment")
        case "owedBy": l.t("Dû par", "Owed by")
        case "ownerRole": l.t("Responsable", "Owner")
        case "dueOn": l.t("Échéance", "Due on")
        case "every": l.t("Récurrence", "Recurrence")
        default: field
        }
    }
}
