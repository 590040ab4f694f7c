import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheCRM
import ParapheDocuments
import ParapheStore
import Plot
import ParapheServices

/// The UI for templates and clauses; every write goes through the same services as the API.
struct TemplateWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }
    var library: TemplateWorkflow { TemplateWorkflow(services: services) }
    static let alternativeRows = 3

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("templates", use: templates)
        router.post("templates", use: createTemplate)
        router.get("templates/:id", use: template)
        router.post("templates/:id/versions", use: saveVersion)
        router.post("templates/:id/versions/:version/publish", use: publish)
        router.get("clauses", use: clauses)
        router.get("clauses/new", use: newClause)
        router.post("clauses/new", use: createClause)
        router.get("clauses/:key/edit", use: editClause)
        router.post("clauses/:key/edit", use: updateClause)
    }

    func notFound(_ context: AppContext, _ message: String) -> Response {
        web.alert(context, message, status: .notFound)
    }

    // MARK: Templates

    @Sendable func templates(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        return try await renderTemplates(context, user: user, errors: [], form: WebForm(fields: ["contractType": "msa"]))
    }

    func renderTemplates(_ context: AppContext, user: User, errors: [FieldError], form: WebForm) async throws -> Response {
        let list = try await library.templates(publishedOnly: !user.canEditTemplates, after: nil, limit: 500)
        let types = try await CounterpartyWorkflow(services: services).contractTypes()
        let l = web.l(context)
        return web.layout(context).page(l.t("Modèles", "Templates"), TemplateListPage(l: l).body(.init(
            templates: list, types: types, canEdit: user.canEditTemplates, csrf: context.token?.csrfToken, errors: errors, form: form)),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func createTemplate(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context)
        do {
            let template = try await library.createTemplate(name: form.value("name"), contractType: form.value("contractType"),
                                                            language: form.value("language"), by: user)
            return .redirect("/templates/\(template.id)")
        } catch let failure as ValidationFailure {
            return try await renderTemplates(context, user: user, errors: failure.errors, form: form)
        }
    }

    @Sendable func template(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        guard let id = context.parameters.get("id").flatMap(Template.ID.init) else { return notFound(context, web.l(context).t("Modèle introuvable.", "No such template.")) }
        let requested = request.uri.queryParameters.get("version").flatMap(Int.init)
        let notice: String? = switch request.uri.queryParameters.get("done") {
        case "saved": web.l(context).t("Brouillon enregistré.", "Draft saved.")
        case "published": web.l(context).t("Version publiée : les nouveaux contrats l'utilisent.", "Version published: new contracts use it.")
        default: nil
        }
        return try await renderTemplate(context, user: user, id: id, version: requested, source: nil, errors: [], notice: notice)
    }

    func renderTemplate(_ context: AppContext, user: User, id: Template.ID, version: Int?, source: String?, errors: [FieldError],
                        notice: String?) async throws -> Response {
        let details: TemplateWorkflow.Details
        do { details = try await library.details(id) } catch DomainError.notFound { return notFound(context, web.l(context).t("Modèle introuvable.", "No such template.")) }
        let (template, versions) = (details.template, details.versions)
        let shown = source ?? (versions.first { $0.version == version } ?? versions.last)?.source ?? TemplateEditPage.starter
        return web.layout(context).page(template.name, TemplateEditPage(l: web.l(context)).body(.init(
            template: template, versions: versions, source: shown, errors: errors, notice: notice, canEdit: user.canEditTemplates,
            csrf: context.token?.csrfToken)), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func saveVersion(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: ManifestParser.maxBytes * 4)
        let id: Template.ID = try context.requireID("id")
        let source = (form["source"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        do {
            let version = try await library.addVersion(id, source: source, by: user)
            guard form["then"] == "publish" else { return .redirect("/templates/\(id)?done=saved") }
            do {
                _ = try await library.publish(id, version: version.version, by: user)
                return .redirect("/templates/\(id)?done=published")
            } catch let failure as ValidationFailure {
                return try await renderTemplate(context, user: user, id: id, version: version.version, source: source, errors: failure.errors,
                                                notice: web.l(context).t("Brouillon v\(version.version) enregistré, mais il ne peut pas être publié.",
                                                                     "Draft v\(version.version) saved, but it cannot be published."))
            }
        } catch let failure as ValidationFailure {
            return try await renderTemplate(context, user: user, id: id, version: nil, source: source, errors: failure.errors, notice: nil)
        }
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context)
        let id: Template.ID = try context.requireID("id")
        let number = try TemplateRoutes.versionNumber(context)
        do {
            _ = try await library.publish(id, version: number, by: user)
            return .redirect("/templates/\(id)?done=published")
        } catch let failure as ValidationFailure {
            return try await renderTemplate(context, user: user, id: id, version: number, source: nil, errors: failure.errors, notice: nil)
        }
    }

    // MARK: Clauses

    @Sendable func clauses(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200)).trimmingCharacters(in: .whitespaces)
        let list = try await library.clauses(after: nil, limit: 500).filter { query.isEmpty || ClauseLibraryPage.matches($0, query) }
        let l = try await web.named(context, variables: true)
        return web.layout(context).page(l.t("Bibliothèque de clauses", "Clause library"),
                                        ClauseLibraryPage(l: l).body(.init(clauses: list, query: query, canEdit: user.canEditTemplates)))
    }

    func clauseForm(_ context: AppContext, form: WebForm, isNew: Bool, errors: [FieldError], declared: Clause? = nil) -> Response {
        let l = web.l(context)
        let rows = max(Self.alternativeRows, form.fields.keys.filter { $0.hasSuffix("].key") }.count + 1)
        return web.layout(context).page(l.t("Clause", "Clause"), ClauseFormPage(l: l).body(.init(form: form, isNew: isNew, errors: errors,
                                                                                          csrf: context.token?.csrfToken, rows: rows, declared: declared)),
                                        status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func newClause(_ request: Request, context: AppContext) async throws -> Response {
        _ = try web.sessionUser(request, context)
        return clauseForm(context, form: WebForm(fields: [:]), isNew: true, errors: [])
    }

    @Sendable func createClause(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context)
        let rows = form.fields.keys.filter { $0.hasSuffix("].key") }.count
        do {
            _ = try await library.createClause(ClauseFormPage.clause(from: form, rows: rows), by: user)
            return .redirect("/clauses")
        } catch let failure as ValidationFailure {
            return clauseForm(context, form: form, isNew: true, errors: failure.errors)
        } catch StoreError.conflict(let detail) {
            return clauseForm(context, form: form, isNew: true, errors: [FieldError("key", detail)])
        }
    }

    @Sendable func editClause(_ request: Request, context: AppContext) async throws -> Response {
        _ = try web.sessionUser(request, context)
        let key = context.parameters.get("key") ?? ""
        let clause: Clause
        do { clause = try await library.clause(key, version: nil) } catch DomainError.notFound {
            return notFound(context, web.l(context).t("Clause introuvable.", "No such clause."))
        }
        return clauseForm(context, form: ClauseFormPage.form(clause), isNew: false, errors: [], declared: clause)
    }

    @Sendable func updateClause(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context)
        let key = context.parameters.get("key") ?? ""
        let edited = ClauseFormPage.clause(from: form, rows: form.fields.keys.filter { $0.hasSuffix("].key") }.count)
        do {
            _ = try await library.updateClause(key, by: user) { clause in
                clause.title = edited.title
                clause.category = edited.category
                clause.body = edited.body
                // The form does not show the commitments an alternative declares: an alternative kept keeps them.
                let declared = Dictionary(clause.alternatives.map { ($0.key, $0.obligations) }, uniquingKeysWith: { a, _ in a })
                clause.alternatives = edited.alternatives.map { alternative in
                    var kept = alternative
                    kept.obligations = declared[alternative.key] ?? []
                    return kept
                }
            }
            return .redirect("/clauses")
        } catch let failure as ValidationFailure {
            var shown = form
            shown.fields["key"] = key
            return clauseForm(context, form: shown, isNew: false, errors: failure.errors)
        }
    }
}
