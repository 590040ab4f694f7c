import Foundation
import Hummingbird
import ParapheCore
import ParapheServices
import Plot

/// What a person's home shows besides their work list: their pipeline, their cycle times, the deadlines coming, and for
/// legal the queue and the derogations in force. Each card links to the page that says more.
struct HomeSections: Sendable {
    /// Contracts still being made, per status (a sales rep's own).
    var pipeline: [ContractGroup]?
    /// Cycle times per contract type.
    var cycles: [ContractGroup]
    var deadlines: RenewalWorkflow.Calendar
    var queue: [ApprovalWorkflow.QueueEntry]?
    var derogations: (derogations: Int, contracts: Int)?
    /// The one-click question legal asks most, when the library has a publicity derogation.
    var publicity: String?

    static let deadlineDays = 30

    /// Reads what `user` may see, through the workflows that decide it.
    static func read(for user: User, services: AppServices) async throws -> HomeSections {
        let reports = ReportWorkflow(services: services)
        let caller = Caller.user(user)
        let byType = try await reports.contractGroups(by: .type, ContractReportFilter(), by: caller)
        let deadlines = try await RenewalWorkflow(services: services).calendar(within: deadlineDays, after: nil, limit: 5, by: caller)
        var sections = HomeSections(pipeline: nil, cycles: byType.filter { $0.cycleTime != nil }, deadlines: deadlines)
        if user.canWriteContracts, !user.seesAllContracts {
            let byStatus = try await reports.contractGroups(by: .status, ContractReportFilter(), by: caller)
            sections.pipeline = TimeInState.measured.compactMap { status in byStatus.first { $0.key == status.rawValue } }
        }
        if user.seesAllContracts {
            if caller.holds(.legal, .admin) { sections.queue = try await ApprovalWorkflow(services: services).legalQueue(by: caller) }
            var inForce = DerogationFilter()
            inForce.phases = [.inForce]
            sections.derogations = try await reports.derogationTotals(inForce, by: caller)
            if let (clause, alternative) = try await reports.derogationAlternatives(by: caller).first(where: { $0.alternative.derogationCategory == "publicity" }) {
                var ask = inForce
                ask.alternative = "\(clause.key):\(alternative.key)"
                sections.publicity = DerogationDashboardPage.link("/reports/derogations/items", ask.query)
            }
        }
        return sections
    }
}

struct HomeCards {
    let l: L10n

    func body(_ s: HomeSections) -> Node<HTML.BodyContext> {
        let presentation = ContractReportPresentation(language: l.language, vocabulary: l.vocabulary)
        var cards: [Node<HTML.BodyContext>] = []
        if let queue = s.queue {
            cards.append(card(l.t("File juridique", "Legal queue"), id: "home-queue", [
                E("p", [:], [E("strong", [:], text: queue.isEmpty ? l.t("Rien n'attend le juridique.", "Nothing waits for legal.")
                                                : l.t("\(queue.count) contrat\(queue.count > 1 ? "s" : "") en attente", "\(queue.count) contract\(queue.count == 1 ? "" : "s") waiting"))]),
                E("ul", [:], queue.prefix(5).map { e in
                    E("li", [:], [E("a", ["href": "/approvals/\(e.approval.id)"], text: e.contract.reference.description), T(" — " + e.contract.title)])
                }),
                E("a", ["href": "/queue"], text: l.t("Ouvrir la file", "Open the queue")),
            ]))
        }
        if let pipeline = s.pipeline {
            cards.append(card(l.t("Mon pipeline", "My pipeline"), id: "home-pipeline", pipeline.isEmpty
                ? [E("p", ["class": "muted"], text: l.t("Aucun contrat en cours.", "No contract in progress."))]
                : [E("ul", [:], pipeline.map { g in
                    let status = ContractStatus(rawValue: g.key) ?? .draft
                    return E("li", [:], [E("a", ["href": "/contracts?status=\(g.key)"], text: l.status(status)), T(" : \(g.contracts)")])
                })]))
        }
        if let totals = s.derogations {
            cards.append(card(l.t("Dérogations en vigueur", "Derogations in force"), id: "home-derogations", [
                E("p", [:], [E("strong", [:], text: totals.derogations == 0 ? l.t("Aucune dérogation accordée.", "No derogation granted.")
                    : l.t("\(l.derogationCount(totals.derogations)) dans \(totals.contracts) contrat\(totals.contracts > 1 ? "s" : "")",
                          "\(l.derogationCount(totals.derogations)) in \(totals.contracts) contract\(totals.contracts == 1 ? "" : "s")"))]),
                s.publicity.map { E("p", [:], [E("a", ["href": $0], text: l.t("Qui ne doit pas être cité publiquement ?", "Who must not be cited publicly?"))]) } ?? .group([]),
                E("a", ["href": "/reports/derogations?status=inForce"], text: l.t("Le tableau de bord des dérogations", "The derogation dashboard")),
            ]))
        }
        cards.append(card(l.t("Échéances à \(HomeSections.deadlineDays) jours", "Due in \(HomeSections.deadlineDays) days"), id: "home-deadlines", [
            s.deadlines.entries.isEmpty ? E("p", ["class": "muted"], text: l.t("Aucune échéance.", "Nothing falls due."))
                : E("ul", [:], s.deadlines.entries.map { e in
                    let when = e.noticeDeadline.map { l.t("préavis avant le ", "notice by ") + Formatting.day($0, l.language) }
                        ?? e.endsOn.map { l.t("fin le ", "ends ") + Formatting.day($0, l.language) } ?? ""
                    return E("li", [:], [E("a", ["href": "/contracts/\(e.contractId)#renewal"], text: e.reference), T(" — \(e.title) · \(when)")])
                }),
            E("a", ["href": "/reports/renewals?within=\(HomeSections.deadlineDays)"], text: l.t("Le calendrier", "The calendar")),
        ]))
        cards.append(card(l.t("Cycles de signature", "Time to signature"), id: "home-cycles", s.cycles.isEmpty
            ? [E("p", ["class": "muted"], text: l.t("Aucun contrat signé pour l'instant.", "No contract signed yet."))]
            : [E("ul", [:], s.cycles.prefix(5).map { g in
                E("li", [:], text: presentation.label(g, .type) + l.t(" : médiane ", ": median ") + presentation.days(g.cycleTime!.median)
                    + l.t(", p90 ", ", p90 ") + presentation.days(g.cycleTime!.p90))
            }), E("a", ["href": "/reports/contracts"], text: l.t("L'activité contractuelle", "Contract activity"))]))
        return E("div", ["class": "home-cards"], cards)
    }

    func card(_ title: String, id: String, _ content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        E("section", ["class": "card", "aria-labelledby": id], [E("h2", ["id": id, "style": "margin-top:0"], text: title)] + content)
    }
}

/// *Tableau de bord*: the home of those who see every contract (legal, finance, admins).
struct DashboardWebRoutes {
    let web: WebRoutes

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("dashboard", use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let l = try await web.named(context)
        let sections = try await HomeSections.read(for: user, services: web.services)
        return web.layout(context).page(l.t("Tableau de bord", "Dashboard"), [E("h1", [:], text: l.t("Tableau de bord", "Dashboard")), HomeCards(l: l).body(sections)])
    }
}
