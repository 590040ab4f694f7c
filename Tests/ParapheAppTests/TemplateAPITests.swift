import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing
import ParapheServices

/// Legal writes clauses and a template; sales generate a contract from it; derogations are data.
@Suite struct TemplateAPITests {
    static let paymentClause = #"""
        {"key": "paymentTerms", "title": "Modalités de paiement", "category": "paiement",
         "body": "Les factures sont payables à trente (30) jours.",
         "alternatives": [{"key": "payment60Days", "title": "Paiement à 60 jours", "body": "Les factures sont payables à soixante (60) jours.",
                           "isDerogation": true, "derogationCategory": "payment", "requiresApprovalBy": ["finance"]},
                          {"key": "payment90Days", "title": "Paiement à 90 jours", "body": "Les factures sont payables à quatre-vingt-dix (90) jours.",
                           "isDerogation": true, "derogationCategory": "payment", "requiresApprovalBy": ["finance"]}]}
        """#

    static let referenceClause = #"""
        {"key": "publicReference", "title": "Référence commerciale", "category": "communication",
         "body": "Le Prestataire peut citer le Client comme référence.",
         "alternatives": [{"key": "noPublicReference", "title": "Pas de référence", "body": "Le Prestataire ne cite pas le Client.",
                           "isDerogation": true, "derogationCategory": "publicity", "requiresApprovalBy": ["legal"]}]}
        """#

    static let manifest = """
        title: "Contrat de services — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Prestataire
            default: {name: Paraphe SAS, address: "1 rue de la Paix, 75002 Paris"}
          - name: client
            type: party
            label: Client
            required: true
            counterparty: true
          - name: price
            type: money
            label: Prix annuel HT
            required: true
          - name: startDate
            type: date
            label: Date d'effet
            required: true
          - name: duration
            type: duration
            label: Durée
            default: P12M
          - name: onSite
            type: boolean
            label: Interventions sur site
            default: false
        computed:
          - name: endDate
            value: endDate(startDate, duration)
        parties:
          - variable: provider
            role: le Prestataire
          - variable: client
            role: le Client
        clauses:
          - id: objet
            title: Objet
            body: "Services décrits à l'article {{ref:prix}}."
          - id: site
            title: Sur site
            when: onSite
            body: Interventions dans les locaux du Client.
          - id: prix
            title: Prix
            body: "Le prix annuel est de {{price}} ({{price | words}}), du {{startDate}} au {{endDate}}."
          - id: paiement
            clause: paymentTerms
            alternatives: [payment60Days]
            custom: true
          - id: reference
            clause: publicReference
            optional: true
        terms:
          amount: price
          startDate: startDate
          endDate: endDate
          renewal: {mode: tacit, period: P12M, notice: P3M}
        """

    /// Clauses, a template and its published version 1; returns the template id.
    static func publishTemplate(_ app: TestApp) async throws -> String {
        for clause in [paymentClause, referenceClause] {
            let r = try await app.call(.post, "/api/v1/clauses", as: "legal", json: clause)
            #expect(r.status == 201, "\(r.text)")
        }
        let created = try await app.call(.post, "/api/v1/templates", as: "legal", json: #"{"name": "Contrat de services", "contractType": "msa", "language": "fr"}"#)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"]?.string)
        let version = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal", raw: ByteBuffer(string: manifest),
                                         headers: [.contentType: "application/yaml"])
        #expect(version.status == 201, "\(version.text)")
        #expect(version.json["status"]?.string == "draft")
        let published = try await app.call(.post, "/api/v1/templates/\(id)/versions/1/publish", as: "legal")
        #expect(published.status == 200, "\(published.text)")
        return id
    }

    static func customer(_ app: TestApp) async throws -> String {
        let r = try await app.call(.post, "/api/v1/counterparties", as: "sales",
                                   json: #"{"name": "Globex SA", "kind": "customer", "registrationNumber": "402 111 222", "address": "3 quai Saint-Antoine, 69002 Lyon"}"#)
        return try #require(r.json["id"]?.string)
    }

    @Test(arguments: TestEngine.all)
    func legalPublishesAndSalesGenerate(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await Self.publishTemplate(app)
            let template = try await app.call(.get, "/api/v1/templates/\(templateId)", as: "sales").json
            #expect(template["publishedVersion"]?.int == 1)
            #expect(template["contractType"]?.string == "msa")
            #expect(template["variables"]?.array?.map { $0["name"]?.string ?? "" } == ["provider", "client", "price", "startDate", "duration", "onSite"])
            #expect(template["variables"]?[2]?["type"]?.string == "money")
            #expect(template["variables"]?[2]?["required"]?.bool == true)
            let payment = template["clauses"]?.array?.first { $0["id"]?.string == "paiement" }
            #expect(payment?["key"]?.string == "paymentTerms")
            // only the alternative the template allows is offered
            #expect(payment?["alternatives"]?.array?.map { $0["key"]?.string ?? "" } == ["payment60Days"])
            #expect(payment?["alternatives"]?[0]?["isDerogation"]?.bool == true)

            let counterparty = try await Self.customer(app)
            let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)", "counterpartyId": "\(counterparty)",
                 "variables": {"price": {"amount": "48000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
                 "clauses": {"paymentTerms": "payment60Days", "publicReference": false}}
                """)
            #expect(created.status == 201, "\(created.text)")
            let contract = created.json
            #expect(contract["status"]?.string == "draft")
            #expect(contract["title"]?.string == "Contrat de services — Globex SA")
            #expect(contract["type"]?.string == "msa")
            #expect(contract["origin"]?.string == "template")
            #expect(contract["amount"]?["amount"]?.string == "48000.00")
            #expect(contract["endDate"]?.string == "2027-02-28")
            #expect(contract["template"]?["id"]?.string == templateId)
            let clauses = try #require(contract["clauses"]?.array)
            #expect(clauses.map { $0["key"]?.string ?? "" } == ["objet", "prix", "paymentTerms"])
            #expect(clauses.map { $0["number"]?.string ?? "" } == ["1", "2", "3"])
            #expect(clauses[2]["variant"]?.string == "payment60Days")
            #expect(clauses[2]["isDerogation"]?.bool == true)
            #expect(clauses[2]["derogationCategory"]?.string == "payment")
            #expect(clauses[0]["isDerogation"]?.bool == false)
            #expect(clauses[0]["text"]?.string == "Services décrits à l'article 2.")
            #expect(clauses[1]["text"]?.string?.contains("quarante-huit mille euros") == true)
            #expect(clauses[2]["textHash"]?.string?.count == 64)
            let documents = try #require(contract["documents"]?.array)
            #expect(documents.map { $0["format"]?.string ?? "" } == ["pdf", "docx"])
            #expect(documents.allSatisfy { $0["source"]?.string == "generated" })
            let id = try #require(contract["id"]?.string)
            let pdf = try await app.call(.get, "/api/v1/documents/\(documents[0]["id"]!.string!)/content", as: "sales")
            #expect(pdf.status == 200)
            #expect(pdf.text.hasPrefix("%PDF-"))
            let docx = try await app.call(.get, "/api/v1/documents/\(documents[1]["id"]!.string!)/content", as: "sales")
            #expect(docx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(docx.text.hasPrefix("PK"))

            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array ?? []
            #expect(events.map { $0["type"]?.string ?? "" } == ["contract.created", "contract.generated", "document.added", "document.added"])
            #expect(events[1]["data"]?["derogations"]?[0]?.string == "paymentTerms:payment60Days")

            // derogations are filterable data
            let withDerogation = try await app.call(.get, "/api/v1/contracts?hasDerogation=true", as: "legal").json["items"]?.array ?? []
            #expect(withDerogation.map { $0["id"]?.string } == [id])
            let byKey = try await app.call(.get, "/api/v1/contracts?derogation=payment60Days", as: "legal").json["items"]?.array ?? []
            #expect(byKey.count == 1)
            let none = try await app.call(.get, "/api/v1/contracts?derogation=noPublicReference", as: "legal").json["items"]?.array ?? []
            #expect(none.isEmpty)
            // and the generated text is searchable
            let found = try await app.call(.get, "/api/v1/contracts?q=soixante", as: "legal").json["items"]?.array ?? []
            #expect(found.count == 1)
        }
    }

    @Test(arguments: TestEngine.all)
    func editingAClauseOnlyAffectsLaterContracts(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await Self.publishTemplate(app)
            let body = """
                {"templateId": "\(templateId)",
                 "variables": {"client": {"name": "Initech"}, "price": {"amount": "1000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}
                """
            let first = try await app.call(.post, "/api/v1/contracts", as: "sales", json: body).json
            let firstClause = try #require(first["clauses"]?.array?.first { $0["key"]?.string == "paymentTerms" })
            let patched = try await app.call(.patch, "/api/v1/clauses/paymentTerms", as: "legal", json: #"{"body": "Les factures sont payables à réception."}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.json["version"]?.int == 2)
            let old = try await app.call(.get, "/api/v1/clauses/paymentTerms?version=1", as: "sales")
            #expect(old.json["body"]?.string == "Les factures sont payables à trente (30) jours.")

            let again = try await app.call(.get, "/api/v1/contracts/\(first["id"]!.string!)", as: "sales").json
            let kept = try #require(again["clauses"]?.array?.first { $0["key"]?.string == "paymentTerms" })
            #expect(kept["text"] == firstClause["text"])
            #expect(kept["textHash"] == firstClause["textHash"])
            #expect(kept["clauseVersion"]?.int == 1)

            let second = try await app.call(.post, "/api/v1/contracts", as: "sales", json: body).json
            let fresh = try #require(second["clauses"]?.array?.first { $0["key"]?.string == "paymentTerms" })
            #expect(fresh["text"]?.string == "Les factures sont payables à réception.")
            #expect(fresh["clauseVersion"]?.int == 2)
            #expect(fresh["textHash"] != firstClause["textHash"])
        }
    }

    @Test(arguments: TestEngine.all)
    func badManifestsAreRejectedWithLineAndField(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.call(.post, "/api/v1/templates", as: "legal",
                                                     json: #"{"name": "NDA", "contractType": "nda"}"#).json["id"]?.string)
            let broken = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal",
                                            raw: ByteBuffer(string: "title: NDA\nclauses:\n  - id: a\n    titel: Objet\n    body: x\n"),
                                            headers: [.contentType: "application/yaml"])
            #expect(broken.status == 422)
            let error = try #require(broken.json["errors"]?.array?.first)
            #expect(error["field"]?.string == "clauses[0].titel")
            #expect(error["line"]?.int == 4)

            // shape is fine, but a condition names a variable that does not exist: stored as a draft, not publishable
            let draft = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal",
                                           raw: ByteBuffer(string: "title: NDA\nclauses:\n  - id: a\n    title: Objet\n    when: prix > 3\n    body: x\n"),
                                           headers: [.contentType: "application/yaml"])
            #expect(draft.status == 201, "\(draft.text)")
            let publish = try await app.call(.post, "/api/v1/templates/\(id)/versions/1/publish", as: "legal")
            #expect(publish.status == 422)
            #expect(publish.fields == ["clauses[0].when"])
            #expect(publish.json["errors"]?[0]?["line"]?.int == 3)
            #expect(try await app.call(.get, "/api/v1/templates/\(id)", as: "legal").json["publishedVersion"]?.int == nil)

            let json = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal",
                                          raw: ByteBuffer(string: #"{"title": "NDA", "clauses": [{"id": "a", "title": "Objet", "body": "Texte."}]}"#),
                                          headers: [.contentType: "application/json"])
            #expect(json.status == 201, "\(json.text)")
            #expect(try await app.call(.post, "/api/v1/templates/\(id)/versions/2/publish", as: "legal").status == 200)
            let wrongType = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal",
                                               raw: ByteBuffer(string: "title: x"), headers: [.contentType: "image/png"])
            #expect(wrongType.status == 415)
            #expect(try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "sales",
                                       raw: ByteBuffer(string: "title: x"), headers: [.contentType: "application/yaml"]).status == 403)
        }
    }

    @Test(arguments: TestEngine.all)
    func badGenerationRequestsNameTheField(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await Self.publishTemplate(app)
            func fields(_ variables: String, clauses: String = "{}") async throws -> [String] {
                let r = try await app.call(.post, "/api/v1/contracts", as: "sales",
                                           json: #"{"templateId": "\#(templateId)", "variables": \#(variables), "clauses": \#(clauses)}"#)
                #expect(r.status == 422, "\(r.text)")
                return r.fields.sorted()
            }
            let good = #"{"client": {"name": "Initech"}, "price": {"amount": "10.00", "currency": "EUR"}, "startDate": "2026-03-01"}"#
            #expect(try await fields(#"{"client": {"name": "Initech"}}"#) == ["variables.price", "variables.startDate"])
            #expect(try await fields(#"{"client": {"name": "Initech"}, "price": "cheap", "startDate": "mars"}"#) == ["variables.price", "variables.startDate"])
            #expect(try await fields(#"{"client": {"name": "Initech"}, "price": {"amount": "10.00", "currency": "EUR"}, "startDate": "2026-03-01", "colour": 1}"#)
                    == ["variables.colour"])
            #expect(try await fields(good, clauses: #"{"nowhere": "standard"}"#) == ["clauses.nowhere"])
            #expect(try await fields(good, clauses: #"{"paymentTerms": "payment90Days"}"#) == ["clauses.paymentTerms"])
            #expect(try await fields(good, clauses: #"{"publicReference": {"custom": "free text"}}"#) == ["clauses.publicReference"])
            #expect(try await fields(good, clauses: #"{"paymentTerms": 42}"#) == ["clauses.paymentTerms"])

            let unknown = try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"templateId": "00000000-0000-0000-0000-000000000000"}"#)
            #expect(unknown.status == 422)
            #expect(unknown.fields == ["templateId"])
            let mixed = try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"templateId": "\#(templateId)", "type": "nda", "variables": \#(good)}"#)
            #expect(mixed.fields == ["type"])
            // nothing was half-written
            #expect(try await app.call(.get, "/api/v1/contracts", as: "admin").json["items"]?.array?.isEmpty == true)

            // custom text is allowed where the template says so, and is a derogation
            let custom = try await app.call(.post, "/api/v1/contracts", as: "sales",
                                            json: #"{"templateId": "\#(templateId)", "variables": \#(good), "clauses": {"paymentTerms": {"custom": "Paiement à réception <b>immédiat</b>."}}}"#)
            #expect(custom.status == 201, "\(custom.text)")
            let clause = custom.json["clauses"]?.array?.first { $0["key"]?.string == "paymentTerms" }
            #expect(clause?["variant"]?.string == "custom")
            #expect(clause?["isDerogation"]?.bool == true)
            #expect(clause?["text"]?.string == "Paiement à réception <b>immédiat</b>.")
        }
    }

    @Test(arguments: TestEngine.all)
    func previewRendersWithoutSavingAndIsDeterministic(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await Self.publishTemplate(app)
            let body = #"{"variables": {"client": {"name": "Initech <script>"}, "price": {"amount": "10.00", "currency": "EUR"}, "startDate": "2026-03-01"}}"#
            let html = try await app.call(.post, "/api/v1/templates/\(templateId)/preview", as: "sales", json: body)
            #expect(html.status == 200, "\(html.text)")
            #expect(html.text.contains("Initech &lt;script&gt;"))
            let pdf1 = try await app.call(.post, "/api/v1/templates/\(templateId)/preview?format=pdf", as: "sales", json: body)
            let pdf2 = try await app.call(.post, "/api/v1/templates/\(templateId)/preview?format=pdf", as: "sales", json: body)
            #expect(pdf1.headers[.contentType] == "application/pdf")
            #expect(pdf1.body == pdf2.body)
            let docx1 = try await app.call(.post, "/api/v1/templates/\(templateId)/preview?format=docx", as: "sales", json: body)
            let docx2 = try await app.call(.post, "/api/v1/templates/\(templateId)/preview?format=docx", as: "sales", json: body)
            #expect(docx1.body == docx2.body)
            #expect(try await app.call(.post, "/api/v1/templates/\(templateId)/preview?format=odt", as: "sales", json: body).status == 422)
            #expect(try await app.call(.get, "/api/v1/contracts", as: "admin").json["items"]?.array?.isEmpty == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func clauseLibraryRules(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            #expect(try await app.call(.post, "/api/v1/clauses", as: "sales", json: Self.paymentClause).status == 403)
            #expect(try await app.call(.post, "/api/v1/clauses", as: "legal", json: Self.paymentClause).status == 201)
            #expect(try await app.call(.post, "/api/v1/clauses", as: "legal", json: Self.paymentClause).status == 409)
            let bad = try await app.call(.post, "/api/v1/clauses", as: "legal", json: #"""
                {"key": "9bad", "title": "", "category": "x", "body": "{{unclosed",
                 "alternatives": [{"key": "standard", "title": "t", "body": "b", "isDerogation": true, "requiresApprovalBy": ["boss"]}]}
                """#)
            #expect(bad.status == 422)
            #expect(Set(bad.fields).isSuperset(of: ["alternatives[0].requiresApprovalBy[0]"]))
            let bad2 = try await app.call(.post, "/api/v1/clauses", as: "legal", json: #"""
                {"key": "9bad", "title": "", "category": "x", "body": "{{unclosed",
                 "alternatives": [{"key": "standard", "title": "t", "body": "b", "isDerogation": true}]}
                """#)
            #expect(Set(bad2.fields) == ["key", "title", "body", "alternatives[0].key", "alternatives[0].derogationCategory"])
            let list = try await app.call(.get, "/api/v1/clauses?limit=1", as: "viewer")
            #expect(list.json["items"]?.array?.count == 1)
            #expect(try await app.call(.get, "/api/v1/clauses/nowhere", as: "viewer").status == 404)
            #expect(try await app.call(.patch, "/api/v1/clauses/paymentTerms", as: "legal", json: #"{"key": "other"}"#).status == 422)
            let omit = try await app.call(.post, "/api/v1/clauses", as: "legal", json: #"""
                {"key": "x", "title": "X", "category": "c", "body": "b", "alternatives": [{"key": "omit", "title": "t", "body": "b", "isDerogation": false}]}
                """#)
            #expect(omit.fields == ["alternatives[0].key"])
        }
    }

    @Test(arguments: TestEngine.all)
    func aClauseEditThatWouldBreakAPublishedTemplateIsRefused(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            _ = try await Self.publishTemplate(app)
            // the template allows payment60Days; removing it, or adding a variable it lacks, would break generation
            let dropped = try await app.call(.patch, "/api/v1/clauses/paymentTerms", as: "legal", json: #"{"alternatives": []}"#)
            #expect(dropped.status == 422)
            #expect(dropped.text.contains("Contrat de services"))
            let placeholder = try await app.call(.patch, "/api/v1/clauses/paymentTerms", as: "legal", json: #"{"body": "Pénalités de {{penaltyRate}}."}"#)
            #expect(placeholder.status == 422)
            #expect(placeholder.text.contains("penaltyRate"))
            #expect(try await app.call(.get, "/api/v1/clauses/paymentTerms", as: "legal").json["version"]?.int == 1)
        }
    }
}

@Suite struct GeneratedContractEditingTests {
    @Test(arguments: TestEngine.all)
    func generatedTermsCannotDriftFromTheirDocuments(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)",
                 "variables": {"client": {"name": "Initech"}, "price": {"amount": "1000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}
                """).json
            let id = try #require(created["id"]?.string)
            let moved = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"amount": {"amount": "9000.00", "currency": "EUR"}, "endDate": "2030-01-01"}"#)
            #expect(moved.status == 422)
            #expect(Set(moved.fields) == ["amount", "endDate"])
            // the title and metadata are the contract's own
            let renamed = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"title": "Services Initech 2026", "metadata": {"crm": "006x"}}"#)
            #expect(renamed.status == 200, "\(renamed.text)")
            #expect(renamed.json["amount"]?["amount"]?.string == "1000.00")
        }
    }
}
