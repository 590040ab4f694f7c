import Foundation
import ParapheCore
import ParapheStore
import Plot
import ParapheServices

/// The approval policy editor: the rules in order, a form to add one (or try it on past contracts first), and the
/// simulator for a stored contract.
struct PolicyPage {
    let l: L10n
    static let stepRows = 3

    struct Simulation: Sendable {
        var reference: String
        var contract: Contract?
        var required: [RequiredApproval]
    }

    /// The form as the API's rule input, plus the errors only a form can make (a number that is not one).
    static func ruleInput(from form: WebForm) -> (ApprovalRuleDraft, [FieldError]) {
        var errors = [FieldError]()
        var when = ApprovalCondition()
        let types = form.fields.keys.filter { $0.hasPrefix("type_") }.map { String($0.dropFirst(5)) }.sorted()
        if !types.isEmpty { when.contractTypes = types }
        when.amountAbove = form.money("amountAbove", errorField: "when.amountAbove", example: "50000.00", errors: &errors)
        switch form["hasDerogation"] { case "yes": when.hasDerogation = true; case "no": when.hasDerogation = false; default: break }
        switch form["customText"] { case "yes": when.customText = true; default: break }
        switch form["personalData"] { case "yes": when.personalData = true; case "no": when.personalData = false; default: break }
        if let text = form.value("derogationCategories") {
            when.derogationCategories = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let kinds = CounterpartyKind.allCases.filter { form["kind_\($0.rawValue)"] != nil }
        if !kinds.isEmpty { when.counterpartyKinds = kinds }
        if let text = form.value("durationMonthsAbove") {
            if let months = Int(text) { when.durationMonthsAbove = months } else { errors.append(FieldError("when.durationMonthsAbove", "must be a whole number of months")) }
        }
        // One test on a variable from the form; the API takes up to twenty. `true` and `false` are the booleans, and
        // bounds are typed amounts (`50 000`, `45,5`).
        let op = form["variableOp"] ?? "equals"
        switch (form.value("variableName"), form.value("variableValue")) {
        case (let name?, let text?):
            let bound = JSONValue.string(Money.normalizeTypedAmount(text))
            switch op {
            case "above": when.variables = [VariableCondition(name: name, above: bound)]
            case "below": when.variables = [VariableCondition(name: name, below: bound)]
            default: when.variables = [VariableCondition(name: name, equals: text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text))]
            }
        case (_?, nil): errors.append(FieldError("when.variables[0].\(op)", "give the value to compare with"))
        case (nil, _?): errors.append(FieldError("when.variables[0].name", "name the variable to compare"))
        case (nil, nil): break
        }
        var steps: [ApprovalRuleDraft.Step] = []
        for row in 1...stepRows {
            guard let role = form.value("step\(row)Role") else { continue }
            let order = form.value("step\(row)Order")
            if let order, Int(order) == nil { errors.append(FieldError("require[\(steps.count)].order", "must be a whole number")) }
            steps.append(.init(role: role, users: nil, mode: form.value("step\(row)Mode") ?? "any", order: order.flatMap(Int.init) ?? 1))
        }
        return (ApprovalRuleDraft(name: form.value("name"), when: when, require: steps, position: nil,
                                               appliesTo: form.value("appliesTo") ?? ApprovalScope.contract.rawValue), errors)
    }

    /// The period to try a rule on: the given dates, or the last quarter.
    static func historyRange(_ form: WebForm) -> (from: Day?, to: Day?) {
        (form.value("from").flatMap(Day.init), form.value("to").flatMap(Day.init))
    }

