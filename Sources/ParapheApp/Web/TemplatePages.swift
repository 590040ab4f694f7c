import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore
import Plot
import ParapheServices

/// Legal's list of templates, with a form to start a new one.
struct TemplateListPage {
    let l: L10n

    func body(templates: [Template], types: [ContractTypeRecord], canEdit: Bool, csrf: String?, errors: [FieldError], form: WebForm) -> [Node<HTML.BodyContext>] {
        let labels = Dictionary(types.map { ($0.key, l.language == .fr ? $0.labelFr : $0.labelEn) }, uniquingKeysWith: { a, _ in a })
        var content: [Node<HTML.BodyContext>] = [
            E("div", ["class": "actions"], [E("h1", ["style": "flex:1"], text: l.t("Modèles", "Templates")),
                                            E("a", ["href": "/clauses"], text: l.t("Bibliothèque de clauses", "Clause library"))]),
        ]
        if templates.isEmpty {
            content.append(E("div", ["class": "empty"], [E("p", [:], text: l.t("Aucun modèle pour l'instant.", "No templates yet."))]))
        } else {
            content.append(E("table", ["class": "responsive"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Nom", "Name")), E("th", [:], text: l(.type)),
                                               E("th", [:], text: l.t("Langue", "Language")), E("th", [:], text: l.t("Version publiée", "Published version"))])]),
                E("tbody", [:], templates.map { t in
                    E("tr", [:], [
                        E("td", [:], [E("a", ["href": "/templates/\(t.id)"], text: t.name)]),
                        E("td", [:], text: labels[t.contractType] ?? t.contractType),
                        E("td", [:], text: t.language.rawValue.uppercased()),
                        E("td", [:], t.publishedVersion.map { [E("span", ["class": "badge"], text: "v\($0)")] }
                            ?? [E("span", ["class": "muted"], text: l.t("brouillon", "draft"))]),
                    ])
                }),
            ]))
        }
        if canEdit {
            let byField = Dictionary(grouping: errors, by: \.field)
            func error(_ field: String) -> Node<HTML.BodyContext> {
                .group((byField[field] ?? []).map { E("div", ["class": "error", "role": "alert"], text: l.fieldMessage($0)) })
            }
            content.append(E("h2", [:], text: l.t("Nouveau modèle", "New template")))
            content.append(E("form", ["method": "post", "action": "/templates", "class": "card grid"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("div", ["class": "field"], [E("label", ["for": "name"], text: l.t("Nom", "Name")),
                                             V("input", ["id": "name", "name": "name", "value": form["name"] ?? ""]), error("name")]),
                E("div", ["class": "field"], [E("label", ["for": "contractType"], text: l(.type)),
                                             E("select", ["id": "contractType", "name": "contractType"], types.map { t in
                                                 E("option", ["value": t.key, "selected": form["contractType"] == t.key ? "" : nil], text: labels[t.key] ?? t.key)
                                             }), error("contractType")]),
                E("div", ["class": "field"], [E("label", ["for": "language"], text: l.t("Langue", "Language")),
                                             E("select", ["id": "language", "name": "language"], [
                                                 E("option", ["value": "fr"], text: "Français"),
                                                 E("option", ["value": "en", "selected": form["language"] == "en" ? "" : nil], text: "English"),
                                             ])]),
                E("div", ["class": "field", "style": "align-self:end"], [E("button", ["type": "submit"], text: l.t("Créer le modèle", "Create template"))]),
            ]))
        }
        return content
    }
}

/// One template: its versions, the manifest editor with errors shown at their line, and publication.
struct TemplateEditPage {
    let l: L10n

