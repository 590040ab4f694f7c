import Foundation
import ParapheCore
import ParapheDocuments
import ParapheServices
import Plot

/// A horizontal bar chart drawn on the server: an SVG with its title for screen readers, each label above its bar and
/// the number at its end, in the page's number format. The table beside it holds the same numbers.
struct BarChart {
    let l: L10n

    /// `documentLabels`: the labels are titles from the library, in their own language (marked as such).
    func body(title: String, bars: [(label: String, value: Int)], documentLabels: Bool = false, id: String = "chart") -> Node<HTML.BodyContext> {
        body(title: title, values: bars.map { ($0.label, Double($0.value), Formatting.number(Decimal($0.value), l.language)) },
             documentLabels: documentLabels, id: id)
    }

    /// Bars of any measure, each with the words its value reads as (« 12,5 j », « 48 000,00 € »). `id` names the
    /// chart's title for screen readers: unique on its page.
    func body(title: String, values bars: [(label: String, value: Double, display: String)], documentLabels: Bool = false,
              id: String = "chart") -> Node<HTML.BodyContext> {
        let width = 400.0, row = 38.0, barHeight = 14.0
        let top = max(bars.map(\.value).max() ?? 1, .leastNonzeroMagnitude)
        let height = row * Double(bars.count) + 4
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-title\">"
        svg += "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * row
            let length = max(2, (width - 90) * bar.value / top)
            svg += "<text x=\"0\" y=\"\(Int(y + 13))\" class=\"chart-label\"\(documentLabels ? " data-document" : "")>\(HTMLText.escape(String(bar.label.prefix(60))))</text>"
            svg += "<rect x=\"0\" y=\"\(Int(y + 18))\" width=\"\(Int(length))\" height=\"\(Int(barHeight))\" rx=\"2\" class=\"chart-bar\"></rect>"
            svg += "<text x=\"\(Int(length + 6))\" y=\"\(Int(y + 30))\" class=\"chart-value\">\(HTMLText.escape(bar.display))</text>"
        }
        return E("figure", ["class": "card chart"], [.raw(svg + "</svg>")])
    }
}

/// The derogation dashboard: every derogation granted, grouped as legal asks, filtered by phase and period, each group
/// a link to its derogations; the one-click questions first.
struct DerogationDashboardPage {
    let l: L10n

    struct Model {
        var grouping: DerogationGrouping
        var filter: DerogationFilter
        var report: ReportWorkflow.Derogations?
        var questions: [(clause: Clause, alternative: ClauseAlternative)]
        var errors: [FieldError]
    }

    static func link(_ path: String, _ query: [(String, String)]) -> String {
        query.isEmpty ? path : path + "?" + ReportRoutes.query(query)
    }

