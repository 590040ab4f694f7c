import Foundation
import ParapheCore
import ParapheServices
import Plot

/// *Renouvellements*: the notice deadlines, tacit renewals and endings to come, as month calendars and as a list with
/// the exceptions to the templates' renewal terms flagged.
struct RenewalCalendarPage {
    let l: L10n
    static let windows = [30, 90, 180, 365]

    struct Model {
        var within: Int
        var calendar: RenewalWorkflow.Calendar
        /// The link to the next page of the list, when there is one.
        var next: String?
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let calendar = model.calendar
        let presentation = RenewalPresentation(language: l.language, today: calendar.from)
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Renouvellements et préavis", "Renewals and notice deadlines")),
            E("p", ["class": "muted"], text: l.t("Les contrats en vigueur dont une date limite de préavis, une reconduction tacite ou une fin tombe dans la période. "
                                                 + "Le propriétaire du contrat et le juridique sont alertés avant chaque date limite.",
                                                 "Contracts in force with a notice deadline, a tacit renewal or an end in the period. "
                                                 + "The contract's owner and legal are alerted before each deadline.")),
            E("nav", ["class": "tabs", "aria-label": l.t("Période", "Period")], Self.windows.map { days in
                E("a", ["href": "/reports/renewals?within=\(days)", "aria-current": days == model.within ? "page" : nil],
                  text: l.t("\(days) jours", "\(days) days"))
            }),
        ]
        guard !calendar.entries.isEmpty else {
            content.append(E("div", ["class": "empty"], [E("p", [:], [E("strong", [:], text: l.t("Aucune échéance dans les \(model.within) prochains jours.",
                                                                                                  "Nothing falls due in the next \(model.within) days."))])]))
            return content
        }
        let deadlines = calendar.days.reduce(0) { $0 + $1.noticeDeadlines }
        content.append(E("p", [:], [
            E("strong", [:], text: l.t("\(deadlines) date\(deadlines > 1 ? "s" : "") limite\(deadlines > 1 ? "s" : "") de préavis",
                                       "\(deadlines) notice deadline\(deadlines == 1 ? "" : "s")")),
            T(l.t(" du \(Formatting.day(calendar.from, .fr)) au \(Formatting.day(calendar.to, .fr)) · ",
                  " from \(Formatting.day(calendar.from, .en)) to \(Formatting.day(calendar.to, .en)) · ")),
            E("a", ["href": "/reports/renewals?within=\(model.within)&format=csv", "download": ""], text: l.t("Télécharger (CSV)", "Download (CSV)")),
        ]))
        content.append(E("p", ["class": "legend", "aria-hidden": "true"], Mark.allCases.map { E("span", ["class": "mark \($0.rawValue)"], text: $0.legend(l)) }))
        content.append(E("div", ["class": "months"], months(calendar)))
        content.append(list(calendar, presentation: presentation))
        if let next = model.next { content.append(E("p", [:], [E("a", ["href": next, "rel": "next"], text: l(.nextPage))])) }
        return content
    }

    enum Mark: String, CaseIterable {
        case notice = "cal-notice", renewal = "cal-renewal", ending = "cal-ending"

        func words(_ n: Int, _ l: L10n) -> String {
            switch self {
            case .notice: l.t("\(n) date\(n > 1 ? "s" : "") limite\(n > 1 ? "s" : "") de préavis", "\(n) notice deadline\(n > 1 ? "s" : "")")
            case .renewal: l.t("\(n) reconduction\(n > 1 ? "s" : "") tacite\(n > 1 ? "s" : "")", "\(n) tacit renewal\(n > 1 ? "s" : "")")
            case .ending: l.t("\(n) fin\(n > 1 ? "s" : "") de contrat", "\(n) contract ending\(n > 1 ? "s" : "")")
            }
        }

        func legend(_ l: L10n) -> String {
            switch self {
            case .notice: l.t("date limite de préavis", "notice deadline")
            case .renewal: l.t("reconduction tacite", "tacit renewal")
            case .ending: l.t("fin de contrat", "contract ends")
            }
        }
    }

    /// One month grid per month of the period, Monday first; each day says what falls on it.
    func months(_ calendar: RenewalWorkflow.Calendar) -> [Node<HTML.BodyContext>] {
        let byDay = Dictionary(calendar.days.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        let monday = Day(year: 2024, month: 1, day: 1)!
        let weekdays = l.language == .fr ? ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var grids: [Node<HTML.BodyContext>] = []
        var first = Day(year: calendar.from.year, month: calendar.from.month, day: 1)!
        while first <= calendar.to, grids.count < 13 {
            let next = first.adding(months: 1)
            let offset = ((monday.days(until: first) % 7) + 7) % 7
            var cells: [Node<HTML.BodyContext>] = Array(repeating: E("td", [:], text: ""), count: offset)
            var day = first
            while day < next {
                var marks: [Node<HTML.BodyContext>] = []
                var label = Formatting.day(day, l.language)
                if let counts = byDay[day] {
                    for (n, kind) in [(counts.noticeDeadlines, Mark.notice), (counts.renewals, .renewal), (counts.endings, .ending)] where n > 0 {
                        let words = kind.words(n, l)
                        // A dot and its count in the grid; the words for screen readers and in the tooltip.
                        marks.append(E("span", ["class": "mark \(kind.rawValue)"], [T(String(n)), E("span", ["class": "visually-hidden"], text: " " + words)]))
                        label += ", " + words
                    }
                }
                cells.append(E("td", ["class": [marks.isEmpty ? nil : "due", day == calendar.from ? "today" : nil].compactMap { $0 }.joined(separator: " ").nilIfEmpty,
                                      "title": marks.isEmpty ? nil : label],
                               [E("span", ["class": "n"], text: String(day.day))] + marks))
                day = day.adding(days: 1)
            }
            let rows = stride(from: 0, to: cells.count, by: 7).map { start in
                E("tr", [:], Array(cells[start..<min(start + 7, cells.count)]))
            }
            grids.append(E("table", ["class": "month"], [
                E("caption", [:], text: Formatting.month(String(format: "%04d-%02d", first.year, first.month), l.language)),
                E("thead", [:], [E("tr", [:], weekdays.map { E("th", ["scope": "col"], text: $0) })]),
                E("tbody", [:], rows),
            ]))
            first = next
        }
        return grids
    }

    func list(_ calendar: RenewalWorkflow.Calendar, presentation: RenewalPresentation) -> Node<HTML.BodyContext> {
        func day(_ d: Day?) -> String { d.map { Formatting.day($0, l.language) } ?? "—" }
        return E("table", ["class": "responsive", "id": "renewals"], [
            E("caption", ["class": "visually-hidden"], text: l.t("Échéances", "Due dates")),
            E("thead", [:], [E("tr", [:], [l.t("Date limite de préavis", "Notice deadline"), l.t("Contrat", "Contract"), l(.counterparty),
                                            l.t("Commercial", "Sales rep"), l(.renewal), l.t("Reconduction ou fin", "Renewal or end"), l.t("Décision", "Decision")]
                .map { E("th", ["scope": "col"], text: $0) })]),
            E("tbody", [:], calendar.entries.map { e in
                let left = e.daysToDeadline(today: calendar.from)
                let urgency = left.map { $0 <= 7 ? "badge bad" : $0 <= 30 ? "badge wait" : "badge" }
                let standard = calendar.standards[e.contractId]
                return E("tr", [:], [
                    E("td", [:], [T(day(e.noticeDeadline))] + (left.map { n in
                        [T(" "), E("span", ["class": urgency ?? "badge"], text: n == 0 ? l.t("aujourd'hui", "today") : l.t("J-\(n)", "\(n) d"))]
                    } ?? [])),
                    E("td", [:], [E("a", ["href": "/contracts/\(e.contractId)#renewal"], text: e.reference), E("div", [:], text: e.title)]),
                    E("td", [:], text: e.counterparty ?? l(.none)),
                    E("td", [:], text: e.owner ?? l(.none)),
                    E("td", [:], [T(presentation.mode(e.renewal))] + (standard.map { s in
                        [E("div", [:], [E("span", ["class": "badge derogation"], text: l.t("Exception au modèle", "Exception to the template")),
                                        E("span", ["class": "muted"], text: " " + presentation.exception(s))])]
                    } ?? [])),
                    E("td", [:], text: e.endsOn.map { l.t("fin le ", "ends ") + day($0) } ?? e.nextRenewalDate.map { l.t("reconduit le ", "renews ") + day($0) } ?? "—"),
                    E("td", [:], text: e.decision.map { presentation.decision($0.kind) } ?? l.t("à décider", "to decide")),
                ])
            }),
        ])
    }
}