    func summary(_ c: ApprovalCondition) -> String {
        var parts: [String] = []
        if let types = c.contractTypes { parts.append(l.t("type ", "type ") + types.map { l.vocabulary.contractType($0, l.language) }.joined(separator: l.t(" ou ", " or "))) }
        if let amount = c.amountAbove { parts.append(l.t("montant > ", "amount > ") + Formatting.money(amount, l.language)) }
        if let d = c.hasDerogation { parts.append(d ? l.t("avec dérogation", "with a derogation") : l.t("sans dérogation", "without derogation")) }
        if let cats = c.derogationCategories { parts.append(l.t("dérogation de catégorie ", "derogation in ") + cats.map { Vocabulary.category($0, l.language) }.joined(separator: ", ")) }
        if let keys = c.alternatives { parts.append(l.t("variante ", "alternative ") + keys.map { l.vocabulary.alternative($0) }.joined(separator: ", ")) }
        if let kinds = c.counterpartyKinds { parts.append(l.t("cocontractant ", "counterparty ") + kinds.map(l.counterpartyKind).joined(separator: ", ")) }
        if let months = c.durationMonthsAbove { parts.append(l.t("durée > \(months) mois", "term > \(months) months")) }
        if c.customText == true { parts.append(l.t("texte négocié", "negotiated text")) }
        if let data = c.personalData { parts.append(data ? l.t("données personnelles", "personal data") : l.t("sans données personnelles", "no personal data")) }
        for test in c.variables ?? [] {
            var bits: [String] = []
            if let v = test.equals { bits.append("= " + VariableCondition.display(v, l.language)) }
            if let vs = test.in { bits.append(l.t("parmi ", "in ") + vs.map { VariableCondition.display($0, l.language) }.joined(separator: ", ")) }
            if let v = test.above { bits.append("> " + VariableCondition.display(v, l.language)) }
            if let v = test.below { bits.append("< " + VariableCondition.display(v, l.language)) }
            parts.append("« \(l.vocabulary.variable(test.name)) » " + bits.joined(separator: " "))
        }
        return parts.isEmpty ? l.t("tout contrat", "every contract") : parts.joined(separator: l.t(" et ", " and "))
    }

    /// A rule form error's field: its label on the form and the input it links to.
    static func ruleField(_ field: String, _ l: L10n) -> (label: String, anchor: String)? {
        switch field {
        case "name": (l.t("Nom de la règle", "Rule name"), "name")
        case "appliesTo": (l.t("S'applique à", "Applies to"), "appliesTo")
        case "when.amountAbove": (l.t("Montant supérieur à", "Amount above"), "amountAbove")
        case "when.durationMonthsAbove": (l.t("Durée supérieure à (mois)", "Term above (months)"), "durationMonthsAbove")
        case "when.contractTypes": (l.t("Types de contrat", "Contract types"), "rule-form")
        case "when.derogationCategories": (l.t("Catégories de dérogation", "Derogation categories"), "derogationCategories")
        case "from": (l.t("Essayer du", "Try from"), "from")
        case "to": (l.t("au", "to"), "to")
        case let f where f.hasPrefix("when.variables"): (l.t("Variable du contrat", "Contract variable"), f.hasSuffix(".name") || !f.contains(".equals") && !f.contains(".above") && !f.contains(".below") ? "variableName" : "variableValue")
        case let f where f.hasPrefix("require"): (l.t("Étapes exigées", "Required steps"), "step1Role")
        case let f where f.hasPrefix("when."): (l.t("Conditions", "Conditions"), "rule-form")
        default: nil
        }
    }

    func steps(_ steps: [ApprovalStep]) -> String {
        steps.map { "\($0.order). " + l.approvalStep($0) }.joined(separator: ", ")
    }

