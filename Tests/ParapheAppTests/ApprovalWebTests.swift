import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

/// The approval pages, the policy editor and the authority matrix, through the server-rendered forms; and the
/// admin log that records what they change.
@Suite struct ApprovalWebTests {
    func page(_ app: TestApp, _ path: String, cookie: String) async throws -> Reply {
        try await app.call(.get, path, as: nil, headers: [.cookie: cookie])
    }

    @Test(arguments: TestEngine.all)
    func approverSeesWhyAndTheDerogationThenDecides(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let rule = #"{"name": "Toute dérogation", "when": {"hasDerogation": true}, "require": [{"role": "legal"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let id = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)", "clauses": {"paymentTerms": "payment60Days"},
                 "variables": {"client": {"name": "Initech"}, "price": {"amount": "60000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}
                """).json["id"]?.string)
            _ = try await ApprovalFlowTests.submit(app, id)
            let (cookie, csrf) = try await app.webSession(as: "legal")

            let tasks = try await page(app, "/tasks", cookie: cookie)
            #expect(tasks.status == 200)
            #expect(tasks.text.contains("CTR-2026-000001") && tasks.text.contains("Toute dérogation"))
            let legalStep = try #require(try await ApprovalFlowTests.myApprovals(app, "legal").first { $0["role"]?.string == "legal" }?["id"]?.string)

            let approval = try await page(app, "/approvals/\(legalStep)", cookie: cookie)
            #expect(approval.status == 200)
            #expect(approval.text.contains("dérogation\u{00A0}: Modalités de paiement\u{00A0}: Paiement à 60 jours"), "the reasons in the reader's language, by the library's names")
            #expect(!approval.text.contains("payment60Days") && !approval.text.contains("paymentTerms"))
            #expect(approval.text.contains(#"<div role="cell" data-document>Les factures sont payables à <del>trente (30) </del>jours"#)
                    && approval.text.contains(#"<div role="cell" data-document>Les factures sont payables à <ins>soixante (60) </ins>jours"#),
                    "the derogation beside the standard text, the change marked within its sentence: \(approval.text)")
            #expect(approval.text.contains(#"id="decision""#))

            // the requester sees the page but no decision form
            let (salesCookie, _) = try await app.webSession(as: "sales")
            let asRequester = try await page(app, "/approvals/\(legalStep)", cookie: salesCookie)
            #expect(asRequester.status == 200)
            #expect(!asRequester.text.contains(#"id="decision""#))
            #expect(asRequester.text.contains("un collègue doit le valider"))
            #expect(try await page(app, "/approvals/\(legalStep)", cookie: try await app.webSession(as: "sales2").cookie).status == 404,
                    "someone who cannot see the contract does not see its approval")

            // a rejection without a comment is refused on the field; an approval goes through
            let silent = try await app.postForm("/approvals/\(legalStep)/decision", [("_csrf", csrf), ("decision", "reject"), ("comment", "  ")], cookie: cookie)
            #expect(silent.status == 422)
            #expect(silent.text.contains(#"id="comment-error""#))
            let approved = try await app.postForm("/approvals/\(legalStep)/decision", [("_csrf", csrf), ("decision", "approve"), ("comment", "OK pour moi")], cookie: cookie)
            #expect(approved.status == 303)
            let after = try await page(app, "/approvals/\(legalStep)?done=approve", cookie: cookie).text
            #expect(after.contains("Validation enregistrée") && after.contains("« OK pour moi »"))
            // the contract page shows the chain, in progress while finance (asked by the clause) has not decided
            #expect(try await page(app, "/contracts/\(id)", cookie: cookie).text.contains("en cours"))
            let financeStep = try #require(try await ApprovalFlowTests.myApprovals(app, "finance").first?["id"]?.string)
            #expect(try await ApprovalFlowTests.decide(app, financeStep, as: "finance").status == 200)
            // approved, it shows who may sign it and why the others may not
            let finance = try #require(app.users["finance"]?.id.description)
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "legal", json: #"{"userId": "\#(finance)", "maxAmount": {"amount": "100000.00", "currency": "EUR"}}"#).status == 201)
            let contractPage = try await page(app, "/contracts/\(id)", cookie: cookie).text
            #expect(contractPage.contains(#"id="approval""#) && contractPage.contains("approuvée") && contractPage.contains("/approvals/\(legalStep)"))
            #expect(contractPage.contains(#"<option value="\#(finance)">Finance</option>"#), "legal may name the one colleague who may sign")
            #expect(contractPage.contains("Les autres, et pourquoi"))
            let twice = try await app.postForm("/approvals/\(legalStep)/decision", [("_csrf", csrf), ("decision", "approve")], cookie: cookie)
            #expect(twice.status == 409)
            #expect(twice.text.contains("plus possible dans l") && !twice.text.contains("already approved"), "the refusal in words, not the API detail")

            // the queue lists what still waits on legal: nothing now
            let queue = try await page(app, "/queue", cookie: cookie)
            #expect(queue.status == 200 && queue.text.contains("Aucun contrat n&#39;attend le juridique") || queue.text.contains("Aucun contrat n'attend le juridique"))
            #expect(try await page(app, "/queue", cookie: salesCookie).status == 403)
        }
    }

    @Test(arguments: TestEngine.all)
    func policyEditorSimulatorAndAuthorityMatrix(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, csrf) = try await app.webSession(as: "legal")
            _ = try await app.createContract(title: "Gros contrat")
            #expect(try await page(app, "/settings/approvals", cookie: try await app.webSession(as: "sales").cookie).status == 403)
            #expect(try await page(app, "/settings/approvals", cookie: cookie).text.contains("Aucune règle"))

            // a bad rule names its fields
            let bad = try await app.postForm("/settings/approvals", [("_csrf", csrf), ("amountAbove", "beaucoup"), ("then", "add")], cookie: cookie)
            #expect(bad.status == 422)
            #expect(bad.text.contains("Montant attendu, p. ex. 12 000,00."), "the field's message, in French")
            let noStep = try await app.postForm("/settings/approvals", [("_csrf", csrf), ("name", "Sans étape"), ("then", "add")], cookie: cookie)
            #expect(noStep.status == 422)
            #expect(noStep.text.contains("require"))

            // tried on past contracts first, then added
            let rule = [("_csrf", csrf), ("name", "Plus de 40 000 €"), ("amountAbove", "40 000,00"), ("currency", "EUR"), ("step1Role", "finance"),
                        ("step1Mode", "any"), ("step1Order", "2")]
            let tried = try await app.postForm("/settings/approvals", rule + [("then", "history"), ("from", "2026-01-01"), ("to", "2026-03-31")], cookie: cookie)
            #expect(tried.status == 200)
            #expect(tried.text.contains("1 contrat sur 1"))
            let added = try await app.postForm("/settings/approvals", rule + [("then", "add")], cookie: cookie)
            #expect(added.status == 303)
            let rules = try await app.call(.get, "/api/v1/approval-policies", as: "legal").json["items"]?.array ?? []
            #expect(rules.first?["when"]?["amountAbove"]?["amount"]?.string == "40000.00")
            #expect(rules.first?["require"]?[0]?["order"]?.int == 2)
            let simulated = try await page(app, "/settings/approvals?contract=CTR-2026-000001", cookie: cookie).text
            #expect(simulated.contains("montant 48\u{A0}000,00\u{A0}€ supérieur à 40\u{A0}000,00\u{A0}€"))

            // a test on a variable (here the contracts' metadata): its value is required, then the rule is kept
            let noValue = try await app.postForm("/settings/approvals", [("_csrf", csrf), ("name", "Région"), ("variableName", "region"), ("variableOp", "equals"),
                                                                          ("step1Role", "legal"), ("then", "add")], cookie: cookie)
            #expect(noValue.status == 422)
            #expect(noValue.text.contains("give the value to compare with"))
            let regional = try await app.postForm("/settings/approvals", [("_csrf", csrf), ("name", "Région APAC"), ("variableName", "region"), ("variableOp", "equals"),
                                                                           ("variableValue", "APAC"), ("step1Role", "legal"), ("then", "add")], cookie: cookie)
            #expect(regional.status == 303, "\(regional.text)")
            let stored = try await app.call(.get, "/api/v1/approval-policies", as: "legal").json["items"]?.array?.last
            #expect(stored?["when"]?["variables"]?[0]?["equals"]?.string == "APAC")
            #expect(try await page(app, "/settings/approvals", cookie: cookie).text.contains("« region » = APAC"))

            // the authority matrix: a grant through the form, shown in its column, then revoked
            let finance = try #require(app.users["finance"]?.id.description)
            let badGrant = try await app.postForm("/settings/signature-authorities", [("_csrf", csrf), ("userId", finance), ("maxAmount", "-5")], cookie: cookie)
            #expect(badGrant.status == 422)
            let granted = try await app.postForm("/settings/signature-authorities", [("_csrf", csrf), ("userId", finance), ("maxAmount", "100000"),
                                                                                  ("currency", "EUR"), ("type_msa", "on"), ("validFrom", "2026-01-01")], cookie: cookie)
            #expect(granted.status == 303, "\(granted.text)")
            let matrix = try await page(app, "/settings/signature-authorities", cookie: cookie).text
            #expect(matrix.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
                .contains("<td>Finance</td><td>—</td><td>≤ 100 000,00 €</td>"), "finance may sign MSAs up to 100 000 €")
            let grantId = try #require(try await app.call(.get, "/api/v1/signature-authorities", as: "legal").json["items"]?[0]?["id"]?.string)
            #expect(try await app.postForm("/settings/signature-authorities/\(grantId)/revoke", [("_csrf", csrf)], cookie: cookie).status == 303)

            // every one of those changes is in the admin log, chained
            let log = try await app.call(.get, "/api/v1/admin/events", as: "admin").json["items"]?.array ?? []
            #expect(log.compactMap { $0["type"]?.string } == ["signatureAuthority.revoked", "signatureAuthority.granted", "approvalRule.added", "approvalRule.added"]
                    + Array(repeating: "user.created", count: TestUsers.all.count), "the test users' creation opens the log")
            #expect(log.first?["actor"]?["label"]?.string == "legal@paraphe.test")
            #expect(try await app.call(.get, "/api/v1/admin/events/verify", as: "legal").json["chain"]?.string == "valid")
            #expect(try await app.call(.get, "/api/v1/admin/events", as: "sales").status == 403)
            try await app.withServices { services in
                try await services.database.transaction { s in
                    try await s.sql.raw("UPDATE admin_events SET data = '{}' WHERE sequence = 2").run()
                }
            }
            let verdict = try await app.call(.get, "/api/v1/admin/events/verify", as: "legal").json
            #expect(verdict["chain"]?.string == "broken")
            #expect(verdict["problem"]?.string?.contains("edited") == true)
        }
    }
}
