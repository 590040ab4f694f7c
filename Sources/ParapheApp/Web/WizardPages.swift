import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore
import Plot
import ParapheServices

/// The five steps of a new contract, as the stepper names them.
enum WizardStep: Int, CaseIterable {
    case template = 1, terms, clauses, review, create

    func title(_ l: L10n) -> String {
        switch self {
        case .template: l.t("Modèle", "Template")
        case .terms: l.t("Cocontractant et conditions", "Counterparty and terms")
        case .clauses: l.t("Clauses", "Clauses")
        case .review: l.t("Relecture", "Review")
        case .create: l.t("Création", "Create")
        }
    }

    /// The step a field is asked on, so a refused form opens where its first error is.
    static func of(field: String) -> WizardStep {
        if field.hasPrefix("clauses.") { return .clauses }
        if field == "then" { return .create }
        return .terms
    }
}

/// The stepper above every step. On the template picker the later steps are not reachable yet; in the form every
/// step is a link to its section (the script shows one at a time; without it the sections follow each other).
struct Stepper {
    let l: L10n
    let current: WizardStep
    /// The template chosen, once there is one.
    var template: String?

    func body() -> Node<HTML.BodyContext> {
        E("nav", ["class": "stepper", "aria-label": l.t("Étapes", "Steps")], [E("ol", [:], WizardStep.allCases.map { step in
            let label: [Node<HTML.BodyContext>] = [E("span", ["class": "step-number", "aria-hidden": "true"], text: String(step.rawValue)),
                                                   E("span", ["class": "step-title"], text: step.title(l))]
            if step == .template {
                guard let template else {
                    return E("li", ["class": "current"], [E("span", ["aria-current": "step"], label)])
                }
                return E("li", ["class": "done"], [E("a", ["href": "/contracts/new", "title": l.t("Changer de modèle", "Change template")],
                                                     label + [E("span", ["class": "visually-hidden"], text: " : " + template)])])
            }
            guard template != nil else { return E("li", [:], [E("span", [:], label)]) }
            return E("li", [:], [E("a", ["href": "#step-\(step.rawValue)", "data-step": String(step.rawValue),
                                         "aria-current": step == current ? "step" : nil], label)])
        })])
    }
}

/// Published templates as cards, each opening the wizard on it. On the picker, pointing at one shows its preview.
struct TemplateCards {
    let l: L10n

    /// `link` opens the wizard on a template: the plain wizard, or the one filled from a CRM record.
    func body(_ templates: [Template], types: [ContractTypeRecord], link: (Template) -> String = { "/contracts/new/\($0.id)" }) -> Node<HTML.BodyContext> {
        let labels = Dictionary(types.map { ($0.key, l.language == .fr ? $0.labelFr : $0.labelEn) }, uniquingKeysWith: { a, _ in a })
        return E("ul", ["class": "picker"], templates.map { t in
            E("li", [:], [E("a", ["href": link(t), "class": "card pick", "data-template-preview": "/contracts/new/\(t.id)/preview"], [
                E("strong", [:], text: t.name),
                E("span", ["class": "muted"], text: ([labels[t.contractType] ?? t.contractType].filter { $0.lowercased() != t.name.lowercased() }
                    + [t.language == .fr ? l.t("en français", "in French") : l.t("en anglais", "in English"), "v\(t.publishedVersion ?? 0)"])
                    .map { " · " + $0 }.joined()),
            ])])
        })
    }
}

/// Step one of a new contract: which kind, with the first template's preview beside the list from the start.
/// Recording a signed contract by hand comes last.
struct TemplatePickerPage {
    let l: L10n

    struct Model {
        var templates: [Template]
        var types: [ContractTypeRecord]
        var preview: WizardDraft?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let templates = model.templates, types = model.types, preview = model.preview
        return [
            E("h1", [:], text: l(.newContract)),
            Stepper(l: l, current: .template).body(),
            E("div", ["class": "wizard"], [
                E("div", [:], [
                    E("p", ["class": "muted"], text: l.t("Choisissez un modèle validé par le service juridique.", "Pick a template approved by legal.")),
                    TemplateCards(l: l).body(templates, types: types),
                    E("p", [:], [E("a", ["href": "/contracts/new?manual=1"], text: l.t("Enregistrer un contrat sans modèle (saisie manuelle)", "Record a contract without a template"))]),
                ]),
                previewPane(preview),
            ]),
        ]
    }

