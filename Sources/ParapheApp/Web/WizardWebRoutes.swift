import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheCRM
import ParapheDocuments
import ParapheServices
import ParapheStore

/// The new-contract wizard: the form a published template generates, its live draft, and the creation (as a draft,
/// or submitted in the same transaction).
struct WizardWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("contracts/new/:templateId", use: wizard)
        router.post("contracts/new/:templateId", use: generate)
        router.get("contracts/new/:templateId/preview", use: templatePreview)
        router.post("contracts/new/:templateId/preview", use: preview)
    }

    /// The published template the wizard works from, or nil when it has none. Only the manifest: the live
    /// preview asks for it on every change, and needs neither the clause library nor the counterparties.
    func published(_ id: Template.ID) async throws -> (Template, TemplateManifest)? {
        try await services.database.read { s in
            guard let (template, _, manifest) = try? await TemplateWorkflow(services: services).published(id, in: s) else { return nil }
            return (template, manifest)
        }
    }

    func templateId(_ context: AppContext) async throws -> (Template, TemplateManifest)? {
        guard let id = context.parameters.get("templateId").flatMap(Template.ID.init) else { return nil }
        return try await published(id)
    }

    func notFound(_ context: AppContext) -> Response {
        web.alert(context, web.l(context).t("Ce modèle n'existe pas ou n'est pas publié.", "This template does not exist or is not published."), status: .notFound)
    }

    func renderWizard(_ context: AppContext, _ found: (Template, TemplateManifest), form: WebForm, errors: [FieldError],
                      crm: (link: CRMLink, label: String)? = nil) async throws -> Response {
        let (template, manifest) = found
        let (library, counterparties) = try await services.database.read { s in
            (try await s.currentClauses(manifest.libraryKeys), try await s.counterparties(q: nil, after: nil, limit: 500))
        }
        let l = try await web.named(context)
        let draft = try await WizardDraft.make(template.id, manifest: manifest, form: form, l: l, services: services)
        return web.layout(context).page(template.name, WizardPage(l: l, template: template, manifest: manifest, library: library, currencies: services.config.currencies).body(.init(
            form: form, errors: errors, counterparties: counterparties, csrf: context.token?.csrfToken, draft: draft, crm: crm ?? form.crmLink.map { ($0, $0.objectId) })),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func wizard(_ request: Request, context: AppContext) async throws -> Response {
        if let refused = web.creationRefused(try web.sessionUser(request, context), context) { return refused }
        guard let found = try await templateId(context) else { return notFound(context) }
        var form = WebForm.defaults(for: found.1)
        if let counterparty = request.uri.queryParameters.get("counterpartyId") { form.fields["counterpartyId"] = counterparty }
        return try await renderWizard(context, found, form: form, errors: [])
    }

    /// Creates the contract; with `then=submit`, submits it in the same transaction, so a submission the policy
    /// refuses leaves nothing behind.
    @Sendable func generate(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 262_144)
        guard let found = try await templateId(context) else { return notFound(context) }
        let submit = form["then"] == "submit"
        let l = web.l(context)
        do {
            var generation = try form.generationInput(templateId: found.0.id, manifest: found.1).request()
            generation.crm = form.crmLink
            generation = try await CRMGeneration(services: services).prefilled(generation, by: user)
            let actor = try context.actor(userAgent: request.userAgent)
            let contracts = ContractWorkflow(services: services)
            let now = services.clock()
            var submission: (@Sendable (Session, Contract) async throws -> Void)?
            if submit {
                submission = { @Sendable s, contract in
                    _ = try await contracts.submit(contract, requester: user, actor: actor, reason: SystemReason.submittedForReview.stored, refuseUndecidable: true,
                                                   in: s, at: now)
                }
            }
            let contract = try await GenerationWorkflow(services: services).create(generation, owner: user, actor: actor, alongside: submission)
            guard submit else { return .redirect("/contracts/\(contract.id)?done=contract-created") }
            let status = try await services.database.read { try await $0.contract(contract.id)?.status }
            return .redirect("/contracts/\(contract.id)?done=\(status == .approved ? "contract-approved" : "contract-submitted")")
        } catch let failure as ValidationFailure {
            return try await renderWizard(context, found, form: form, errors: failure.errors)
        } catch let error as CRMError {
            return try await renderWizard(context, found, form: form, errors: [FieldError("crm", "the CRM cannot be reached: \(error)")])
        } catch DomainError.conflict {
            // The only conflict a new contract meets: a step of the policy nobody but its requester could decide.
            return try await renderWizard(context, found, form: form, errors: [FieldError("then", l.t(
                "Personne d'autre que vous ne peut valider une étape que ce contrat demande. Créez-le en brouillon et demandez à un administrateur d'ajouter un validateur.",
                "No one but you can approve a step this contract needs. Create it as a draft and ask an admin to add an approver."))])
        }
    }

    /// The live draft for the form as it stands, as JSON (`WizardDraft`).
    @Sendable func preview(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 262_144)
        if let refused = web.creationRefused(user, context) { return refused }
        guard let found = try await templateId(context) else { throw Problem.notFound("no published template with this id") }
        return try await json(WizardDraft.make(found.0.id, manifest: found.1, form: form, l: web.named(context), services: services))
    }

    /// A template's draft with its defaults, for the picker.
    @Sendable func templatePreview(_ request: Request, context: AppContext) async throws -> Response {
        if let refused = web.creationRefused(try web.sessionUser(request, context), context) { return refused }
        guard let found = try await templateId(context) else { throw Problem.notFound("no published template with this id") }
        return try await json(WizardDraft.make(found.0.id, manifest: found.1, form: .defaults(for: found.1), l: web.named(context), services: services))
    }

    func json(_ draft: WizardDraft) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(data: try JSONEncoder().encode(draft))))
    }
}
