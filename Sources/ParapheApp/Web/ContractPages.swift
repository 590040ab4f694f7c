import Foundation
import ParapheCore
import ParapheStore
import Plot
import ParapheServices

struct ContractListPage {
    let l: L10n

    struct Model {
        var rows: [(Contract, String?)]
        var query: ContractQuery
        var types: [ContractTypeRecord]
        var nextCursor: String?
        /// The filters as the address carries them, for the next page, the export and a saved view.
        var rawQuery: [(String, String)]
        var canCreate: Bool
        var columns: [ContractColumn]
        /// The library's clauses, for the clause and alternative filters.
        var clauses: [Clause] = []
        /// The template variables and metadata fields one may filter on: `variable.price`, `metadata.region`.
        var fields: [(key: String, label: String)] = []
        var owners: [User.ID: String] = [:]
        var today: Day
    }

    static func link(_ path: String, _ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? path : path + "?" + ReportRoutes.query(pairs)
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let rows = model.rows, query = model.query, types = model.types
        let filtered = query.text != nil || !query.statuses.isEmpty || query.type != nil || query.clause != nil || query.alternative != nil
            || !query.variables.isEmpty || !query.metadata.isEmpty
        let field = query.variables.first.map { ("variable." + $0.key, $0.value) } ?? query.metadata.first.map { ("metadata." + $0.key, $0.value) }
        var content: [Node<HTML.BodyContext>] = [
            E("div", ["class": "actions"], [E("h1", ["style": "flex:1"], text: l(.contracts)),
                                            model.canCreate ? E("a", ["href": "/contracts/new", "class": "button"], text: l(.newContract)) : .group([])]),
            E("form", ["method": "get", "action": "/contracts", "class": "filters", "role": "search"], [
                E("label", ["for": "q", "class": "visually-hidden", "style": "position:absolute;left:-9999px"], text: l(.search)),
                V("input", ["id": "q", "type": "search", "name": "q", "value": query.text ?? "", "placeholder": l(.searchPlaceholder)]),
                E("select", ["name": "status", "aria-label": l(.status)],
                  [E("option", ["value": ""], text: l(.allStatuses))] + ContractStatus.allCases.map { s in
                      E("option", ["value": s.rawValue, "selected": query.statuses.contains(s) ? "" : nil], text: l.status(s))
                  }),
                E("select", ["name": "type", "aria-label": l(.type)],
                  [E("option", ["value": ""], text: l(.allTypes))] + types.map { t in
                      E("option", ["value": t.key, "selected": query.type == t.key ? "" : nil], text: l.language == .fr ? t.labelFr : t.labelEn)
                  }),
                // The library's titles are in their clauses' language, and a list's text is all its options': the whole
                // list is document text.
                E("select", ["name": "clause", "aria-label": l.t("Clause", "Clause"), "data-document": ""],
                  [E("option", ["value": ""], text: l.t("Toutes les clauses", "Any clause"))] + model.clauses.map { c in
                      E("option", ["value": c.key, "selected": query.clause == c.key ? "" : nil], text: c.title)
                  }),
                E("select", ["name": "alternative", "aria-label": l.t("Variante", "Alternative"), "data-document": ""],
                  [E("option", ["value": ""], text: l.t("Toutes les variantes", "Any alternative"))] + model.clauses.flatMap { c in
                      c.alternatives.map { a in
                          E("option", ["value": "\(c.key):\(a.key)", "selected": query.alternative == "\(c.key):\(a.key)" ? "" : nil],
                            text: "\(c.title) — \(a.title)")
                      }
                  }),
                E("select", ["name": "field", "aria-label": l.t("Champ", "Field")],
                  [E("option", ["value": ""], text: l.t("Un champ…", "A field…"))] + model.fields.map { f in
                      E("option", ["value": f.key, "selected": field?.0 == f.key ? "" : nil], text: f.label)
                  }),
                V("input", ["type": "text", "name": "value", "value": field?.1 ?? "", "maxlength": "200", "aria-label": l.t("Valeur du champ", "Field value"),
                            "placeholder": l.t("valeur", "value")]),
                E("details", ["class": "columns"], [E("summary", [:], text: l.t("Colonnes", "Columns"))] + ContractColumn.allCases.map { c in
                    E("label", ["class": "inline"], [V("input", ["type": "checkbox", "name": "col", "value": c.rawValue,
                                                                 "checked": model.columns.contains(c) ? "" : nil]), T(" " + c.title(l.language))])
                }),
                E("button", ["type": "submit"], text: l(.search)),
            ]),
        ]
        if rows.isEmpty {
            content.append(E("div", ["class": "empty"], filtered
                ? [E("p", [:], text: l(.emptySearch))]
                : [E("h2", [:], text: l(.emptyTitle)), E("p", ["class": "muted"], text: l(.emptyBody))]
                    + (model.canCreate ? [E("a", ["href": "/contracts/new", "class": "button"], text: l(.newContract))] : [])))
            return content
        }
        let vocabulary = l.vocabulary
        content.append(E("p", [:], [E("a", ["href": Self.link("/contracts", model.rawQuery + [("format", "csv")]), "download": ""],
                                          text: l.t("Télécharger (CSV)", "Download (CSV)"))]))
        content.append(E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], ([l(.reference), l(.title)] + model.columns.map { $0.title(l.language) }).map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], rows.map { contract, counterparty in
                E("tr", [:], [
                    E("td", [:], [E("a", ["href": "/contracts/\(contract.id)"], text: contract.reference.description)]),
                    E("td", [:], [E("a", ["href": "/contracts/\(contract.id)"], text: contract.title)]),
                ] + model.columns.map { column in
                    column == .status ? E("td", [:], [l.statusBadge(contract.status)])
                        : E("td", [:], text: column.value(contract, counterparty: counterparty, owner: model.owners[contract.ownerId], vocabulary: vocabulary,
                                                          language: l.language, today: model.today).nilIfEmpty ?? l(.none))
                })
            }),
        ]))
        if let nextCursor = model.nextCursor {
            content.append(E("p", [:], [E("a", ["href": Self.link("/contracts", model.rawQuery + [("cursor", nextCursor)]), "rel": "next"], text: l(.nextPage))]))
        }
        return content
    }
}