    func previewPane(_ preview: WizardDraft?) -> Node<HTML.BodyContext> {
        E("section", ["class": "preview card", "aria-label": l.t("Aperçu", "Preview"), "aria-live": "polite"], [
            E("h2", [:], text: l.t("Aperçu", "Preview")),
            E("div", ["id": "preview", "data-document": ""], [.raw(preview?.document ?? "")]),
        ])
    }
}

/// Steps two to five, in one form: the fields generated from the template's variables, the clause choices with
/// derogations marked and the approvals they trigger, the review, and the creation. The preview stays beside them.
/// One form, so a step left is never lost and the post is the same request the API takes.
struct WizardPage {
    let l: L10n
    let template: Template
    let manifest: TemplateManifest
    let library: [String: Clause]
    /// The workspace's currencies, the usual one first.
    let currencies: [String]

    /// An error's field by the label the form shows: a variable's, a clause's title, the counterparty, the title.
    func fieldLabel(_ field: String) -> String? {
        if field == "counterpartyId" { return l(.counterparty) }
        if field == "title" { return l(.title) }
        if field == "then" { return l.t("Soumission", "Submission") }
        let parts = field.split(separator: ".").map(String.init)
        if parts.count >= 2, parts[0] == "variables" { return manifest.variables.first { $0.name == parts[1] }?.label }
        if parts.count >= 2, parts[0] == "clauses" {
            return manifest.allNodes.first { $0.isChoosable && $0.choiceKey == parts[1] }.map { $0.title ?? $0.clause.flatMap { library[$0]?.title } ?? l.t("Clause", "Clause") }
        }
        return nil
    }

    /// Where an error's field takes the focus: a money variable's amount, a duration's count, a clause's first choice.
    func fieldAnchor(_ field: String) -> String {
        let parts = field.split(separator: ".").map(String.init)
        if parts.count == 2, parts[0] == "variables", let spec = manifest.variables.first(where: { $0.name == parts[1] }) {
            switch spec.type {
            case .money: return field + ".amount"
            case .duration: return field + ".count"
            default: return field
            }
        }
        if parts.count == 2, parts[0] == "clauses" { return field + "-standard" }
        if field == "then" { return "create-submit" }
        return field
    }

    /// `crm` names the CRM record the contract is made from: carried in hidden fields, checked again on submit.
    struct Model {
        var form: WebForm
        var errors: [FieldError]
        var counterparties: [Counterparty]
        var csrf: String?
        var draft: WizardDraft?
        var crm: (link: CRMLink, label: String)? = nil
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let form = model.form, errors = model.errors, counterparties = model.counterparties, csrf = model.csrf, draft = model.draft,
            crm = model.crm
        let byField = Dictionary(grouping: errors, by: \.field)
        var shown = Set<String>()
        func messages(_ names: [String]) -> [Node<HTML.BodyContext>] {
            names.flatMap { name -> [Node<HTML.BodyContext>] in
                shown.insert(name)
                return (byField[name] ?? []).map { E("div", ["class": "error", "id": "\(name)-error", "role": "alert"], text: l.fieldMessage($0)) }
            }
        }
        func invalid(_ names: [String]) -> Bool { names.contains { byField[$0] != nil } }
        func input(_ name: String, type: String = "text", label: String? = nil, attributes extra: [String: String] = [:]) -> Node<HTML.BodyContext> {
            var node = V("input", ["id": name, "name": name, "type": type, "value": form[name] ?? "", "aria-label": label,
                                   "aria-invalid": byField[name] == nil ? nil : "true", "inputmode": extra["inputmode"], "list": extra["list"],
                                   "placeholder": extra["placeholder"]])
            if type == "checkbox" {
                node = V("input", ["id": name, "name": name, "type": "checkbox", "checked": form[name] == "on" ? "" : nil, "aria-label": label])
            }
            return node
        }

