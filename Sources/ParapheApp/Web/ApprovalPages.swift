import Foundation
import ParapheCore
import ParapheStore
import Plot
import ParapheServices

/// "Mes tâches": the steps waiting on me, then my notifications.
struct TasksPage {
    let l: L10n

    struct Model {
        var pending: [Approval]
        var contracts: [Contract.ID: Contract]
        var suppliers: [SupplierRequest.ID: SupplierRequest]
        var inbox: [InboxItem]
        var csrf: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let pending = model.pending, contracts = model.contracts, suppliers = model.suppliers, inbox = model.inbox, csrf = model.csrf
        var content: [Node<HTML.BodyContext>] = [E("h1", [:], text: l.t("Mes tâches", "My tasks"))]
        if pending.isEmpty {
            content.append(E("div", ["class": "empty"], [
                E("p", [:], [E("strong", [:], text: l.t("Rien à valider pour l'instant.", "Nothing to approve for now."))]),
                E("p", ["class": "muted"], text: l.t("Les contrats qui demandent votre validation apparaîtront ici, et vous recevrez un e-mail.",
                                                     "Contracts that need your approval will appear here, and you will get an email.")),
            ]))
        } else {
            content.append(E("table", ["class": "responsive"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: l(.reference)), E("th", [:], text: l(.title)), E("th", [:], text: l.t("Pourquoi", "Why")),
                                                E("th", [:], text: l.t("Depuis", "Since"))])]),
                E("tbody", [:], pending.map { a in
                    let c = a.contractId.flatMap { contracts[$0] }
                    let supplier = a.subject.supplierRequestId.flatMap { suppliers[$0] }
                    return E("tr", [:], [
                        E("td", [:], [E("a", ["href": "/approvals/\(a.id)"], text: c?.reference.description ?? l.t("Fournisseur", "Supplier"))]),
                        E("td", [:], text: c?.title ?? supplier?.supplierName ?? ""),
                        E("td", [:], text: a.reasons.map { $0.ruleName(l.language, l.vocabulary) }.joined(separator: " · ")),
                        E("td", [:], text: l.time(a.activatedAt ?? a.createdAt)),
                    ])
                }),
            ]))
        }
        content.append(E("h2", [:], text: l.t("Notifications", "Notifications")))
        content.append(inbox.isEmpty ? E("p", ["class": "muted"], text: l.t("Aucune notification.", "No notifications."))
            : E("ul", ["class": "clauses"], inbox.map { item in
                E("li", [:], [
                    E("a", ["href": item.link], item.readAt == nil ? [E("strong", [:], text: item.title)] : [T(item.title)]),
                    E("span", ["class": "muted"], text: " · " + l.time(item.createdAt) + " "),
                    item.readAt == nil ? E("form", ["method": "post", "action": "/inbox/\(item.id)/read", "class": "inline"], [
                        V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                        E("button", ["type": "submit", "class": "link"], text: l.t("Marquer comme lu", "Mark as read")),
                    ]) : .group([]),
                ])
            }))
        return content
    }
}

/// One approval step: why it is needed, the whole chain, the derogations against the standard text, the decision.
struct ApprovalPage {
    let l: L10n

    func stepName(_ a: Approval, _ view: ApprovalView) -> String {
        let who = a.step.role.map(l.role) ?? (a.step.users ?? []).map(view.name).joined(separator: ", ")
        let mode = a.step.mode == .all ? l.t("tous", "all") : l.t("un seul", "any one")
        return "\(who) (\(mode))" + (a.assignee.map { " → " + view.name($0) } ?? "")
    }