    struct Model {
        var rules: [ApprovalRule]
        var types: [ContractTypeRecord]
        var form: WebForm
        var errors: [FieldError]
        var history: ApprovalPolicyWorkflow.History?
        var simulation: Simulation?
        var notice: String?
        var currencies: [String]
        var csrf: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let rules = model.rules, types = model.types, form = model.form, errors = model.errors, history = model.history,
            simulation = model.simulation, notice = model.notice, currencies = model.currencies, csrf = model.csrf
        let csrfField = V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""])
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Règles de validation", "Approval rules")),
            E("p", [:], [E("a", ["href": "/settings/signature-authorities"], text: l.t("Délégations de signature →", "Signature authority →"))]),
            notice.map { E("p", ["class": "notice", "role": "status"], text: $0) } ?? .group([]),
        ]
        content.append(rules.isEmpty
            ? E("div", ["class": "empty"], [E("p", [:], text: l.t("Aucune règle : chaque contrat soumis est approuvé aussitôt.",
                                                                  "No rule: every submitted contract is approved at once."))])
            : E("table", ["class": "responsive", "id": "rules"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: "#"), E("th", [:], text: l.t("Règle", "Rule")), E("th", [:], text: l.t("Quand", "When")),
                                                E("th", [:], text: l.t("Validations", "Approvals")), E("th", [:], text: "")])]),
                E("tbody", [:], rules.enumerated().map { index, rule in
                    E("tr", [:], [
                        E("td", [:], text: String(index + 1)),
                        E("td", [:], [T(rule.name)] + (rule.appliesTo == .supplierRequest ? [T(" "), E("span", ["class": "badge"], text: l.t("fournisseurs", "suppliers"))] : [])),
                        E("td", [:], text: summary(rule.when)),
                        E("td", [:], text: steps(rule.require)),
                        E("td", [:], [E("form", ["method": "post", "action": "/settings/approvals/\(rule.id)/delete", "class": "inline",
                                                 "data-confirm": l.t("Supprimer la règle « \(rule.name) » ?", "Delete the rule “\(rule.name)”?")], [
                            csrfField, E("button", ["type": "submit", "class": "link"], text: l.t("Supprimer", "Delete")),
                        ])]),
                    ])
                }),
            ]))

        content.append(E("h2", [:], text: l.t("Simuler sur un contrat", "Simulate on a contract")))
        content.append(E("form", ["method": "get", "action": "/settings/approvals", "class": "filters"], [
            V("input", ["type": "search", "name": "contract", "value": simulation?.reference ?? "", "placeholder": "CTR-2026-000001",
                        "aria-label": l(.reference)]),
            E("button", ["type": "submit"], text: l.t("Simuler", "Simulate")),
        ]))
        if let simulation {
            if let contract = simulation.contract {
                content.append(E("section", ["class": "card", "id": "simulation"], [
                    E("p", [:], [E("strong", [:], text: "\(contract.reference) — \(contract.title)")]),
                    simulation.required.isEmpty ? E("p", [:], text: l.t("Aucune validation requise : il serait approuvé aussitôt.", "No approval required: it would be approved at once."))
                        : E("ul", [:], simulation.required.map { r in
                            E("li", [:], [E("strong", [:], text: steps([r.step])), T(" — " + r.reasons.map(l.reason).joined(separator: " · "))])
                        }),
                ]))
            } else {
                content.append(E("p", ["class": "alert"], text: l.t("Aucun contrat avec la référence \(simulation.reference).", "No contract with reference \(simulation.reference).")))
            }
        }

        content.append(E("h2", [:], text: l.t("Ajouter une règle", "Add a rule")))
        content.append(ruleForm(types: types, form: form, errors: errors, currencies: currencies, csrfField: csrfField))
        if let history {
            content.append(E("section", ["class": "card", "id": "history"], [
                E("p", [:], [E("strong", [:], text: l.t(
                    "Si la règle « \(history.rule) » s'était appliquée du \(Formatting.day(history.from, .fr)) au \(Formatting.day(history.to, .fr)), \(history.contracts.count) contrat\(history.examined > 1 ? "s" : "") sur \(history.examined) l'\(history.contracts.count > 1 ? "auraient" : "aurait") demandée.",
                    "Had “\(history.rule)” applied from \(Formatting.day(history.from, .en)) to \(Formatting.day(history.to, .en)), \(history.contracts.count) of \(history.examined) contract\(history.examined > 1 ? "s" : "") would have needed it."))]),
                E("ul", [:], history.contracts.prefix(50).map { c in
                    E("li", [:], [E("a", ["href": "/contracts/\(c.id)"], text: c.reference), T(" \(c.title) — \(c.criteria.map { $0.describe(l.language, l.vocabulary) }.joined(separator: l.t("\u{00A0}; ", "; ")))")])
                }),
            ]))
        }
        return content
    }

    func ruleForm(types: [ContractTypeRecord], form: WebForm, errors: [FieldError], currencies: [String], csrfField: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        let byField = Dictionary(grouping: errors, by: \.field)
        let shown = Set(byField.keys)
        func errorNodes(_ fields: [String]) -> [Node<HTML.BodyContext>] {
            fields.flatMap { byField[$0] ?? [] }.map { E("div", ["class": "error"], text: l.fieldMessage($0)) }
        }
        func input(_ name: String, _ label: String, fields: [String], type: String = "text", help: String? = nil) -> Node<HTML.BodyContext> {
            E("div", ["class": fields.contains(where: shown.contains) ? "field invalid" : "field"], [
                E("label", ["for": name], text: label),
                V("input", ["id": name, "name": name, "type": type, "value": form[name] ?? ""]),
                help.map { E("div", ["class": "help"], text: $0) } ?? .group([]),
            ] + errorNodes(fields))
        }
        func select(_ name: String, _ options: [(String, String)], label: String? = nil) -> Node<HTML.BodyContext> {
            E("select", ["id": name, "name": name, "aria-label": label], options.map { E("option", ["value": $0.0, "selected": (form[name] ?? "") == $0.0 ? "" : nil], text: $0.1) })
        }
        // The published templates' variables and the CRM's metadata are suggested by their labels; any metadata
        // field (a region set on an imported contract) may still be typed.
        let suggestions = l.vocabulary.variables.sorted { $0.value.localizedCompare($1.value) == .orderedAscending }.map { ($0.key, $0.value) }
            + ["closeDate", "stage", "dealAmount"].map { ($0, l.metadataField($0)) }
        func check(_ name: String, _ label: String) -> Node<HTML.BodyContext> {
            E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": name, "checked": form[name] != nil ? "" : nil]), T(label + " ")])
        }
        let stepErrors = errors.filter { $0.field.hasPrefix("require") }
        let inPlace = ["name", "when.amountAbove", "when.durationMonthsAbove", "when.contractTypes", "when.variables", "when.variables[0]", "when.variables[0].name",
                       "when.variables[0].equals", "when.variables[0].above", "when.variables[0].below"]
        let other = errors.filter { e in !e.field.hasPrefix("require") && !inPlace.contains(e.field) }
        return E("form", ["method": "post", "action": "/settings/approvals", "class": "card", "id": "rule-form", "novalidate": ""], [
            csrfField,
            l.errorSummary(errors, label: { Self.ruleField($0, l).map(\.label) }, anchor: { Self.ruleField($0, l)?.anchor ?? "rule-form" }),
            input("name", l.t("Nom de la règle", "Rule name"), fields: ["name"]),
            E("div", ["class": "field"], [E("label", ["for": "appliesTo"], text: l.t("S'applique à", "Applies to")),
                                          select("appliesTo", [("contract", l.t("les contrats", "contracts")), ("supplierRequest", l.t("les demandes de fournisseur", "supplier requests"))])]),
            E("fieldset", [:], [E("legend", [:], text: l.t("Quand (toutes les conditions cochées)", "When (every condition given)")),
                E("div", ["class": "field"], [E("span", ["class": "help"], text: l.t("Types de contrat (aucun = tous) : ", "Contract types (none = all): "))]
                    + types.map { check("type_\($0.key)", l.language == .fr ? $0.labelFr : $0.labelEn) } + errorNodes(["when.contractTypes"])),
                E("div", ["class": "grid"], [
                    input("amountAbove", l.t("Montant supérieur à", "Amount above"), fields: ["when.amountAbove"], help: l.t("Dans la devise du contrat, p. ex. 50 000,00", "In the contract's currency, e.g. 50000.00")),
                    E("div", ["class": "field"], [E("label", ["for": "currency"], text: l(.currency)), select("currency", currencies.map { ($0, l.currency($0)) })]),
                    E("div", ["class": "field"], [E("label", ["for": "hasDerogation"], text: l.t("Dérogation", "Derogation")),
                                                  select("hasDerogation", [("", l.t("peu importe", "any")), ("yes", l.t("au moins une", "at least one")), ("no", l.t("aucune", "none"))])]),
                    input("derogationCategories", l.t("Catégories de dérogation", "Derogation categories"), fields: ["when.derogationCategories"], help: l.t("Séparées par des virgules : payment, liability…", "Comma-separated: payment, liability…")),
                    input("durationMonthsAbove", l.t("Durée supérieure à (mois)", "Term above (months)"), fields: ["when.durationMonthsAbove"], type: "number"),
                    E("div", ["class": "field"], [E("label", ["for": "customText"], text: l.t("Texte négocié", "Negotiated text")),
                                                  select("customText", [("", l.t("peu importe", "any")), ("yes", l.t("présent", "present"))])]),
                    E("div", ["class": "field"], [E("label", ["for": "personalData"], text: l.t("Données personnelles (fournisseurs)", "Personal data (suppliers)")),
                                                  select("personalData", [("", l.t("peu importe", "any")), ("yes", l.t("traitées", "processed")), ("no", l.t("aucune", "none"))])]),
                ]),
                E("div", ["class": "field"], [E("span", ["class": "help"], text: l.t("Cocontractant : ", "Counterparty: "))]
                    + CounterpartyKind.allCases.map { check("kind_\($0.rawValue)", l.counterpartyKind($0)) }),
                E("div", ["class": "grid"], [
                    E("div", ["class": "field"], [E("label", ["for": "variableName"], text: l.t("Variable du contrat", "Contract variable")),
                                                  V("input", ["id": "variableName", "name": "variableName", "value": form["variableName"] ?? "", "list": "known-variables",
                                                              "class": "code", "spellcheck": "false"]),
                                                  E("datalist", ["id": "known-variables"], suggestions.map { E("option", ["value": $0.0, "label": $0.1]) }),
                                                  E("span", ["class": "help"], text: l.t("Choisissez une variable des modèles, ou saisissez le nom d'une métadonnée.",
                                                                                         "Pick a template variable, or type a metadata field's name."))]
                        + errorNodes(["when.variables", "when.variables[0]", "when.variables[0].name"])),
                    E("div", ["class": "field"], [E("label", ["for": "variableOp"], text: l.t("Condition", "Test")),
                                                  select("variableOp", [("equals", l.t("égale", "equals")), ("above", l.t("supérieure à", "above")),
                                                                        ("below", l.t("inférieure à", "below"))])]),
                    input("variableValue", l.t("Valeur", "Value"), fields: ["when.variables[0].equals", "when.variables[0].above", "when.variables[0].below"]),
                ]),
            ]),
            E("fieldset", [:], [E("legend", [:], text: l.t("Exiger (les étapes de même ordre vont en parallèle)", "Require (steps of the same order run in parallel)"))]
                + (1...Self.stepRows).map { row in
                    E("div", ["class": "inline-fields field"], [
                        select("step\(row)Role", [("", "—")] + Role.allCases.filter { $0 != .viewer }.map { ($0.rawValue, l.role($0)) },
                               label: l.t("Équipe de l'étape \(row)", "Team for step \(row)")),
                        select("step\(row)Mode", [("any", l.t("un seul décide", "any one decides")), ("all", l.t("tous décident", "all decide"))],
                               label: l.t("Qui décide à l'étape \(row)", "Who decides at step \(row)")),
                        V("input", ["name": "step\(row)Order", "type": "number", "min": "1", "max": "20", "value": form["step\(row)Order"] ?? "", "aria-label": l.t("Ordre", "Order"),
                                    "placeholder": l.t("ordre", "order")]),
                    ])
                } + stepErrors.map { E("div", ["class": "error"], text: "\($0.field) : \(l.fieldMessage($0))") }),
            E("div", ["class": "actions"], [
                input("from", l.t("Essayer du", "Try from"), fields: ["from"], type: "date"),
                input("to", l.t("au", "to"), fields: ["to"], type: "date"),
            ]),
            E("div", ["class": "actions"], [
                E("button", ["type": "submit", "name": "then", "value": "add"], text: l.t("Ajouter la règle", "Add the rule")),
                E("button", ["type": "submit", "name": "then", "value": "history", "class": "secondary"], text: l.t("Essayer sur les contrats passés", "Try on past contracts")),
            ]),
        ])
    }
}