        var variableFields: [Node<HTML.BodyContext>] = []
        for spec in manifest.variables {
            let name = "variables.\(spec.name)"
            let help = spec.help.map { E("div", ["class": "help", "id": "\(name)-help"], text: $0) } ?? .group([])
            let required = spec.required ? E("span", ["class": "required", "aria-hidden": "true"], text: " *") : .group([])
            switch spec.type {
            case .party:
                let members = ["name", "legalForm", "registrationNumber", "address", "representative"]
                let memberLabels = l.language == .fr
                    ? ["Dénomination", "Forme juridique", "Immatriculation (RCS, SIREN)", "Adresse du siège", "Représentant"]
                    : ["Name", "Legal form", "Registration number", "Registered address", "Representative"]
                let names = [name] + members.map { "\(name).\($0)" }
                variableFields.append(E("fieldset", ["class": invalid(names) ? "field invalid party" : "field party"], [
                    E("legend", [:], [T(spec.label), required]), help,
                    spec.fromCounterparty ? E("div", ["class": "help"], text: l.t("Laissez vide pour reprendre le cocontractant choisi ci-dessus.",
                                                                                  "Leave blank to use the counterparty chosen above.")) : .group([]),
                    E("div", ["class": "grid"], zip(members, memberLabels).map { member, label in
                        E("div", [:], [E("label", ["for": "\(name).\(member)"], text: label), input("\(name).\(member)")])
                    }),
                ] + messages(names)))
            case .money:
                let names = [name, "\(name).amount", "\(name).currency"]
                variableFields.append(E("div", ["class": invalid(names) ? "field invalid" : "field"], [
                    E("label", ["for": "\(name).amount"], [T(spec.label), required]),
                    E("div", ["class": "inline-fields"], [
                        input("\(name).amount", attributes: ["inputmode": "decimal", "placeholder": l.t("12 000,00", "12,000.00")]),
                        E("select", ["name": "\(name).currency", "aria-label": l(.currency)], currencies.map { c in
                            E("option", ["value": c, "selected": (form["\(name).currency"] ?? currencies[0]) == c ? "" : nil], text: l.currency(c))
                        }),
                    ]), help,
                ] + messages(names)))
            case .duration:
                let names = [name, "\(name).count"]
                let units = l.language == .fr ? [("M", "mois"), ("Y", "ans"), ("D", "jours")] : [("M", "months"), ("Y", "years"), ("D", "days")]
                variableFields.append(E("div", ["class": invalid(names) ? "field invalid" : "field"], [
                    E("label", ["for": "\(name).count"], [T(spec.label), required]),
                    E("div", ["class": "inline-fields"], [
                        input("\(name).count", type: "number", attributes: ["inputmode": "numeric"]),
                        E("select", ["name": "\(name).unit", "aria-label": spec.label], units.map { value, label in
                            E("option", ["value": value, "selected": (form["\(name).unit"] ?? "M") == value ? "" : nil], text: label)
                        }),
                    ]), help,
                ] + messages(names)))
            case .boolean:
                variableFields.append(E("div", ["class": "field check"], [
                    E("label", ["for": name], [input(name, type: "checkbox"), T(" " + spec.label)]), help,
                ] + messages([name])))
            case .enum:
                variableFields.append(E("div", ["class": invalid([name]) ? "field invalid" : "field"], [
                    E("label", ["for": name], [T(spec.label), required]),
                    E("select", ["id": name, "name": name], [E("option", ["value": ""], text: "—")] + spec.options.map { option in
                        E("option", ["value": option, "selected": form[name] == option ? "" : nil], text: option)
                    }), help,
                ] + messages([name])))
            case .list:
                variableFields.append(E("div", ["class": invalid([name]) ? "field invalid" : "field"], [
                    E("label", ["for": name], [T(spec.label), required]),
                    E("textarea", ["id": name, "name": name, "rows": "3"], text: form[name] ?? ""),
                    E("div", ["class": "help"], text: l.t("Un élément par ligne.", "One item per line.")), help,
                ] + messages([name])))
            case .text, .number, .percent, .date:
                let type = spec.type == .date ? "date" : "text"
                let mode: String? = spec.type == .number || spec.type == .percent ? "decimal" : nil
                variableFields.append(E("div", ["class": invalid([name]) ? "field invalid" : "field"], [
                    E("label", ["for": name], [T(spec.label), required]),
                    input(name, type: type, attributes: mode.map { ["inputmode": $0] } ?? [:]), help,
                ] + messages([name])))
            }
        }