struct ContractDetailPage {
    let l: L10n

    /// The contract's latest approval request and who may sign it, as the page shows them.
    struct Approvals: Sendable {
        var request: ApprovalRequest?
        var steps: [Approval]
        var people: [User.ID: String]
        var signatories: SignatoryEligibility?
        var named: NamedSignatory?
        /// Why the signatory just chosen was refused, in the reader's language.
        var signatoryError: String?
    }

    struct Model {
        var contract: Contract
        var counterparty: String?
        var owner: String?
        var documents: [DocumentRecord]
        var events: [AuditEvent]
        var clauses: [StoredClause] = []
        var chainValid: Bool
        var today: Day
        var csrf: String?
        var canWrite: Bool
        var approvals: Approvals? = nil
        var signature: Node<HTML.BodyContext>? = nil
        /// Why the renewal decision just taken was refused, in the reader's language.
        var renewalError: String? = nil
        var obligations: [Obligation] = []
        var canAddObligations = false
        var obligationError: String? = nil
        /// The clauses an accepted change may touch, for those who may change the contract.
        var clauseOptions: [GenerationWorkflow.ClauseOption] = []
        var clauseError: String? = nil
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let c = model.contract, counterparty = model.counterparty, owner = model.owner, documents = model.documents, events = model.events,
            clauses = model.clauses, chainValid = model.chainValid, today = model.today, csrf = model.csrf, canWrite = model.canWrite,
            approvals = model.approvals, signature = model.signature
        let schedule = c.renewalSchedule(today: today)
        func day(_ d: Day?) -> String { d.map { Formatting.day($0, l.language) } ?? l(.none) }
        let renewalText: String = switch c.renewal.mode {
        case .none: l(.renewalNone)
        case .tacit: l.t("\(l(.renewalTacit)) par périodes de \(l.period(c.renewal.period)), \(l.period(c.renewal.notice)) de préavis",
                         "\(l(.renewalTacit)) for periods of \(l.period(c.renewal.period)), \(l.period(c.renewal.notice)) notice")
        case .explicit: l(.renewalExplicit)
        }
        var facts: [(String, String)] = [
            (l(.reference), c.reference.description), (l(.counterparty), counterparty ?? l(.none)),
            (l(.amount), c.amount.map { Formatting.money($0, l.language) } ?? l(.none)), (l(.startDate), day(c.startDate)), (l(.endDate), day(c.endDate)),
            (l(.renewal), renewalText),
        ]
        if c.renewal.mode == .tacit {
            facts += [(l(.nextRenewal), day(schedule.nextRenewalDate)), (l(.noticeDeadline), day(schedule.noticeDeadline))]
        }
        if c.renewal.mode == .explicit { facts.append((l(.noticeDeadline), day(schedule.noticeDeadline))) }
        if let signed = c.signedAt { facts.append((l(.signedAt), l.time(signed))) }
        facts += [(l(.owner), owner ?? l(.none)), (l(.updatedAt), l.time(c.updatedAt))]

