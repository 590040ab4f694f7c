import Foundation
import ParapheCore
import ParapheServices
import Plot

/// *Engagements*: what each customer, supplier or partner is owed and owes, grouped by counterparty, with the
/// filters in the address so every view is a bookmark.
struct ObligationRegisterPage {
    let l: L10n

    struct Model {
        var query: ObligationQuery
        var entries: [ObligationEntry]
        var today: Day
        /// The link to the next page, when there is one.
        var next: String?
        var errors: [FieldError] = []
    }

    /// The three views of the register: what we owe, what they owe us, both.
    static func tabs(_ l: L10n) -> [(ObligationParty?, String)] {
        [(.us, l.t("Ce que nous devons", "What we owe")), (.them, l.t("Ce qu'on nous doit", "What we are owed")), (nil, l.t("Tout", "Everything"))]
    }

    static func link(_ query: ObligationQuery, owedBy: ObligationParty?? = .none, counterparty: Counterparty.ID?? = .none, csv: Bool = false,
                     after: String? = nil) -> String {
        var items: [String] = []
        if !query.statuses.isEmpty { items.append("status=" + query.statuses.map(\.rawValue).joined(separator: ",")) }
        if let party = owedBy ?? query.owedBy { items.append("owedBy=\(party.rawValue)") }
        if let kind = query.counterpartyKind { items.append("counterpartyKind=\(kind.rawValue)") }
        if !query.phases.isEmpty { items.append("phase=" + ContractPhase.allCases.filter(query.phases.contains).map(\.rawValue).joined(separator: ",")) }
        if let id = counterparty ?? query.counterpartyId { items.append("counterpartyId=\(id)") }
        if let day = query.dueBy { items.append("dueBy=\(day)") }
        if let id = query.contractId { items.append("contractId=\(id)") }
        if csv { items.append("format=csv") }
        if let after { items.append("cursor=\(after)") }
        return "/reports/obligations" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let q = model.query
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Registre des engagements", "Commitments register")),
            E("p", ["class": "muted"], text: l.t("Les engagements pris dans les contrats, par cocontractant : ceux que les clauses choisies créent à la génération, et ceux que le juridique ajoute à la main. "
                                                 + "Leur responsable est rappelé avant chaque échéance.",
                                                 "The commitments contracts make, by counterparty: those the chosen clauses create at generation, and those legal adds by hand. "
                                                 + "Their owner is reminded before each due date.")),
            E("nav", ["class": "tabs", "aria-label": l.t("Sens", "Direction")], Self.tabs(l).map { party, name in
                E("a", ["href": Self.link(q, owedBy: .some(party)), "aria-current": party == q.owedBy ? "page" : nil], text: name)
            }),
            filterForm(q),
        ]
        if !model.errors.isEmpty {
            content.append(E("div", ["class": "error", "role": "alert"], model.errors.map { E("p", [:], text: l.fieldMessage($0)) }))
        }
        guard !model.entries.isEmpty else {
            content.append(E("div", ["class": "empty"], [E("p", [:], [E("strong", [:], text: l.t("Aucun engagement ne correspond.", "No commitment matches."))]),
                                                        E("p", ["class": "muted"], text: l.t("Les engagements naissent des clauses de la bibliothèque qui les déclarent, ou d'un ajout à la main sur la page d'un contrat.",
                                                                                             "Commitments come from the library clauses that declare them, or are added by hand on a contract's page."))]))
            return content
        }
        content.append(E("p", [:], [E("a", ["href": Self.link(q, csv: true), "download": ""], text: l.t("Télécharger (CSV)", "Download (CSV)"))]))
        let presentation = ObligationPresentation(language: l.language, today: model.today)
        var groups: [(key: String, entries: [ObligationEntry])] = []
        for entry in model.entries {
            let key = entry.counterpartyId?.description ?? ""
            if groups.last?.key == key { groups[groups.count - 1].entries.append(entry) } else if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].entries.append(entry)
            } else {
                groups.append((key, [entry]))
            }
        }
        for group in groups.sorted(by: { ($0.entries[0].counterparty ?? "~") < ($1.entries[0].counterparty ?? "~") }) {
            let first = group.entries[0]
            let heading: [Node<HTML.BodyContext>] = [
                first.counterpartyId.map { E("a", ["href": Self.link(q, counterparty: .some($0))], text: first.counterparty ?? "") }
                    ?? T(l.t("Sans cocontractant", "No counterparty")),
            ] + (first.counterpartyKind.map { [T(" "), E("span", ["class": "badge muted"], text: Vocabulary.counterpartyKind($0, l.language))] } ?? [])
            content.append(E("section", ["class": "card"], [E("h2", ["style": "margin-top:0"], heading), table(group.entries, presentation: presentation)]))
        }
        if let next = model.next { content.append(E("p", [:], [E("a", ["href": next, "rel": "next"], text: l(.nextPage))])) }
        return content
    }

    func filterForm(_ q: ObligationQuery) -> Node<HTML.BodyContext> {
        func option(_ value: String, _ label: String, selected: Bool) -> Node<HTML.BodyContext> {
            E("option", ["value": value, "selected": selected ? "" : nil], text: label)
        }
        let status = q.statuses.count == 1 ? q.statuses[0].rawValue : ""
        return E("form", ["method": "get", "action": "/reports/obligations", "class": "filters"], [
            q.owedBy.map { V("input", ["type": "hidden", "name": "owedBy", "value": $0.rawValue]) } ?? .group([]),
            q.counterpartyId.map { V("input", ["type": "hidden", "name": "counterpartyId", "value": $0.description]) } ?? .group([]),
            E("label", [:], [T(l.t("Statut", "Status")), E("select", ["name": "status"], [option("", l.t("Tous", "All"), selected: status.isEmpty)]
                + ObligationStatus.allCases.map { option($0.rawValue, Vocabulary.obligationStatus($0, l.language), selected: status == $0.rawValue) })]),
            E("label", [:], [T(l.t("Contrats", "Contracts")), E("select", ["name": "phase"], [option("", l.t("Tous", "All"), selected: q.phases.count != 1)]
                + ContractPhase.allCases.map { option($0.rawValue, DerogationDashboardPage(l: l).phaseName($0), selected: q.phases == [$0]) })]),
            E("label", [:], [T(l.t("Cocontractants", "Counterparties")), E("select", ["name": "counterpartyKind"], [option("", l.t("Tous", "All"), selected: q.counterpartyKind == nil)]
                + CounterpartyKind.allCases.map { option($0.rawValue, Vocabulary.counterpartyKind($0, l.language), selected: q.counterpartyKind == $0) })]),
            E("label", [:], [T(l.t("Échéance au plus tard le", "Due by")), V("input", ["type": "date", "name": "dueBy", "value": q.dueBy?.description ?? ""])]),
            E("button", ["type": "submit"], text: l.t("Filtrer", "Filter")),
        ] + (q.counterpartyId == nil ? [] : [E("a", ["href": Self.link(q, counterparty: .some(nil))], text: l.t("Tous les cocontractants", "Every counterparty"))]))
    }

    func table(_ entries: [ObligationEntry], presentation: ObligationPresentation) -> Node<HTML.BodyContext> {
        E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [l.t("Engagement", "Commitment"), l.t("Dû par", "Owed by"), l.t("Responsable", "Owner"), l.t("Échéance", "Due"),
                                            l.t("Statut", "Status"), l.t("Contrat", "Contract")].map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], entries.map { e in
                let o = e.obligation
                return E("tr", [:], [
                    E("td", [:], [E("a", ["href": "/obligations/\(o.id)"], text: o.wording)]
                        + (o.every.map { _ in [E("div", ["class": "muted"], text: presentation.recurrence(o))] } ?? [])),
                    E("td", [:], text: Vocabulary.owedBy(o.owedBy, l.language)),
                    E("td", [:], text: Vocabulary.role(o.ownerRole, l.language)),
                    E("td", [:], [dueBadge(o, presentation: presentation)]),
                    E("td", [:], [statusBadge(o.status)]),
                    E("td", [:], [E("a", ["href": "/contracts/\(o.contractId)#obligations"], text: e.reference), E("div", ["class": "muted"], text: e.contractTitle),
                                  E("div", [:], [l.statusBadge(e.contractStatus)])]),
                ])
            }),
        ])
    }

    func dueBadge(_ o: Obligation, presentation: ObligationPresentation) -> Node<HTML.BodyContext> {
        guard o.status == .open, let day = o.dueOn else { return T(presentation.due(o)) }
        let left = presentation.today.days(until: day)
        return E("span", ["class": left < 0 ? "badge bad" : left <= 7 ? "badge wait" : "badge"], text: presentation.due(o))
    }

    func statusBadge(_ status: ObligationStatus) -> Node<HTML.BodyContext> {
        let style = switch status {
        case .open: "badge"
        case .met: "badge ok"
        case .breached: "badge bad"
        case .waived, .superseded: "badge muted"
        }
        return E("span", ["class": style], text: Vocabulary.obligationStatus(status, l.language))
    }
}