        var clauseFields: [Node<HTML.BodyContext>] = []
        for node in manifest.allNodes where node.isChoosable {
            let key = node.choiceKey
            let name = "clauses.\(key)"
            let clause = node.clause.flatMap { library[$0] }
            let title = node.title ?? clause?.title ?? node.id
            guard let clause else {
                clauseFields.append(E("div", ["class": "field check"], [E("label", ["for": name], [input(name, type: "checkbox"), T(" " + title)])] + messages([name])))
                continue
            }
            let current = form[name] ?? "standard"
            func radio(_ value: String, _ label: String, derogation: ClauseAlternative? = nil) -> Node<HTML.BodyContext> {
                let id = "\(name)-\(value)"
                return E("div", ["class": "choice"], [
                    V("input", ["type": "radio", "id": id, "name": name, "value": value, "checked": current == value ? "" : nil]),
                    E("label", ["for": id, "class": "inline"], [T(" " + label)]), T(" "),
                    derogation.map { alternative in
                        E("span", ["class": "badge derogation"], text: l.t("Dérogation", "Derogation")
                          + (alternative.requiresApprovalBy.isEmpty ? "" : " · " + l.t("validation ", "approval: ") + l.roles(alternative.requiresApprovalBy)))
                    } ?? .group([]),
                ])
            }
            let allowed = clause.alternatives.filter { node.allowedAlternatives?.contains($0.key) ?? true }
            var choices = [radio("standard", l.t("Clause standard", "Standard clause"))]
            choices += allowed.map { radio($0.key, $0.title, derogation: $0.isDerogation ? $0 : nil) }
            if node.optional { choices.append(radio("omit", l.t("Ne pas inclure cette clause", "Leave this clause out"))) }
            if node.allowCustom {
                choices.append(E("div", ["class": "choice"], [
                    V("input", ["type": "radio", "id": "\(name)-custom", "name": name, "value": "custom", "checked": current == "custom" ? "" : nil]),
                    E("label", ["for": "\(name)-custom", "class": "inline"], text: " " + l.t("Texte négocié (dérogation, revue juridique)", "Negotiated text (derogation, legal review)")),
                    E("textarea", ["name": "\(name).custom", "rows": "3", "aria-label": title], text: form["\(name).custom"] ?? ""),
                ]))
            }
            clauseFields.append(E("fieldset", ["class": invalid([name, "\(name).custom"]) ? "field invalid" : "field"],
                                  [E("legend", [:], text: title)] + choices + messages([name, "\(name).custom"])))
        }

        let crmFields: [Node<HTML.BodyContext>] = crm.map { crm in [
            V("input", ["type": "hidden", "name": "crm.integrationId", "value": crm.link.integrationId]),
            V("input", ["type": "hidden", "name": "crm.system", "value": crm.link.system.rawValue]),
            V("input", ["type": "hidden", "name": "crm.objectType", "value": crm.link.objectType]),
            V("input", ["type": "hidden", "name": "crm.objectId", "value": crm.link.objectId]),
            E("p", ["class": "notice"], [T(l.t("Depuis le CRM : ", "From the CRM: ")),
                                         E("a", ["href": crm.link.url ?? "#", "rel": "noopener", "target": "_blank"], text: crm.label)]),
        ] } ?? []
        let counterpartyField = E("div", ["class": invalid(["counterpartyId"]) ? "field invalid" : "field"], [
            E("label", ["for": "counterpartyId"], text: l(.counterparty)),
            E("select", ["id": "counterpartyId", "name": "counterpartyId"], [E("option", ["value": ""], text: l(.noCounterparty))] + counterparties.map { c in
                E("option", ["value": c.id.description, "selected": form["counterpartyId"] == c.id.description ? "" : nil], text: c.name)
            }),
        ] + messages(["counterpartyId"]))
        let titleField = E("div", ["class": invalid(["title"]) ? "field invalid" : "field"], [
            E("label", ["for": "title"], text: l(.title)),
            input("title"),
            E("div", ["class": "help"], text: l.t("Facultatif : sinon le titre du modèle.", "Optional: the template's title otherwise.")),
        ] + messages(["title"]))