        let allowed = Lifecycle.byHand(from: c.status)
        var content: [Node<HTML.BodyContext>] = [
            E("p", [:], [E("a", ["href": "/contracts"], text: "← \(l(.backToList))")]),
            E("div", ["class": "actions"], [
                E("h1", ["style": "flex:1"], text: c.title), l.statusBadge(c.status),
                canWrite && ContractEditing.canEdit(c.status) ? E("a", ["href": "/contracts/\(c.id)/edit", "class": "button"], text: l(.edit)) : .group([]),
            ]),
            E("section", ["class": "card"], [E("dl", ["class": "grid"], facts.map { E("div", [:], [E("dt", [:], text: $0.0), E("dd", [:], text: $0.1)]) }
                + (c.crm.map { crm in [E("div", ["id": "crm-link"], [
                    E("dt", [:], text: "CRM"),
                    E("dd", [:], [crm.url.map { E("a", ["href": $0, "rel": "noopener", "target": "_blank"], text: "\(crm.objectType) \(crm.objectId) ↗") }
                                  ?? T("\(crm.objectType) \(crm.objectId)")]),
                ])] } ?? []))]),
        ]
        if canWrite, !allowed.isEmpty {
            content.append(E("section", ["class": "card", "aria-labelledby": "transition-title"], [
                E("h2", ["id": "transition-title", "style": "margin-top:0"], text: l(.moveTo)),
                E("form", ["method": "post", "action": "/contracts/\(c.id)/transition", "class": "actions"], [
                    V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                    V("input", ["type": "text", "name": "reason", "placeholder": l(.reason), "aria-label": l(.reason), "maxlength": "2000"]),
                ] + allowed.map { s in
                    E("button", ["type": "submit", "name": "to", "value": s.rawValue, "class": "secondary", "data-confirm": l.confirmation(s)], text: l.action(s))
                }),
            ]))
        }
        if Contract.inForce.contains(c.status), c.renewal.mode != .none, c.endDate != nil {
            content.append(renewalSection(c, schedule: schedule, today: today, documents: documents, csrf: csrf, canWrite: canWrite, error: model.renewalError))
        }
        if !model.obligations.isEmpty || model.canAddObligations {
            content.append(obligationSection(c, obligations: model.obligations, today: today, csrf: csrf, canAdd: model.canAddObligations,
                                             error: model.obligationError))
        }
        if let approvals, let request = approvals.request {
            content.append(approvalSection(request, approvals))
        }
        if let approvals, let signatories = approvals.signatories {
            content.append(signatorySection(c, signatories, named: approvals.named, error: approvals.signatoryError, csrf: csrf,
                                            canChange: canWrite && DesignatedSignatory.canChange(in: c.status)))
        }
        if let signature { content.append(signature) }
        if !c.metadata.isEmpty {
            content.append(E("h2", [:], text: l(.metadata)))
            content.append(E("section", ["class": "card"], [E("dl", ["class": "grid"], c.metadata.keys.sorted().map { key in
                E("div", [:], [E("dt", [:], text: l.metadataField(key)), E("dd", [:], text: l.metadataValue(c.metadata[key]!))])
            })]))
        }
        if !clauses.isEmpty {
            let derogations = clauses.filter(\.instance.isDerogation).count
            content.append(E("h2", ["id": "clauses"], text: l.t("Clauses", "Clauses")))
            content.append(E("p", [:], [E("span", ["class": derogations == 0 ? "badge" : "badge derogation"],
                                             text: l.derogationCount(derogations))]))
            // The clauses read as the document does, each derogation marked and named, rather than as toggles.
            content.append(E("ol", ["class": "clauses"], clauses.map { stored in
                let c = stored.instance
                return E("li", ["id": "clause-\(c.nodeId)", "class": c.isDerogation ? "derogation" : nil], [
                    E("strong", [:], text: "\(c.number) \(c.title)"), T(" "),
                    c.isDerogation ? E("span", ["class": "badge derogation"], text: l.t("Dérogation", "Derogation") + " · " + l.variant(c)
                                       + (c.requiresApprovalBy.isEmpty ? "" : " · " + l.t("validation ", "approval: ") + l.roles(c.requiresApprovalBy))) : .group([]),
                    E("div", ["class": "clause-text", "data-document": ""], text: c.text),
                ])
            }))
            if let error = model.clauseError { content.append(E("p", ["class": "error", "role": "alert"], text: error)) }
            if !model.clauseOptions.isEmpty { content.append(clauseChangeForm(c, model.clauseOptions, csrf: csrf)) }
        }
        content.append(E("h2", [:], text: l(.documents)))
        content.append(documents.isEmpty ? E("p", ["class": "muted"], text: l(.noDocuments)) : E("ul", [:], documents.map { d in
            E("li", [:], [E("a", ["href": "/contracts/\(c.id)/documents/\(d.id)"], text: "v\(d.version) · \(d.filename)"),
                          E("span", ["class": "muted"], text: " · \(d.format.uppercased()) · \(d.size / 1024) Kio · SHA-256 \(d.sha256.prefix(12))…")])
        }))
        content.append(E("h2", [:], text: l(.timeline)))
        content.append(E("p", [:], [E("span", ["class": "badge", "style": chainValid ? nil : "background:#fde2e1;color:#8a1c12"],
                                         text: chainValid ? l(.auditValid) : l(.auditBroken))]))
        content.append(E("ol", ["class": "timeline"], events.reversed().map { e in
            var line = l.eventType(e.type)
            if case .string(let from)? = e.data["from"], case .string(let to)? = e.data["to"],
               let f = ContractStatus(rawValue: from), let t = ContractStatus(rawValue: to) {
                line += " : \(l.status(f)) → \(l.status(t))"
            }
            if case .array(let fields)? = e.data["fields"] {
                line += " (" + fields.compactMap { if case .string(let s) = $0 { l.contractField(s) } else { nil } }.joined(separator: ", ") + ")"
            }
            if let detail = l.renewalDetail(e) { line += detail }
            return E("li", [:], [
                E("strong", [:], text: line),
                E("div", ["class": "muted"], text: "\(l.time(e.at)) · \(l.actor(e.actor))"),
                e.reason.map { E("div", [:], text: l.auditReason($0)) } ?? .group([]),
            ])
        }))
        return content
    }
}

