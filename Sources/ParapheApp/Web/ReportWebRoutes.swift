import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices
import Plot

/// *Pilotage*: the derogation dashboard and its drill-down. Every link is a bookmark: the filter lives in the address.
struct ReportWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("reports/derogations", use: derogations)
        router.get("reports/derogations/items", use: items)
        router.get("reports/renewals", use: renewals)
        router.get("reports/contracts", use: contracts)
    }

    /// The contract report over the contracts the user may see; a bad filter is said on the page, field by field.
    @Sendable func contracts(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let l = try await web.named(context)
        let title = l.t("Activité contractuelle", "Contract activity")
        let grouping: ContractGrouping, filter: ContractReportFilter
        do {
            (grouping, filter) = try ReportRoutes.contractFilter(request)
        } catch let problem as Problem {
            return web.layout(context).page(title, ContractReportPage(l: l).body(.init(
                grouping: .type, filter: ContractReportFilter(), report: nil, errors: problem.errors ?? [])), status: .unprocessableContent)
        }
        let report = try await ReportWorkflow(services: services).contracts(by: grouping, filter, by: .user(user))
        if CSVDownload.wanted(request) { return ContractReportPresentation(language: l.language, vocabulary: l.vocabulary).csvResponse(report) }
        return web.layout(context).page(title, ContractReportPage(l: l).body(.init(grouping: grouping, filter: filter, report: report, errors: []))
            + saveForm(request, context, l))
    }

    /// The renewal calendar of the contracts the user may see: everyone's for legal, finance and admins, their own for sales.
    @Sendable func renewals(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let l = try await web.named(context)
        let within = (try? RenewalRoutes.within(request)) ?? 90
        let workflow = RenewalWorkflow(services: services)
        if CSVDownload.wanted(request) {
            return RenewalPresentation(language: l.language, today: Day(services.clock())).csv(within: within, workflow: workflow, caller: .user(user))
        }
        let after = request.uri.queryParameters.get("after").flatMap { text -> (String, String)? in
            let parts = text.split(separator: "~")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        let calendar = try await workflow.calendar(within: within, after: after, limit: 100, by: .user(user))
        let next = calendar.next.map { "/reports/renewals?within=\(within)&after=\($0.date)~\($0.id)" }
        return web.layout(context).page(l.t("Renouvellements", "Renewals"), RenewalCalendarPage(l: l).body(.init(within: within, calendar: calendar, next: next))
            + saveForm(request, context, l))
    }

    /// The form that saves the page at hand, its filters included, as one of the user's views.
    func saveForm(_ request: Request, _ context: AppContext, _ l: L10n) -> [Node<HTML.BodyContext>] {
        [SavedViewForm(l: l).body(path: request.uri.path, query: SavedViewForm.query(of: request), csrf: context.token?.csrfToken)]
    }

    /// The page's filter, or the page saying which field is wrong.
    func filter(_ request: Request) -> Result<DerogationFilter, ValidationFailure> {
        let params = request.uri.queryParameters
        // The page's form sends one `phase` per box ticked; a shared link carries them as `status`.
        let phases = params.getAll("phase").joined(separator: ",")
        return DerogationFilter.parse { name in
            if name == "status", params.get("status") == nil, !phases.isEmpty { return phases }
            return params.get(name).map { $0.replacingOccurrences(of: "+", with: " ") }
        }
    }

    /// The workflow says who may read reports; the page only words the refusal.
    func refused(_ request: Request, context: AppContext) throws -> (User, Response?) {
        let user = try web.sessionUser(request, context)
        do { _ = try ReportWorkflow(services: services).reader(.user(user)) } catch DomainError.forbidden {
            let l = L10n(context)
            return (user, web.alert(context, l.t("Les tableaux de bord couvrent tous les contrats : ils sont réservés au juridique, à la finance et aux administrateurs.",
                                                 "Dashboards cover every contract: they are for legal, finance and admins."), status: .forbidden))
        }
        return (user, nil)
    }

    @Sendable func derogations(_ request: Request, context: AppContext) async throws -> Response {
        let (user, refusal) = try refused(request, context: context)
        if let refusal { return refusal }
        let l = try await web.named(context)
        let grouping = DerogationGrouping(rawValue: request.uri.queryParameters.get("groupBy") ?? "") ?? .category
        let filter: DerogationFilter
        switch self.filter(request) {
        case .success(let f): filter = f
        case .failure(let failure):
            return web.layout(context).page(l.t("Dérogations", "Derogations"), DerogationDashboardPage(l: l).body(.init(
                grouping: grouping, filter: DerogationFilter(), report: nil, questions: [], errors: failure.errors)), status: .unprocessableContent)
        }
        let workflow = ReportWorkflow(services: services)
        let report = try await workflow.derogations(by: grouping, filter, by: .user(user))
        let presentation = DerogationPresentation(language: l.language, vocabulary: l.vocabulary)
        if CSVDownload.wanted(request) { return presentation.groupsCSV(report) }
        let questions = try await workflow.derogationAlternatives(by: .user(user))
        return web.layout(context).page(l.t("Dérogations", "Derogations"), DerogationDashboardPage(l: l).body(.init(
            grouping: grouping, filter: filter, report: report, questions: questions, errors: [])) + saveForm(request, context, l))
    }

    @Sendable func items(_ request: Request, context: AppContext) async throws -> Response {
        let (user, refusal) = try refused(request, context: context)
        if let refusal { return refusal }
        let l = try await web.named(context)
        guard case .success(let filter) = self.filter(request) else {
            return web.alert(context, l.t("Ce lien de tableau de bord n'est pas valide.", "This dashboard link is not valid."), status: .unprocessableContent)
        }
        let workflow = ReportWorkflow(services: services)
        if CSVDownload.wanted(request) {
            return try DerogationPresentation(language: l.language, vocabulary: l.vocabulary).itemsCSV(filter, workflow: workflow, caller: .user(user))
        }
        let cursor = request.uri.queryParameters.get("after").flatMap { text -> (String, Int)? in
            let parts = text.split(separator: "~")
            guard parts.count == 2, let position = Int(parts[1]) else { return nil }
            return (String(parts[0]), position)
        }
        let rows = try await workflow.derogationItems(filter, after: cursor, limit: DerogationItemsPage.pageSize + 1, by: .user(user))
        let totals = try await workflow.derogationTotals(filter, by: .user(user))
        return web.layout(context).page(l.t("Dérogations", "Derogations"), DerogationItemsPage(l: l).body(.init(
            filter: filter, items: Array(rows.prefix(DerogationItemsPage.pageSize)), more: rows.count > DerogationItemsPage.pageSize,
            derogations: totals.derogations, contracts: totals.contracts)) + saveForm(request, context, l))
    }
}