        let start = errors.map { WizardStep.of(field: $0.field) }.min { $0.rawValue < $1.rawValue } ?? .terms
        func section(_ step: WizardStep, _ content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
            let previous = WizardStep(rawValue: step.rawValue - 1).flatMap { $0 == .template ? nil : $0 }
            let next = WizardStep(rawValue: step.rawValue + 1)
            let moves: [Node<HTML.BodyContext>] = [
                previous.map { E("button", ["type": "button", "class": "secondary", "data-go": String($0.rawValue)], text: "← " + $0.title(l)) } ?? .group([]),
                next.map { E("button", ["type": "button", "data-go": String($0.rawValue)], text: l.t("Suivant : ", "Next: ") + $0.title(l) + " →") } ?? .group([]),
            ]
            return E("section", ["class": "step", "id": "step-\(step.rawValue)", "data-step": String(step.rawValue), "aria-labelledby": "step-\(step.rawValue)-title"], [
                E("h2", ["id": "step-\(step.rawValue)-title", "tabindex": "-1"], text: "\(step.rawValue). " + step.title(l)),
            ] + content + [E("div", ["class": "step-nav js-only"], moves)])
        }
        func live(_ part: String, _ html: String?) -> Node<HTML.BodyContext> {
            E("div", ["data-live": part, "aria-live": "polite"], [.raw(html ?? "")])
        }

        return [
            E("h1", [:], text: template.name),
            Stepper(l: l, current: start, template: template.name).body(),
            l.errorSummary(errors, label: fieldLabel, anchor: fieldAnchor),
            E("div", ["class": "wizard", "data-current": String(start.rawValue)], [
                E("form", ["method": "post", "action": "/contracts/new/\(template.id)", "class": "card", "id": "wizard", "novalidate": "",
                           "data-preview": "/contracts/new/\(template.id)/preview", "data-start": String(start.rawValue)], [
                    V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                ] + crmFields + [
                    section(.terms, [counterpartyField, titleField] + variableFields),
                    section(.clauses, (clauseFields.isEmpty ? [E("p", ["class": "muted"], text: l.t("Ce modèle n'a aucune clause à choisir.", "This template has no clause to choose."))] : clauseFields) + [
                        E("div", ["class": "card approvals-live"], [
                            E("h3", [:], text: l.t("Validations demandées", "Approvals required")),
                            live("approvals", draft?.approvals),
                        ]),
                    ]),
                    section(.review, [
                        E("h3", [:], text: l.t("Dérogations", "Derogations")), live("derogations", draft?.derogations),
                        E("h3", [:], text: l.t("Validations", "Approvals")), live("approvals", draft?.approvals),
                        E("p", ["class": "help"], text: l.t("Le document complet est dans l'aperçu, les dérogations surlignées.",
                                                            "The whole document is in the preview, with the derogations highlighted.")),
                    ]),
                    section(.create, [
                        E("p", [:], text: l.t("Créez le contrat en brouillon pour le reprendre plus tard, ou créez-le et soumettez-le aussitôt : les validateurs sont prévenus.",
                                              "Create the contract as a draft to come back to it, or create it and submit it at once: the approvers are notified.")),
                        live("approvals", draft?.approvals),
                        E("div", ["class": invalid(["then"]) ? "field invalid" : "field"], messages(["then"])),
                        E("div", ["class": "actions"], [
                            // The draft first: a form submitted with Enter takes its first button, and must not send anything.
                            E("button", ["type": "submit", "name": "then", "value": "draft", "id": "create", "class": "secondary"], text: l.t("Créer le brouillon", "Create as draft")),
                            E("button", ["type": "submit", "name": "then", "value": "submit", "id": "create-submit"], text: l.t("Créer et soumettre", "Create and submit")),
                            E("a", ["href": "/contracts"], text: l(.cancel)),
                        ]),
                    ]),
                ]),
                E("section", ["class": "preview card", "aria-label": l.t("Aperçu", "Preview"), "aria-live": "polite"], [
                    E("h2", [:], text: l.t("Aperçu", "Preview")),
                    E("div", ["id": "preview", "data-document": ""], [.raw(draft?.document ?? "")]),
                ]),
            ]),
        ]
    }
}