extension ContractDetailPage {
    /// Where the renewal stands and the three decisions: *Reconduire*, *Renégocier*, *Résilier*.
    func renewalSection(_ c: Contract, schedule: RenewalSchedule, today: Day, documents: [DocumentRecord], csrf: String?, canWrite: Bool,
                        error: String?) -> Node<HTML.BodyContext> {
        func day(_ d: Day?) -> String { d.map { Formatting.day($0, l.language) } ?? l(.none) }
        let decision = c.renewalDecision.flatMap { $0.termEnd == schedule.currentTermEnd ? $0 : nil }
        var lines: [Node<HTML.BodyContext>] = []
        if let decision {
            let what: String = switch decision.kind {
            case .renew: l.t("Décision : reconduire. Le contrat se reconduit le \(day(schedule.nextRenewalDate)).",
                             "Decision: renew. The contract renews on \(day(schedule.nextRenewalDate)).")
            case .renegotiate: l.t("Décision : renégocier. Préavis donné ; le contrat prend fin le \(day(decision.termEnd)).",
                                   "Decision: renegotiate. Notice given; the contract ends on \(day(decision.termEnd)).")
            case .terminate: l.t("Décision : résilier. Préavis donné ; le contrat prend fin le \(day(decision.termEnd)).",
                                 "Decision: terminate. Notice given; the contract ends on \(day(decision.termEnd)).")
            }
            lines.append(E("p", [:], [E("strong", [:], text: what)]))
            if decision.kind.stopsRenewal, let letter = documents.last(where: { $0.source == "notice" && $0.format == "pdf" }) {
                lines.append(E("p", [:], [E("a", ["href": "/contracts/\(c.id)/documents/\(letter.id)"], text: l.t("Lettre de préavis (PDF)", "Notice letter (PDF)"))]))
            }
        } else if let deadline = schedule.noticeDeadline {
            let left = today.days(until: deadline)
            let when = left < 0 ? l.t("date passée", "passed") : left == 0 ? l.t("aujourd'hui", "today")
                : l.t("dans \(left) jour\(left > 1 ? "s" : "")", "in \(left) day\(left > 1 ? "s" : "")")
            let what = c.renewal.mode == .tacit
                ? l.t("Sans décision, le contrat se reconduit tacitement le \(day(schedule.nextRenewalDate)). Préavis à donner au plus tard le \(day(deadline)) (\(when)).",
                      "Unless decided otherwise, the contract renews tacitly on \(day(schedule.nextRenewalDate)). Notice is due by \(day(deadline)) (\(when)).")
                : l.t("Le contrat prend fin le \(day(schedule.currentTermEnd)) et ne se renouvelle que sur décision, attendue au plus tard le \(day(deadline)) (\(when)).",
                      "The contract ends on \(day(schedule.currentTermEnd)) and renews only if decided, by \(day(deadline)) (\(when)).")
            lines.append(E("p", [:], text: what))
        }
        var section: [Node<HTML.BodyContext>] = [E("h2", ["id": "renewal-title", "style": "margin-top:0"], text: l(.renewal))] + lines
        if let error { section.append(E("p", ["class": "error", "role": "alert"], text: error)) }
        if canWrite, decision == nil || decision?.kind == .renew {
            let choices = RenewalDecisionKind.allCases.filter { $0 != decision?.kind }
            section.append(E("form", ["method": "post", "action": "/contracts/\(c.id)/renewal-decision", "class": "actions"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                V("input", ["type": "text", "name": "comment", "placeholder": l(.reason), "aria-label": l(.reason), "maxlength": "2000"]),
            ] + choices.map { kind in
                E("button", ["type": "submit", "name": "decision", "value": kind.rawValue, "class": kind == .renew ? nil : "secondary",
                             "data-confirm": l.renewalConfirmation(kind, termEnd: schedule.currentTermEnd)], text: l.renewalDecision(kind))
            }))
        }
        return E("section", ["class": "card", "id": "renewal", "aria-labelledby": "renewal-title"], section)
    }

