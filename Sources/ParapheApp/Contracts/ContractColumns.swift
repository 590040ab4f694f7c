import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices
import ParapheStore

/// The columns a contract list may show and export, beyond its reference and title which it always shows.
enum ContractColumn: String, CaseIterable, Sendable {
    case type, counterparty, owner, status, amount, startDate, endDate, noticeDeadline, renewal, createdAt

    static let standard: [ContractColumn] = [.counterparty, .status, .amount, .endDate]

    /// The columns asked for (`col=…`, repeated), in the list's order; the standard ones when none is.
    static func chosen(_ values: [String]) -> [ContractColumn] {
        let asked = Set(values.flatMap { $0.split(separator: ",").map(String.init) })
        let columns = allCases.filter { asked.contains($0.rawValue) }
        return columns.isEmpty ? standard : columns
    }

    func title(_ language: Language) -> String {
        let names: [ContractColumn: Phrase] = [
            .type: Phrase("Type", "Type"), .counterparty: Phrase("Cocontractant", "Counterparty"), .owner: Phrase("Commercial", "Sales rep"),
            .status: Phrase("Statut", "Status"), .amount: Phrase("Montant", "Amount"), .startDate: Phrase("Début", "Start"),
            .endDate: Phrase("Fin", "End"), .noticeDeadline: Phrase("Date limite de préavis", "Notice deadline"),
            .renewal: Phrase("Renouvellement", "Renewal"), .createdAt: Phrase("Créé le", "Created"),
        ]
        return names[self]!(language)
    }

    /// The cell as words: dates and amounts in the reader's language.
    func value(_ c: Contract, counterparty: String?, owner: String?, vocabulary: Vocabulary, language: Language, today: Day) -> String {
        func day(_ d: Day?) -> String { d.map { Formatting.day($0, language) } ?? "" }
        return switch self {
        case .type: vocabulary.contractType(c.type, language)
        case .counterparty: counterparty ?? ""
        case .owner: owner ?? ""
        case .status: Vocabulary.status(c.status, language)
        case .amount: c.amount.map { Formatting.money($0, language) } ?? ""
        case .startDate: day(c.startDate)
        case .endDate: day(c.endDate)
        case .noticeDeadline: day(c.renewalSchedule(today: today).noticeDeadline)
        case .renewal: RenewalPresentation(language: language, today: today).mode(c.renewal)
        case .createdAt: day(Day(c.createdAt))
        }
    }

    /// Every contract the query finds, in the columns chosen, streamed 500 at a time.
    static func csv(_ query: ContractQuery, columns: [ContractColumn], user: User, language: Language, services: AppServices) -> Response {
        let csv = CSV(language: language)
        let today = Day(services.clock())
        let workflow = ContractWorkflow(services: services)
        return Response(status: .ok, headers: CSVDownload.headers("contrats"), body: ResponseBody { writer in
            let (vocabulary, owners) = try await services.database.read { s in
                (try await Vocabulary.read(in: s), ContractWorkflow.names(of: try await ContractWorkflow.colleagues(in: s)))
            }
            let header = [Phrase("Référence", "Reference")(language), Phrase("Contrat", "Contract")(language)] + columns.map { $0.title(language) }
            try await writer.write(ByteBuffer(string: CSV.bom + csv.line(header)))
            var page = query
            page.limit = 500
            while true {
                let rows = try await workflow.search(page, clausesFor: 0, by: user).rows
                let chunk = rows.map { c, counterparty in
                    csv.line([c.reference.description, c.title] + columns.map {
                        $0.value(c, counterparty: counterparty, owner: owners[c.ownerId], vocabulary: vocabulary, language: language, today: today)
                    })
                }.joined()
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                guard rows.count == 500, let last = rows.last else { break }
                page.after = page.sort.cursor(for: last.0)
            }
            try await writer.finish(nil)
        })
    }
}