    func body(template: Template, versions: [TemplateVersion], source: String, errors: [FieldError], notice: String?,
              canEdit: Bool, csrf: String?) -> [Node<HTML.BodyContext>] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let errorLines = Set(errors.compactMap(\.line))
        var content: [Node<HTML.BodyContext>] = [
            E("p", [:], [E("a", ["href": "/templates"], text: "← " + l.t("Modèles", "Templates"))]),
            E("h1", [:], text: template.name),
            notice.map { E("p", ["class": "notice", "role": "status"], text: $0) } ?? .group([]),
        ]
        if !errors.isEmpty {
            content.append(E("div", ["class": "alert", "role": "alert", "id": "manifest-errors"], [
                E("strong", [:], text: l.t("Le modèle contient des erreurs :", "The template has errors:")),
                E("ul", [:], errors.map { e in
                    E("li", [:], [
                        e.line.map { E("a", ["href": "#line-\($0)"], text: l.t("Ligne \($0)", "Line \($0)")) } ?? .group([]),
                        T(" \(e.field) : \(e.message)"),
                    ])
                }),
            ]))
        }
        content.append(E("h2", [:], text: l.t("Versions", "Versions")))
        content.append(versions.isEmpty ? E("p", ["class": "muted"], text: l.t("Aucune version : écrivez le manifeste ci-dessous.", "No version yet: write the manifest below."))
            : E("table", [:], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: "Version"), E("th", [:], text: l(.status)), E("th", [:], text: l(.createdAt)), E("th", [:], text: "")])]),
                E("tbody", [:], versions.reversed().map { v in
                    E("tr", [:], [
                        E("td", [:], [E("a", ["href": "/templates/\(template.id)?version=\(v.version)"], text: "v\(v.version)")]),
                        E("td", [:], [E("span", ["class": v.status == .published ? "badge" : "badge muted-badge"], text: status(v.status))]),
                        E("td", [:], text: Formatting.timestamp(v.createdAt, l.language)),
                        E("td", [:], canEdit && v.status != .published ? [
                            E("form", ["method": "post", "action": "/templates/\(template.id)/versions/\(v.version)/publish", "class": "inline",
                                       "data-confirm": l.t("Publier la version \(v.version) ? Les nouveaux contrats l'utiliseront.",
                                                           "Publish version \(v.version)? New contracts will use it.")], [
                                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                                E("button", ["type": "submit", "class": "secondary"], text: l.t("Publier", "Publish")),
                            ]),
                        ] : []),
                    ])
                }),
            ]))
        content.append(E("h2", [:], text: l.t("Manifeste (YAML ou JSON)", "Manifest (YAML or JSON)")))
        if !errorLines.isEmpty {
            // The offending lines, quoted with their numbers, beside the editor.
            content.append(E("pre", ["class": "excerpt"], errorLines.sorted().filter { $0 >= 1 && $0 <= lines.count }.map { n in
                E("span", ["id": "line-\(n)", "class": "bad-line"], text: "\(n) │ \(lines[n - 1])\n")
            }))
        }
        if canEdit {
            content.append(E("form", ["method": "post", "action": "/templates/\(template.id)/versions", "class": "card"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("textarea", ["id": "source", "name": "source", "rows": "28", "class": "code", "spellcheck": "false",
                               "aria-label": l.t("Manifeste", "Manifest"), "aria-describedby": errors.isEmpty ? nil : "manifest-errors"], text: source),
                E("div", ["class": "actions"], [
                    E("button", ["type": "submit", "name": "then", "value": "save"], text: l.t("Enregistrer le brouillon", "Save draft")),
                    E("button", ["type": "submit", "name": "then", "value": "publish", "class": "secondary"], text: l.t("Enregistrer et publier", "Save and publish")),
                ]),
            ]))
        } else {
            content.append(E("pre", ["class": "code"], text: source))
        }
        return content
    }

    func status(_ s: TemplateVersionStatus) -> String {
        switch s {
        case .draft: l.t("Brouillon", "Draft")
        case .published: l.t("Publiée", "Published")
        case .superseded: l.t("Remplacée", "Superseded")
        }
    }

    /// What legal starts from: a small complete manifest to adapt.
    static let starter = """
    title: "Accord de confidentialité — {{client.name}}"
    variables:
      - name: client
        type: party
        label: Client
        required: true
        counterparty: true
      - name: startDate
        type: date
        label: Date d'effet
        required: true
    parties:
      - variable: client
        role: le Client
    clauses:
      - id: objet
        title: Objet
        body: Le présent accord prend effet le {{startDate}}.
    terms:
      startDate: startDate
    """
}