    func approvalSection(_ request: ApprovalRequest, _ approvals: Approvals) -> Node<HTML.BodyContext> {
        let status: String = switch request.status {
        case .pending: l.t("en cours", "in progress")
        case .approved: l.t("approuvée", "approved")
        case .rejected: l.t("refusée", "rejected")
        case .withdrawn: l.t("retirée", "withdrawn")
        }
        return .group([
            E("h2", [:], text: l.t("Validation", "Approval")),
            E("section", ["class": "card", "id": "approval"], [
                E("p", [:], [E("span", ["class": "badge"], text: status),
                             T(" " + (approvals.people[request.requestedBy] ?? "") + " · " + l.time(request.createdAt)
                               + (request.reason.map { " · " + l.auditReason($0) } ?? ""))]),
                approvals.steps.isEmpty ? E("p", ["class": "muted"], text: l.t("Aucune validation requise par la politique.", "No approval required by the policy."))
                    : E("ul", ["class": "clauses"], approvals.steps.map { a in
                        let who = a.step.role.map(l.role) ?? (a.step.users ?? []).compactMap { approvals.people[$0] }.joined(separator: ", ")
                        return E("li", [:], [
                            E("a", ["href": "/approvals/\(a.id)"], text: "\(a.step.order). \(who)"),
                            T(" — " + l.approvalStatus(a.status) + " — "),
                            E("span", ["class": "muted"], text: a.reasons.map { $0.ruleName(l.language, l.vocabulary) }.joined(separator: " · ")),
                        ])
                    }),
            ]),
        ])
    }

