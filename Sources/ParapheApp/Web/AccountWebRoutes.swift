import Foundation
import Hummingbird
import ParapheCore
import ParapheServices
import Plot

/// *Mon compte*: what a person chooses for themselves, the language of their mails and the time zone their pages
/// show times in. The same change as `PATCH /api/v1/users/{their id}`.
struct AccountWebRoutes {
    let web: WebRoutes

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("account", use: show)
        router.post("account", use: save)
    }

    func render(_ context: AppContext, user: User, form: WebForm, errors: [FieldError], status: HTTPResponse.Status = .ok) -> Response {
        let l = L10n(context)
        return web.layout(context).page(l.t("Mon compte", "My account"),
                                        AccountPage(l: l).body(.init(user: user, form: form, errors: errors, csrf: context.token?.csrfToken)), status: status)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        return render(context, user: user, form: WebForm(fields: ["language": user.language.rawValue, "timeZone": user.timeZone]), errors: [])
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 16_384)
        do {
            let change = UserWorkflow.Change(language: try UserRules.language(from: form["language"] ?? ""),
                                             timeZone: try UserRules.timeZone(from: form["timeZone"] ?? ""))
            let saved = try await UserWorkflow(services: web.services).update(user.id, change, by: .user(user))
            // The pages follow the language chosen for the mails.
            return .redirect("/account?done=account-saved", cookies: [Cookie(name: WebLanguage.cookie, value: saved.language.rawValue, maxAge: 365 * 86400,
                                                                             path: "/", httpOnly: false, sameSite: .lax)])
        } catch let failure as ValidationFailure {
            return render(context, user: user, form: form, errors: failure.errors, status: .unprocessableContent)
        }
    }
}

struct AccountPage {
    let l: L10n

    /// Zones a French company's people work in, Paris first; a zone set through the API that is not here is offered too.
    static let zones: [(id: String, name: Phrase)] = [
        ("Europe/Paris", Phrase("Paris (France métropolitaine)", "Paris (mainland France)")), ("Europe/Brussels", Phrase("Bruxelles", "Brussels")),
        ("Europe/Luxembourg", Phrase("Luxembourg", "Luxembourg")), ("Europe/Zurich", Phrase("Zurich, Genève", "Zurich, Geneva")),
        ("Europe/London", Phrase("Londres", "London")), ("Europe/Madrid", Phrase("Madrid", "Madrid")), ("Europe/Berlin", Phrase("Berlin", "Berlin")),
        ("Africa/Casablanca", Phrase("Casablanca", "Casablanca")), ("Africa/Dakar", Phrase("Dakar", "Dakar")), ("Africa/Abidjan", Phrase("Abidjan", "Abidjan")),
        ("America/Martinique", Phrase("Martinique", "Martinique")), ("America/Guadeloupe", Phrase("Guadeloupe", "Guadeloupe")),
        ("America/Cayenne", Phrase("Guyane", "French Guiana")), ("Indian/Reunion", Phrase("La Réunion", "Réunion")), ("Indian/Mayotte", Phrase("Mayotte", "Mayotte")),
        ("Pacific/Noumea", Phrase("Nouméa", "Nouméa")), ("Pacific/Tahiti", Phrase("Tahiti", "Tahiti")),
        ("America/Montreal", Phrase("Montréal", "Montreal")), ("America/New_York", Phrase("New York", "New York")),
        ("America/Los_Angeles", Phrase("Los Angeles", "Los Angeles")), ("Asia/Dubai", Phrase("Dubaï", "Dubai")),
        ("Asia/Singapore", Phrase("Singapour", "Singapore")), ("Asia/Tokyo", Phrase("Tokyo", "Tokyo")), ("UTC", Phrase("Temps universel (UTC)", "Coordinated Universal Time (UTC)")),
    ]

    struct Model {
        var user: User
        var form: WebForm
        var errors: [FieldError]
        var csrf: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let user = model.user, form = model.form, errors = model.errors, csrf = model.csrf
        let byField = Dictionary(grouping: errors, by: \.field)
        let chosenZone = form["timeZone"] ?? user.timeZone
        var zones = Self.zones.map { ($0.id, $0.name(l.language)) }
        if !zones.contains(where: { $0.0 == chosenZone }) { zones.append((chosenZone, chosenZone)) }
        func field(_ name: String, _ label: String, help: String, _ control: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            E("div", ["class": byField[name] == nil ? "field" : "field invalid"], [E("label", ["for": name], text: label), control,
                                                                                 E("div", ["class": "help"], text: help)]
              + (byField[name] ?? []).map { E("div", ["class": "error", "role": "alert"], text: l.fieldMessage($0)) })
        }
        return [
            E("h1", [:], text: l.t("Mon compte", "My account")),
            E("dl", ["class": "card"], [
                E("dt", [:], text: l.t("Nom", "Name")), E("dd", [:], text: user.name),
                E("dt", [:], text: l(.email)), E("dd", [:], text: user.email),
                E("dt", [:], text: l.t("Rôles", "Roles")), E("dd", [:], text: user.roles.sorted().map(l.role).joined(separator: ", ")),
            ]),
            l.errorSummary(errors, label: { [ "language": l.t("Langue", "Language"), "timeZone": l.t("Fuseau horaire", "Time zone")][$0] }),
            E("form", ["method": "post", "action": "/account", "class": "card", "novalidate": ""], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                field("language", l.t("Langue", "Language"), help: l.t("Celle de vos pages et des e-mails que Paraphe vous envoie.",
                                                                      "The language of your pages and of the mails Paraphe sends you."),
                      E("select", ["id": "language", "name": "language"], [("fr", "Français"), ("en", "English")].map { code, name in
                          E("option", ["value": code, "lang": code, "selected": (form["language"] ?? user.language.rawValue) == code ? "" : nil], text: name)
                      })),
                field("timeZone", l.t("Fuseau horaire", "Time zone"), help: l.t("Les dates et heures des pages s'affichent dans ce fuseau.",
                                                                                "Pages show dates and times in this zone."),
                      E("select", ["id": "timeZone", "name": "timeZone"], zones.map { id, name in
                          E("option", ["value": id, "selected": chosenZone == id ? "" : nil], text: name)
                      })),
                E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l(.save))]),
            ]),
        ]
    }
}
