import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices

/// The derogation dashboard's words and files, shared by the API and the page: a group's label in a language, and the
/// CSV of the groups or of the derogations themselves.
struct DerogationPresentation {
    let language: Language
    let vocabulary: Vocabulary

    func label(_ group: DerogationGroup, _ grouping: DerogationGrouping) -> String {
        let fr = language == .fr
        switch grouping {
        case .category: return group.key.isEmpty ? (fr ? "sans catégorie" : "no category") : Vocabulary.category(group.key, language)
        case .clause: return vocabulary.clause(group.key)
        case .alternative: return vocabulary.derogation(group.key, language)
        case .counterparty: return group.name ?? (fr ? "sans cocontractant" : "no counterparty")
        case .owner: return group.name ?? group.key
        case .month: return Formatting.month(group.key, language)
        }
    }

    func groupingName(_ grouping: DerogationGrouping) -> String {
        let names: [DerogationGrouping: Phrase] = [
            .category: Phrase("Catégorie", "Category"), .clause: Phrase("Clause", "Clause"), .alternative: Phrase("Variante", "Alternative"),
            .counterparty: Phrase("Cocontractant", "Counterparty"), .owner: Phrase("Commercial", "Sales rep"), .month: Phrase("Mois", "Month"),
        ]
        return names[grouping]!(language)
    }

    func variant(_ item: DerogationItem) -> String {
        switch item.variant {
        case .alternative(let key): vocabulary.alternative(key, of: item.clauseKey)
        case .custom: Phrase("rédaction négociée", "negotiated text")(language)
        case .standard: Phrase("texte standard", "standard text")(language)
        }
    }

    func csv(_ report: ReportWorkflow.Derogations) -> String {
        let csv = CSV(language: language)
        var text = CSV.bom + csv.line([groupingName(report.grouping), Phrase("Clé", "Key")(language), Phrase("Dérogations", "Derogations")(language),
                                       Phrase("Contrats", "Contracts")(language)])
        for group in report.groups {
            text += csv.line([label(group, report.grouping), group.key, String(group.derogations), String(group.contracts)])
        }
        return text
    }

    func groupsCSV(_ report: ReportWorkflow.Derogations) -> Response {
        Response(status: .ok, headers: CSVDownload.headers("derogations-\(report.grouping.rawValue)"), body: .init(byteBuffer: ByteBuffer(string: csv(report))))
    }

    /// Every derogation in the filter, streamed a page at a time: the export holds one page in memory, whatever the count.
    /// The caller is checked before the stream starts, so a refusal is a status, not a cut file.
    func itemsCSV(_ filter: DerogationFilter, workflow: ReportWorkflow, caller: Caller) throws -> Response {
        _ = try workflow.reader(caller)
        let language = language
        let header = [Phrase("Référence", "Reference"), Phrase("Contrat", "Contract"), Phrase("Statut", "Status"), Phrase("Cocontractant", "Counterparty"),
                      Phrase("Clause", "Clause"), Phrase("Variante", "Alternative"), Phrase("Catégorie", "Category")].map { $0(language) }
        let presentation = self
        return CSVDownload.stream("derogations", language: language, header: header) { (after: ItemCursor?) in
            let page = try await workflow.derogationItems(filter, after: after.map { ($0.reference, $0.position) }, limit: 1000, by: caller)
            let rows = page.map { item in
                [item.reference, item.title, Vocabulary.status(item.status, language), item.counterparty ?? "", item.clauseTitle,
                 presentation.variant(item), item.category.map { Vocabulary.category($0, language) } ?? ""]
            }
            return (rows, page.count == 1000 ? page.last.map { ItemCursor(reference: $0.reference, position: $0.position) } : nil)
        }
    }

    struct ItemCursor: Sendable {
        var reference: String
        var position: Int
    }
}