    /// Who signs for the company: the named colleague, a choice among those whose authority covers the contract
    /// (nobody else is offered), and the others with the reason they may not.
    func signatorySection(_ c: Contract, _ signatories: SignatoryEligibility, named: NamedSignatory?, error: String?, csrf: String?,
                          canChange: Bool) -> Node<HTML.BodyContext> {
        var parts: [Node<HTML.BodyContext>] = []
        if let named {
            parts.append(E("p", [:], [T(l.t("Signataire désigné : ", "Named signatory: ")), E("strong", [:], text: named.user.name),
                                      T(" (" + l.t("désigné le ", "named on ") + Formatting.day(Day(named.designation.namedAt), l.language) + ")")]))
            if let refusal = named.refusal {
                parts.append(E("p", ["class": "alert", "role": "alert"],
                               text: l.t("\(named.user.name) ne peut plus signer ce contrat : ", "\(named.user.name) may no longer sign this contract: ")
                                   + refusal.phrase(l.language)))
            }
            if canChange {
                parts.append(E("form", ["method": "post", "action": "/contracts/\(c.id)/signatory/remove",
                                        "data-confirm": l.t("Retirer \(named.user.name) comme signataire ?", "Remove \(named.user.name) as signatory?")], [
                    V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                    E("button", ["type": "submit", "class": "secondary"], text: l.t("Retirer le signataire", "Remove the signatory")),
                ]))
            }
        }
        if let error { parts.append(E("p", ["class": "alert", "role": "alert", "id": "signatory-error"], text: error)) }
        let choices = signatories.eligible.filter { $0.id != named?.user.id }
        if signatories.eligible.isEmpty {
            parts.append(E("p", ["class": "alert"], text: l.t("Personne n'a de délégation couvrant ce contrat.", "Nobody holds an authority covering this contract.")))
        } else if canChange, !choices.isEmpty {
            parts.append(E("form", ["method": "post", "action": "/contracts/\(c.id)/signatory", "class": "actions"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("label", ["for": "signatory-user"], text: l.t(named == nil ? "Désigner le signataire" : "Désigner quelqu'un d'autre",
                                                               named == nil ? "Name the signatory" : "Name someone else")),
                E("select", ["id": "signatory-user", "name": "userId", "required": ""],
                  choices.map { E("option", ["value": $0.id.description], text: $0.name) }),
                E("button", ["type": "submit"], text: l.t("Désigner", "Name")),
            ]))
        } else {
            parts.append(E("p", [:], [E("strong", [:], text: l.t("Signataires internes possibles : ", "Internal signers allowed: ")),
                                      T(signatories.eligible.map(\.name).joined(separator: ", "))]))
        }
        if !signatories.ineligible.isEmpty {
            parts.append(E("details", [:], [
                E("summary", [:], text: l.t("Les autres, et pourquoi", "The others, and why")),
                E("ul", [:], signatories.ineligible.map { E("li", [:], text: "\($0.user.name) : \($0.refusal.phrase(l.language))") }),
            ]))
        }
        return .group([E("h2", ["id": "signatory"], text: l.t("Qui signe", "Who signs")), E("section", ["class": "card", "id": "signatories"], parts)])
    }

    /// A metadata value as a person reads it: text as is, anything structured as compact JSON.
}

struct ContractFormPage {
    let l: L10n

