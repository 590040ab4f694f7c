import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import Plot
import ParapheServices

/// The supplier request form any employee fills in, their requests, and each request's approval chain.
struct SupplierWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("suppliers", use: list)
        router.get("suppliers/new", use: newForm)
        router.post("suppliers/new", use: create)
        router.get("suppliers/:id", use: show)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let rows = try await SupplierWorkflow(services: services).requests(for: user, before: nil, limit: 200)
        let l = web.l(context)
        return web.layout(context).page(l.t("Fournisseurs", "Suppliers"), SupplierPages(l: l).list(.init(rows: rows, all: SupplierRequest.listedRequester(for: user) == nil)))
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try web.sessionUser(request, context)
        let l = web.l(context)
        return web.layout(context).page(l.t("Nouveau fournisseur", "New supplier"),
                                        SupplierPages(l: l).form(.init(form: WebForm(fields: ["currency": services.config.currencies[0]]), errors: [],
                                                                 currencies: services.config.currencies, csrf: context.token?.csrfToken)))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let (user, form) = try await web.sessionForm(request, context, limit: 32_768)
        let l = web.l(context)
        do {
            var errors = [FieldError]()
            let cost = form.money("annualCost", errorField: "annualCost", example: "12000.00", errors: &errors)
            let data = (form["dataProcessed"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            let created = try await SupplierWorkflow(services: services).submit(
                .init(supplierName: form["supplierName"], purpose: form["purpose"], annualCost: cost, dataProcessed: data),
                by: user, actor: try context.actor(userAgent: request.userAgent))
            return .redirect("/suppliers/\(created.id)")
        } catch let failure as ValidationFailure {
            return web.layout(context).page(l.t("Nouveau fournisseur", "New supplier"),
                                            SupplierPages(l: l).form(.init(form: form, errors: failure.errors, currencies: services.config.currencies, csrf: context.token?.csrfToken)), status: .unprocessableContent)
        }
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try web.sessionUser(request, context)
        let l = web.l(context)
        let notFound = web.alert(context, l.t("Demande introuvable.", "No such request."), status: .notFound)
        guard let id = context.parameters.get("id").flatMap(SupplierRequest.ID.init) else { return notFound }
        let (supplier, steps): (SupplierRequest, [Approval])
        do { (supplier, steps) = try await SupplierWorkflow(services: services).request(id, for: user) } catch DomainError.notFound { return notFound }
        let people = try await services.database.read { try await $0.users(after: nil, limit: 1000) }
        return web.layout(context).page(supplier.supplierName, SupplierPages(l: l).detail(.init(supplier: supplier, steps: steps,
                                                                                          people: Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))))
    }
}

struct SupplierPages {
    let l: L10n

    func status(_ s: SupplierRequest.Status) -> String {
        switch s {
        case .pending: l.t("En validation", "Under approval")
        case .approved: l.t("Référencé", "On file")
        case .rejected: l.t("Refusé", "Rejected")
        }
    }

    struct ListModel {
        var rows: [SupplierRequest]
        var all: Bool
    }