    func phaseName(_ phase: ContractPhase) -> String {
        switch phase {
        case .inForce: l.t("En vigueur", "In force")
        case .inProgress: l.t("En cours de conclusion", "Being concluded")
        case .ended: l.t("Terminés", "Ended")
        }
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let presentation = DerogationPresentation(language: l.language, vocabulary: l.vocabulary)
        let filter = model.filter
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Dérogations accordées", "Derogations granted")),
            E("p", ["class": "muted"], text: l.t("Lues dans les clauses de chaque contrat, jamais dans son texte. Un contrat annulé n'en accorde aucune.",
                                                 "Read from each contract's clauses, never from its text. A cancelled contract grants none.")),
        ]
        // Publicity first: "who must not be cited" is the question asked most.
        let questions = model.questions.sorted { ($0.alternative.derogationCategory == "publicity" ? 0 : 1, $0.clause.title) < ($1.alternative.derogationCategory == "publicity" ? 0 : 1, $1.clause.title) }
        if !questions.isEmpty {
            content.append(E("section", ["class": "card", "aria-labelledby": "questions-title"], [
                E("h2", ["id": "questions-title", "style": "margin-top:0"], text: l.t("Questions en un clic", "One-click questions")),
                E("ul", ["class": "questions"], questions.map { q in
                    var ask = DerogationFilter()
                    ask.phases = [.inForce]
                    ask.alternative = "\(q.clause.key):\(q.alternative.key)"
                    // The library's titles are in their clause's language, as the documents are.
                    let title = E("span", ["data-document": ""], text: q.alternative.title)
                    let words: [Node<HTML.BodyContext>] = q.alternative.derogationCategory == "publicity"
                        ? [T(l.t("Qui ne doit pas être cité publiquement ? Contrats en vigueur avec « ", "Who must not be cited publicly? Contracts in force with “")),
                           title, T(l.t(" »", "”"))]
                        : [T(l.t("Contrats en vigueur avec « ", "Contracts in force with “")), title, T(l.t(" » (", "” (")),
                           E("span", ["data-document": ""], text: q.clause.title), T(")")]
                    return E("li", [:], [E("a", ["href": Self.link("/reports/derogations/items", ask.query)], words)])
                }),
            ]))
        }
        content.append(l.errorSummary(model.errors, label: { ["status": l.t("Contrats", "Contracts"), "from": l.t("Du", "From"), "to": l.t("Au", "To"),
                                                              "month": l.t("Mois", "Month")][$0] }))
        content.append(E("form", ["method": "get", "action": "/reports/derogations", "class": "filters card", "aria-label": l.t("Filtres", "Filters")], [
            V("input", ["type": "hidden", "name": "groupBy", "value": model.grouping.rawValue]),
            E("fieldset", ["class": "phases"], [E("legend", [:], text: l.t("Contrats", "Contracts"))] + ContractPhase.allCases.map { phase in
                E("label", ["class": "inline"], [
                    V("input", ["type": "checkbox", "name": "phase", "value": phase.rawValue, "checked": filter.phases.contains(phase) ? "" : nil]),
                    T(" " + phaseName(phase)),
                ])
            }),
            E("label", ["for": "from", "class": "inline"], text: l.t("Créés du ", "Created from ")),
            V("input", ["type": "date", "id": "from", "name": "from", "value": filter.from?.description ?? ""]),
            E("label", ["for": "to", "class": "inline"], text: l.t(" au ", " to ")),
            V("input", ["type": "date", "id": "to", "name": "to", "value": filter.to?.description ?? ""]),
            E("button", ["type": "submit"], text: l(.filter)),
        ]))
        content.append(E("nav", ["class": "tabs", "aria-label": l.t("Regrouper par", "Group by")], DerogationGrouping.allCases.map { grouping in
            E("a", ["href": Self.link("/reports/derogations", [("groupBy", grouping.rawValue)] + filter.query),
                    "aria-current": grouping == model.grouping ? "page" : nil], text: presentation.groupingName(grouping))
        }))
        guard let report = model.report else { return content }
        guard !report.groups.isEmpty else {
            content.append(E("div", ["class": "empty"], [E("p", [:], [E("strong", [:], text: l.t("Aucune dérogation dans ce périmètre.", "No derogation in this scope."))])]))
            return content
        }
        let count = l.derogationCount(report.derogations)
        let contracts = report.contracts == 1 ? l.t("1 contrat", "1 contract") : l.t("\(report.contracts) contrats", "\(report.contracts) contracts")
        content.append(E("p", [:], [E("strong", [:], text: l.t("\(count) dans \(contracts)", "\(count) in \(contracts)")), T(" · "),
                                    E("a", ["href": Self.link("/reports/derogations/items", filter.query)], text: l.t("les voir toutes", "see them all")), T(" · "),
                                    E("a", ["href": Self.link("/reports/derogations", [("groupBy", model.grouping.rawValue)] + filter.query + [("format", "csv")]),
                                            "download": ""], text: l.t("Télécharger (CSV)", "Download (CSV)"))]))
        let title = l.t("Dérogations par ", "Derogations by ") + presentation.groupingName(model.grouping).lowercased()
        let libraryTitles = model.grouping == .clause || model.grouping == .alternative
        content.append(BarChart(l: l).body(title: title, bars: report.groups.prefix(15).map { (presentation.label($0, model.grouping), $0.derogations) },
                                           documentLabels: libraryTitles))
        content.append(E("table", ["class": "responsive", "id": "groups"], [
            E("caption", ["class": "visually-hidden"], text: title),
            E("thead", [:], [E("tr", [:], [presentation.groupingName(model.grouping), l.t("Dérogations", "Derogations"), l.t("Contrats", "Contracts")]
                .map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], report.groups.map { group in
                E("tr", [:], [
                    E("td", [:], [E("a", ["href": Self.link("/reports/derogations/items", filter.narrowed(to: model.grouping, key: group.key).query),
                                          "data-document": libraryTitles ? "" : nil], text: presentation.label(group, model.grouping))]),
                    E("td", [:], text: Formatting.number(Decimal(group.derogations), l.language)),
                    E("td", [:], text: Formatting.number(Decimal(group.contracts), l.language)),
                ])
            }),
        ]))
        return content
    }
}

