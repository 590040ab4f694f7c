import Foundation
import ParapheCore
import ParapheServices
import Plot

/// *Activité contractuelle*: how contracts are made. Counts and value signed per group, cycle times, where the time
/// goes status by status, how fast each team approves, and legal's load at quarter end; each chart with its table.
struct ContractReportPage {
    let l: L10n

    struct Model {
        var grouping: ContractGrouping
        var filter: ContractReportFilter
        var report: ReportWorkflow.Contracts?
        var errors: [FieldError]
    }

    static func link(_ query: [(String, String)]) -> String {
        query.isEmpty ? "/reports/contracts" : "/reports/contracts?" + ReportRoutes.query(query)
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let presentation = ContractReportPresentation(language: l.language, vocabulary: l.vocabulary)
        let filter = model.filter
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Activité contractuelle", "Contract activity")),
            E("p", ["class": "muted"], text: model.report.map { $0.everyContract
                ? l.t("Tous les contrats, créés dans la période choisie.", "Every contract created in the period chosen.")
                : l.t("Vos contrats et ceux partagés avec vous, créés dans la période choisie.", "Your contracts and those shared with you, created in the period chosen.")
            } ?? ""),
            l.errorSummary(model.errors, label: { ["from": l.t("Du", "From"), "to": l.t("Au", "To"), "groupBy": l.t("Regrouper par", "Group by")][$0] }),
            E("form", ["method": "get", "action": "/reports/contracts", "class": "filters card", "aria-label": l.t("Filtres", "Filters")], [
                V("input", ["type": "hidden", "name": "groupBy", "value": model.grouping.rawValue]),
                filter.type.map { V("input", ["type": "hidden", "name": "type", "value": $0]) } ?? .group([]),
                filter.ownerId.map { V("input", ["type": "hidden", "name": "ownerId", "value": $0]) } ?? .group([]),
                E("label", ["for": "from", "class": "inline"], text: l.t("Créés du ", "Created from ")),
                V("input", ["type": "date", "id": "from", "name": "from", "value": filter.from?.description ?? ""]),
                E("label", ["for": "to", "class": "inline"], text: l.t(" au ", " to ")),
                V("input", ["type": "date", "id": "to", "name": "to", "value": filter.to?.description ?? ""]),
                E("button", ["type": "submit"], text: l(.filter)),
            ]),
            E("nav", ["class": "tabs", "aria-label": l.t("Regrouper par", "Group by")], ContractGrouping.allCases.map { grouping in
                E("a", ["href": Self.link([("groupBy", grouping.rawValue)] + filter.query), "aria-current": grouping == model.grouping ? "page" : nil],
                  text: presentation.groupingName(grouping))
            }),
        ]
        guard let report = model.report else { return content }
        guard !report.groups.isEmpty else {
            content.append(E("div", ["class": "empty"], [E("p", [:], [E("strong", [:], text: l.t("Aucun contrat dans cette période.", "No contract in this period."))])]))
            return content
        }
        let total = report.groups.reduce(0) { $0 + $1.contracts }, signed = report.groups.reduce(0) { $0 + $1.signed }
        content.append(E("p", [:], [
            E("strong", [:], text: l.t("\(total) contrat\(total > 1 ? "s" : ""), dont \(signed) signé\(signed > 1 ? "s" : "")",
                                       "\(total) contract\(total == 1 ? "" : "s"), \(signed) signed")),
            T(" · "),
            E("a", ["href": Self.link([("groupBy", model.grouping.rawValue)] + filter.query + [("format", "csv")]), "download": ""],
              text: l.t("Télécharger (CSV)", "Download (CSV)")),
        ]))

        // Counts and cycle times per group
        let by = presentation.groupingName(model.grouping).lowercased()
        content.append(E("h2", [:], text: l.t("Contrats par ", "Contracts by ") + by))
        content.append(BarChart(l: l).body(title: l.t("Contrats par ", "Contracts by ") + by,
                                           bars: report.groups.prefix(15).map { (presentation.label($0, model.grouping), $0.contracts) }, id: "groups"))
        content.append(table(caption: l.t("Contrats par ", "Contracts by ") + by, id: "groups-table",
                             headers: [presentation.groupingName(model.grouping), l.t("Contrats", "Contracts"), l.t("Signés", "Signed"),
                                       l.t("Valeur signée", "Value signed"), l.t("Cycle médian", "Median cycle"), l.t("Cycle p90", "p90 cycle")],
                             rows: report.groups.map { g in
                                 [presentation.label(g, model.grouping), Formatting.number(Decimal(g.contracts), l.language),
                                  Formatting.number(Decimal(g.signed), l.language), g.valueSigned.isEmpty ? "—" : presentation.money(g.valueSigned),
                                  g.cycleTime.map { presentation.days($0.median) } ?? "—", g.cycleTime.map { presentation.days($0.p90) } ?? "—"]
                             }))
        content.append(E("p", ["class": "muted"], text: l.t("Cycle : de la création du contrat à sa signature.", "Cycle: from the contract's creation to its signature.")))

