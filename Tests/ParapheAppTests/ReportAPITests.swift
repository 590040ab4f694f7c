import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import SQLKit
import Testing

/// The derogation dashboard counts what the clause instances hold: on a generated set of contracts in every phase,
/// each grouping's numbers equal counts made here from the contracts the API returns.
@Suite struct ReportAPITests {
    struct Made {
        var id: String
        var status: ContractStatus
        var counterparty: String
        var owner: String
        var derogations: [(clause: String, variant: String, category: String)]
    }

    /// Thirty contracts from the template, with every mix of clause choices, three customers and two owners, then
    /// spread over every status (set in the database: the report reads statuses, and the lifecycle is tested elsewhere).
    static func generate(_ app: TestApp) async throws -> [Made] {
        let templateId = try await TemplateAPITests.publishTemplate(app)
        var customers: [String] = []
        for name in ["Globex SA", "Initech SAS", "Umbrella SARL"] {
            let r = try await app.call(.post, "/api/v1/counterparties", as: "sales", json: #"{"name": "\#(name)", "kind": "customer"}"#)
            customers.append(try #require(r.json["id"]?.string))
        }
        let statuses = ContractStatus.allCases
        var made: [Made] = []
        for i in 0..<30 {
            let payment = [#""standard""#, #""payment60Days""#, #"{"custom": "Paiement à quarante-cinq jours fin de mois."}"#][i % 3]
            let reference = [#""standard""#, #""noPublicReference""#, "false"][(i / 3) % 3]
            let owner = i % 2 == 0 ? "sales" : "sales2"
            let customer = customers[(i / 2) % 3]
            let r = try await app.call(.post, "/api/v1/contracts", as: owner, json: """
                {"templateId": "\(templateId)", "counterpartyId": "\(customer)",
                 "variables": {"price": {"amount": "\(10_000 + i * 1_000).00", "currency": "EUR"}, "startDate": "2026-03-01"},
                 "clauses": {"paymentTerms": \(payment), "publicReference": \(reference)}}
                """)
            #expect(r.status == 201, "\(r.text)")
            let id = try #require(r.json["id"]?.string)
            let derogations = (r.json["clauses"]?.array ?? []).filter { $0["isDerogation"]?.bool == true }.map {
                ($0["key"]?.string ?? "", $0["variant"]?.string ?? "", $0["derogationCategory"]?.string ?? "")
            }
            made.append(Made(id: id, status: statuses[i % statuses.count], counterparty: customer, owner: try #require(app.users[owner]?.id.description),
                             derogations: derogations))
        }
        let statusById = made.map { ($0.id, $0.status.rawValue) }
        try await app.withServices { services in
            try await services.database.transaction { s in
                for (id, status) in statusById { try await s.sql.raw("UPDATE contracts SET status = \(bind: status) WHERE id = \(bind: id)").run() }
            }
        }
        return made
    }

    /// The counts made here: one per derogation, and the distinct contracts, for each group's key.
    static func expected(_ made: [Made], phases: Set<ContractPhase>, key: (Made, (clause: String, variant: String, category: String)) -> String)
        -> [String: (derogations: Int, contracts: Int)] {
        let statuses = Set(ContractPhase.statuses(phases))
        var counts: [String: (Int, Set<String>)] = [:]
        for m in made where statuses.contains(m.status) {
            for d in m.derogations {
                let k = key(m, d)
                counts[k, default: (0, [])].0 += 1
                counts[k, default: (0, [])].1.insert(m.id)
            }
        }
        return counts.mapValues { ($0.0, $0.1.count) }
    }

    static func reported(_ reply: Reply) -> [String: (derogations: Int, contracts: Int)] {
        Dictionary(uniqueKeysWithValues: (reply.json["groups"]?.array ?? []).map {
            ($0["key"]?.string ?? "", ($0["derogations"]?.int ?? -1, $0["contracts"]?.int ?? -1))
        })
    }

    @Test(arguments: TestEngine.all)
    func theDashboardCountsWhatTheClauseInstancesHold(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let made = try await Self.generate(app)
            #expect(made.contains { !$0.derogations.isEmpty && $0.status == .cancelled }, "the data set holds derogations the report must leave out")
            let keys: [(DerogationGrouping, (Made, (clause: String, variant: String, category: String)) -> String)] = [
                (.category, { _, d in d.category }), (.clause, { _, d in d.clause }), (.alternative, { _, d in "\(d.clause):\(d.variant)" }),
                (.counterparty, { m, _ in m.counterparty }), (.owner, { m, _ in m.owner }), (.month, { _, _ in "2026-03" }),
            ]
            for phases in [Set<ContractPhase>(), [.inForce], [.inProgress, .ended]] {
                let status = ContractPhase.allCases.filter(phases.contains).map(\.rawValue).joined(separator: ",")
                for (grouping, key) in keys {
                    let reply = try await app.call(.get, "/api/v1/reports/derogations?groupBy=\(grouping.rawValue)&status=\(status)", as: "legal")
                    #expect(reply.status == 200, "\(reply.text)")
                    let expected = Self.expected(made, phases: phases, key: key)
                    let got = Self.reported(reply)
                    #expect(Set(got.keys) == Set(expected.keys), "\(grouping) \(status)")
                    for (k, counts) in expected {
                        #expect(got[k]?.derogations == counts.derogations && got[k]?.contracts == counts.contracts,
                                "\(grouping) \(status) \(k): reported \(String(describing: got[k])), counted \(counts)")
                    }
                    #expect(reply.json["totals"]?["derogations"]?.int == expected.values.map(\.derogations).reduce(0, +))
                }
            }
            // the drill-down lists exactly the derogations a group counts
            let publicity = try await app.call(.get, "/api/v1/reports/derogations?groupBy=alternative&status=inForce", as: "legal")
            let group = try #require(publicity.json["groups"]?.array?.first { $0["key"]?.string == "publicReference:noPublicReference" })
            let items = try await app.call(.get, try #require(group["items"]?.string) + "&limit=500", as: "legal")
            #expect(items.status == 200)
            let listed = Set((items.json["items"]?.array ?? []).compactMap { $0["contractId"]?.string })
            let inForce = Set(ContractPhase.inForce.statuses)
            #expect(listed == Set(made.filter { m in inForce.contains(m.status) && m.derogations.contains { $0.variant == "noPublicReference" } }.map(\.id)))
            #expect(group["contracts"]?.int == listed.count)
        }
    }

    @Test(arguments: TestEngine.all)
    func theDashboardIsForThoseWhoSeeEveryContractAndRefusesBadFilters(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            for (who, status) in [("legal", 200), ("finance", 200), ("admin", 200), ("sales", 403), ("viewer", 403)] {
                #expect(try await app.call(.get, "/api/v1/reports/derogations", as: who).status == status, "\(who)")
                #expect(try await app.call(.get, "/api/v1/reports/derogations/items", as: who).status == status, "\(who)")
                #expect(try await app.call(.get, "/api/v1/reports/derogations/items?format=csv", as: who).status == status, "\(who) CSV")
            }
            #expect(try await app.call(.get, "/api/v1/reports/derogations", as: nil).status == 401)
            for (query, field) in [("groupBy=colour", "groupBy"), ("status=active", "status"), ("from=2026-02-30", "from"), ("from=2026-05-01&to=2026-04-01", "to"),
                                   ("month=2026-13", "month"), ("clause=\(String(repeating: "x", count: 201))", "clause")] {
                let r = try await app.call(.get, "/api/v1/reports/derogations?\(query)", as: "legal")
                #expect(r.status == 422 && r.json["errors"]?[0]?["field"]?.string == field, "\(query): \(r.status) \(r.text)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func everyReportOpensInASpreadsheetWithItsAccents(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let hostile = try await app.call(.post, "/api/v1/counterparties", as: "sales", json: #"{"name": "=HYPERLINK(\"http://evil\"); Société \"Été\"", "kind": "customer"}"#)
            let customer = try #require(hostile.json["id"]?.string)
            let r = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)", "counterpartyId": "\(customer)", "title": "-2+3 Contrat d'été",
                 "variables": {"price": {"amount": "12000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
                 "clauses": {"paymentTerms": "payment60Days", "publicReference": "noPublicReference"}}
                """)
            #expect(r.status == 201, "\(r.text)")
            let groups = try await app.call(.get, "/api/v1/reports/derogations?groupBy=counterparty", as: "legal", headers: [.accept: "text/csv"])
            #expect(groups.headers[.contentType] == "text/csv; charset=utf-8")
            let text = String(decoding: Data(buffer: groups.body), as: UTF8.self)
            #expect(text.hasPrefix("\u{FEFF}Cocontractant;Clé;Dérogations;Contrats\r\n"), "French: a BOM, then `;`: \(text)")
            #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\"); Société \"\"Été\"\"\";"), "quoted, and never a formula: \(text)")
            #expect(text.hasSuffix(";2;1\r\n"))

            let items = try await app.call(.get, "/api/v1/reports/derogations/items", as: "legal", headers: [.accept: "text/csv"])
            let lines = String(decoding: Data(buffer: items.body), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3, "a header and one line per derogation: \(lines)")
            #expect(lines[1].contains(";'-2+3 Contrat d'été;Brouillon;"), "\(lines[1])")
            #expect(lines.contains { $0.hasSuffix(";Modalités de paiement;Paiement à 60 jours;paiement") })

            // a reader in English gets commas and English words
            let legal = try #require(app.users["legal"]?.id.description)
            #expect(try await app.call(.patch, "/api/v1/users/\(legal)", as: "legal", json: #"{"language": "en"}"#).status == 200)
            let english = try await app.call(.get, "/api/v1/reports/derogations?format=csv", as: "legal")
            #expect(String(decoding: Data(buffer: english.body), as: UTF8.self).hasPrefix("\u{FEFF}Category,Key,Derogations,Contracts\r\n"))
        }
    }
}

/// The dashboard's page: groups linking to their derogations, the one-click question, bookmarks that keep the filter.
@Suite struct ReportWebTests {
    @Test(arguments: TestEngine.all)
    func legalClicksThroughFromAGroupToTheClause(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let made = try await ReportAPITests.generate(app)
            let (cookie, _) = try await app.webSession(as: "legal")
            let dashboard = try await app.call(.get, "/reports/derogations?groupBy=alternative&phase=inForce&phase=ended", as: nil, headers: [.cookie: cookie]).text
            #expect(dashboard.contains(#"<svg class="chart""#) && dashboard.contains(#"role="img" aria-labelledby="chart-title""#))
            #expect(dashboard.contains("Modalités de paiement\u{00A0}: Paiement à 60 jours"), "groups by their names, not their keys")
            #expect(dashboard.contains(#"href="/reports/derogations/items?status=inForce%2Cended&amp;alternative=publicReference%3AnoPublicReference""#)
                    || dashboard.contains(#"href="/reports/derogations/items?status=inForce%2Cended&alternative=publicReference%3AnoPublicReference""#),
                    "each group links to its derogations with the same filter")
            #expect(dashboard.contains("Qui ne doit pas être cité publiquement ?"), "the one-click question")
            #expect(dashboard.contains(#"value="inForce" checked"#) && dashboard.contains(#"value="ended" checked"#) && !dashboard.contains(#"value="inProgress" checked"#))

            let items = try await app.call(.get, "/reports/derogations/items?status=inForce&alternative=publicReference%3AnoPublicReference", as: nil,
                                           headers: [.cookie: cookie]).text
            let inForce = made.filter { [.signed, .active, .renewed].contains($0.status) && $0.derogations.contains { $0.variant == "noPublicReference" } }
            #expect(!inForce.isEmpty)
            for m in inForce { #expect(items.contains(#"href="/contracts/\#(m.id)#clause-reference""#), "the way to the clause in its contract") }
            let page = try await app.call(.get, "/contracts/\(try #require(inForce.first?.id))", as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains(#"id="clause-reference""#))

            let refused = try await app.call(.get, "/reports/derogations?from=2026-13-01", as: nil, headers: [.cookie: cookie])
            #expect(refused.status == 422 && refused.text.contains("Date attendue"))
        }
    }
}
