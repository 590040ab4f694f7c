import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheStore
import ParapheServices

/// The server-rendered UI. Each handler reads the form, calls the same workflow as the API, and renders.
struct WebRoutes {
    let services: AppServices
    var workflow: ContractWorkflow { ContractWorkflow(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("/") { _, context in Response.redirect(context.user.map(Self.home) ?? "/login") }
        router.get("login", use: loginForm)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("language/:code", use: language)
        router.get("contracts", use: list)
        router.get("requests", use: requests)
        router.get("contracts/new", use: newForm)
        router.post("contracts/new", use: create)
        router.get("contracts/:id", use: show)
        router.get("contracts/:id/edit", use: editForm)
        router.post("contracts/:id/edit", use: edit)
        router.post("contracts/:id/transition", use: transition)
        router.post("contracts/:id/renewal-decision", use: decideRenewal)
        router.post("contracts/:id/clauses", use: changeClause)
        router.post("contracts/:id/signatory", use: nameSignatory)
        router.post("contracts/:id/signatory/remove", use: removeSignatory)
        router.get("contracts/:id/documents/:documentId", use: download)
    }

    func layout(_ context: AppContext) -> Layout {
        Layout(l: L10n(context), user: context.user, csrf: context.token?.csrfToken, path: context.pagePath, alerts: context.crmAlerts)
    }

    func l(_ context: AppContext) -> L10n { L10n(context) }

    /// The page's language with the library's names, for pages that show clauses, reasons or variables.
    func named(_ context: AppContext, variables: Bool = false) async throws -> L10n {
        L10n(context, vocabulary: try await services.database.read { try await Vocabulary.read(in: $0, variables: variables) })
    }

    /// A page that only says what is wrong (not found, not allowed).
    func alert(_ context: AppContext, _ message: String, status: HTTPResponse.Status) -> Response {
        let page = ErrorPage(l: l(context))
        return layout(context).page(page.title(Int(status.code)), page.body(.init(status: Int(status.code), message: message, signedIn: context.user != nil)), status: status)
    }

    /// The signed-in user, or a redirect to the login page that comes back here.
    func sessionUser(_ request: Request, _ context: AppContext) throws -> User {
        guard let user = context.user, context.token?.kind == .session else {
            throw WebRedirect(location: "/login?next=\(request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/contracts")")
        }
        return user
    }

    /// A signed-in user's form post, with its anti-forgery token checked.
    func sessionForm(_ request: Request, _ context: AppContext, limit: Int = 131_072) async throws -> (User, WebForm) {
        let user = try sessionUser(request, context)
        var request = request
        let form = try await WebForm.read(&request, limit: limit)
        try CSRF.check(form, expected: context.token?.csrfToken)
        return (user, form)
    }

    var loginCookie: String { LoginForgery.cookie(secure: services.config.publicURL.hasPrefix("https://")) }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: services.config.publicURL.hasPrefix("https://"), httpOnly: true, sameSite: .lax)
    }

    // MARK: Session

    /// A login page with a fresh anti-forgery pair: the cookie value and the token only the server can make for it.
    func loginPage(_ context: AppContext, email: String, error: String?, next: String, status: HTTPResponse.Status = .ok) async throws -> Response {
        let value = services.newSecret()
        let token = LoginForgery.issue(value: value, key: try await services.secrets.key("login-form", services: services), now: services.clock())
        let l = L10n(context)
        var response = layout(context).page(l(.login), LoginPage(l: l).body(.init(email: email, error: error, csrf: token, next: next)), status: status)
        response.setCookie(cookie(loginCookie, value, maxAge: Int(LoginForgery.lifetime)))
        return response
    }

    @Sendable func loginForm(_ request: Request, context: AppContext) async throws -> Response {
        try await loginPage(context, email: "", error: nil, next: safeNext(request.uri.queryParameters.get("next")) ?? "")
    }

    /// A local path to go back to after a login or a language switch; nil for anything else. Only plain path
    /// characters pass: browsers drop tabs and read backslashes as slashes, so `/\t/evil.example` would leave the site.
    func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 500,
              next.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/-_.?=&%".unicodeScalars.contains($0)) })
        else { return nil }
        return next
    }

    /// Where a person lands after signing in: those who request contracts without seeing every one (sales) on their
    /// requests, which also start a new contract; everyone else on the contract list.
    /// Where each role starts: legal, finance and admins on their dashboard, sales on their requests, readers on the list.
    static func home(_ user: User) -> String {
        user.seesAllContracts ? "/dashboard" : user.canWriteContracts ? "/requests" : "/contracts"
    }

    @Sendable func login(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request, limit: 16_384)
        let l = L10n(context)
        let key = try await services.secrets.key("login-form", services: services)
        guard !LoginForgery.isForeign(request, publicURL: services.config.publicURL),
              LoginForgery.isValid(form["_csrf"], cookie: request.cookies[loginCookie]?.value, key: key, now: services.clock()) else {
            return try await loginPage(context, email: form["email"] ?? "", error: l(.staleLoginForm), next: safeNext(form["next"]) ?? "", status: .forbidden)
        }
        let authenticator = AuthWorkflow(services: services)
        let user: User
        do {
            user = try await authenticator.login(email: form["email"] ?? "", password: form["password"] ?? "", from: context.remoteAddress)
        } catch {
            var response: Response
            if case .throttled(let seconds) = error {
                response = try await loginPage(context, email: form["email"] ?? "", error: l(.tooManyLogins), next: safeNext(form["next"]) ?? "", status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
            } else {
                response = try await loginPage(context, email: form["email"] ?? "", error: l(.badLogin), next: safeNext(form["next"]) ?? "", status: .unauthorized)
            }
            return response
        }
        let session = try await authenticator.issue(.session, for: user, label: "web")
        return .redirect(safeNext(form["next"]) ?? Self.home(user), cookies: [cookie(AuthenticationMiddleware.sessionCookie, session.secret, maxAge: Int(services.config.sessionLifetime)),
                                                         cookie(loginCookie, "", maxAge: 0)])
    }

    @Sendable func logout(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request, limit: 16_384)
        if let user = context.user, let token = context.token, token.kind == .session {
            try CSRF.check(form, expected: token.csrfToken)
            try await AuthWorkflow(services: services).revoke(token.id, of: user)
        }
        return .redirect("/login", cookies: [cookie(AuthenticationMiddleware.sessionCookie, "", maxAge: 0)])
    }

    @Sendable func language(_ request: Request, context: AppContext) async throws -> Response {
        let code = Language(rawValue: context.parameters.get("code") ?? "") ?? .fr
        let back = safeNext(request.uri.queryParameters.get("next")) ?? "/contracts"
        return .redirect(back, cookies: [Cookie(name: WebLanguage.cookie, value: code.rawValue, maxAge: 365 * 86400, path: "/", httpOnly: false, sameSite: .lax)])
    }

    // MARK: Contracts

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try sessionUser(request, context)
        let params = request.uri.queryParameters
        var raw: [(String, String)] = []
        // A GET form sends spaces as '+'.
        for key in ["q", "status", "type", "sort", "clause", "alternative", "field", "value"] {
            if let v = params.get(key)?.replacingOccurrences(of: "+", with: " "), !v.isEmpty { raw.append((key, v)) }
        }
        let columns = ContractColumn.chosen(params.getAll("col"))
        if columns != ContractColumn.standard { raw += columns.map { ("col", $0.rawValue) } }
        // The form's field and value name one variable or metadata field, as the API's `variable.x=` or `metadata.x=`.
        var pairs = raw.filter { $0.0 != "field" && $0.0 != "value" && $0.0 != "col" }
        if let field = params.get("field"), field.hasPrefix("variable.") || field.hasPrefix("metadata."), let value = params.get("value"), !value.isEmpty {
            pairs.append((field, value.replacingOccurrences(of: "+", with: " ")))
        }
        let l = try await named(context)
        var query: ContractQuery
        do {
            query = try ContractRoutes.parseQuery(Parameters(pairs.map { (Substring($0.0), Substring($0.1)) }))
        } catch let problem as Problem {
            // Only an address typed or edited by hand gets here: the form offers valid choices.
            return alert(context, l.t("Ce filtre n'est pas valide : ", "This filter is not valid: ")
                         + (problem.errors ?? []).map { l.fieldMessage($0) }.joined(separator: " "), status: .unprocessableContent)
        }
        if CSVDownload.wanted(request) {
            return ContractColumn.csv(query, columns: columns, user: user, language: l.language, services: services)
        }
        query.after = try? PageRequest(request).decodeCursor(ContractCursor.self)
        query.limit = 51
        let q = query
        let rows = try await workflow.search(q, clausesFor: 0, by: user).rows
        let types = try await CounterpartyWorkflow(services: services).contractTypes()
        let (clauses, owners, metadataKeys) = try await services.database.read { s in
            (try await s.clauses(after: nil, limit: 500),
             ContractWorkflow.names(of: try await ContractWorkflow.colleagues(in: s)), try await s.recentMetadataKeys(visibility: ContractVisibility(for: user)))
        }
        let fields = l.vocabulary.variables.sorted { $0.value < $1.value }.map { ("variable." + $0.key, $0.value) }
            + metadataKeys.filter(ContractQuery.isFieldName).map { ("metadata." + $0, l.metadataField($0)) }
        let shown = Array(rows.prefix(50))
        let next = rows.count > 50 ? shown.last.map { PageRequest.encodeCursor(q.sort.cursor(for: $0.0)) } : nil
        return layout(context).page(l(.contracts), ContractListPage(l: l).body(.init(
            rows: shown, query: q, types: types, nextCursor: next, rawQuery: raw, canCreate: user.canWriteContracts, columns: columns,
            clauses: clauses, fields: fields, owners: owners, today: Day(services.clock())))
            + [SavedViewForm(l: l).body(path: "/contracts", query: SavedViewForm.query(of: request), csrf: context.token?.csrfToken)])
    }

    /// "Mes demandes": what the requester's contracts are waiting for.
    @Sendable func requests(_ request: Request, context: AppContext) async throws -> Response {
        let user = try sessionUser(request, context)
        let l = l(context)
        guard user.canWriteContracts else { return alert(context, l.t("Seuls ceux qui créent des contrats ont des demandes.", "Only those who create contracts have requests."), status: .forbidden) }
        let rows = try await workflow.requests(of: user)
        let (templates, types) = try await services.database.read { s in
            (try await s.templates(publishedOnly: true, after: nil, limit: 200), try await s.contractTypes())
        }
        // Those who see every contract have their dashboard; here, a rep's own pipeline and deadlines.
        let home = user.seesAllContracts ? nil : try await HomeSections.read(for: user, services: services)
        return layout(context).page(l.t("Mes demandes", "My requests"), RequestsPage(l: l, now: services.clock()).body(.init(requests: rows, templates: templates,
                                                                                                                          types: types, home: home)))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try sessionUser(request, context)
        guard let id = context.parameters.get("id").flatMap(Contract.ID.init) else {
            return alert(context, l(context)(.notFound), status: .notFound)
        }
        return try await contractPage(id, for: user, context)
    }

    /// The contract page; `signatoryError` says why the signatory just chosen was refused.
    func contractPage(_ id: Contract.ID, for user: User, _ context: AppContext, signatoryError: String? = nil, signatureError: String? = nil,
                      renewalError: String? = nil, obligationError: String? = nil, clauseError: String? = nil, drafts: [SignatureWorkflow.Draft]? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = try await named(context)
        let wf = workflow
        let today = Day(services.clock())
        do {
            let page = try await services.database.read { s in
                let (contract, shares) = try await wf.visible(id, to: user, in: s)
                let counterparty = try await s.counterpartyName(of: contract)
                let owner = try await s.user(contract.ownerId)?.name
                let (verdict, events) = try await s.verifyChain(of: id)
                let steps = try await s.latestApprovalSteps(of: .contract(id))
                let people = try await ContractWorkflow.colleagues(in: s)
                let showsSignatory = DesignatedSignatory.canChange(in: contract.status) || contract.status == .signing
                let signatories = showsSignatory ? try await ContractWorkflow.signatories(of: contract, among: people, on: today, in: s) : nil
                var requests: [SignatureWorkflow.Detail] = []
                if let latest = try await s.signatureRequests(of: id).first {
                    requests.append(SignatureWorkflow.Detail(request: latest, signers: try await s.signers(of: latest.id), contract: contract))
                }
                let signature = SignatureSection(
                    l: l, contract: contract, requests: requests,
                    defaults: contract.status == .approved ? try await SignatureWorkflow(services: services).defaults(for: contract, in: s) : [],
                    seals: try await SealChecks(services: services).seals(of: id, in: s), csrf: context.token?.csrfToken,
                    canWrite: ContractAccess.canWrite(user, owner: contract.ownerId, sharedWith: shares), error: signatureError, drafts: drafts)
                return (contract, shares, counterparty, owner, try await s.documents(of: id), events, verdict.isValid, try await s.clauses(of: id),
                        ContractDetailPage.Approvals(request: try await s.latestApprovalRequest(of: .contract(id)), steps: steps,
                                                     people: ContractWorkflow.names(of: people),
                                                     signatories: signatories,
                                                     named: showsSignatory ? try await ContractWorkflow.namedSignatory(of: contract, on: today, in: s) : nil,
                                                     signatoryError: signatoryError), signature, try await s.obligations(of: id),
                        ContractAccess.canWrite(user, owner: contract.ownerId, sharedWith: shares)
                            ? try await GenerationWorkflow(services: services).clauseOptions(of: contract, in: s) : [])
            }
            let valid = page.6
            let canWrite = ContractAccess.canWrite(user, owner: page.0.ownerId, sharedWith: page.1)
            return layout(context).page(page.0.title, ContractDetailPage(l: l).body(.init(
                contract: page.0, counterparty: page.2, owner: page.3, documents: page.4, events: page.5, clauses: page.7, chainValid: valid,
                today: today, csrf: context.token?.csrfToken, canWrite: canWrite, approvals: page.8, signature: page.9.node, renewalError: renewalError,
                obligations: page.10, canAddObligations: ObligationAccess.canAdd(user), obligationError: obligationError,
                clauseOptions: page.11, clauseError: clauseError)),
                status: status)
        } catch DomainError.notFound {
            return alert(context, l(.notFound), status: .notFound)
        }
    }

    /// Types and counterparties to choose from; the contract's own counterparty is among them even past the first 500.
    func formOptions(current: Counterparty.ID? = nil) async throws -> ([ContractTypeRecord], [Counterparty]) {
        try await services.database.read { s in
            var counterparties = try await s.counterparties(q: nil, after: nil, limit: 500)
            if let current, !counterparties.contains(where: { $0.id == current }), let own = try await s.counterparty(current) {
                counterparties.append(own)
            }
            return (try await s.contractTypes(), counterparties)
        }
    }

    func renderForm(_ context: AppContext, title: String, action: String, form: WebForm, errors: [FieldError], cancel: String) async throws -> Response {
        let (types, counterparties) = try await formOptions(current: form["counterpartyId"].flatMap(Counterparty.ID.init))
        return layout(context).page(title, ContractFormPage(l: L10n(context)).body(.init(
            title: title, action: action, form: form, errors: errors, types: types, counterparties: counterparties,
            currencies: services.config.currencies, csrf: context.token?.csrfToken, cancel: cancel)), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Picks a published template first; with none, or `?manual=1`, the form to record a contract by hand.
    /// The pages that create a contract are for those who may; a reader is told so rather than shown a form the
    /// server would refuse.
    func creationRefused(_ user: User, _ context: AppContext) -> Response? {
        guard !user.canWriteContracts else { return nil }
        return alert(context, l(context).t("Votre rôle permet de lire les contrats, pas d'en créer.", "Your role reads contracts; it does not create them."),
                     status: .forbidden)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        if let refused = creationRefused(try sessionUser(request, context), context) { return refused }
        let l = L10n(context)
        if request.uri.queryParameters.get("manual") == nil {
            let (templates, types) = try await services.database.read { s in
                (try await s.templates(publishedOnly: true, after: nil, limit: 200), try await s.contractTypes())
            }
            if let first = templates.first {
                let named = try await self.named(context)
                let wizard = WizardWebRoutes(web: self)
                var preview: WizardDraft?
                if let found = try await wizard.published(first.id) {
                    preview = try await WizardDraft.make(first.id, manifest: found.1, form: .defaults(for: found.1), l: named, services: services)
                }
                return layout(context).page(l(.newContract), TemplatePickerPage(l: l).body(.init(templates: templates, types: types, preview: preview)))
            }
        }
        return try await renderForm(context, title: l(.newContract), action: "/contracts/new",
                                    form: WebForm(fields: ["type": "msa", "currency": services.config.currencies[0], "renewalMode": "none"]), errors: [], cancel: "/contracts")
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await sessionForm(request, context)
        let l = L10n(context)
        do {
            let terms = try form.contractInput(clearingBlanks: false).terms(over: nil).get()
            let contract = try await workflow.create(terms, owner: user, actor: try context.actor(userAgent: request.userAgent))
            return .redirect("/contracts/\(contract.id)?done=contract-created")
        } catch let failure as ValidationFailure {
            return try await renderForm(context, title: l(.newContract), action: "/contracts/new", form: form, errors: failure.errors, cancel: "/contracts")
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let user = try sessionUser(request, context)
        let id: Contract.ID = try context.requireID("id")
        let wf = workflow
        let (contract, _) = try await services.database.read { try await wf.visible(id, to: user, in: $0) }
        let l = L10n(context)
        var fields = ["title": contract.title, "type": contract.type, "counterpartyId": contract.counterpartyId?.description ?? "",
                      "startDate": contract.startDate?.description ?? "", "endDate": contract.endDate?.description ?? "",
                      "renewalMode": contract.renewal.mode.rawValue, "renewalPeriod": contract.renewal.period?.description ?? "",
                      "renewalNotice": contract.renewal.notice?.description ?? "", "currency": contract.amount?.currency ?? "EUR"]
        fields["amount"] = contract.amount.map { Formatting.typedAmount($0.amount, context.language) } ?? ""
        return try await renderForm(context, title: "\(l(.edit)) · \(contract.reference)", action: "/contracts/\(id)/edit",
                                    form: WebForm(fields: fields), errors: [], cancel: "/contracts/\(id)")
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await sessionForm(request, context)
        let l = L10n(context)
        do {
            _ = try await workflow.edit(id, input: ContractInputTerms(input: form.contractInput(clearingBlanks: true)), by: .user(user),
                                        actor: try context.actor(userAgent: request.userAgent), reason: nil)
            return .redirect("/contracts/\(id)?done=contract-saved")
        } catch let failure as ValidationFailure {
            return try await renderForm(context, title: l(.edit), action: "/contracts/\(id)/edit", form: form, errors: failure.errors, cancel: "/contracts/\(id)")
        }
    }

    @Sendable func transition(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await sessionForm(request, context, limit: 16_384)
        guard let status = form["to"].flatMap(ContractStatus.init) else { throw Problem.validation([FieldError("to", "unknown status")]) }
        do {
            _ = try await workflow.transition(id, to: status, reason: form.value("reason"), by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        } catch let refused as SigningRefused {
            let l = l(context)
            let message = l.t("\(refused.name) ne peut plus signer ce contrat : \(refused.refusal.phrase(.fr)). Désignez quelqu'un d'autre avant la signature.",
                              "\(refused.name) may no longer sign this contract: \(refused.refusal.phrase(.en)). Name someone else before signing.")
            return try await contractPage(id, for: user, context, signatoryError: message, status: .forbidden)
        }
        return .redirect("/contracts/\(id)?done=moved-\(status.rawValue)")
    }

    @Sendable func decideRenewal(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await sessionForm(request, context, limit: 16_384)
        let l = l(context)
        guard let kind = form["decision"].flatMap(RenewalDecisionKind.init) else {
            return try await contractPage(id, for: user, context, renewalError: l.t("Choisissez reconduire, renégocier ou résilier.", "Choose renew, renegotiate or terminate."),
                                          status: .unprocessableContent)
        }
        do {
            _ = try await RenewalWorkflow(services: services).decide(id, kind, comment: form.value("comment"), by: .user(user),
                                                                     actor: try context.actor(userAgent: request.userAgent))
        } catch let refusal as RenewalDecisionRefusal {
            return try await contractPage(id, for: user, context, renewalError: l.renewalRefusal(refusal), status: .conflict)
        } catch let failure as ValidationFailure {
            let message = failure.errors.map { l.t("Motif : ", "Reason: ") + l.fieldMessage($0) }.joined(separator: " ")
            return try await contractPage(id, for: user, context, renewalError: message, status: .unprocessableContent)
        }
        return .redirect("/contracts/\(id)?done=renewal-\(kind.rawValue)#renewal")
    }

    /// One clause changed from the contract's page (`change` is `key=choice`, `omit` to leave it out), as
    /// `PATCH /api/v1/contracts/{id}/clauses`.
    @Sendable func changeClause(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await sessionForm(request, context, limit: 16_384)
        let l = l(context)
        let parts = (form["change"] ?? "").split(separator: "=", maxSplits: 1).map(String.init)
        var errors = [FieldError]()
        let choices = parts.count == 2 ? GenerationInput.choices([parts[0]: parts[1] == "omit" ? .bool(false) : .string(parts[1])], errors: &errors) : [:]
        guard errors.isEmpty, !choices.isEmpty else {
            return try await contractPage(id, for: user, context, clauseError: l.t("Choisissez la clause et le texte à retenir.", "Choose the clause and the text to keep."),
                                          status: .unprocessableContent)
        }
        do {
            _ = try await GenerationWorkflow(services: services).changeClauses(id, to: choices, reason: form.value("reason"), by: .user(user),
                                                                             actor: try context.actor(userAgent: request.userAgent))
        } catch let failure as ValidationFailure {
            return try await contractPage(id, for: user, context, clauseError: failure.errors.map(l.fieldMessage).joined(separator: " "), status: .unprocessableContent)
        } catch DomainError.conflict {
            return try await contractPage(id, for: user, context, clauseError: l.t(
                "Les clauses de ce contrat ne peuvent pas changer maintenant : il est en signature, signé, ou a changé entre-temps (rechargez la page).",
                "This contract's clauses cannot change now: it is out for signature, signed, or changed meanwhile (reload the page)."), status: .conflict)
        }
        return .redirect("/contracts/\(id)?done=clauses-changed#clauses")
    }

    @Sendable func nameSignatory(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await sessionForm(request, context, limit: 4096)
        let l = l(context)
        do {
            guard let target = form["userId"].flatMap(User.ID.init) else { throw ValidationFailure([FieldError("userId", "choose a colleague")]) }
            _ = try await workflow.nameSignatory(id, userId: target, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
            return .redirect("/contracts/\(id)#signatory")
        } catch let refused as SigningRefused {
            let message = l.t("\(refused.name) ne peut pas signer ce contrat : ", "\(refused.name) may not sign this contract: ") + refused.refusal.phrase(l.language)
            return try await contractPage(id, for: user, context, signatoryError: message, status: .forbidden)
        } catch is ValidationFailure {
            return try await contractPage(id, for: user, context, signatoryError: l.t("Choisissez un collègue actif dans la liste.",
                                                                                     "Choose an active colleague from the list."),
                                          status: .unprocessableContent)
        } catch DomainError.conflict {
            return try await contractPage(id, for: user, context, signatoryError: l.t("Le signataire ne peut plus changer à ce stade du contrat.",
                                                                                     "The signatory can no longer change at this stage of the contract."),
                                          status: .conflict)
        }
    }

    @Sendable func removeSignatory(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, _) = try await sessionForm(request, context, limit: 4096)
        _ = try await workflow.removeSignatory(id, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        return .redirect("/contracts/\(id)#signatory")
    }

    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let user = try sessionUser(request, context)
        let id: DocumentRecord.ID = try context.requireID("documentId")
        return try await DocumentRoutes(services: services).content(of: id, for: user)
    }
}

/// Thrown by a web handler that needs the browser elsewhere (the login page, mostly).
struct WebRedirect: Error {
    let location: String
}