    struct Model {
        var title: String
        var action: String
        var form: WebForm
        var errors: [FieldError]
        var types: [ContractTypeRecord]
        var counterparties: [Counterparty]
        var currencies: [String]
        var csrf: String?
        var cancel: String
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let title = model.title, action = model.action, form = model.form, errors = model.errors, types = model.types,
            counterparties = model.counterparties, currencies = model.currencies, csrf = model.csrf, cancel = model.cancel
        let byField = Dictionary(grouping: errors, by: { WebForm.formField($0.field) })
        func field(_ name: String, _ label: String, help: String? = nil, _ control: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            let messages = byField[name] ?? []
            return E("div", ["class": messages.isEmpty ? "field" : "field invalid"], [
                E("label", ["for": name], text: label), control,
                help.map { E("div", ["class": "help", "id": "\(name)-help"], text: $0) } ?? .group([]),
            ] + messages.map { E("div", ["class": "error", "id": "\(name)-error"], text: l.fieldMessage($0)) })
        }
        func input(_ name: String, type: String = "text", required: Bool = false) -> Node<HTML.BodyContext> {
            V("input", ["id": name, "name": name, "type": type, "value": form[name] ?? "", "required": required ? "" : nil,
                        "aria-invalid": byField[name] == nil ? nil : "true", "aria-describedby": byField[name] == nil ? nil : "\(name)-error"])
        }
        func select(_ name: String, _ listed: [(String, String)]) -> Node<HTML.BodyContext> {
            // The current value is always offered, so saving the form never changes a field nobody touched.
            var options = listed
            if let current = form[name], !current.isEmpty, !listed.contains(where: { $0.0 == current }) {
                options.append((current, Period(current).map { l.period($0) } ?? current))
            }
            return E("select", ["id": name, "name": name], options.map { value, label in
                E("option", ["value": value, "selected": (form[name] ?? "") == value ? "" : nil], text: label)
            })
        }
        /// Durations are chosen, not typed: "12 mois", stored as `P12M`.
        func periods(_ months: [Int]) -> [(String, String)] {
            [("", l(.none))] + months.map { ("P\($0)M", l.period(Period(months: $0))) }
        }
        let labels = ["title": l(.title), "type": l(.type), "counterpartyId": l(.counterparty), "amount": l(.amount), "currency": l(.currency),
                      "startDate": l(.startDate), "endDate": l(.endDate), "renewalMode": l(.renewal), "renewalPeriod": l(.renewalPeriod),
                      "renewalNotice": l(.renewalNotice)]
        return [
            E("h1", [:], text: title),
            l.errorSummary(errors, label: { labels[WebForm.formField($0)] }, anchor: WebForm.formField),
            E("form", ["method": "post", "action": action, "class": "card", "novalidate": ""], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                field("title", l(.title), input("title", required: true)),
                E("div", ["class": "grid"], [
                    field("type", l(.type), select("type", types.map { ($0.key, l.language == .fr ? $0.labelFr : $0.labelEn) })),
                    field("counterpartyId", l(.counterparty), select("counterpartyId", [("", l(.noCounterparty))] + counterparties.map { ($0.id.description, $0.name) })),
                    field("amount", l(.amount), help: l(.amountHelp), input("amount")),
                    field("currency", l(.currency), select("currency", currencies.map { ($0, l.currency($0)) })),
                    field("startDate", l(.startDate), input("startDate", type: "date")),
                    field("endDate", l(.endDate), input("endDate", type: "date")),
                    field("renewalMode", l(.renewal), select("renewalMode", [("none", l(.renewalNone)), ("tacit", l(.renewalTacit)), ("explicit", l(.renewalExplicit))])),
                    field("renewalPeriod", l(.renewalPeriod), select("renewalPeriod", periods([1, 3, 6, 12, 24, 36, 48, 60]))),
                    field("renewalNotice", l(.renewalNotice), select("renewalNotice", periods([1, 2, 3, 6, 12]))),
                ]),
                E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l(.save)), E("a", ["href": cancel], text: l(.cancel))]),
            ]),
        ]
    }
}

extension ContractDetailPage {
    /// An accepted change of clause: the counterparty asked for another text of the library, or to leave a clause out.
    func clauseChangeForm(_ c: Contract, _ options: [GenerationWorkflow.ClauseOption], csrf: String?) -> Node<HTML.BodyContext> {
        E("details", ["class": "card"], [
            E("summary", [:], text: l.t("Modifier une clause (changement accepté)", "Change a clause (accepted change)")),
            E("form", ["method": "post", "action": "/contracts/\(c.id)/clauses"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("p", ["class": "muted"], text: l.t("Le contrat est régénéré avec le texte choisi ; ses engagements suivent, et une validation déjà commencée reprend.",
                                                     "The contract is generated again with the text chosen; its commitments follow, and an approval already begun starts over.")),
                // The library's titles are in their clauses' language.
                E("label", [:], [T(l.t("Clause et texte", "Clause and text")), E("select", ["name": "change", "required": "", "data-document": ""],
                    [E("option", ["value": ""], text: "—")] + options.map { option in
                        E("optgroup", ["label": option.title], option.choices.filter { $0.name != option.current }.map { choice in
                            E("option", ["value": "\(option.key)=\(choice.name)"], text: choice.title ?? (choice.name == "omit"
                                ? l.t("Retirer la clause", "Leave the clause out") : l.t("Texte standard", "Standard text")))
                        })
                    })]),
                V("input", ["type": "text", "name": "reason", "placeholder": l(.reason), "aria-label": l(.reason), "maxlength": "2000"]),
                E("button", ["type": "submit", "data-confirm": l.t("Régénérer le contrat avec ce texte ?", "Generate the contract again with this text?")],
                  text: l.t("Modifier la clause", "Change the clause")),
            ]),
        ])
    }
}
