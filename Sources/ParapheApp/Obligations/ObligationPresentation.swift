import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The register's words and its CSV, shared by the API and the pages.
struct ObligationPresentation {
    let language: Language
    let today: Day

    /// « 31 janvier 2027 (dans 12 j) », « 2 mars 2026 (en retard de 3 j) », or « sans échéance ».
    func due(_ o: Obligation) -> String {
        guard let day = o.dueOn else { return Phrase("sans échéance", "no due date")(language) }
        let left = today.days(until: day)
        let fr = language == .fr
        let when = switch left {
        case 0: fr ? "aujourd'hui" : "today"
        case ..<0: fr ? "en retard de \(-left) j" : "\(-left) d overdue"
        default: fr ? "dans \(left) j" : "in \(left) d"
        }
        return o.status == .open ? "\(Formatting.day(day, language)) (\(when))" : Formatting.day(day, language)
    }

    func recurrence(_ o: Obligation) -> String {
        guard let every = o.every else { return "" }
        let fr = language == .fr
        switch (every.years, every.months, every.days) {
        case (1, 0, 0): return fr ? "tous les ans" : "yearly"
        case (0, 1, 0): return fr ? "tous les mois" : "monthly"
        case (0, 3, 0): return fr ? "tous les trimestres" : "quarterly"
        case (0, 6, 0): return fr ? "tous les six mois" : "every six months"
        default: return (fr ? "tous les " : "every ") + Formatting.period(every, language)
        }
    }

    var header: [String] {
        [Phrase("Référence", "Reference"), Phrase("Contrat", "Contract"), Phrase("Cocontractant", "Counterparty"), Phrase("Type", "Kind"),
         Phrase("Engagement", "Commitment"), Phrase("Dû par", "Owed by"), Phrase("Responsable", "Owner"), Phrase("Échéance", "Due on"),
         Phrase("Récurrence", "Recurrence"), Phrase("Statut", "Status"), Phrase("Origine", "Origin")].map { $0(language) }
    }

    func row(_ e: ObligationEntry) -> [String] {
        let o = e.obligation
        return [e.reference, e.contractTitle, e.counterparty ?? "", e.counterpartyKind.map { Vocabulary.counterpartyKind($0, language) } ?? "",
                o.wording, Vocabulary.owedBy(o.owedBy, language), Vocabulary.role(o.ownerRole, language), o.dueOn.map { Formatting.day($0, language) } ?? "",
                recurrence(o), Vocabulary.obligationStatus(o.status, language),
                o.origin == .manual ? Phrase("ajouté à la main", "added by hand")(language) : (o.clauseKey ?? "")]
    }

    /// Every commitment the filters find, streamed a page at a time.
    func csv(_ query: ObligationQuery, workflow: ObligationWorkflow, caller: Caller) -> Response {
        let presentation = self
        return CSVDownload.stream("engagements", language: language, header: header) { (after: ObligationRoutes.Cursor?) in
            let page = try await workflow.register(query, after: after?.position, limit: 1000, by: caller)
            return (page.map(presentation.row), page.count == 1000 ? page.last.map(ObligationRoutes.Cursor.init) : nil)
        }
    }
}