    func list(_ model: ListModel) -> [Node<HTML.BodyContext>] {
        let rows = model.rows, all = model.all
        var content: [Node<HTML.BodyContext>] = [
            E("div", ["class": "actions"], [
                E("h1", ["style": "flex:1"], text: all ? l.t("Demandes de fournisseur", "Supplier requests") : l.t("Mes demandes de fournisseur", "My supplier requests")),
                E("a", ["href": "/suppliers/new", "class": "button"], text: l.t("Nouvelle demande", "New request")),
            ]),
        ]
        guard !rows.isEmpty else {
            content.append(E("div", ["class": "empty"], [
                E("p", [:], [E("strong", [:], text: l.t("Aucune demande pour l'instant.", "No request yet."))]),
                E("p", ["class": "muted"], text: l.t("Besoin d'un nouveau fournisseur ou d'un outil ? Décrivez-le : le juridique, la finance et la protection des données le valident, puis il est prêt pour son contrat.",
                                                     "Need a new supplier or tool? Describe it: legal, finance and data protection approve it, then it is ready for its contract.")),
            ]))
            return content
        }
        content.append(E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Fournisseur", "Supplier")), E("th", [:], text: l.t("Coût annuel", "Annual cost")),
                                            E("th", [:], text: l(.status)), E("th", [:], text: l(.createdAt))])]),
            E("tbody", [:], rows.map { r in
                E("tr", [:], [
                    E("td", [:], [E("a", ["href": "/suppliers/\(r.id)"], text: r.supplierName)]),
                    E("td", [:], text: r.annualCost.map { Formatting.money($0, l.language) } ?? "—"),
                    E("td", [:], [E("span", ["class": "badge"], text: status(r.status))]),
                    E("td", [:], text: l.time(r.createdAt)),
                ])
            }),
        ]))
        return content
    }

    struct FormModel {
        var form: WebForm
        var errors: [FieldError]
        var currencies: [String]
        var csrf: String?
    }

    func form(_ model: FormModel) -> [Node<HTML.BodyContext>] {
        let form = model.form, errors = model.errors, currencies = model.currencies, csrf = model.csrf
        let byField = Dictionary(grouping: errors, by: { $0.field.split(separator: ".").first.map(String.init) ?? $0.field })
        func field(_ name: String, _ label: String, help: String? = nil, _ control: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            let messages = byField[name] ?? []
            return E("div", ["class": messages.isEmpty ? "field" : "field invalid"], [E("label", ["for": name], text: label), control,
                help.map { E("div", ["class": "help"], text: $0) } ?? .group([])]
                + messages.map { E("div", ["class": "error", "id": "\(name)-error"], text: l.fieldMessage($0)) })
        }
        return [
            E("h1", [:], text: l.t("Nouveau fournisseur ou outil", "New supplier or tool")),
            l.errorSummary(errors, label: { field in
                ["supplierName": l.t("Nom du fournisseur", "Supplier name"), "purpose": l.t("Pour quoi faire", "What it is for"),
                 "annualCost": l.t("Coût annuel estimé", "Estimated annual cost"), "currency": l(.currency),
                 "dataProcessed": l.t("Données personnelles traitées", "Personal data processed")][field.split(separator: ".").first.map(String.init) ?? field]
            }, anchor: { String($0.split(separator: ".").first ?? "main") }),
            E("form", ["method": "post", "action": "/suppliers/new", "class": "card", "novalidate": ""], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                field("supplierName", l.t("Nom du fournisseur", "Supplier name"), V("input", ["id": "supplierName", "name": "supplierName", "value": form["supplierName"] ?? "", "required": ""])),
                field("purpose", l.t("Pour quoi faire", "What it is for"), E("textarea", ["id": "purpose", "name": "purpose", "rows": "3"], text: form["purpose"] ?? "")),
                E("div", ["class": "grid"], [
                    field("annualCost", l.t("Coût annuel estimé", "Estimated annual cost"), help: l.t("p. ex. 12 000", "e.g. 12000"),
                          V("input", ["id": "annualCost", "name": "annualCost", "value": form["annualCost"] ?? ""])),
                    field("currency", l(.currency), E("select", ["id": "currency", "name": "currency"], currencies.map {
                        E("option", ["value": $0, "selected": form["currency"] == $0 ? "" : nil], text: l.currency($0))
                    })),
                ]),
                field("dataProcessed", l.t("Données personnelles traitées", "Personal data processed"),
                      help: l.t("Une catégorie par ligne (p. ex. contacts clients, paie) ; laissez vide s'il n'y en a pas.",
                                "One kind per line (e.g. customer contacts, payroll); leave blank if none."),
                      E("textarea", ["id": "dataProcessed", "name": "dataProcessed", "rows": "3"], text: form["dataProcessed"] ?? "")),
                E("div", ["class": "actions"], [E("button", ["type": "submit", "id": "submit-supplier"], text: l.t("Envoyer la demande", "Send the request")),
                                                E("a", ["href": "/suppliers"], text: l(.cancel))]),
            ]),
        ]
    }

    struct DetailModel {
        var supplier: SupplierRequest
        var steps: [Approval]
        var people: [User.ID: User]
    }

    func detail(_ model: DetailModel) -> [Node<HTML.BodyContext>] {
        let r = model.supplier, steps = model.steps, people = model.people
        let facts: [(String, String)] = [
            (l(.status), status(r.status)), (l.t("Coût annuel", "Annual cost"), r.annualCost.map { Formatting.money($0, l.language) } ?? "—"),
            (l.t("Données personnelles", "Personal data"), r.dataProcessed.isEmpty ? l.t("aucune", "none") : r.dataProcessed.joined(separator: ", ")),
            (l.t("Demandé par", "Requested by"), people[r.requestedBy]?.name ?? "—"), (l(.createdAt), l.time(r.createdAt)),
        ]
        return [
            E("p", [:], [E("a", ["href": "/suppliers"], text: "← " + l.t("Fournisseurs", "Suppliers"))]),
            E("h1", [:], text: r.supplierName),
            r.status == .approved ? E("p", ["class": "notice", "role": "status"], text: l.t("Fournisseur référencé : il est prêt pour son contrat.", "Supplier on file: ready for its contract.")) : .group([]),
            E("section", ["class": "card"], [E("p", [:], text: r.purpose),
                                             E("dl", ["class": "grid"], facts.map { E("div", [:], [E("dt", [:], text: $0.0), E("dd", [:], text: $0.1)]) })]),
            E("h2", [:], text: l.t("Circuit de validation", "Approval chain")),
            steps.isEmpty ? E("p", ["class": "muted"], text: l.t("Aucune validation requise par la politique fournisseurs.", "No approval required by the supplier policy."))
                : E("table", ["class": "responsive", "id": "chain"], [
                    E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Ordre", "Order")), E("th", [:], text: l.t("Étape", "Step")),
                                                    E("th", [:], text: l(.status)), E("th", [:], text: l.t("Pourquoi", "Why"))])]),
                    E("tbody", [:], steps.map { a in
                        E("tr", [:], [
                            E("td", [:], text: String(a.step.order)),
                            E("td", [:], [E("a", ["href": "/approvals/\(a.id)"], text: a.step.role.map(l.role) ?? (a.step.users ?? []).compactMap { people[$0]?.name }.joined(separator: ", "))]),
                            E("td", [:], text: l.approvalStatus(a.status)),
                            E("td", [:], text: a.reasons.map { $0.ruleName(l.language, l.vocabulary) }.joined(separator: " · ")),
                        ])
                    }),
                ]),
        ]
    }
}
