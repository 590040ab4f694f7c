import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore
import Plot
import ParapheServices

/// Legal's list of templates, with a form to start a new one.
struct TemplateListPage {
    let l: L10n

    struct Model {
        var templates: [Template]
        var types: [ContractTypeRecord]
        var canEdit: Bool
        var csrf: String?
        var errors: [FieldError]
        var form: WebForm
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let templates = model.templates, types = model.types, canEdit = model.canEdit, csrf = model.csrf, errors = model.errors,
            form = model.form
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

    struct Model {
        var template: Template
        var versions: [TemplateVersion]
        var source: String
        var errors: [FieldError]
        var notice: String?
        var canEdit: Bool
        var csrf: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let template = model.template, versions = model.versions, source = model.source, errors = model.errors, notice = model.notice,
            canEdit = model.canEdit, csrf = model.csrf
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
                        T(" "), E("code", ["class": "code"], text: e.field), T(l.t("\u{00A0}: ", ": ") + l.message(e.message)),
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
                        E("td", [:], text: l.time(v.createdAt)),
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

/// The clause library: a search, an index of titles, then each clause rendered as it will read, with its
/// alternatives and what choosing one costs (a derogation, whose approval).
struct ClauseLibraryPage {
    let l: L10n

    /// A placeholder in library text, named by the variables it reads.
    func gap(_ variables: [String]) -> String {
        "[" + (variables.isEmpty ? "…" : variables.map(l.vocabulary.variable).joined(separator: ", ")) + "]"
    }

    func text(_ source: String) -> Node<HTML.BodyContext> {
        E("div", ["class": "clause-text", "data-document": ""], [.raw(HTMLRenderer.clause(source, placeholder: gap, reference: l.t("[renvoi]", "[cross-reference]")))])
    }

    struct Model {
        var clauses: [Clause]
        var query: String
        var canEdit: Bool
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let clauses = model.clauses, query = model.query, canEdit = model.canEdit
        var content: [Node<HTML.BodyContext>] = [
            E("div", ["class": "actions"], [E("h1", ["style": "flex:1"], text: l.t("Bibliothèque de clauses", "Clause library")),
                                            canEdit ? E("a", ["href": "/clauses/new", "class": "button"], text: l.t("Nouvelle clause", "New clause")) : .group([])]),
            E("form", ["method": "get", "action": "/clauses", "class": "actions", "role": "search"], [
                V("input", ["type": "search", "name": "q", "value": query, "aria-label": l.t("Rechercher une clause", "Search clauses"),
                            "placeholder": l.t("Titre, catégorie ou texte…", "Title, category or text…")]),
                E("button", ["type": "submit", "class": "secondary"], text: l(.search)),
            ]),
        ]
        if clauses.isEmpty {
            content.append(E("div", ["class": "empty"], [E("p", [:], text: query.isEmpty ? l.t("Aucune clause pour l'instant.", "No clauses yet.")
                                                             : l.t("Aucune clause ne correspond à « \(query) ».", "No clause matches “\(query)”."))]))
            return content
        }
        content.append(E("nav", ["class": "card index", "aria-label": l.t("Index des clauses", "Clause index")], [
            E("ol", [:], clauses.map { c in E("li", [:], [E("a", ["href": "#clause-\(c.key)", "data-document": ""], text: c.title)]) }),
        ]))
        for clause in clauses {
            content.append(E("section", ["class": "card", "id": "clause-\(clause.key)"], [
                E("div", ["class": "actions"], [
                    E("h2", ["style": "flex:1;margin:0", "data-document": "", "id": "title-\(clause.key)"], text: clause.title),
                    E("span", ["class": "muted"], text: "\(Vocabulary.category(clause.category, l.language)) · " + l.t("version \(clause.version)", "version \(clause.version)")),
                    canEdit ? E("a", ["href": "/clauses/\(clause.key)/edit", "aria-describedby": "title-\(clause.key)"], text: l(.edit)) : .group([]),
                ]),
                text(clause.body),
                clause.alternatives.isEmpty ? .group([]) : E("h3", [:], text: l.t("Variantes", "Alternatives")),
                clause.alternatives.isEmpty ? .group([]) : E("ul", ["class": "alternatives"], clause.alternatives.map { a in
                    E("li", [:], [
                        E("strong", ["data-document": ""], text: a.title), T(" "),
                        a.isDerogation ? E("span", ["class": "badge derogation"], text: l.t("Dérogation", "Derogation")
                                           + (a.derogationCategory.map { " · " + Vocabulary.category($0, l.language) } ?? "")
                                           + (a.requiresApprovalBy.isEmpty ? "" : " · " + l.t("validation ", "approval: ") + l.roles(a.requiresApprovalBy)))
                            : E("span", ["class": "badge"], text: l.t("Conforme au standard", "Within the standard")),
                        text(a.body),
                    ])
                }),
            ]))
        }
        return content
    }