        // Value signed per month, in the first currency signed
        if let currency = report.valueByMonth.map(\.currency).first {
            let months = report.valueByMonth.filter { $0.currency == currency }.suffix(24)
            content.append(E("h2", [:], text: l.t("Valeur signée par mois", "Value signed per month")))
            content.append(BarChart(l: l).body(title: l.t("Valeur signée par mois", "Value signed per month") + " (\(currency))",
                                               values: months.map { (Formatting.month($0.month, l.language), NSDecimalNumber(decimal: $0.value).doubleValue,
                                                                     Formatting.money(Money(amount: $0.value, currency: currency), l.language)) }, id: "value"))
            content.append(table(caption: l.t("Valeur signée par mois", "Value signed per month"), id: "value-table",
                                 headers: [l.t("Mois", "Month"), l.t("Contrats signés", "Contracts signed"), l.t("Valeur", "Value")],
                                 rows: report.valueByMonth.map { [Formatting.month($0.month, l.language), Formatting.number(Decimal($0.contracts), l.language),
                                                                  Formatting.money(Money(amount: $0.value, currency: $0.currency), l.language)] }))
        }

        // Where the time goes
        if !report.timeInState.isEmpty {
            content.append(E("h2", [:], text: l.t("Temps passé par étape", "Time spent per stage")))
            content.append(BarChart(l: l).body(title: l.t("Temps médian par étape", "Median time per stage"),
                                               values: report.timeInState.map { (l.status($0.status), $0.spread.median / 86400, presentation.days($0.spread.median)) },
                                               id: "stages"))
            content.append(table(caption: l.t("Temps passé par étape", "Time spent per stage"), id: "stages-table",
                                 headers: [l.t("Étape", "Stage"), l.t("Passages", "Stays"), l.t("Médiane", "Median"), l.t("p90", "p90")],
                                 rows: report.timeInState.map { [l.status($0.status), String($0.spread.count), presentation.days($0.spread.median),
                                                                 presentation.days($0.spread.p90)] }))
        }
        if !report.turnaround.isEmpty {
            content.append(E("h2", [:], text: l.t("Délai de validation par équipe", "Approval turnaround per team")))
            content.append(table(caption: l.t("Délai de validation par équipe", "Approval turnaround per team"), id: "turnaround-table",
                                 headers: [l.t("Équipe", "Team"), l.t("Décisions", "Decisions"), l.t("Médiane", "Median"), l.t("p90", "p90")],
                                 rows: report.turnaround.map { [presentation.team($0.role).capitalizedFirst, String($0.spread.count),
                                                                presentation.turnaround($0.spread.median), presentation.turnaround($0.spread.p90)] }))
        }
        if !report.quarterLoad.isEmpty {
            content.append(E("h2", [:], text: l.t("Charge du juridique en fin de trimestre", "Legal's load at quarter end")))
            content.append(table(caption: l.t("Charge du juridique en fin de trimestre", "Legal's load at quarter end"), id: "quarter-table",
                                 headers: [l.t("Trimestre", "Quarter"), l.t("Validations ouvertes", "Approvals opened"),
                                           l.t("Dont les 14 derniers jours", "In the last 14 days"), l.t("Par jour, fin de trimestre", "Per day, quarter end"),
                                           l.t("Par jour, avant", "Per day, before")],
                                 rows: report.quarterLoad.map { q in
                                     [q.quarter.replacingOccurrences(of: "-Q", with: l.t(" T", " Q")), String(q.total), String(q.lastTwoWeeks),
                                      Formatting.number(Decimal((q.perDayLastTwoWeeks * 10).rounded() / 10), l.language),
                                      Formatting.number(Decimal((q.perDayBefore * 10).rounded() / 10), l.language)]
                                 }))
        }
        return content
    }

    func table(caption: String, id: String, headers: [String], rows: [[String]]) -> Node<HTML.BodyContext> {
        E("table", ["class": "responsive", "id": id], [
            E("caption", ["class": "visually-hidden"], text: caption),
            E("thead", [:], [E("tr", [:], headers.map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], rows.map { cells in E("tr", [:], cells.map { E("td", [:], text: $0) }) }),
        ])
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
