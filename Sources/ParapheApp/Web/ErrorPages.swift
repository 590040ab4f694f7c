import Foundation
import Hummingbird
import ParapheCore
import Plot

/// The 4xx and 5xx pages: in the layout, in the reader's language, saying what happened and the way back. The API's
/// problem detail is for programs; a page says it in words, or shows the message the page's route phrased.
struct ErrorPage {
    let l: L10n

    func title(_ status: Int) -> String {
        switch status {
        case 401: l.t("Connexion requise", "Sign-in required")
        case 403: l.t("Accès refusé", "Access denied")
        case 404, 405: l.t("Page introuvable", "Page not found")
        case 409: l.t("Modifié entre-temps", "Changed in the meantime")
        case 413: l.t("Envoi trop volumineux", "Upload too large")
        case 422, 400: l.t("Demande incomplète", "Incomplete request")
        case 429: l.t("Trop de demandes", "Too many requests")
        case 500...: l.t("Une erreur est survenue", "Something went wrong")
        default: l.t("Demande refusée", "Request refused")
        }
    }

    func explanation(_ status: Int) -> String {
        switch status {
        case 401: l.t("Connectez-vous pour continuer.", "Sign in to continue.")
        case 403: l.t("Votre rôle ne permet pas d'ouvrir cette page. Un administrateur peut vous en donner l'accès.",
                      "Your role does not open this page. An admin can give you access.")
        case 404, 405: l.t("Cette page n'existe pas, ou elle ne vous est pas accessible.", "This page does not exist, or it is not visible to you.")
        case 409: l.t("Quelqu'un a modifié cet élément pendant que vous le regardiez : rechargez la page et recommencez.",
                      "Someone changed this while you were looking at it: reload the page and try again.")
        case 413: l.t("Le fichier ou le formulaire dépasse la taille permise.", "The file or the form is larger than allowed.")
        case 422, 400: l.t("Vérifiez le lien ou le formulaire, puis recommencez.", "Check the link or the form, then try again.")
        case 429: l.t("Patientez un instant, puis recommencez.", "Wait a moment, then try again.")
        case 500...: l.t("Réessayez dans un instant. Si cela se reproduit, l'incident est dans les journaux du serveur : signalez l'heure à votre administrateur.",
                         "Try again in a moment. If it happens again, the incident is in the server's logs: tell your admin the time.")
        default: l.t("Paraphe n'a pas pu traiter cette demande.", "Paraphe could not handle this request.")
        }
    }

    struct Model {
        var status: Int
        var message: String?
        var signedIn: Bool
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let status = model.status, message = model.message, signedIn = model.signedIn
        return [
            E("section", ["class": "card error-page", "role": status >= 500 ? "alert" : nil], [
                E("p", ["class": "muted"], text: l.t("Erreur \(status)", "Error \(status)")),
                E("h1", [:], text: title(status)),
                E("p", [:], text: message ?? explanation(status)),
                E("p", ["class": "actions"], signedIn
                    ? [E("a", ["href": "/contracts", "class": "button"], text: l(.backToList)), E("a", ["href": "/tasks"], text: l.t("Mes tâches", "My tasks"))]
                    : [E("a", ["href": "/login", "class": "button"], text: l(.signIn))]),
            ]),
        ]
    }
}

extension ErrorPage {
    /// A browser asking for a page, not a program calling the API.
    static func wantsPage(_ request: Request) -> Bool {
        !AuthenticationMiddleware.isAPI(request.uri.path) && request.headers[.accept]?.contains("text/html") == true
    }

    /// The words for a refusal whose cause the reader can act on; nil for the status's general words.
    func message(_ problem: Problem) -> String? {
        switch problem.type.split(separator: "/").last.map(String.init) {
        case "stale-form": l(.csrfExpired)
        case "conflict", "illegal-transition": l.t("Cette action n'est plus possible dans l'état actuel : rechargez la page pour voir où en est le contrat.",
                                                   "This is no longer possible in the current state: reload the page to see where things stand.")
        default: nil
        }
    }

    /// The page for an error: never stored by a browser or a proxy, and without the success message the address
    /// may still carry.
    static func response(_ problem: Problem, language: ParapheCore.Language, user: User?, csrf: String?, path: String) -> Response {
        let page = ErrorPage(l: L10n(language: language))
        let here = String(path.split(separator: "?", maxSplits: 1).first ?? "")
        var response = Layout(l: page.l, user: user, csrf: csrf, path: here)
            .page(page.title(problem.status), page.body(.init(status: problem.status, message: page.message(problem), signedIn: user != nil)), status: .init(code: problem.status))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// Inside the session: an error on a page (a route that does not exist, an id that is not one, a refusal) renders
/// the error page with the reader's navigation and language. The API's errors go on to `ProblemMiddleware`.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error where ErrorPage.wantsPage(request) && !(error is WebRedirect) {
            let problem = ProblemMiddleware.problem(error, request, context, maxBodyBytes: maxBodyBytes)
            return ErrorPage.response(problem, language: context.language, user: context.user, csrf: context.token?.csrfToken, path: context.pagePath)
        }
    }
}

