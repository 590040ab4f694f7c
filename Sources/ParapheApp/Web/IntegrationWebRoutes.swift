import Foundation
import Hummingbird
import ParapheCore
import ParapheCRM
import ParapheServices
import ParapheStore

/// The admin's CRM pages, and the page a CRM button opens to make a contract from a record.
struct IntegrationWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }
    var workflow: IntegrationWorkflow { IntegrationWorkflow(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("integrations", use: list)
        router.post("integrations", use: connect)
        router.get("integrations/:id", use: show)
        router.post("integrations/:id/test", use: test)
        router.post("integrations/:id/sync", use: sync)
        router.post("integrations/:id/disconnect", use: disconnect)
        router.post("integrations/:id/map", use: saveMap)
        router.post("integrations/:id/rules", use: saveRules)
        router.post("integrations/:id/log/:entryId/replay", use: replay)
        router.get("crm/:system/:objectType/:objectId/contracts/new", use: fromCRM)
    }

    func pages(_ context: AppContext) async throws -> IntegrationPages {
        IntegrationPages(l: try await web.named(context, variables: true), csrf: context.token?.csrfToken, now: services.clock())
    }

    /// An admin's page; anyone else is told so.
    func admin(_ request: Request, _ context: AppContext) throws -> User? {
        let user = try web.sessionUser(request, context)
        return user.has(.admin) ? user : nil
    }

    func forbidden(_ context: AppContext) -> Response {
        web.alert(context, web.l(context).t("Seul un administrateur gère les intégrations CRM.", "Only an admin manages CRM integrations."), status: .forbidden)
    }

    func renderList(_ context: AppContext, user: User, form: WebForm, errors: [FieldError]) async throws -> Response {
        let views = try await workflow.integrations(by: .user(user))
        return web.layout(context).page(web.l(context).t("Intégrations CRM", "CRM integrations"), try await pages(context).list(.init(views: views, form: form, errors: errors)),
                                        status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = try admin(request, context) else { return forbidden(context) }
        return try await renderList(context, user: user, form: WebForm(fields: [:]), errors: [])
    }

    @Sendable func connect(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 65_536)
        guard user.has(.admin) else { return forbidden(context) }
        // Only the chosen CRM's secrets are kept: the other fieldset's are dropped unread.
        let system = form.value("system").flatMap(CRMSystem.init)
        let credentials = switch system {
        case .hubspot?: CRMCredentials(accessToken: form.value("credentials.accessToken"), webhookSecret: form.value("credentials.webhookSecret"))
        case .pipedrive?: CRMCredentials(accessToken: form.value("pipedrive.accessToken"), webhookUser: form.value("pipedrive.webhookUser"),
                                         webhookPassword: form.value("pipedrive.webhookPassword"))
        default: CRMCredentials(clientId: form.value("credentials.clientId"), clientSecret: form.value("credentials.clientSecret"))
        }
        let input = IntegrationWorkflow.Input(name: form.value("name"), system: form.value("system"), baseUrl: form.value("baseUrl"),
                                              allowPrivateNetwork: form["allowPrivateNetwork"] == "on", credentials: credentials)
        do {
            let view = try await workflow.create(input, by: .user(user))
            return .redirect("/integrations/\(view.integration.id)?notice=connected")
        } catch let failure as ValidationFailure {
            // Pipedrive's token shares HubSpot's credential name: its errors go to the Pipedrive box.
            let errors = system == .pipedrive
                ? failure.errors.map { e in e.field.hasPrefix("credentials.") ? FieldError("pipedrive." + e.field.dropFirst(12), e.message) : e }
                : failure.errors
            return try await renderList(context, user: user, form: form, errors: errors)
        }
    }

    func renderDetail(_ request: Request, _ context: AppContext, user: User, errors: [FieldError] = [], override: Integration? = nil) async throws -> Response {
        let id: Integration.ID = try context.requireID("id")
        var view: IntegrationWorkflow.View
        do { view = try await workflow.integration(id, by: .user(user)) } catch DomainError.notFound {
            return web.alert(context, web.l(context).t("Cette intégration n'existe pas.", "This integration does not exist."), status: .notFound)
        }
        if let override { view.integration = override }
        let query = request.uri.queryParameters
        let filter = CRMLogFilter(status: query.get("status").flatMap(CRMLogEntry.Status.init), direction: query.get("direction").flatMap(CRMLogEntry.Direction.init))
        let page = try PageRequest(request)
        let cursor = try page.decodeCursor(TimeCursor.self)?.position()
        let rows = try await workflow.log(id, filter: filter, before: cursor, limit: page.limit + 1, by: .user(user))
        let next = rows.count > page.limit ? rows.prefix(page.limit).last.map { PageRequest.encodeCursor(TimeCursor(at: $0.at, id: $0.id.description)) } : nil
        let templates = try await services.database.read { try await $0.templates(publishedOnly: true, after: nil, limit: 200) }
        // A sending rule's signatory is chosen among colleagues who hold an unrevoked signature authority.
        let signatories = try await services.database.read { s in
            var out: [User] = []
            for id in Set(try await s.signatureAuthorities().filter { $0.revokedAt == nil }.map(\.userId)) {
                if let user = try await s.user(id), user.active { out.append(user) }
            }
            return out.sorted { $0.name < $1.name }
        }
        let l = web.l(context)
        let notice: String? = switch query.get("notice") {
        case "connected": l.t("Connexion réussie : identifiants acceptés et correspondance vérifiée dans le CRM.", "Connected: credentials accepted and the map checked against the CRM.")
        case "tested": l.t("Connexion testée.", "Connection tested.")
        case "sync": l.t("Synchronisation lancée : la progression s'affiche ci-dessous.", "Sync started: progress shows below.")
        case "saved": l.t("Enregistré et vérifié dans le CRM.", "Saved and checked against the CRM.")
        case "replayed": l.t("Relance programmée.", "Replay scheduled.")
        default: nil
        }
        return web.layout(context).page(view.integration.name,
                                        try await pages(context).detail(.init(view: view, hookURL: "\(services.config.publicURL)/hooks/\(view.integration.system.rawValue)/\(id)", log: Array(rows.prefix(page.limit)),
                                                              filter: filter, nextCursor: next, templates: templates, signatories: signatories,
                                                              errors: errors, notice: notice)),
                                        status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = try admin(request, context) else { return forbidden(context) }
        return try await renderDetail(request, context, user: user)
    }

    /// Runs an admin's button, then comes back to the integration with a notice.
    func action(_ request: Request, _ context: AppContext, notice: String, _ body: (User, Integration.ID) async throws -> Void) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        guard user.has(.admin) else { return forbidden(context) }
        let id: Integration.ID = try context.requireID("id")
        do {
            try await body(user, id)
        } catch DomainError.notFound {
            return web.alert(context, web.l(context).t("Cette intégration n'existe pas ou est déconnectée.", "This integration does not exist or is disconnected."), status: .notFound)
        } catch DomainError.conflict {
            return web.alert(context, web.l(context).t("Cette tentative a réussi : il n'y a rien à relancer.", "This attempt succeeded: there is nothing to replay."), status: .conflict)
        }
        return .redirect("/integrations/\(id)?notice=\(notice)")
    }

    @Sendable func test(_ request: Request, context: AppContext) async throws -> Response {
        try await action(request, context, notice: "tested") { user, id in _ = try await workflow.test(id, by: .user(user)) }
    }

    @Sendable func sync(_ request: Request, context: AppContext) async throws -> Response {
        try await action(request, context, notice: "sync") { user, id in try await workflow.syncNow(id, by: .user(user)) }
    }

    @Sendable func disconnect(_ request: Request, context: AppContext) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        guard user.has(.admin) else { return forbidden(context) }
        do { try await workflow.remove(try context.requireID("id"), by: .user(user)) } catch DomainError.notFound {
            return web.alert(context, web.l(context).t("Cette intégration n'existe pas ou est déjà déconnectée.", "This integration does not exist or is already disconnected."), status: .notFound)
        }
        return .redirect("/integrations")
    }

    @Sendable func replay(_ request: Request, context: AppContext) async throws -> Response {
        try await action(request, context, notice: "replayed") { user, id in _ = try await workflow.replay(id, entry: try context.requireID("entryId"), by: .user(user)) }
    }

    /// Saves a form section (map or rules): back with a notice, or the page again with the errors on their lines.
    func save(_ request: Request, _ context: AppContext, _ change: (WebForm, inout Integration) -> IntegrationWorkflow.Input) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 131_072)
        guard user.has(.admin) else { return forbidden(context) }
        let id: Integration.ID = try context.requireID("id")
        guard var current = try await services.database.read({ try await $0.integration(id) }) else {
            return web.alert(context, web.l(context).t("Cette intégration n'existe pas.", "This integration does not exist."), status: .notFound)
        }
        let input = change(form, &current)
        do {
            _ = try await workflow.update(id, input, by: .user(user))
            return .redirect("/integrations/\(id)?notice=saved")
        } catch let failure as ValidationFailure {
            return try await renderDetail(request, context, user: user, errors: failure.errors, override: current)
        }
    }

    static func rows(_ form: WebForm, prefix: String) -> [Int] {
        let marker = prefix + "["
        return Set(form.fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix(marker), let close = key.firstIndex(of: "]") else { return nil }
            return Int(key[key.index(key.startIndex, offsetBy: marker.count)..<close]).flatMap { $0 < 500 ? $0 : nil }
        }).sorted()
    }

    @Sendable func saveMap(_ request: Request, context: AppContext) async throws -> Response {
        try await save(request, context) { form, current in
            let lines: [FieldMapping] = Self.rows(form, prefix: "fieldMap").compactMap { n in
                let p = "fieldMap[\(n)]"
                guard let crmField = form.value("\(p).crmField") else { return nil }
                let clm = form.value("\(p).variable") ?? form.value("\(p).clmField") ?? ""
                return FieldMapping(clmField: clm, crmObject: form.value("\(p).crmObject") ?? "", crmField: crmField,
                                    direction: form.value("\(p).direction").flatMap(FieldMapping.Direction.init) ?? .push,
                                    owner: form.value("\(p).owner").flatMap(FieldMapping.Owner.init) ?? .clm)
            }
            current.fieldMap = lines
            return IntegrationWorkflow.Input(fieldMap: lines)
        }
    }

    @Sendable func saveRules(_ request: Request, context: AppContext) async throws -> Response {
        try await save(request, context) { form, current in
            var inputs: [IntegrationWorkflow.RuleInput] = []
            var rules: [StageRule] = []
            for n in Self.rows(form, prefix: "rules") {
                let p = "rules[\(n)]"
                guard let equals = form.value("\(p).when.equals"), let template = form.value("\(p).templateId") else { continue }
                let id = form.value("\(p).id") ?? "rule_\(UUID().uuidString.prefix(8).lowercased())"
                let when = StageRule.Condition(object: form.value("\(p).when.object") ?? "", field: form.value("\(p).when.field") ?? "", equals: equals,
                                               recordType: form.value("\(p).when.recordType"))
                let autoSend = form.value("\(p).autoSend") != nil, signatory = form.value("\(p).signatoryId")
                inputs.append(.init(id: id, when: when, templateId: template, autoSend: autoSend, signatoryId: signatory))
                rules.append(StageRule(id: id, when: when, templateId: template, autoSend: autoSend, signatoryId: signatory))
            }
            current.rules = rules
            return IntegrationWorkflow.Input(rules: inputs)
        }
    }

    /// `GET /crm/{system}/{objectType}/{objectId}/contracts/new`: the CRM button. Without a template, the templates
    /// to pick from; with one, the wizard filled from the record, its company as counterparty (found by its CRM id,
    /// or made from the CRM's account).
    @Sendable func fromCRM(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        if let refused = web.creationRefused(user, context) { return refused }
        let l = web.l(context)
        guard let system = context.parameters.get("system").flatMap(CRMSystem.init), let type = context.parameters.get("objectType"),
              let objectId = context.parameters.get("objectId"), CRMLink.isObjectName(type), CRMLink.isRecordId(objectId) else {
            return web.alert(context, l.t("Ce lien ne désigne pas un enregistrement de CRM.", "This link does not name a CRM record."), status: .notFound)
        }
        let integrations = try await services.database.read { try await $0.integrations(activeOnly: true) }.filter { $0.system == system }
        let chosen = request.uri.queryParameters.get("integration").flatMap { id in integrations.first { $0.id.description == id } } ?? integrations.first
        guard let integration = chosen else {
            return web.alert(context, l.t("Aucune intégration \(system.name) n'est connectée : demandez à un administrateur.",
                                          "No \(system.name) integration is connected: ask an admin."), status: .notFound)
        }
        let asked = CRMLink(integrationId: integration.id.description, system: system, objectType: type, objectId: objectId, url: nil)
        let here = "/crm/\(system.rawValue)/\(type)/\(objectId)/contracts/new"
        guard let templateId = request.uri.queryParameters.get("templateId").flatMap(Template.ID.init) else {
            let (templates, types) = try await services.database.read { s in
                (try await s.templates(publishedOnly: true, after: nil, limit: 200), try await s.contractTypes())
            }
            return web.layout(context).page(l(.newContract), [
                E("h1", [:], text: l(.newContract)),
                Stepper(l: l, current: .template).body(),
                E("p", ["class": "muted"], text: l.t("Depuis \(system.name) : \(type) \(objectId). Choisissez un modèle validé par le service juridique.",
                                                     "From \(system.name): \(type) \(objectId). Pick a template approved by legal.")),
                templates.isEmpty ? E("div", ["class": "empty"], text: l.t("Aucun modèle n'est publié.", "No template is published."))
                    : TemplateCards(l: l).body(templates, types: types, link: { "\(here)?templateId=\($0.id)&integration=\(integration.id)" }),
            ])
        }
        guard let found = try await WizardWebRoutes(web: web).published(templateId) else {
            return web.alert(context, l.t("Ce modèle n'existe pas ou n'est pas publié.", "This template does not exist or is not published."), status: .notFound)
        }
        var form = WebForm.defaults(for: found.1)
        let prefilled: GenerationRequest
        do {
            prefilled = try await CRMGeneration(services: services).prefilled(
                GenerationRequest(templateId: templateId, counterpartyId: nil, title: nil, variables: [:], clauses: [:], crm: asked), by: user)
        } catch let failure as ValidationFailure {
            return web.alert(context, failure.errors.map { l.crmMessage($0) }.joined(separator: " "), status: .unprocessableContent)
        } catch let error as CRMError {
            return web.alert(context, l.t("Le CRM est injoignable pour l'instant : \(error)", "The CRM cannot be reached right now: \(error)"), status: .badGateway)
        }
        for (k, v) in WebForm.fields(for: prefilled.variables, manifest: found.1) { form.fields[k] = v }
        form.fields["counterpartyId"] = prefilled.counterpartyId?.description
        let link = prefilled.crm ?? asked
        for (k, v) in [("crm.integrationId", link.integrationId), ("crm.system", link.system.rawValue), ("crm.objectType", link.objectType), ("crm.objectId", link.objectId)] {
            form.fields[k] = v
        }
        return try await WizardWebRoutes(web: web).renderWizard(context, found, form: form, errors: [], crm: (link, "\(type) \(objectId)"))
    }
}
