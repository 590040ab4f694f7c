import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices

/// The renewal calendar's words and its CSV, shared by the API and the page.
struct RenewalPresentation {
    let language: Language
    let today: Day

    func mode(_ renewal: RenewalTerms) -> String {
        let fr = language == .fr
        func period(_ p: Period?) -> String { p.map { Formatting.period($0, language) } ?? "—" }
        return switch renewal.mode {
        case .none: fr ? "sans renouvellement" : "no renewal"
        case .tacit: fr ? "tacite, \(period(renewal.period)), préavis \(period(renewal.notice))"
            : "tacit, \(period(renewal.period)), \(period(renewal.notice)) notice"
        case .explicit: fr ? "sur décision" : "on decision"
        }
    }

    func decision(_ kind: RenewalDecisionKind) -> String {
        switch (kind, language == .fr) {
        case (.renew, true): "Reconduire"
        case (.renew, false): "Renew"
        case (.renegotiate, true): "Renégocier"
        case (.renegotiate, false): "Renegotiate"
        case (.terminate, true): "Résilier"
        case (.terminate, false): "Terminate"
        }
    }

    /// What the entry departs from, in words: « modèle : tacite, 12 mois, préavis 3 mois ».
    func exception(_ standard: RenewalTerms?) -> String {
        guard let standard else { return "" }
        return (language == .fr ? "modèle : " : "template: ") + mode(standard)
    }

    var header: [String] {
        [Phrase("Référence", "Reference"), Phrase("Contrat", "Contract"), Phrase("Cocontractant", "Counterparty"), Phrase("Commercial", "Sales rep"),
         Phrase("Statut", "Status"), Phrase("Renouvellement", "Renewal"), Phrase("Date limite de préavis", "Notice deadline"),
         Phrase("Jours restants", "Days left"), Phrase("Prochaine reconduction", "Next renewal"), Phrase("Fin", "Ends on"),
         Phrase("Décision", "Decision"), Phrase("Exception au modèle", "Exception to the template")].map { $0(language) }
    }

    func row(_ e: RenewalEntry, standard: RenewalTerms?) -> [String] {
        func day(_ d: Day?) -> String { d.map { Formatting.day($0, language) } ?? "" }
        return [e.reference, e.title, e.counterparty ?? "", e.owner ?? "", Vocabulary.status(e.status, language), mode(e.renewal), day(e.noticeDeadline),
                e.daysToDeadline(today: today).map(String.init) ?? "", day(e.nextRenewalDate), day(e.endsOn), e.decision.map { decision($0.kind) } ?? "",
                exception(standard)]
    }

    /// Every entry within the window, streamed a page at a time.
    func csv(within: Int, workflow: RenewalWorkflow, caller: Caller) -> Response {
        let presentation = self
        return CSVDownload.stream("renewals-\(within)", language: language, header: header) { (after: RenewalCursor?) in
            let page = try await workflow.calendar(within: within, after: after.map { ($0.date, $0.id) }, limit: 1000, by: caller)
            return (page.entries.map { presentation.row($0, standard: page.standards[$0.contractId]) }, page.next.map { RenewalCursor(date: $0.date, id: $0.id) })
        }
    }

    struct RenewalCursor: Sendable {
        var date: String
        var id: String
    }
}
