import Foundation
import Hummingbird
import ParapheCore
import ParapheServices
import Plot

/// The form under a list or a report that saves what it shows under a name.
struct SavedViewForm {
    let l: L10n

    /// Paging and the format asked for are not part of a view.
    static let transient: Set<String> = ["cursor", "after", "format", "done"]

    static func query(of request: Request) -> String {
        (request.uri.query ?? "").split(separator: "&").filter { pair in
            !transient.contains(String(pair.split(separator: "=", maxSplits: 1).first ?? ""))
        }.joined(separator: "&")
    }

    func body(path: String, query: String, csrf: String?) -> Node<HTML.BodyContext> {
        E("form", ["method": "post", "action": "/saved-views", "class": "save-view filters", "aria-label": l.t("Enregistrer cette vue", "Save this view")], [
            V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
            V("input", ["type": "hidden", "name": "path", "value": path]),
            V("input", ["type": "hidden", "name": "query", "value": query]),
            E("label", ["for": "view-name", "class": "inline"], text: l.t("Enregistrer cette vue sous le nom ", "Save this view as ")),
            V("input", ["type": "text", "id": "view-name", "name": "name", "maxlength": "100", "required": "",
                        "placeholder": l.t("p. ex. Clients à ne pas citer", "e.g. Customers not to cite")]),
            E("button", ["type": "submit", "class": "secondary"], text: l.t("Enregistrer", "Save")),
        ])
    }
}

/// *Mes vues*: the views a person saved, each a link, each deletable after a confirmation.
struct SavedViewsPage {
    let l: L10n

    struct Model {
        var views: [SavedView]
        var csrf: String?
        var errors: [FieldError]
        /// The refused view, to try again.
        var retry: (name: String, path: String, query: String)?
    }

    func pageName(_ path: String) -> String {
        switch path {
        case "/contracts": l.t("Contrats", "Contracts")
        case "/reports/derogations": l.t("Dérogations", "Derogations")
        case "/reports/derogations/items": l.t("Dérogations, le détail", "Derogations, one by one")
        case "/reports/renewals": l.t("Renouvellements", "Renewals")
        case "/reports/contracts": l.t("Activité contractuelle", "Contract activity")
        case "/reports/obligations": l.t("Engagements", "Commitments")
        default: path
        }
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Mes vues", "My views")),
            E("p", ["class": "muted"], text: l.t("Les filtres enregistrés depuis la liste des contrats et les tableaux de bord, sous le nom choisi.",
                                                 "Filters saved from the contract list and the dashboards, under the name chosen.")),
            l.errorSummary(model.errors, label: { ["name": l.t("Nom", "Name"), "path": l.t("Page", "Page"), "query": l.t("Filtres", "Filters")][$0] }),
        ]
        if let retry = model.retry, SavedView.pages.contains(retry.path) {
            content.append(SavedViewForm(l: l).body(path: retry.path, query: retry.query, csrf: model.csrf))
        }
        guard !model.views.isEmpty else {
            content.append(E("div", ["class": "empty"], [
                E("p", [:], [E("strong", [:], text: l.t("Aucune vue enregistrée.", "No saved view yet."))]),
                E("p", ["class": "muted"], text: l.t("Filtrez une liste ou un tableau de bord, puis enregistrez la vue en bas de page.",
                                                     "Filter a list or a dashboard, then save the view at the bottom of the page.")),
            ]))
            return content
        }
        content.append(E("table", ["class": "responsive", "id": "views"], [
            E("caption", ["class": "visually-hidden"], text: l.t("Mes vues", "My views")),
            E("thead", [:], [E("tr", [:], [l.t("Nom", "Name"), l.t("Page", "Page"), l.t("Enregistrée le", "Saved on"), ""].map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], model.views.map { view in
                E("tr", [:], [
                    E("td", [:], [E("a", ["href": view.link], text: view.name)]),
                    E("td", [:], text: pageName(view.path)),
                    E("td", [:], text: l.time(view.createdAt)),
                    E("td", [:], [E("form", ["method": "post", "action": "/saved-views/\(view.id)/delete"], [
                        V("input", ["type": "hidden", "name": "_csrf", "value": model.csrf ?? ""]),
                        E("button", ["type": "submit", "class": "secondary", "data-confirm": l.t("Supprimer la vue « \(view.name) » ?", "Delete the view “\(view.name)”?")],
                          text: l.t("Supprimer", "Delete")),
                    ])]),
                ])
            }),
        ]))
        return content
    }
}

struct SavedViewWebRoutes {
    let web: WebRoutes

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("saved-views", use: list)
        router.post("saved-views", use: save)
        router.post("saved-views/:id/delete", use: delete)
    }

    func render(_ context: AppContext, user: User, errors: [FieldError] = [], retry: (String, String, String)? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = L10n(context)
        let views = try await SavedViewWorkflow(services: web.services).list(after: nil, limit: SavedView.maxPerUser, by: .user(user))
        return web.layout(context).page(l.t("Mes vues", "My views"), SavedViewsPage(l: l).body(.init(
            views: views, csrf: context.token?.csrfToken, errors: errors, retry: retry)), status: status)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try await render(context, user: try web.sessionUser(request, context))
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 16_384)
        let (name, path, query) = (form["name"] ?? "", form["path"] ?? "", form["query"] ?? "")
        do {
            let view = try await SavedViewWorkflow(services: web.services).create(name: name, path: path, query: query, by: .user(user))
            return .redirect(view.link + (view.query.isEmpty ? "?" : "&") + "done=view-saved")
        } catch let failure as ValidationFailure {
            return try await render(context, user: user, errors: failure.errors, retry: (name, path, query), status: .unprocessableContent)
        }
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        let id: SavedView.ID = try context.requireID("id")
        do {
            try await SavedViewWorkflow(services: web.services).delete(id, by: .user(user))
        } catch DomainError.notFound {
            return web.alert(context, L10n(context).t("Cette vue n'existe plus.", "This view no longer exists."), status: .notFound)
        }
        return .redirect("/saved-views?done=view-deleted")
    }
}