    struct Model {
        var view: ApprovalView
        var notice: String?
        var error: String?
        var fieldErrors: [FieldError]
        var comment: String
        var csrf: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let view = model.view, notice = model.notice, error = model.error, fieldErrors = model.fieldErrors, comment = model.comment,
            csrf = model.csrf
        let a = view.approval
        var facts: [(String, String)] = []
        var link: Node<HTML.BodyContext> = .group([])
        if let c = view.contract {
            facts = [(l(.reference), c.reference.description), (l(.status), l.status(c.status)),
                     (l(.amount), c.amount.map { Formatting.money($0, l.language) } ?? l(.none))]
            link = E("p", [:], [E("a", ["href": "/contracts/\(c.id)"], text: l.t("Ouvrir le contrat", "Open the contract"))])
        } else if let r = view.supplier {
            facts = [(l.t("Fournisseur", "Supplier"), r.supplierName), (l.t("Objet", "Purpose"), r.purpose),
                     (l.t("Coût annuel", "Annual cost"), r.annualCost.map { Formatting.money($0, l.language) } ?? l(.none)),
                     (l.t("Données personnelles", "Personal data"), r.dataProcessed.isEmpty ? l.t("aucune", "none") : r.dataProcessed.joined(separator: ", "))]
            link = E("p", [:], [E("a", ["href": "/suppliers/\(r.id)"], text: l.t("Ouvrir la demande", "Open the request"))])
        }
        facts += [(l.t("Étape", "Step"), stepName(a, view)), (l.t("État de l'étape", "Step status"), l.approvalStatus(a.status)),
                  (l.t("Demandé par", "Requested by"), view.name(a.requestedBy))]
        var content: [Node<HTML.BodyContext>] = [
            E("p", [:], [E("a", ["href": "/tasks"], text: "← " + l.t("Mes tâches", "My tasks"))]),
            E("h1", [:], text: l.t("Validation : ", "Approval: ") + (view.contract?.title ?? view.supplier.map { l.t("fournisseur ", "supplier ") + $0.supplierName } ?? "")),
            notice.map { E("p", ["class": "notice", "role": "status"], text: $0) } ?? .group([]),
            error.map { E("p", ["class": "alert", "role": "alert"], text: $0) } ?? .group([]),
            E("section", ["class": "card"], [
                E("dl", ["class": "grid"], facts.map { E("div", [:], [E("dt", [:], text: $0.0), E("dd", [:], text: $0.1)]) }),
                link,
            ]),
            E("h2", [:], text: l.t("Pourquoi cette validation", "Why this approval is needed")),
            E("ul", ["class": "reasons"], a.reasons.map { r in
                E("li", [:], [E("strong", [:], text: r.ruleName(l.language, l.vocabulary)),
                              T(l.t("\u{00A0}: ", ": ") + r.criteria.map { $0.describe(l.language, l.vocabulary) }.joined(separator: l.t("\u{00A0}; ", "; ")))])
            }),
        ]
        if view.refusal == nil {
            let errors = Dictionary(grouping: fieldErrors, by: \.field)
            content.append(E("form", ["method": "post", "action": "/approvals/\(a.id)/decision", "class": "card", "id": "decision"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("div", ["class": errors["comment"] == nil ? "field" : "field invalid"], [
                    E("label", ["for": "comment"], text: l.t("Commentaire (obligatoire pour refuser)", "Comment (required to reject)")),
                    E("textarea", ["id": "comment", "name": "comment", "rows": "3", "maxlength": "4000",
                                   "aria-invalid": errors["comment"] == nil ? nil : "true", "aria-describedby": errors["comment"] == nil ? nil : "comment-error"],
                      text: comment),
                ] + (errors["comment"] ?? []).map { _ in
                    E("div", ["class": "error", "id": "comment-error"], text: l.t("Dites pourquoi vous refusez : le demandeur le lira.", "Say why you reject: the requester reads it."))
                }),
                E("div", ["class": "actions"], [
                    E("button", ["type": "submit", "name": "decision", "value": "approve"], text: l.t("Approuver", "Approve")),
                    E("button", ["type": "submit", "name": "decision", "value": "reject", "class": "secondary"], text: l.t("Refuser", "Reject")),
                ]),
            ]))
        } else if let refusal = view.refusal, a.status == .pending {
            content.append(E("p", ["class": "muted"], text: refusalText(refusal)))
        }
        if !view.colleagues.isEmpty {
            content.append(E("details", ["class": "card"], [
                E("summary", [:], text: l.t("Confier à un collègue", "Hand to a colleague")),
                E("form", ["method": "post", "action": "/approvals/\(a.id)/reassign", "class": "actions"], [
                    V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                    E("select", ["name": "userId", "aria-label": l.t("Collègue", "Colleague")], view.colleagues.map { E("option", ["value": $0.id.description], text: $0.name) }),
                    E("button", ["type": "submit", "class": "secondary"], text: l.t("Confier", "Hand over")),
                ]),
            ]))
        }
        content.append(E("h2", [:], text: l.t("Circuit de validation", "Approval chain")))
        content.append(E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Ordre", "Order")), E("th", [:], text: l.t("Étape", "Step")),
                                            E("th", [:], text: l(.status)), E("th", [:], text: l.t("Décisions", "Decisions"))])]),
            E("tbody", [:], view.steps.map { s in
                E("tr", s.id == a.id ? ["class": "current"] : [:], [
                    E("td", [:], text: String(s.step.order)), E("td", [:], text: stepName(s, view)), E("td", [:], text: l.approvalStatus(s.status)),
                    E("td", [:], s.decisions.map { d in
                        E("div", [:], text: "\(view.name(d.userId)) : \(d.decision == .approve ? l.t("approuvé", "approved") : l.t("refusé", "rejected"))"
                                           + (d.comment.map { " — « \($0) »" } ?? "") + " · " + l.time(d.at))
                    }),
                ])
            }),
        ]))
        guard view.contract != nil else { return content }
        content.append(E("h2", [:], text: l.t("Dérogations au standard", "Derogations from the standard")))
        if view.derogations.isEmpty {
            content.append(E("p", ["class": "muted"], text: l.t("Aucune : le contrat suit les clauses standard.", "None: the contract follows the standard clauses.")))
        }
        for d in view.derogations {
            let label = l.variant(d.clause)
            content.append(E("section", ["class": "card diff"], [
                E("h3", [:], [T("\(d.clause.number) \(d.clause.title) "), E("span", ["class": "badge derogation"], text: label)]),
                E("p", ["class": "muted"], text: l.t("À gauche le texte standard, à droite ce contrat ; barré : retiré, souligné : ajouté.",
                                                     "Left, the standard text; right, this contract; struck through: removed, underlined: added.")),
                E("div", ["class": "side-by-side", "role": "table", "aria-label": l.t("Texte standard et texte du contrat", "Standard text and contract text")], [
                    E("div", ["class": "row head", "role": "row"], [E("div", ["role": "columnheader"], text: l.t("Texte standard", "Standard text")),
                                                                      E("div", ["role": "columnheader"], text: l.t("Ce contrat", "This contract"))]),
                ] + SideBySideDiff.rows(d.standard ?? "", d.proposed).map { row in
                    E("div", ["class": row.changed ? "row changed" : "row", "role": "row"], [
                        E("div", ["role": "cell", "data-document": ""], (row.standard ?? []).map(segment)),
                        E("div", ["role": "cell", "data-document": ""], (row.proposed ?? []).map(segment)),
                    ])
                }),
            ]))
        }
        return content
    }

    func segment(_ segment: WordDiff.Segment) -> Node<HTML.BodyContext> {
        switch segment.kind {
        case .same: T(segment.text)
        case .removed: E("del", [:], text: segment.text)
        case .added: E("ins", [:], text: segment.text)
        }
    }

    func refusalText(_ refusal: DecisionRefusal) -> String {
        switch refusal {
        case .ownRequest: l.t("Vous avez soumis ce contrat : un collègue doit le valider.", "You submitted this contract: a colleague must approve it.")
        case .notAnApprover: l.t("Cette étape revient à d'autres personnes.", "This step belongs to other people.")
        case .notYetOpen: l.t("Cette étape s'ouvrira après les étapes précédentes.", "This step opens after the earlier ones.")
        case .alreadyClosed: l.t("Cette étape est close.", "This step is closed.")
        case .alreadyDecided: l.t("Vous avez déjà décidé ; les autres validateurs doivent encore se prononcer.", "You have decided; the other approvers have yet to.")
        }
    }
}