/// One commitment: what it says, its contract, its history, and for those who answer for it the change of status.
struct ObligationDetailPage {
    let l: L10n

    struct Model {
        var detail: ObligationWorkflow.Detail
        var today: Day
        var people: [User.ID: String]
        var csrf: String?
        var error: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let e = model.detail.entry
        let o = e.obligation
        let presentation = ObligationPresentation(language: l.language, today: model.today)
        let register = ObligationRegisterPage(l: l)
        func day(_ d: Day?) -> String { d.map { Formatting.day($0, l.language) } ?? "—" }
        var content: [Node<HTML.BodyContext>] = [
            E("p", [:], [E("a", ["href": "/reports/obligations"], text: l.t("← Registre des engagements", "← Commitments register"))]),
            E("h1", [:], text: l.t("Engagement", "Commitment")),
            E("blockquote", [:], text: o.wording),
            E("section", ["class": "card"], [E("dl", ["class": "grid"], [
                (l.t("Contrat", "Contract"), E("a", ["href": "/contracts/\(o.contractId)#obligations"], text: "\(e.reference) — \(e.contractTitle)")),
                (l(.counterparty), T(e.counterparty ?? l(.none))),
                (l.t("Dû par", "Owed by"), T(Vocabulary.owedBy(o.owedBy, l.language))),
                (l.t("Responsable", "Owner"), T(Vocabulary.role(o.ownerRole, l.language))),
                (l.t("Échéance", "Due"), register.dueBadge(o, presentation: presentation)),
                (l.t("Récurrence", "Recurrence"), T(o.every == nil ? l.t("aucune", "none") : presentation.recurrence(o))),
                (l.t("Statut", "Status"), register.statusBadge(o.status)),
                (l.t("Origine", "Origin"), T(o.origin == .manual ? l.t("ajouté à la main", "added by hand")
                                              : l.t("clause ", "clause ") + (o.clauseKey.map { l.vocabulary.clause($0) } ?? "—"))),
            ].map { name, value in E("div", [:], [E("dt", [:], text: name), E("dd", [:], [value])]) })]),
        ]
        if let error = model.error { content.append(E("p", ["class": "error", "role": "alert"], text: error)) }
        if model.detail.canChange, o.status != .superseded {
            let recurring = o.every != nil && o.dueOn != nil && o.status == .open
            content.append(E("form", ["method": "post", "action": "/obligations/\(o.id)", "class": "card"], [
                E("h2", ["style": "margin-top:0"], text: l.t("Mettre à jour", "Update")),
                V("input", ["type": "hidden", "name": "_csrf", "value": model.csrf ?? ""]),
                E("label", [:], [T(l.t("Nouveau statut", "New status")), E("select", ["name": "status", "required": ""],
                    ObligationStatus.settable.filter { $0 != o.status || (recurring && $0 == .met) }.map { status in
                        E("option", ["value": status.rawValue], text: Vocabulary.obligationStatus(status, l.language))
                    })]),
                E("label", [:], [T(l.t("Note (obligatoire si non respecté ou levé)", "Note (required when breached or waived)")),
                                 E("textarea", ["name": "note", "maxlength": "2000", "rows": "2"], text: "")]),
                recurring ? E("p", ["class": "muted"], text: l.t("Engagement récurrent : « Respecté » enregistre l'échéance du \(day(o.dueOn)) et passe à la suivante.",
                                                                 "Recurring commitment: “Met” records the occurrence due \(day(o.dueOn)) and moves to the next one.")) : .group([]),
                E("button", ["type": "submit", "data-confirm": l.t("Enregistrer ce changement dans l'historique de l'engagement ?", "Record this change in the commitment's history?")],
                  text: l.t("Enregistrer", "Save")),
            ]))
        }
        content.append(E("h2", [:], text: l.t("Historique", "History")))
        content.append(E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [l.t("Date", "Date"), l.t("Par", "By"), l.t("Changement", "Change"), l.t("Note", "Note")].map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], model.detail.history.reversed().map { event in
                let change = (event.from.map { Vocabulary.obligationStatus($0, l.language) + " → " } ?? l.t("Créé : ", "Created: "))
                    + Vocabulary.obligationStatus(event.to, l.language)
                    + (event.from == .open && event.to == .met && o.every != nil ? l.t(" (échéance du \(day(event.dueOn)))", " (due \(day(event.dueOn)))") : "")
                return E("tr", [:], [
                    E("td", [:], text: l.time(event.at)),
                    E("td", [:], text: event.actorId.flatMap { model.people[$0] } ?? "Paraphe"),
                    E("td", [:], text: change),
                    E("td", [:], text: event.note ?? ""),
                ])
            }),
        ]))
        if !model.detail.reminders.isEmpty {
            content.append(E("p", ["class": "muted"], text: l.t("Rappels envoyés pour les échéances du ", "Reminders sent for the due dates ")
                                                            + model.detail.reminders.map { Formatting.day($0, l.language) }.joined(separator: ", ") + "."))
        }
        return content
    }
}