/// The signature-authority matrix: who may sign which type, up to what, and every grant with its revocation.
struct AuthorityPage {
    let l: L10n

    static func grantInput(from form: WebForm) throws -> SignatureAuthorityWorkflow.GrantInput {
        var errors = [FieldError]()
        let amount = form.money("maxAmount", errorField: "maxAmount", example: "20000.00", errors: &errors)
        func day(_ name: String) -> Day? {
            guard let text = form.value(name) else { return nil }
            if let day = Day(text) { return day }
            errors.append(FieldError(name, "must be a date YYYY-MM-DD"))
            return nil
        }
        let input = SignatureAuthorityWorkflow.GrantInput(userId: form.value("userId"),
                                                        contractTypes: form.fields.keys.filter { $0.hasPrefix("type_") }.map { String($0.dropFirst(5)) }.sorted(),
                                                        maxAmount: amount, validFrom: day("validFrom"), validUntil: day("validUntil"))
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return input
    }

    struct Model {
        var grants: [SignatureAuthority]
        var users: [User]
        var types: [ContractTypeRecord]
        var today: Day
        var form: WebForm
        var errors: [FieldError]
        var currencies: [String]
        var csrf: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let grants = model.grants, users = model.users, types = model.types, today = model.today, form = model.form, errors = model.errors,
            currencies = model.currencies, csrf = model.csrf
        let csrfField = V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""])
        let names = Dictionary(users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let active = users.filter(\.active)
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Délégations de signature", "Signature authority")),
            E("p", ["class": "muted"], text: l.t("Qui peut signer quel type de contrat aujourd'hui, et jusqu'à quel montant. Seules ces personnes pourront être signataires internes.",
                                                 "Who may sign which contract type today, up to which amount. Only they can be named internal signers.")),
            E("table", ["class": "responsive", "id": "matrix"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Personne", "Person"))] + types.map { E("th", [:], text: l.language == .fr ? $0.labelFr : $0.labelEn) })]),
                E("tbody", [:], active.map { user in
                    let valid = grants.filter { $0.userId == user.id && $0.isValid(on: today) }
                    return E("tr", [:], [E("td", [:], text: user.name)] + types.map { type in
                        let covering = valid.filter { $0.covers(type: type.key) }
                        let text: String = if covering.isEmpty { "—" }
                            else if covering.contains(where: { $0.maxAmount == nil }) { l.t("sans plafond", "no limit") }
                            else { covering.compactMap(\.maxAmount).map { "≤ " + Formatting.money($0, l.language) }.joined(separator: ", ") }
                        return E("td", [:], text: text)
                    })
                }),
            ]),
            E("h2", [:], text: l.t("Délégations", "Grants")),
        ]
        content.append(grants.isEmpty ? E("p", ["class": "muted"], text: l.t("Aucune délégation.", "No grant yet.")) : E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Personne", "Person")), E("th", [:], text: l(.type)), E("th", [:], text: l.t("Plafond", "Limit")),
                                            E("th", [:], text: l.t("Validité", "Valid")), E("th", [:], text: l.t("Accordée par", "Granted by")), E("th", [:], text: "")])]),
            E("tbody", [:], grants.map { g in
                E("tr", [:], [
                    E("td", [:], text: names[g.userId] ?? "—"),
                    E("td", [:], text: g.contractTypes.isEmpty ? l.t("tous", "all") : g.contractTypes.joined(separator: ", ")),
                    E("td", [:], text: g.maxAmount.map { Formatting.money($0, l.language) } ?? l.t("sans plafond", "no limit")),
                    E("td", [:], text: Formatting.day(g.validFrom, l.language) + " → " + (g.validUntil.map { Formatting.day($0, l.language) } ?? "…")),
                    E("td", [:], text: names[g.grantedBy] ?? "—"),
                    E("td", [:], g.revokedAt != nil
                        ? [T(l.t("révoquée le ", "revoked on ") + l.time(g.revokedAt!))]
                        : [E("form", ["method": "post", "action": "/settings/signature-authorities/\(g.id)/revoke", "class": "inline",
                                      "data-confirm": l.t("Révoquer cette délégation de \(names[g.userId] ?? "") ?", "Revoke this grant to \(names[g.userId] ?? "")?")], [
                            csrfField, E("button", ["type": "submit", "class": "link"], text: l.t("Révoquer", "Revoke")),
                        ])]),
                ])
            }),
        ]))
        let byField = Dictionary(grouping: errors, by: \.field)
        content.append(E("h2", [:], text: l.t("Accorder une délégation", "Grant authority")))
        content.append(E("form", ["method": "post", "action": "/settings/signature-authorities", "class": "card", "id": "grant-form", "novalidate": ""], [
            csrfField,
            l.errorSummary(errors, label: { field in
                ["userId": l.t("Personne", "Person"), "maxAmount": l.t("Plafond", "Limit"), "currency": l(.currency), "validFrom": l.t("À partir du", "From"),
                 "validUntil": l.t("Jusqu'au", "Until"), "contractTypes": l.t("Types", "Types")][field.split(separator: ".").first.map(String.init) ?? field]
            }, anchor: { String($0.split(separator: ".").first ?? "grant-form") }),
            E("div", ["class": "grid"], [
                E("div", ["class": byField["userId"] == nil ? "field" : "field invalid"], [E("label", ["for": "userId"], text: l.t("Personne", "Person")),
                    E("select", ["id": "userId", "name": "userId"], [E("option", ["value": ""], text: "—")] + active.map {
                        E("option", ["value": $0.id.description, "selected": form["userId"] == $0.id.description ? "" : nil], text: $0.name)
                    })]),
                E("div", ["class": byField["maxAmount"] == nil ? "field" : "field invalid"], [E("label", ["for": "maxAmount"], text: l.t("Plafond (vide = aucun)", "Limit (blank = none)")),
                    V("input", ["id": "maxAmount", "name": "maxAmount", "value": form["maxAmount"] ?? ""])]),
                E("div", ["class": "field"], [E("label", ["for": "currency"], text: l(.currency)), E("select", ["id": "currency", "name": "currency"],
                    currencies.map { E("option", ["value": $0, "selected": form["currency"] == $0 ? "" : nil], text: l.currency($0)) })]),
                E("div", ["class": "field"], [E("label", ["for": "validFrom"], text: l.t("À partir du", "From")), V("input", ["id": "validFrom", "name": "validFrom", "type": "date", "value": form["validFrom"] ?? ""])]),
                E("div", ["class": "field"], [E("label", ["for": "validUntil"], text: l.t("Jusqu'au (vide = sans fin)", "Until (blank = open)")), V("input", ["id": "validUntil", "name": "validUntil", "type": "date", "value": form["validUntil"] ?? ""])]),
            ]),
            E("div", ["class": "field"], [E("span", ["class": "help"], text: l.t("Types (aucun = tous) : ", "Types (none = all): "))] + types.map { t in
                E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": "type_\(t.key)", "checked": form["type_\(t.key)"] != nil ? "" : nil]),
                                                 T((l.language == .fr ? t.labelFr : t.labelEn) + " ")])
            }),
            E("button", ["type": "submit"], text: l.t("Accorder", "Grant")),
        ]))
        return content
    }
}