    /// Whether a clause answers a search: its title, category, text or any alternative's, accents and case ignored.
    static func matches(_ clause: Clause, _ query: String) -> Bool {
        let words = query.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).split(separator: " ")
        let haystack = ([clause.title, clause.category, clause.body] + clause.alternatives.flatMap { [$0.title, $0.body, $0.derogationCategory ?? ""] })
            .joined(separator: " ").folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return words.allSatisfy { haystack.contains($0) }
    }
}

/// Add or edit a clause: the standard text, and alternatives as rows (three empty ones to add).
struct ClauseFormPage {
    let l: L10n

    struct Model {
        var form: WebForm
        var isNew: Bool
        var errors: [FieldError]
        var csrf: String?
        var rows: Int
        /// The clause as stored, for the commitments it declares (shown, not edited here).
        var declared: Clause? = nil
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let form = model.form, isNew = model.isNew, errors = model.errors, csrf = model.csrf, rows = model.rows
        let byField = Dictionary(grouping: errors, by: \.field)
        func errorNodes(_ field: String) -> Node<HTML.BodyContext> {
            .group((byField[field] ?? []).map { E("div", ["class": "error", "role": "alert"], text: l.fieldMessage($0)) })
        }
        func field(_ name: String, _ label: String, _ control: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            E("div", ["class": byField[name] == nil ? "field" : "field invalid"], [E("label", ["for": name], text: label), control, errorNodes(name)])
        }
        /// `content`: the clause's own words (its title, in the clause's language), not the page's.
        func text(_ name: String, readonly: Bool = false, code: Bool = false, content: Bool = false) -> Node<HTML.BodyContext> {
            V("input", ["id": name, "name": name, "value": form[name] ?? "", "readonly": readonly ? "" : nil, "class": code ? "code" : nil,
                        "spellcheck": code ? "false" : nil, "data-document": content ? "" : nil])
        }
        let alternatives = (0..<rows).map { i -> Node<HTML.BodyContext> in
            let p = "alternatives[\(i)]"
            return E("fieldset", ["class": "card"], [
                E("legend", [:], text: l.t("Variante \(i + 1)", "Alternative \(i + 1)")),
                E("div", ["class": "grid"], [
                    field("\(p).key", l.t("Identifiant technique", "Technical identifier"), text("\(p).key", code: true)),
                    field("\(p).title", l(.title), text("\(p).title", content: true)),
                    field("\(p).derogationCategory", l.t("Catégorie de dérogation", "Derogation category"), text("\(p).derogationCategory")),
                ]),
                field("\(p).body", l.t("Texte", "Text"), E("textarea", ["id": "\(p).body", "name": "\(p).body", "rows": "3", "data-document": ""], text: form["\(p).body"] ?? "")),
                E("div", ["class": "actions"], [
                    E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": "\(p).isDerogation", "checked": form["\(p).isDerogation"] == "on" ? "" : nil]),
                                                     T(" " + l.t("Dérogation", "Derogation"))]),
                    T(l.t("Approbation par :", "Approved by:")),
                ] + Role.allCases.map { role in
                    E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": "\(p).approver.\(role.rawValue)",
                                                                 "checked": form["\(p).approver.\(role.rawValue)"] == "on" ? "" : nil]), T(" " + l.role(role))])
                }),
            ])
        }
        return [
            E("p", [:], [E("a", ["href": "/clauses"], text: "← " + l.t("Bibliothèque de clauses", "Clause library"))]),
            E("h1", [:], text: isNew ? l.t("Nouvelle clause", "New clause") : l.t("Modifier la clause", "Edit clause")),
            l.errorSummary(errors, label: { field in
                let last = field.split(separator: ".").last.map(String.init) ?? field
                let name = ["key": l.t("Identifiant technique", "Technical identifier"), "title": l(.title), "category": l.t("Catégorie", "Category"),
                            "body": l.t("Texte", "Text"), "derogationCategory": l.t("Catégorie de dérogation", "Derogation category")][last]
                guard let name else { return nil }
                guard field.hasPrefix("alternatives["), let index = field.dropFirst(13).split(separator: "]").first.flatMap({ Int($0) }) else { return name }
                return l.t("Variante \(index + 1), ", "Alternative \(index + 1), ") + name.lowercased()
            }),
            isNew ? .group([]) : E("p", ["class": "muted"], text: l.t("Enregistrer crée une nouvelle version ; les contrats existants gardent leur texte.",
                                                                     "Saving makes a new version; existing contracts keep their text.")),
            E("form", ["method": "post", "action": isNew ? "/clauses/new" : "/clauses/\(form["key"] ?? "")/edit", "class": "card"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("div", ["class": "grid"], [
                    field("key", l.t("Identifiant technique (modèles et API)", "Technical identifier (templates and API)"), text("key", readonly: !isNew, code: true)),
                    field("title", l(.title), text("title", content: true)),
                    field("category", l.t("Catégorie", "Category"), text("category")),
                ]),
                field("body", l.t("Texte standard", "Standard text"), E("textarea", ["id": "body", "name": "body", "rows": "6", "data-document": ""], text: form["body"] ?? "")),
                E("h2", [:], text: l.t("Variantes", "Alternatives")),
            ] + alternatives + [E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l(.save)), E("a", ["href": "/clauses"], text: l(.cancel))])]),
        ] + (model.declared.map(commitments) ?? [])
    }

    /// The commitments the standard text and each alternative declare; they are written through the API
    /// (`obligations`), and an alternative kept through this form keeps its own.
    func commitments(_ clause: Clause) -> [Node<HTML.BodyContext>] {
        let declared = [(l.t("Texte standard", "Standard text"), clause.obligations)] + clause.alternatives.map { ($0.title, $0.obligations) }
        let shown = declared.filter { !$0.1.isEmpty }
        guard !shown.isEmpty else { return [] }
        return [E("section", ["class": "card", "id": "commitments"], [
            E("h2", ["style": "margin-top:0"], text: l.t("Engagements déclarés", "Commitments declared")),
            E("p", ["class": "muted"], text: l.t("Chaque contrat qui retient ce texte crée ces engagements. Ils se déclarent par l'API (obligations) ; une variante gardée ici garde les siens.",
                                                 "Each contract that takes this text creates these commitments. They are declared through the API (obligations); an alternative kept here keeps its own.")),
            E("ul", [:], shown.map { title, declarations in
                E("li", [:], [E("strong", ["data-document": ""], text: title), E("ul", [:], declarations.map { d in
                    E("li", [:], [E("span", ["data-document": ""], text: d.wording),
                                  T(" · " + Vocabulary.owedBy(d.owedBy, l.language) + " · " + Vocabulary.role(d.ownerRole, l.language))])
                })])
            }),
        ])]
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
