import Foundation
import ParapheCore
import ParapheServices
import ParapheStore
import Plot

/// "Mes demandes": a requester's contracts on their way to signature, and what each waits for, in words.
struct RequestsPage {
    let l: L10n
    let now: Date

    /// Whom or what a contract waits for: the open approval steps and how long they have been open, the send for
    /// signature once approved, the signers who have not signed.
    func waitingFor(_ r: ContractWorkflow.Request) -> String {
        switch r.contract.status {
        case .inReview:
            let open = r.steps.filter { $0.status == .pending }
            guard !open.isEmpty else { return l.t("l'ouverture du circuit de validation", "the approval chain to open") }
            let next = r.steps.filter { $0.status == .waiting }.map(team)
            return open.map { step in
                let days = step.activatedAt.map { max(0, Int(now.timeIntervalSince($0) / 86400)) } ?? 0
                return l.t("validation \(team(step))", "\(team(step)) approval") + " " + since(days)
            }.joined(separator: l.t(" et ", " and ")) + (next.isEmpty ? "" : l.t(", puis ", ", then ") + next.joined(separator: ", "))
        case .approved: return l.t("votre envoi pour signature", "you to send it for signature")
        case .negotiating: return l.t("la négociation avec le cocontractant", "the negotiation with the counterparty")
        case .signing:
            let missing = r.signers.filter { $0.status != .signed }.map(\.name)
            return missing.isEmpty ? l.t("le scellement du document", "the document's seal") : l.t("la signature de ", "the signature of ") + missing.joined(separator: ", ")
        default: return l(.none)
        }
    }

    func team(_ step: Approval) -> String {
        step.step.role.map { Vocabulary.role($0, l.language) } ?? l.t("personnes désignées", "named people")
    }

    func since(_ days: Int) -> String {
        switch days {
        case 0: l.t("(depuis aujourd'hui)", "(since today)")
        case 1: l.t("(depuis 1 jour)", "(for 1 day)")
        default: l.t("(depuis \(days) jours)", "(for \(days) days)")
        }
    }

    /// A sales rep's home: a new contract one click away from each published template, then the requests.
    struct Model {
        var requests: [ContractWorkflow.Request]
        var templates: [Template]
        var types: [ContractTypeRecord]
        /// The pipeline, cycle times and deadlines of the rep's own contracts.
        var home: HomeSections?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let requests = model.requests, templates = model.templates, types = model.types
        var content: [Node<HTML.BodyContext>] = [E("h1", [:], text: l.t("Mes demandes", "My requests"))]
        if !templates.isEmpty {
            content.append(E("section", ["aria-labelledby": "start-title"], [
                E("h2", ["id": "start-title"], text: l.t("Démarrer un contrat", "Start a contract")),
                TemplateCards(l: l).body(templates, types: types),
            ]))
        }
        if let home = model.home { content.append(HomeCards(l: l).body(home)) }
        content.append(E("h2", [:], text: l.t("En cours", "In progress")))
        guard !requests.isEmpty else {
            content.append(E("div", ["class": "empty"], [
                E("p", [:], [E("strong", [:], text: l.t("Aucune demande en cours.", "No request in progress."))]),
                E("p", ["class": "muted"], text: l.t("Les contrats que vous soumettez au juridique apparaissent ici jusqu'à leur signature, avec ce qu'ils attendent.",
                                                     "The contracts you submit to legal show here until they are signed, with what each waits for.")),
            ] + (templates.isEmpty ? [E("a", ["href": "/contracts/new", "class": "button"], text: l(.newContract))] : [])))
            return content
        }
        content.append(E("table", ["class": "responsive"], [
            E("thead", [:], [E("tr", [:], [l(.reference), l(.title), l(.status), l.t("En attente de", "Waiting for"), l(.amount)].map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], requests.map { r in
                E("tr", [:], [
                    E("td", [:], [E("a", ["href": "/contracts/\(r.contract.id)"], text: r.contract.reference.description)]),
                    E("td", [:], [T(r.contract.title), E("div", ["class": "muted"], text: r.counterpartyName ?? "")]),
                    E("td", [:], [l.statusBadge(r.contract.status)]),
                    E("td", [:], text: waitingFor(r)),
                    E("td", [:], text: l.money(r.contract.amount)),
                ])
            }),
        ]))
        return content
    }
}