/// The derogations behind a group, one row each, with the way to the clause in its contract.
struct DerogationItemsPage {
    let l: L10n
    static let pageSize = 100

    struct Model {
        var filter: DerogationFilter
        var items: [DerogationItem]
        var more: Bool
        var derogations: Int
        var contracts: Int
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let presentation = DerogationPresentation(language: l.language, vocabulary: l.vocabulary)
        let f = model.filter
        // The library's titles are in their clause's language, as the documents are; the rest is the page's.
        var titles: [String] = []
        if let alternative = f.alternative { titles.append(l.vocabulary.derogation(alternative, l.language)) }
        if let clause = f.clause { titles.append(l.vocabulary.clause(clause)) }
        var scope: [String] = []
        if let category = f.category { scope.append(category.isEmpty ? l.t("sans catégorie", "no category") : Vocabulary.category(category, l.language)) }
        if let month = f.month { scope.append(Formatting.month(month, l.language)) }
        if !f.phases.isEmpty {
            scope.append(ContractPhase.allCases.filter(f.phases.contains).map { DerogationDashboardPage(l: l).phaseName($0).lowercased() }.joined(separator: ", "))
        }
        let counterparty = f.counterpartyId != nil ? model.items.first?.counterparty : nil
        if let counterparty { scope.append(counterparty) }
        var content: [Node<HTML.BodyContext>] = [
            E("p", [:], [E("a", ["href": DerogationDashboardPage.link("/reports/derogations", f.query.filter { ["status", "from", "to"].contains($0.0) })],
                           text: "← " + l.t("Tableau des dérogations", "Derogation dashboard"))]),
            E("h1", [:], [T(l.t("Dérogations", "Derogations") + (titles.isEmpty && scope.isEmpty ? "" : l.t("\u{00A0}: ", ": ")))]
                + titles.map { E("span", ["data-document": ""], text: $0) } + [T((titles.isEmpty || scope.isEmpty ? "" : " · ") + scope.joined(separator: " · "))]),
        ]
        guard !model.items.isEmpty else {
            content.append(E("div", ["class": "empty"], [E("p", [:], [E("strong", [:], text: l.t("Aucune dérogation dans ce périmètre.", "No derogation in this scope."))])]))
            return content
        }
        let contracts = model.contracts == 1 ? l.t("1 contrat", "1 contract") : l.t("\(model.contracts) contrats", "\(model.contracts) contracts")
        content.append(E("p", [:], [E("strong", [:], text: l.t("\(l.derogationCount(model.derogations)) dans \(contracts)", "\(l.derogationCount(model.derogations)) in \(contracts)")),
                                    T(" · "), E("a", ["href": DerogationDashboardPage.link("/reports/derogations/items", f.query + [("format", "csv")]), "download": ""],
                                                text: l.t("Télécharger (CSV)", "Download (CSV)"))]))
        content.append(E("table", ["class": "responsive", "id": "items"], [
            E("thead", [:], [E("tr", [:], [l(.reference), l.t("Contrat", "Contract"), l(.counterparty), l(.status), l.t("Clause", "Clause"), l.t("Variante", "Alternative")]
                .map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], model.items.map { item in
                E("tr", [:], [
                    E("td", [:], [E("a", ["href": "/contracts/\(item.contractId)#clause-\(item.nodeId)"], text: item.reference)]),
                    E("td", [:], text: item.title),
                    E("td", [:], text: item.counterparty ?? l(.none)),
                    E("td", [:], [l.statusBadge(item.status)]),
                    E("td", [:], [E("a", ["href": "/contracts/\(item.contractId)#clause-\(item.nodeId)", "data-document": ""], text: item.clauseTitle)]),
                    E("td", [:], [E("span", ["data-document": ""], text: presentation.variant(item)),
                                  item.category.map { E("div", ["class": "muted"], text: Vocabulary.category($0, l.language)) } ?? .group([])]),
                ])
            }),
        ]))
        if model.more, let last = model.items.last {
            content.append(E("p", [:], [E("a", ["href": DerogationDashboardPage.link("/reports/derogations/items", f.query + [("after", "\(last.reference)~\(last.position)")])],
                                          text: l(.nextPage))]))
        }
        return content
    }
}
