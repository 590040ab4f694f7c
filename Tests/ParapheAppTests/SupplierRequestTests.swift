import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing
import ParapheServices

@Suite struct SupplierRequestTests {
    /// Legal for every supplier; finance (order 2) above 10 000 EUR a year; named people for personal data.
    static func supplierPolicy(_ app: TestApp, dataReviewer: String) async throws {
        for rule in [
            #"{"name": "Tout fournisseur", "appliesTo": "supplierRequest", "when": {}, "require": [{"role": "legal"}]}"#,
            #"{"name": "Cher", "appliesTo": "supplierRequest", "when": {"amountAbove": {"amount": "10000.00", "currency": "EUR"}}, "require": [{"role": "finance", "order": 2}]}"#,
            #"{"name": "Données personnelles", "appliesTo": "supplierRequest", "when": {"personalData": true}, "require": [{"users": ["\#(dataReviewer)"]}]}"#,
        ] {
            let r = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule)
            #expect(r.status == 201, "\(r.text)")
        }
    }

    @Test(arguments: TestEngine.all)
    func aSupplierRequestGoesThroughItsChainAndBecomesACounterparty(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let admin = try #require(app.users["admin"]?.id.description)
            try await Self.supplierPolicy(app, dataReviewer: admin)
            // a contract rule does not apply to suppliers, nor the supplier rules to contracts
            let contractRule = #"{"name": "Contrats", "when": {}, "require": [{"role": "admin"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: contractRule).status == 201)

            let created = try await app.call(.post, "/api/v1/supplier-requests", as: "sales", json: """
                {"supplierName": "Lumen Analytics", "purpose": "Tableaux de bord des ventes", "annualCost": {"amount": "14000.00", "currency": "EUR"},
                 "dataProcessed": ["contacts clients"]}
                """)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json["id"]?.string)
            #expect(created.json["status"]?.string == "pending")
            let steps = created.json["approvals"]?.array ?? []
            #expect(steps.map { "\($0["order"]?.int ?? 0):\($0["role"]?.string ?? "users"):\($0["status"]?.string ?? "")" } == ["1:legal:pending", "1:users:pending", "2:finance:waiting"])
            #expect(steps[1]["reasons"]?[0]?["because"]?[0]?.string == "personal data processed")

            // the requester may not decide; legal and the named reviewer do, then finance
            let legalStep = try #require(steps[0]["id"]?.string), dataStep = try #require(steps[1]["id"]?.string), financeStep = try #require(steps[2]["id"]?.string)
            #expect(try await ApprovalFlowTests.decide(app, legalStep, as: "sales").status == 403)
            let mine = try await ApprovalFlowTests.myApprovals(app, "legal")
            #expect(mine.first?["supplierRequest"]?["supplierName"]?.string == "Lumen Analytics")
            #expect(try await ApprovalFlowTests.decide(app, legalStep, as: "legal").status == 200)
            #expect(try await ApprovalFlowTests.decide(app, financeStep, as: "finance").status == 409, "finance waits for order 1")
            #expect(try await ApprovalFlowTests.decide(app, dataStep, as: "admin", comment: "DPA à signer").status == 200)
            #expect(try await ApprovalFlowTests.decide(app, financeStep, as: "finance").status == 200)

            let done = try await app.call(.get, "/api/v1/supplier-requests/\(id)", as: "sales").json
            #expect(done["status"]?.string == "approved")
            let counterparty = try #require(done["counterpartyId"]?.string)
            let cp = try await app.call(.get, "/api/v1/counterparties/\(counterparty)", as: "sales").json
            #expect(cp["name"]?.string == "Lumen Analytics" && cp["kind"]?.string == "supplier")
            let inbox = try await app.call(.get, "/api/v1/inbox", as: "sales").json["items"]?.array ?? []
            #expect(inbox.first?["kind"]?.string == "approval.approved" && inbox.first?["link"]?.string == "/suppliers/\(id)")
            let log = (try await app.call(.get, "/api/v1/admin/events?limit=20", as: "admin").json["items"]?.array ?? []).compactMap { $0["type"]?.string }
            #expect(log.prefix(5) == ["supplierRequest.approved", "supplierRequest.decided", "supplierRequest.decided", "supplierRequest.decided",
                                      "supplierRequest.submitted"])

            // another rep does not see the request; legal does
            #expect(try await app.call(.get, "/api/v1/supplier-requests/\(id)", as: "sales2").status == 404)
            #expect(try await app.call(.get, "/api/v1/supplier-requests", as: "sales2").json["items"]?.array?.isEmpty == true)
            #expect(try await app.call(.get, "/api/v1/supplier-requests", as: "legal").json["items"]?.array?.count == 1)
        }
    }

    @Test(arguments: TestEngine.all)
    func rejectionAndBadInput(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.supplierPolicy(app, dataReviewer: try #require(app.users["admin"]?.id.description))
            let bad = try await app.call(.post, "/api/v1/supplier-requests", as: "sales",
                                         json: #"{"supplierName": " ", "annualCost": {"amount": "-5.00", "currency": "eur"}, "dataProcessed": [""], "coût": 3}"#)
            #expect(bad.status == 422)
            #expect(bad.fields == ["coût"], "an unknown field is named first")
            let invalid = try await app.call(.post, "/api/v1/supplier-requests", as: "sales",
                                             json: #"{"supplierName": " ", "annualCost": {"amount": "-5.00", "currency": "eur"}, "dataProcessed": [""]}"#)
            #expect(Set(invalid.fields) == ["supplierName", "purpose", "annualCost.amount", "annualCost.currency", "dataProcessed[0]"])

            // small and without personal data: legal only; legal rejects with a reason
            let created = try await app.call(.post, "/api/v1/supplier-requests", as: "sales", json: #"{"supplierName": "Papeterie Dupont", "purpose": "Fournitures"}"#).json
            let id = try #require(created["id"]?.string)
            #expect(created["approvals"]?.array?.count == 1)
            let step = try #require(created["approvals"]?[0]?["id"]?.string)
            #expect(try await ApprovalFlowTests.decide(app, step, as: "legal", "reject", comment: "Déjà référencé sous un autre nom").status == 200)
            let done = try await app.call(.get, "/api/v1/supplier-requests/\(id)", as: "sales").json
            #expect(done["status"]?.string == "rejected" && done["counterpartyId"] == nil)
            #expect(try await ApprovalFlowTests.decide(app, step, as: "legal").status == 409)

            // with no supplier rule at all, a request is taken on at once
            for rule in try await app.call(.get, "/api/v1/approval-policies", as: "legal").json["items"]?.array ?? [] {
                _ = try await app.call(.delete, "/api/v1/approval-policies/\(rule["id"]?.string ?? "")", as: "legal")
            }
            let direct = try await app.call(.post, "/api/v1/supplier-requests", as: "viewer", json: #"{"supplierName": "Café du coin", "purpose": "Café"}"#).json
            #expect(direct["status"]?.string == "approved" && direct["counterpartyId"]?.string != nil)
        }
    }

    @Test(arguments: TestEngine.all)
    func theFormAnyEmployeeFillsIn(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.supplierPolicy(app, dataReviewer: try #require(app.users["admin"]?.id.description))
            let (cookie, csrf) = try await app.webSession(as: "viewer")
            let empty = try await app.call(.get, "/suppliers", as: nil, headers: [.cookie: cookie]).text
            #expect(empty.contains("Aucune demande pour l"))
            func post(_ fields: [(String, String)]) async throws -> Reply { try await app.postForm("/suppliers/new", fields, cookie: cookie) }
            let bad = try await post([("_csrf", csrf), ("supplierName", ""), ("annualCost", "beaucoup")])
            #expect(bad.status == 422)
            #expect(bad.text.contains(#"id="annualCost-error""#))
            let missing = try await post([("_csrf", csrf), ("supplierName", ""), ("annualCost", "1 200,50")])
            #expect(missing.text.contains(#"id="supplierName-error""#) && missing.text.contains(#"id="purpose-error""#))
            let ok = try await post([("_csrf", csrf), ("supplierName", "Lumen Analytics"), ("purpose", "Tableaux de bord"), ("annualCost", "14 000"),
                                     ("currency", "EUR"), ("dataProcessed", "contacts clients\npaie")])
            #expect(ok.status == 303)
            let page = try await app.call(.get, try #require(ok.headers[.location]), as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains("Lumen Analytics") && page.contains("contacts clients, paie") && page.contains(#"id="chain""#))
            #expect(page.contains("Données personnelles"))
        }
    }
}
