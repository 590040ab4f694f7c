import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing

/// The stepped new-contract wizard: the approvals it shows are those the submission opens, creating and submitting
/// is one transaction, and the steps open where the errors are.
@Suite struct WizardWebTests {
    static func fields(_ csrf: String, _ counterparty: String, price: String, payment: String) -> [(String, String)] {
        [("_csrf", csrf), ("counterpartyId", counterparty), ("variables.price.amount", price), ("variables.price.currency", "EUR"),
         ("variables.startDate", "2026-03-01"), ("variables.duration.count", "12"), ("variables.duration.unit", "M"),
         ("clauses.paymentTerms", payment), ("clauses.publicReference", "standard")]
    }

    static func contractId(_ location: String) throws -> String {
        try #require(location.split(separator: "/").last?.split(separator: "?").first.map(String.init))
    }

    @Test(arguments: TestEngine.all)
    func theApprovalsShownAreTheOnesTheSubmissionOpens(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let counterparty = try await TemplateAPITests.customer(app)
            let rule = #"{"name": "Gros contrats", "when": {"amountAbove": {"amount": "40000.00", "currency": "EUR"}}, "require": [{"role": "legal"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let (cookie, csrf) = try await app.webSession(as: "sales")

            let small = Self.fields(csrf, counterparty, price: "30 000,00", payment: "standard")
            let quiet = try await app.postForm("/contracts/new/\(templateId)/preview", small, cookie: cookie)
            #expect(quiet.status == 200)
            #expect(quiet.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(quiet.json["ready"]?.bool == true)
            #expect(quiet.json["approvals"]?.string?.contains("Aucune validation requise") == true)
            #expect(quiet.json["derogations"]?.string?.contains("Aucune dérogation") == true)
            #expect(quiet.json["document"]?.string?.contains("article marked") == false)

            let big = Self.fields(csrf, counterparty, price: "48 000,00", payment: "payment60Days")
            let draft = try await app.postForm("/contracts/new/\(templateId)/preview", big, cookie: cookie).json
            let approvals = try #require(draft["approvals"]?.string)
            #expect(approvals.contains("demanderait 2 validations"), "\(approvals)")
            #expect(approvals.contains("<strong>Juridique</strong>") && approvals.contains("<strong>Finance</strong>"), "\(approvals)")
            #expect(approvals.contains("40\u{202F}000,00\u{00A0}€") || approvals.contains("40\u{00A0}000,00\u{00A0}€"), "the rule's threshold, in French: \(approvals)")
            #expect(approvals.contains("Paiement à 60 jours"), "the derogation named, not its key: \(approvals)")
            #expect(!approvals.contains("payment60Days"))
            let document = try #require(draft["document"]?.string)
            #expect(document.contains(#"<section class="article marked" id="article-paiement""#), "the derogation is highlighted in the preview")
            #expect(document.contains("Dérogation · Paiement à 60 jours · validation finance"))
            #expect(draft["derogations"]?.string?.contains("1 dérogation, surlignée") == true || draft["derogations"]?.string?.contains("1 dérogation") == true)

            // created and submitted in one step: the approvals opened are the two the wizard showed
            let submitted = try await app.postForm("/contracts/new/\(templateId)", big + [("then", "submit")], cookie: cookie)
            #expect(submitted.status == 303, "\(submitted.text)")
            let location = try #require(submitted.headers[.location])
            #expect(location.hasSuffix("?done=contract-submitted"))
            let contract = try await app.call(.get, "/api/v1/contracts/\(try Self.contractId(location))", as: "sales").json
            #expect(contract["status"]?.string == "inReview")
            let roles = Set((contract["approvals"]?.array ?? []).compactMap { $0["role"]?.string })
            #expect(roles == ["legal", "finance"], "\(contract)")
            let page = try await app.call(.get, location, as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains("Contrat créé et envoyé en revue"))
            #expect(page.contains("soumis pour validation") && !page.contains("submitted for review"), "the trail's own reasons read in French")

            // nothing to approve: approved at once, and the toast says so
            let approved = try await app.postForm("/contracts/new/\(templateId)", small + [("then", "submit")], cookie: cookie)
            let approvedAt = try #require(approved.headers[.location])
            #expect(approvedAt.hasSuffix("?done=contract-approved"))
            #expect(try await app.call(.get, "/api/v1/contracts/\(try Self.contractId(approvedAt))", as: "sales").json["status"]?.string == "approved")
        }
    }

    @Test(arguments: TestEngine.all)
    func aSubmissionThePolicyRefusesLeavesNothingBehind(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let counterparty = try await TemplateAPITests.customer(app)
            let sales = try #require(app.users["sales"]?.id.description)
            let rule = #"{"name": "Seul", "when": {"contractTypes": ["msa"]}, "require": [{"users": ["\#(sales)"], "mode": "all"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let (cookie, csrf) = try await app.webSession(as: "sales")
            let before = try await app.call(.get, "/api/v1/contracts", as: "admin").json["items"]?.array?.count

            let fields = Self.fields(csrf, counterparty, price: "12 000,00", payment: "standard")
            let refused = try await app.postForm("/contracts/new/\(templateId)", fields + [("then", "submit")], cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains("Personne d&#39;autre que vous") || refused.text.contains("Personne d'autre que vous"))
            #expect(refused.text.contains(#"data-start="5""#), "the wizard opens on the step whose button was refused")
            #expect(refused.text.contains(##"<a href="#create-submit">Soumission"##))
            #expect(try await app.call(.get, "/api/v1/contracts", as: "admin").json["items"]?.array?.count == before,
                    "the contract and its submission are one transaction")

            let draft = try await app.postForm("/contracts/new/\(templateId)", fields + [("then", "draft")], cookie: cookie)
            #expect(draft.headers[.location]?.hasSuffix("?done=contract-created") == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func theStepsOpenWhereTheErrorsAre(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let counterparty = try await TemplateAPITests.customer(app)
            let (cookie, csrf) = try await app.webSession(as: "sales")

            let form = try await app.call(.get, "/contracts/new/\(templateId)", as: nil, headers: [.cookie: cookie]).text
            for step in 2...5 { #expect(form.contains(#"<section class="step" id="step-\#(step)""#)) }
            #expect(form.contains(#"<nav class="stepper" aria-label="Étapes">"#))
            #expect(form.contains(##"href="#step-3" data-step="3""##))
            #expect(form.contains(#"data-start="2""#))
            #expect(form.contains("L&#39;aperçu s&#39;affichera quand ces champs seront remplis") || form.contains("L'aperçu s'affichera quand ces champs seront remplis"),
                    "the preview says from the first screen what it still needs")
            #expect(form.range(of: #"id="create""#)!.lowerBound < form.range(of: #"id="create-submit""#)!.lowerBound,
                    "Enter without the script creates a draft, never submits")

            let badClause = Self.fields(csrf, counterparty, price: "12 000,00", payment: "paymentIn90Days")
            let refused = try await app.postForm("/contracts/new/\(templateId)", badClause, cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains(#"data-start="3""#), "a clause error opens the clauses step")

            let noPrice = Self.fields(csrf, counterparty, price: "", payment: "paymentIn90Days")
            #expect(try await app.postForm("/contracts/new/\(templateId)", noPrice, cookie: cookie).text.contains(#"data-start="2""#),
                    "the earliest step with an error opens first")

            // the picker shows the first template's preview before anything is chosen
            let picker = try await app.call(.get, "/contracts/new", as: nil, headers: [.cookie: cookie]).text
            #expect(picker.contains(#"<span aria-current="step">"#))
            #expect(picker.contains(#"data-template-preview="/contracts/new/\#(templateId)/preview""#))
            #expect(picker.contains(#"<div id="preview" data-document>"#))
            let defaults = try await app.call(.get, "/contracts/new/\(templateId)/preview", as: nil, headers: [.cookie: cookie])
            #expect(defaults.status == 200)
            #expect(defaults.json["ready"]?.bool == false, "the template's defaults lack the price")
        }
    }

    @Test(arguments: TestEngine.all)
    func onlyThoseWhoCreateContractsDraftThem(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let (viewer, viewerCSRF) = try await app.webSession(as: "viewer")
            #expect(try await app.call(.get, "/contracts/new/\(templateId)/preview", as: nil, headers: [.cookie: viewer]).status == 403)
            #expect(try await app.postForm("/contracts/new/\(templateId)/preview", [("_csrf", viewerCSRF)], cookie: viewer).status == 403)
            let anonymous = try await app.call(.get, "/contracts/new/\(templateId)/preview", as: nil)
            #expect(anonymous.status == 303 && anonymous.headers[.location]?.hasPrefix("/login") == true)
            let (sales, _) = try await app.webSession(as: "sales")
            #expect(try await app.postForm("/contracts/new/\(templateId)/preview", [("_csrf", "forged")], cookie: sales).status == 403)
            #expect(try await app.call(.get, "/contracts/new/00000000-0000-0000-0000-000000000000/preview", as: nil, headers: [.cookie: sales]).status == 404)
        }
    }

    @Test(arguments: TestEngine.all)
    func salesLandOnTheirRequestsWhichStartAContract(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            func landing(_ who: String, next: String = "") async throws -> String? {
                let (cookie, token) = try await app.loginForm()
                let body = "_csrf=\(token)&email=\(who)%40paraphe.test&password=correct+horse+battery&next=\(next)"
                return try await app.call(.post, "/login", as: nil, raw: ByteBuffer(string: body),
                                          headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]).headers[.location]
            }
            #expect(try await landing("sales") == "/requests")
            #expect(try await landing("legal") == "/dashboard")
            #expect(try await landing("viewer") == "/contracts")
            #expect(try await landing("sales", next: "%2Fclauses") == "/clauses", "a page asked for before signing in comes first")
            let (cookie, _) = try await app.webSession(as: "sales")
            let home = try await app.call(.get, "/requests", as: nil, headers: [.cookie: cookie]).text
            #expect(home.contains("Démarrer un contrat"))
            #expect(home.contains(#"href="/contracts/new/\#(templateId)""#))
            #expect(home.contains("Aucune demande en cours."))
        }
    }
}