extension ContractDetailPage {
    /// The contract's commitments, each linking to its page; legal adds one by hand here.
    func obligationSection(_ c: Contract, obligations: [Obligation], today: Day, csrf: String?, canAdd: Bool, error: String?) -> Node<HTML.BodyContext> {
        let presentation = ObligationPresentation(language: l.language, today: today)
        let register = ObligationRegisterPage(l: l)
        let live = obligations.filter { $0.status != .superseded }
        var section: [Node<HTML.BodyContext>] = [E("h2", ["id": "obligations-title", "style": "margin-top:0"], text: l.t("Engagements", "Commitments"))]
        if live.isEmpty {
            section.append(E("p", ["class": "muted"], text: l.t("Aucun engagement : les clauses choisies n'en déclarent pas.", "No commitment: the clauses chosen declare none.")))
        } else {
            section.append(E("ul", ["class": "plain"], live.map { o in
                E("li", [:], [E("a", ["href": "/obligations/\(o.id)"], text: o.wording), T(" · " + Vocabulary.owedBy(o.owedBy, l.language) + " · "),
                              register.dueBadge(o, presentation: presentation), T(" "), register.statusBadge(o.status)])
            }))
        }
        if obligations.count > live.count {
            section.append(E("p", ["class": "muted"], text: l.t("\(obligations.count - live.count) engagement(s) remplacé(s) par un changement de clause.",
                                                                "\(obligations.count - live.count) commitment(s) superseded by a change of clause.")))
        }
        if let error { section.append(E("p", ["class": "error", "role": "alert"], text: error)) }
        if canAdd {
            section.append(E("details", [:], [
                E("summary", [:], text: l.t("Ajouter un engagement", "Add a commitment")),
                E("form", ["method": "post", "action": "/contracts/\(c.id)/obligations"], [
                    V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                    E("label", [:], [T(l.t("Engagement", "Commitment")), E("textarea", ["name": "wording", "required": "", "maxlength": "1000", "rows": "2"], text: "")]),
                    E("label", [:], [T(l.t("Dû par", "Owed by")), E("select", ["name": "owedBy"], ObligationParty.allCases.map {
                        E("option", ["value": $0.rawValue], text: Vocabulary.owedBy($0, l.language))
                    })]),
                    E("label", [:], [T(l.t("Responsable", "Owner")), E("select", ["name": "ownerRole"], [Role.legal, .sales, .finance, .admin].map {
                        E("option", ["value": $0.rawValue], text: Vocabulary.role($0, l.language))
                    })]),
                    E("label", [:], [T(l.t("Échéance (facultative)", "Due on (optional)")), V("input", ["type": "date", "name": "dueOn"])]),
                    E("label", [:], [T(l.t("Récurrence", "Recurrence")), E("select", ["name": "every"], [("", l.t("aucune", "none")), ("P1M", l.t("tous les mois", "monthly")),
                                                                                                          ("P3M", l.t("tous les trimestres", "quarterly")),
                                                                                                          ("P1Y", l.t("tous les ans", "yearly"))].map {
                        E("option", ["value": $0.0], text: $0.1)
                    })]),
                    E("button", ["type": "submit"], text: l.t("Ajouter", "Add")),
                ]),
            ]))
        }
        return E("section", ["class": "card", "id": "obligations", "aria-labelledby": "obligations-title"], section)
    }
}
