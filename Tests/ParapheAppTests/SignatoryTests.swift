import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing
import ParapheServices

/// Naming who signs a contract for the company: only a colleague whose signature authority covers it, through the
/// API and the contract page, audited, and shown as no longer eligible when the terms outgrow the grant.
@Suite struct SignatoryTests {
    /// Finance may sign MSAs up to 100,000 €; sales holds no grant.
    func grantFinance(_ app: TestApp) async throws {
        let finance = try #require(app.users["finance"]?.id.description)
        let granted = try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: """
            {"userId": "\(finance)", "contractTypes": ["msa"], "maxAmount": {"amount": "100000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
            """)
        #expect(granted.status == 201, "\(granted.text)")
    }

    func name(_ app: TestApp, _ contract: String, _ user: String, as who: String = "sales") async throws -> Reply {
        try await app.call(.put, "/api/v1/contracts/\(contract)/signatory", as: who, json: #"{"userId": "\#(user)"}"#)
    }

    @Test(arguments: TestEngine.all)
    func onlyAnAuthorisedColleagueIsNamed(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract()["id"]?.string)   // msa, 48,000.00 EUR, owned by sales
            try await grantFinance(app)
            let finance = try #require(app.users["finance"]?.id.description)
            let sales = try #require(app.users["sales"]?.id.description)

            let refused = try await name(app, id, sales)
            #expect(refused.status == 403)
            #expect(refused.json["reason"]?.string == "noAuthority")
            #expect(refused.json["detail"]?.string == "Sales may not sign this contract: has no signature authority")
            #expect(try await name(app, id, "x").fields == ["userId"])
            #expect(try await app.call(.put, "/api/v1/contracts/\(id)/signatory", as: "sales", json: "{}").fields == ["userId"])
            #expect(try await name(app, id, "00000000-0000-0000-0000-000000000000").fields == ["userId"])
            #expect(try await name(app, id, finance, as: "viewer").status == 403, "a reader may not name anyone")
            #expect(try await name(app, id, finance, as: "sales2").status == 404, "a contract they cannot see")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["signatory"] == .null, "refusals write nothing")

            let named = try await name(app, id, finance)
            #expect(named.status == 200, "\(named.text)")
            #expect(named.json["user"]?["id"]?.string == finance)
            #expect(named.json["eligible"]?.bool == true)
            let again = try await name(app, id, finance, as: "legal")
            #expect(again.status == 200 && again.json["namedBy"]?.string == sales, "naming the same colleague again changes nothing")
            let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(contract["signatory"]?["user"]?["name"]?.string == "Finance")
            #expect(contract["signatory"]?["namedBy"]?.string == sales)
            var events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array ?? []
            #expect(events.filter { $0["type"]?.string == "contract.signatoryNamed" }.map { $0["data"]?["userId"]?.string } == [finance])

            // the terms outgrow the grant: the page and the API say so, the name stays until someone changes it
            let raised = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"amount": {"amount": "150000.00", "currency": "EUR"}}"#)
            #expect(raised.status == 200, "\(raised.text)")
            let stale = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["signatory"]
            #expect(stale?["eligible"]?.bool == false)
            #expect(stale?["reason"]?.string == "amountAboveLimit")
            #expect(try await name(app, id, finance).json["reason"]?.string == "amountAboveLimit")

            // someone else replaces them: the trail says whom they replaced; a deactivated colleague is shown as such
            let legal = try #require(app.users["legal"]?.id.description)
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: #"{"userId": "\#(legal)"}"#).status == 201)
            #expect(try await name(app, id, legal).status == 200)
            events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array ?? []
            #expect(events.last?["data"]?["replacing"]?.string == finance)
            #expect(try await app.call(.patch, "/api/v1/users/\(legal)", as: "admin", json: #"{"active": false}"#).status == 200)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["signatory"]?["reason"]?.string == "inactive")

            #expect(try await app.call(.delete, "/api/v1/contracts/\(id)/signatory", as: "sales").status == 204)
            #expect(try await app.call(.delete, "/api/v1/contracts/\(id)/signatory", as: "sales").status == 404)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["signatory"] == .null)
            events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array ?? []
            #expect(events.contains { $0["type"]?.string == "contract.signatoryRemoved" && $0["data"]?["userId"]?.string == legal })
        }
    }

    @Test(arguments: TestEngine.all)
    func aNameThatLostItsAuthorityStopsTheSignatureRequest(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract()["id"]?.string)
            try await grantFinance(app)
            let finance = try #require(app.users["finance"]?.id.description)
            #expect(try await name(app, id, finance).status == 200)
            // no rule: submitting approves at once
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            // the grant is revoked after the naming: the request, which defaults to the named colleague, is refused
            let grant = try #require(try await app.call(.get, "/api/v1/signature-authorities?userId=\(finance)", as: "admin").json["items"]?[0]?["id"]?.string)
            #expect(try await app.call(.delete, "/api/v1/signature-authorities/\(grant)", as: "admin").status == 204)
            let stopped = try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: "sales", json: "{}")
            #expect(stopped.status == 403)
            #expect(stopped.json["reason"]?.string == "noAuthority")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "approved", "nothing moved")
            // granted again, the request would go, once the contract has a PDF to sign
            try await grantFinance(app)
            let noPDF = try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: "sales", json: "{}")
            #expect(noPDF.status == 409 && noPDF.text.contains("no PDF"))
        }
    }

    @Test(arguments: TestEngine.all)
    func theContractPageOffersOnlyEligibleColleagues(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract()["id"]?.string)
            try await grantFinance(app)
            let finance = try #require(app.users["finance"]?.id.description)
            let legal = try #require(app.users["legal"]?.id.description)
            let (cookie, csrf) = try await app.webSession(as: "sales")

            let page = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie])
            #expect(page.status == 200)
            let select = try #require(page.text.range(of: #"<select id="signatory-user""#).map { String(page.text[$0.lowerBound...].prefix { $0 != "/" }) })
            #expect(select.contains(#"value="\#(finance)""#))
            #expect(!select.contains(legal), "nobody without authority is offered")
            #expect(page.text.contains("Legal : aucune délégation de signature"), "the others, and why, in French")

            // a forged choice is refused in place, in the reader's language
            let forged = try await app.postForm("/contracts/\(id)/signatory", [("_csrf", csrf), ("userId", legal)], cookie: cookie)
            #expect(forged.status == 403)
            #expect(forged.text.contains("Legal ne peut pas signer ce contrat : aucune délégation de signature"))

            let chosen = try await app.postForm("/contracts/\(id)/signatory", [("_csrf", csrf), ("userId", finance)], cookie: cookie)
            #expect(chosen.status == 303 || chosen.status == 302, "\(chosen.status)")
            let after = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie])
            #expect(after.text.contains("Signataire désigné : <strong>Finance</strong>"))
            #expect(after.text.contains(#"action="/contracts/\#(id)/signatory/remove""#))

            // the grant goes after approval: sending for signature is stopped on the page, with the reason in French
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            let approved = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie])
            #expect(approved.text.contains("Envoyer pour signature"))
            #expect(approved.text.contains(#"value="finance@paraphe.test""#), "the named colleague is prefilled")
            let grant = try #require(try await app.call(.get, "/api/v1/signature-authorities?userId=\(finance)", as: "admin").json["items"]?[0]?["id"]?.string)
            #expect(try await app.call(.delete, "/api/v1/signature-authorities/\(grant)", as: "admin").status == 204)
            let stopped = try await app.postForm("/contracts/\(id)/signature", [("_csrf", csrf), ("name.0", "Finance"), ("email.0", "finance@paraphe.test"),
                                                                                ("role.0", "internal"), ("order.0", "1")], cookie: cookie)
            #expect(stopped.status == 403)
            #expect(stopped.text.contains("Finance ne peut pas signer ce contrat : aucune délégation de signature."))
            let empty = try await app.postForm("/contracts/\(id)/signature", [("_csrf", csrf), ("name.0", "X"), ("email.0", "pas-une-adresse"),
                                                                              ("role.0", "counterparty"), ("order.0", "1")], cookie: cookie)
            #expect(empty.status == 422)
            #expect(empty.text.contains("Signataire 1 : adresse électronique invalide"), "\(empty.text.prefix(200))")
            #expect(try await app.postForm("/contracts/\(id)/signature", [("_csrf", "forged"), ("name.0", "Finance")], cookie: cookie).status == 403)

            let removed = try await app.postForm("/contracts/\(id)/signatory/remove", [("_csrf", csrf)], cookie: cookie)
            #expect(removed.status == 303 || removed.status == 302)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["signatory"] == .null)
            #expect(try await app.postForm("/contracts/\(id)/signatory", [("_csrf", "forged"), ("userId", finance)], cookie: cookie).status == 403,
                    "the anti-forgery token is checked")
        }
    }
}
