import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices

/// The contract report's words and CSV, shared by the API and the page: group labels, durations in days, amounts.
struct ContractReportPresentation {
    let language: Language
    let vocabulary: Vocabulary

    func groupingName(_ grouping: ContractGrouping) -> String {
        let names: [ContractGrouping: Phrase] = [.status: Phrase("Statut", "Status"), .type: Phrase("Type", "Type"),
                                                 .owner: Phrase("Commercial", "Sales rep"), .month: Phrase("Mois de création", "Month created")]
        return names[grouping]!(language)
    }

    func label(_ group: ContractGroup, _ grouping: ContractGrouping) -> String {
        switch grouping {
        case .status: ContractStatus(rawValue: group.key).map { Vocabulary.status($0, language) } ?? group.key
        case .type: vocabulary.contractType(group.key, language)
        case .owner: group.name ?? group.key
        case .month: Formatting.month(group.key, language)
        }
    }

    func team(_ role: String?) -> String {
        guard let role else { return Phrase("personnes nommées", "named people")(language) }
        return Role(rawValue: role).map { Vocabulary.role($0, language) } ?? role
    }

    /// Days with one decimal: « 3,5 j ».
    func days(_ seconds: TimeInterval) -> String {
        dayCount(seconds) + Phrase("\u{00A0}j", "\u{00A0}d")(language)
    }

    /// The number of days alone, one decimal, as a spreadsheet cell holds it: « 3,5 ».
    func dayCount(_ seconds: TimeInterval) -> String {
        Formatting.number(Decimal((seconds / 86400 * 10).rounded() / 10), language)
    }

    /// Hours under two days, days beyond: how a turnaround is felt.
    func turnaround(_ seconds: TimeInterval) -> String {
        seconds < 2 * 86400 ? Formatting.number(Decimal((seconds / 3600 * 10).rounded() / 10), language) + "\u{00A0}h" : days(seconds)
    }

    func money(_ values: [String: Decimal]) -> String {
        values.sorted { $0.key < $1.key }.map { Formatting.money(Money(amount: $0.value, currency: $0.key), language) }.joined(separator: " + ")
    }

    func csv(_ report: ReportWorkflow.Contracts) -> String {
        let csv = CSV(language: language)
        var text = CSV.bom + csv.line([groupingName(report.grouping), Phrase("Clé", "Key")(language), Phrase("Contrats", "Contracts")(language),
                                       Phrase("Signés", "Signed")(language), Phrase("Valeur signée", "Value signed")(language),
                                       Phrase("Cycle médian (jours)", "Median cycle (days)")(language), Phrase("Cycle p90 (jours)", "p90 cycle (days)")(language)])
        for group in report.groups {
            let spread = group.cycleTime
            text += csv.line([label(group, report.grouping), group.key, String(group.contracts), String(group.signed), money(group.valueSigned),
                              spread.map { dayCount($0.median) } ?? "", spread.map { dayCount($0.p90) } ?? ""])
        }
        return text
    }

    func csvResponse(_ report: ReportWorkflow.Contracts) -> Response {
        Response(status: .ok, headers: CSVDownload.headers("contracts-\(report.grouping.rawValue)"),
                 body: .init(byteBuffer: ByteBuffer(string: csv(report))))
    }
}