/// The legal queue, highest priority first, each score broken into its parts.
struct QueuePage {
    let l: L10n

    struct Model {
        var entries: [ApprovalWorkflow.QueueEntry]
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let entries = model.entries
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("File juridique", "Legal queue")),
            E("p", ["class": "muted"], text: l.t("Classée par priorité : valeur, échéance (fin de trimestre comprise), risque des dérogations, ancienneté.",
                                                 "Ranked by priority: value, deadline (end of quarter included), derogation risk, age.")),
        ]
        guard !entries.isEmpty else {
            content.append(E("div", ["class": "empty"], [E("p", [:], [E("strong", [:], text: l.t("Aucun contrat n'attend le juridique.", "No contract is waiting on legal."))])]))
            return content
        }
        let names = ["value": l.t("Valeur", "Value"), "deadline": l.t("Échéance", "Deadline"), "risk": l.t("Risque", "Risk"), "age": l.t("Ancienneté", "Age")]
        content.append(E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [E("th", [:], text: "#"), E("th", [:], text: l(.title)), E("th", [:], text: l(.amount)),
                                            E("th", [:], text: l.t("Échéance", "Deadline")), E("th", [:], text: l.t("Score", "Score")),
                                            E("th", [:], text: l.t("Détail du score", "Score breakdown"))])]),
            E("tbody", [:], entries.enumerated().map { index, e in
                E("tr", [:], [
                    E("td", [:], text: String(index + 1)),
                    E("td", [:], [E("a", ["href": "/approvals/\(e.approval.id)"], text: e.contract.reference.description), T(" " + e.contract.title),
                                  E("div", ["class": "muted"], text: l.t("en attente depuis le ", "waiting since ") + l.time(e.waitingSince))]),
                    E("td", [:], text: l.money(e.contract.amount)),
                    E("td", [:], text: e.deadline.map { Formatting.day($0, l.language) } ?? l.t("aucune", "none")),
                    E("td", [:], [E("strong", [:], text: String(e.score.total))]),
                    E("td", [:], [E("ul", ["class": "parts"], e.score.parts.map { p in
                        E("li", [:], [E("span", ["class": "badge"], text: "\(names[p.name] ?? p.name) +\(p.points)"), T(" " + p.describe(l.language, l.vocabulary))])
                    })]),
                ])
            }),
        ]))
        return content
    }
}
