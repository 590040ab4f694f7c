import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// Legal's settings: the approval policy editor with its simulator, and the signature-authority matrix. The form
/// builds the same `ApprovalRuleDraft` the API takes, so both refuse the same rules with the same messages.
struct PolicyWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }
    var workflow: ApprovalPolicyWorkflow { ApprovalPolicyWorkflow(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("settings/approvals", use: policy)
        router.post("settings/approvals", use: addOrSimulate)
        router.post("settings/approvals/:id/delete", use: deleteRule)
        router.get("settings/signature-authorities", use: authorities)
        router.post("settings/signature-authorities", use: grant)
        router.post("settings/signature-authorities/:id/revoke", use: revoke)
    }

    func legal(_ request: Request, _ context: AppContext) throws -> User? {
        let user = try web.sessionUser(request, context)
        return user.managesApprovals ? user : nil
    }

    func forbidden(_ context: AppContext) -> Response {
        let message = web.l(context).t("Réservé au service juridique et aux administrateurs.", "For the legal team and admins only.")
        return web.alert(context, message, status: .forbidden)
    }

    @Sendable func policy(_ request: Request, context: AppContext) async throws -> Response {
        guard let user = try legal(request, context) else { return forbidden(context) }
        var simulation: PolicyPage.Simulation?
        if let reference = request.uri.queryParameters.get("contract")?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
            let (contract, required) = try await workflow.simulate(.reference(reference), by: .user(user))
            simulation = .init(reference: reference, contract: contract, required: required)
        }
        return try await render(context, form: WebForm(fields: ["step1Role": "legal", "step1Order": "1", "currency": services.config.currencies[0]]), errors: [],
                                history: nil, simulation: simulation, notice: request.uri.queryParameters.get("done") == "added"
                                    ? web.l(context).t("Règle ajoutée : elle s'applique aux prochaines soumissions.", "Rule added: it applies to the next submissions.") : nil)
    }

    func render(_ context: AppContext, form: WebForm, errors: [FieldError], history: ApprovalPolicyWorkflow.History?,
                simulation: PolicyPage.Simulation?, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (rules, types) = try await services.database.read { s in (try await s.approvalRules(), try await s.contractTypes()) }
        let l = try await web.named(context, variables: true)
        return web.layout(context).page(l.t("Règles de validation", "Approval rules"),
                                        PolicyPage(l: l).body(.init(rules: rules, types: types, form: form, errors: errors, history: history, simulation: simulation,
                                                              notice: notice, currencies: services.config.currencies, csrf: context.token?.csrfToken)),
                                        status: status)
    }

    @Sendable func addOrSimulate(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 32_768)
        guard user.managesApprovals else { return forbidden(context) }
        let (input, formErrors) = PolicyPage.ruleInput(from: form)
        do {
            guard formErrors.isEmpty else { throw ValidationFailure(formErrors) }
            if form["then"] == "history" {
                let range = PolicyPage.historyRange(form)
                let history = try await workflow.history(input, from: range.from, to: range.to, by: .user(user))
                return try await render(context, form: form, errors: [], history: history, simulation: nil, notice: nil)
            }
            _ = try await workflow.add(input, by: .user(user))
            return .redirect("/settings/approvals?done=added")
        } catch let failure as ValidationFailure {
            return try await render(context, form: form, errors: failure.errors, history: nil, simulation: nil, notice: nil, status: .unprocessableContent)
        }
    }

    @Sendable func deleteRule(_ request: Request, context: AppContext) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        guard user.managesApprovals else { return forbidden(context) }
        // Deleting twice (a double click, a second tab) lands on the list all the same.
        if let id = context.parameters.get("id").flatMap(ApprovalRule.ID.init) {
            do { try await workflow.remove(id, by: .user(user)) } catch DomainError.notFound {}
        }
        return .redirect("/settings/approvals")
    }

    // MARK: Signature authority

    @Sendable func authorities(_ request: Request, context: AppContext) async throws -> Response {
        guard try legal(request, context) != nil else { return forbidden(context) }
        return try await renderAuthorities(context, form: WebForm(fields: ["currency": services.config.currencies[0]]), errors: [], status: .ok)
    }

    func renderAuthorities(_ context: AppContext, form: WebForm, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let (grants, users, types) = try await services.database.read { s in
            (try await s.signatureAuthorities(), try await s.users(after: nil, limit: 1000), try await s.contractTypes())
        }
        let l = web.l(context)
        return web.layout(context).page(l.t("Délégations de signature", "Signature authority"),
                                        AuthorityPage(l: l).body(.init(grants: grants, users: users, types: types, today: Day(services.clock()), form: form,
                                                                 errors: errors, currencies: services.config.currencies, csrf: context.token?.csrfToken)),
                                        status: status)
    }

    @Sendable func grant(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 16_384)
        guard user.managesApprovals else { return forbidden(context) }
        do {
            _ = try await SignatureAuthorityWorkflow(services: services).grant(try AuthorityPage.grantInput(from: form), by: user)
            return .redirect("/settings/signature-authorities")
        } catch let failure as ValidationFailure {
            return try await renderAuthorities(context, form: form, errors: failure.errors, status: .unprocessableContent)
        } catch DomainError.forbidden(_, reason: "selfGrant") {
            let l = web.l(context)
            let error = FieldError("userId", l.t("Vous ne pouvez pas vous accorder une délégation : un autre juriste ou administrateur doit le faire.",
                                                 "You cannot grant authority to yourself: another legal or admin colleague must."))
            return try await renderAuthorities(context, form: form, errors: [error], status: .forbidden)
        }
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        guard user.managesApprovals else { return forbidden(context) }
        if let id = context.parameters.get("id").flatMap(SignatureAuthority.ID.init) {
            try await SignatureAuthorityWorkflow(services: services).revoke(id, by: user)
        }
        return .redirect("/settings/signature-authorities")
    }
}
