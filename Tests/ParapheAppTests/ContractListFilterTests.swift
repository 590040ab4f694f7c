import Foundation
import ParapheCore
import Testing

/// Contracts by category in a few clicks: the list filtered on a clause, an alternative, a template variable or a
/// metadata field, in the columns chosen, and exported.
@Suite struct ContractListFilterTests {
    @Test(arguments: TestEngine.all)
    func theListFiltersOnClausesVariablesAndMetadataInTheColumnsChosen(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let customer = try await TemplateAPITests.customer(app)
            func generate(_ payment: String, reference: String, start: String) async throws -> String {
                let r = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                    {"templateId": "\(templateId)", "counterpartyId": "\(customer)",
                     "variables": {"price": {"amount": "12000.00", "currency": "EUR"}, "startDate": "\(start)"},
                     "clauses": {"paymentTerms": \(payment), "publicReference": \(reference)}}
                    """)
                #expect(r.status == 201, "\(r.text)")
                return try #require(r.json["id"]?.string)
            }
            let a = try await generate(#""payment60Days""#, reference: #""standard""#, start: "2026-03-01")
            let b = try await generate(#""standard""#, reference: "false", start: "2026-04-01")
            let c = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "Bail", "type": "nda", "metadata": {"region": "nord"}}"#)
                .json["id"]?.string)
            func ids(_ query: String) async throws -> [String] {
                let r = try await app.call(.get, "/api/v1/contracts?\(query)", as: "legal")
                #expect(r.status == 200, "\(query): \(r.text)")
                return (r.json["items"]?.array ?? []).compactMap { $0["id"]?.string }.sorted()
            }
            #expect(try await ids("clause=publicReference") == [a])
            #expect(try await ids("clause=paymentTerms") == [a, b].sorted())
            #expect(try await ids("alternative=paymentTerms:payment60Days") == [a])
            #expect(try await ids("alternative=paymentTerms:standard") == [b])
            #expect(try await ids("variable.startDate=2026-04-01") == [b])
            #expect(try await ids("variable.startDate=2026-04-01&alternative=paymentTerms:payment60Days") == [])
            #expect(try await ids("metadata.region=nord") == [c])
            #expect(try await ids("metadata.region=sud") == [])
            for (query, field) in [("alternative=paymentTerms", "alternative"), ("clause=1abc", "clause"), ("variable.=x", "variable."),
                                   ("metadata.r%C3%A9gion=x", "metadata.région")] {
                let refused = try await app.call(.get, "/api/v1/contracts?\(query)", as: "legal")
                #expect(refused.fields == [field], "\(query): \(refused.text)")
            }
            // the export: every contract found, in the columns asked for
            let csv = try await app.call(.get, "/api/v1/contracts?alternative=paymentTerms:payment60Days&col=owner,amount", as: "legal",
                                         headers: [.accept: "text/csv"]).text
            let lines = csv.split(separator: "\r\n")
            #expect(lines.count == 2 && lines[0] == "\u{FEFF}Référence;Contrat;Commercial;Montant", "\(csv)")
            #expect(lines[1].hasSuffix(";Sales;12\u{A0}000,00\u{A0}€"))

            // the page: the form's field and value, the columns chosen, the export and the saved view keep them
            let legal = try await app.webSession(as: "legal")
            let page = try await app.call(.get, "/contracts?field=variable.startDate&value=2026-04-01&col=type&col=owner", as: nil,
                                          headers: [.cookie: legal.cookie]).text
            #expect(page.contains("/contracts/\(b)") && !page.contains("/contracts/\(a)"))
            #expect(page.contains(#"<th scope="col">Type</th><th scope="col">Commercial</th>"#) && !page.contains(#"<th scope="col">Montant</th>"#))
            #expect(page.contains("format=csv") && page.contains(#"name="query" value="field=variable.startDate&amp;value=2026-04-01&amp;col=type&amp;col=owner""#))
            // the metadata fields the contracts carry are in the form's list of fields too
            #expect(page.contains(#"<option value="metadata.region">region</option>"#))
            let byMetadata = try await app.call(.get, "/contracts?field=metadata.region&value=nord", as: nil, headers: [.cookie: legal.cookie]).text
            #expect(byMetadata.contains("/contracts/\(c)") && !byMetadata.contains("/contracts/\(b)"))
            #expect(byMetadata.contains(#"<option value="metadata.region" selected>region</option>"#))
            let export = try await app.call(.get, "/contracts?field=variable.startDate&value=2026-04-01&col=type&format=csv", as: nil,
                                            headers: [.cookie: legal.cookie]).text
            #expect(export.hasPrefix("\u{FEFF}Référence;Contrat;Type\r\n") && export.split(separator: "\r\n").count == 2, "\(export)")
            // a hand-edited address gets a French answer, not an unfiltered list
            let edited = try await app.call(.get, "/contracts?alternative=paymentTerms", as: nil, headers: [.cookie: legal.cookie])
            #expect(edited.status == 422 && edited.text.replacingOccurrences(of: "&#39;", with: "'").contains("Attendu : la clé d'une clause"), "\(edited.text)")
            // a sales rep's export holds only what they may see
            #expect(try await app.call(.get, "/api/v1/contracts?metadata.region=nord", as: "sales2", headers: [.accept: "text/csv"]).text.split(separator: "\r\n").count == 1)
        }
    }
}