/// The clause library: each clause with its alternatives, derogations marked.
struct ClauseLibraryPage {
    let l: L10n

    func body(clauses: [Clause], canEdit: Bool) -> [Node<HTML.BodyContext>] {
        var content: [Node<HTML.BodyContext>] = [
            E("div", ["class": "actions"], [E("h1", ["style": "flex:1"], text: l.t("Bibliothèque de clauses", "Clause library")),
                                            canEdit ? E("a", ["href": "/clauses/new", "class": "button"], text: l.t("Nouvelle clause", "New clause")) : .group([])]),
        ]
        if clauses.isEmpty {
            content.append(E("div", ["class": "empty"], [E("p", [:], text: l.t("Aucune clause pour l'instant.", "No clauses yet."))]))
        }
        for clause in clauses {
            content.append(E("section", ["class": "card"], [
                E("div", ["class": "actions"], [
                    E("h2", ["style": "flex:1;margin:0"], text: clause.title),
                    E("span", ["class": "muted"], text: "\(clause.key) · \(clause.category) · v\(clause.version)"),
                    canEdit ? E("a", ["href": "/clauses/\(clause.key)/edit"], text: l(.edit)) : .group([]),
                ]),
                E("p", [:], text: clause.body),
                clause.alternatives.isEmpty ? .group([]) : E("ul", [:], clause.alternatives.map { a in
                    E("li", [:], [
                        E("strong", [:], text: a.title), T(" (\(a.key)) "),
                        a.isDerogation ? E("span", ["class": "badge derogation"], text: l.t("Dérogation", "Derogation") + " · \(a.derogationCategory ?? "")"
                                           + (a.requiresApprovalBy.isEmpty ? "" : " · " + a.requiresApprovalBy.map(\.rawValue).joined(separator: ", "))) : .group([]),
                        E("div", ["class": "muted"], text: a.body),
                    ])
                }),
            ]))
        }
        return content
    }
}

/// Add or edit a clause: the standard text, and alternatives as rows (three empty ones to add).
struct ClauseFormPage {
    let l: L10n

