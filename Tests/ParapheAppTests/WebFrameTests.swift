import Foundation
import HTTPTypes
import NIOCore
import ParapheCore
import Testing

/// The frame every page shares: a navigation that offers only what the user may do, *Mes demandes* for those who
/// create contracts, and error pages in the reader's language with the way back.
@Suite struct WebFrameTests {
    func page(_ app: TestApp, _ path: String, cookie: String) async throws -> Reply {
        try await app.call(.get, path, as: nil, headers: [.cookie: cookie, .accept: "text/html"])
    }

    @Test(arguments: TestEngine.all)
    func theNavigationOffersWhatTheServerAllows(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            for (who, creates, legal, admin) in [("viewer", false, false, false), ("sales", true, false, false), ("legal", true, true, false),
                                                 ("finance", true, false, false), ("admin", true, true, true)] {
                let (cookie, _) = try await app.webSession(as: who)
                let list = try await page(app, "/contracts", cookie: cookie).text
                #expect(list.contains(#"href="/contracts/new""#) == creates, "\(who): a new contract is offered only to those who may create one")
                #expect(list.contains(#"href="/requests""#) == creates, "\(who)")
                #expect(list.contains(#"href="/queue""#) == legal, "\(who)")
                #expect(list.contains(#"href="/settings/approvals""#) == legal, "\(who)")
                #expect(list.contains(#"href="/integrations""#) == admin, "\(who)")
                #expect(list.contains(#"aria-current="page">Tous les contrats"#), "\(who): the current page is marked")
                // What the navigation hides, the server refuses.
                #expect(try await page(app, "/contracts/new", cookie: cookie).status == (creates ? 200 : 403), "\(who)")
                #expect(try await page(app, "/requests", cookie: cookie).status == (creates ? 200 : 403), "\(who)")
                #expect(try await page(app, "/queue", cookie: cookie).status == (legal ? 200 : 403), "\(who)")
                #expect(try await page(app, "/integrations", cookie: cookie).status == (admin ? 200 : 403), "\(who)")
                // Dashboards count every contract: for those who see them all.
                let insights = who != "viewer" && who != "sales"
                #expect(list.contains(#"href="/reports/derogations""#) == insights, "\(who)")
                #expect(try await page(app, "/reports/derogations", cookie: cookie).status == (insights ? 200 : 403), "\(who)")
                #expect(try await page(app, "/reports/derogations/items?format=csv", cookie: cookie).status == (insights ? 200 : 403), "\(who)")
            }
        }
    }

    /// Role by role, on a draft a sales rep owns: each action the contract page offers is one the API accepts from that
    /// person, and each it does not offer the API refuses. A fresh draft per try, since trying changes it.
    @Test(arguments: TestEngine.all)
    func theContractPageOffersTheActionsTheAPIAllows(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let actions: [(name: String, marker: (String) -> String, call: (String) -> (HTTPRequest.Method, String, String))] = [
                ("edit", { #"href="/contracts/\#($0)/edit""# }, { (.patch, "/api/v1/contracts/\($0)", #"{"title": "Contrat-cadre révisé"}"#) }),
                ("submit", { _ in #"name="to" value="inReview""# }, { (.post, "/api/v1/contracts/\($0)/transitions", #"{"to": "inReview"}"#) }),
                ("cancel", { _ in #"name="to" value="cancelled""# }, { (.post, "/api/v1/contracts/\($0)/transitions", #"{"to": "cancelled"}"#) }),
            ]
            for who in ["sales", "sales2", "legal", "finance", "admin", "viewer"] {
                let (cookie, _) = try await app.webSession(as: who)
                for action in actions {
                    let id = try #require(try await app.createContract(as: "sales")["id"]?.string)
                    let shown = try await page(app, "/contracts/\(id)", cookie: cookie)
                    let offered = shown.status == 200 && shown.text.contains(action.marker(id))
                    let (method, path, body) = action.call(id)
                    let tried = try await app.call(method, path, as: who, json: body)
                    #expect(offered == (200..<300).contains(tried.status), "\(who) \(action.name): offered \(offered), the API answered \(tried.status)")
                    if !offered { #expect([403, 404].contains(tried.status), "\(who) \(action.name): refused as not theirs, not as bad input") }
                }
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func myRequestsSayWhatEachContractWaitsFor(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, _) = try await app.webSession(as: "sales")
            #expect(try await page(app, "/requests", cookie: cookie).text.contains("Aucune demande en cours."))
            let rule = #"{"name": "Toute dérogation", "when": {"hasDerogation": true}, "require": [{"role": "legal"}, {"role": "finance", "order": 2}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let id = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)", "clauses": {"paymentTerms": "payment60Days"},
                 "variables": {"client": {"name": "Initech"}, "price": {"amount": "60000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}
                """).json["id"]?.string)
            _ = try await ApprovalFlowTests.submit(app, id)
            app.clock.advance(2 * 86400)
            let (fresh, _) = try await app.webSession(as: "sales")
            let mine = try await page(app, "/requests", cookie: fresh).text
            #expect(mine.contains("validation juridique (depuis 2 jours) et validation finance (depuis 2 jours)"), "\(mine)")
            #expect(mine.contains(#"class="badge status-inReview">En revue"#))
            #expect(mine.contains("60\u{00A0}000,00\u{00A0}€"))
            let (legalCookie, _) = try await app.webSession(as: "legal")
            #expect(!(try await page(app, "/requests", cookie: legalCookie).text.contains("Initech")), "only the requester's own contracts")
        }
    }

    @Test(arguments: TestEngine.all)
    func refusedFormsNameTheirFieldsByLabelInFrench(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, csrf) = try await app.webSession(as: "legal")
            let rule = try await app.postForm("/settings/approvals", [("_csrf", csrf), ("name", ""), ("amountAbove", "beaucoup"), ("then", "add")], cookie: cookie)
            #expect(rule.status == 422)
            #expect(rule.text.contains("<a href=\"#amountAbove\">Montant supérieur à\u{00A0}: Montant attendu, p. ex. 12 000,00.</a>"), "\(rule.text)")
            #expect(!rule.text.contains("when.amountAbove :") && !rule.text.contains("must be"), "no raw field or English message")
            let supplier = try await app.postForm("/suppliers/new", [("_csrf", csrf), ("supplierName", ""), ("purpose", "")], cookie: cookie)
            #expect(supplier.status == 422)
            #expect(supplier.text.contains("<a href=\"#supplierName\">Nom du fournisseur\u{00A0}: Champ obligatoire.</a>"), "\(supplier.text)")
        }
    }

    @Test(arguments: TestEngine.all)
    func errorPagesSpeakTheReadersLanguageAndShowTheWayBack(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, _) = try await app.webSession(as: "sales")
            let missing = try await page(app, "/no-such-page", cookie: cookie)
            #expect(missing.status == 404)
            #expect(missing.text.contains("Page introuvable") && missing.text.contains(#"href="/contracts""#), "\(missing.text)")
            #expect(!missing.text.contains("Not found") && !missing.text.contains("no route"))
            #expect(missing.text.contains(#"href="/requests""#), "the error page keeps the reader's navigation")
            let unknown = try await page(app, "/contracts/00000000-0000-0000-0000-000000000000", cookie: cookie)
            #expect(unknown.status == 404)
            #expect(unknown.text.contains("Page introuvable"))
            #expect(missing.headers[.cacheControl] == "no-store", "an error page is never stored")
            let noToast = try await page(app, "/no-such-page?done=contract-created", cookie: cookie)
            #expect(!noToast.text.contains(#"class="toast""#), "an error never claims success")
            let stale = try await app.call(.post, "/contracts/new", as: nil, raw: ByteBuffer(string: "_csrf=forged&title=x"),
                                           headers: [.cookie: cookie, .accept: "text/html", .contentType: "application/x-www-form-urlencoded"])
            #expect(stale.status == 403)
            #expect(stale.text.contains("Le formulaire a expiré"), "a stale form says so, not that the role is refused: \(stale.text)")
            let refused = try await page(app, "/queue", cookie: cookie)
            #expect(refused.status == 403)
            #expect(refused.text.contains("Accès refusé") && refused.text.contains("Erreur 403"))

            let english = try await app.call(.get, "/no-such-page", as: nil, headers: [.accept: "text/html", .acceptLanguage: "en-GB,en;q=0.8"])
            #expect(english.text.contains("Page not found") && english.text.contains(#"lang="en""#), "\(english.text)")
            #expect(english.text.contains(#"href="/login""#), "signed out, the way back is the sign-in")
            let api = try await app.call(.get, "/api/v1/no-such-thing", as: "sales")
            #expect(api.status == 404 && api.headers[.contentType] == "application/problem+json", "the API still answers problem+json")
        }
    }
}