    func body(form: WebForm, isNew: Bool, errors: [FieldError], csrf: String?, rows: Int) -> [Node<HTML.BodyContext>] {
        let byField = Dictionary(grouping: errors, by: \.field)
        func errorNodes(_ field: String) -> Node<HTML.BodyContext> {
            .group((byField[field] ?? []).map { E("div", ["class": "error", "role": "alert"], text: l.fieldMessage($0)) })
        }
        func field(_ name: String, _ label: String, _ control: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            E("div", ["class": byField[name] == nil ? "field" : "field invalid"], [E("label", ["for": name], text: label), control, errorNodes(name)])
        }
        func text(_ name: String, readonly: Bool = false) -> Node<HTML.BodyContext> {
            V("input", ["id": name, "name": name, "value": form[name] ?? "", "readonly": readonly ? "" : nil])
        }
        let alternatives = (0..<rows).map { i -> Node<HTML.BodyContext> in
            let p = "alternatives[\(i)]"
            return E("fieldset", ["class": "card"], [
                E("legend", [:], text: l.t("Variante \(i + 1)", "Alternative \(i + 1)")),
                E("div", ["class": "grid"], [
                    field("\(p).key", l.t("Clé", "Key"), text("\(p).key")),
                    field("\(p).title", l(.title), text("\(p).title")),
                    field("\(p).derogationCategory", l.t("Catégorie de dérogation", "Derogation category"), text("\(p).derogationCategory")),
                ]),
                field("\(p).body", l.t("Texte", "Text"), E("textarea", ["id": "\(p).body", "name": "\(p).body", "rows": "3"], text: form["\(p).body"] ?? "")),
                E("div", ["class": "actions"], [
                    E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": "\(p).isDerogation", "checked": form["\(p).isDerogation"] == "on" ? "" : nil]),
                                                     T(" " + l.t("Dérogation", "Derogation"))]),
                    T(l.t("Approbation par :", "Approved by:")),
                ] + Role.allCases.map { role in
                    E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": "\(p).approver.\(role.rawValue)",
                                                                 "checked": form["\(p).approver.\(role.rawValue)"] == "on" ? "" : nil]), T(" \(role.rawValue)")])
                }),
            ])
        }
        return [
            E("p", [:], [E("a", ["href": "/clauses"], text: "← " + l.t("Bibliothèque de clauses", "Clause library"))]),
            E("h1", [:], text: isNew ? l.t("Nouvelle clause", "New clause") : l.t("Modifier la clause", "Edit clause")),
            errors.isEmpty ? .group([]) : E("div", ["class": "alert", "role": "alert"], [T(l(.formErrors))]),
            isNew ? .group([]) : E("p", ["class": "muted"], text: l.t("Enregistrer crée une nouvelle version ; les contrats existants gardent leur texte.",
                                                                     "Saving makes a new version; existing contracts keep their text.")),
            E("form", ["method": "post", "action": isNew ? "/clauses/new" : "/clauses/\(form["key"] ?? "")/edit", "class": "card"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("div", ["class": "grid"], [
                    field("key", l.t("Clé", "Key"), text("key", readonly: !isNew)),
                    field("title", l(.title), text("title")),
                    field("category", l.t("Catégorie", "Category"), text("category")),
                ]),
                field("body", l.t("Texte standard", "Standard text"), E("textarea", ["id": "body", "name": "body", "rows": "6"], text: form["body"] ?? "")),
                E("h2", [:], text: l.t("Variantes", "Alternatives")),
            ] + alternatives + [E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l(.save)), E("a", ["href": "/clauses"], text: l(.cancel))])]),
        ]
    }

    /// The form's fields for an existing clause.
    static func form(_ clause: Clause) -> WebForm {
        var fields = ["key": clause.key, "title": clause.title, "category": clause.category, "body": clause.body]
        for (i, a) in clause.alternatives.enumerated() {
            let p = "alternatives[\(i)]"
            fields["\(p).key"] = a.key
            fields["\(p).title"] = a.title
            fields["\(p).body"] = a.body
            fields["\(p).derogationCategory"] = a.derogationCategory ?? ""
            if a.isDerogation { fields["\(p).isDerogation"] = "on" }
            for role in a.requiresApprovalBy { fields["\(p).approver.\(role.rawValue)"] = "on" }
        }
        return WebForm(fields: fields)
    }

    /// The clause a submitted form describes; alternative rows left entirely blank are ignored.
    static func clause(from form: WebForm, rows: Int) -> Clause {
        var alternatives = [ClauseAlternative]()
        for i in 0..<rows {
            let p = "alternatives[\(i)]"
            guard [form.value("\(p).key"), form.value("\(p).title"), form.value("\(p).body")].contains(where: { $0 != nil }) else { continue }
            let isDerogation = form["\(p).isDerogation"] == "on"
            alternatives.append(ClauseAlternative(key: form.value("\(p).key") ?? "", title: form.value("\(p).title") ?? "", body: form["\(p).body"] ?? "",
                                                  isDerogation: isDerogation, derogationCategory: isDerogation ? form.value("\(p).derogationCategory") : nil,
                                                  requiresApprovalBy: Role.allCases.filter { form["\(p).approver.\($0.rawValue)"] == "on" }))
        }
        return Clause(key: form.value("key") ?? "", title: form.value("title") ?? "", category: form.value("category") ?? "", body: form["body"] ?? "",
                      alternatives: alternatives)
    }
}
