import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing
import ParapheServices

/// The template editor and the new-contract wizard, through the server-rendered forms.
@Suite struct TemplateWebTests {
    @Test(arguments: TestEngine.all)
    func wizardGeneratesAContractWithErrorsInPlace(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let counterparty = try await TemplateAPITests.customer(app)
            let (cookie, csrf) = try await app.webSession(as: "sales")

            // the picker lists the published template
            let picker = try await app.call(.get, "/contracts/new", as: nil, headers: [.cookie: cookie]).text
            #expect(picker.contains("/contracts/new/\(templateId)"))
            #expect(picker.contains("?manual=1"))

            let form = try await app.call(.get, "/contracts/new/\(templateId)", as: nil, headers: [.cookie: cookie])
            #expect(form.status == 200)
            #expect(form.text.contains("Prix annuel HT"))
            #expect(form.text.contains("Dérogation · validation finance"))
            #expect(form.text.contains(#"name="variables.duration.count" type="number" value="12""#))

            // a missing price is shown on its own field, and the live preview says what is missing
            let missing = try await app.postForm("/contracts/new/\(templateId)", [("_csrf", csrf), ("counterpartyId", counterparty),
                                                                              ("variables.startDate", "2026-03-01"), ("variables.duration.count", "12"),
                                                                              ("variables.duration.unit", "M")], cookie: cookie)
            #expect(missing.status == 422)
            #expect(missing.text.contains(#"id="variables.price-error""#))
            #expect(missing.text.contains("<a href=\"#variables.price.amount\">Prix annuel HT\u{00A0}: Champ obligatoire.</a>"),
                    "the summary names the field by its label and links to its input")
            let partial = try await app.postForm("/contracts/new/\(templateId)/preview", [("_csrf", csrf), ("variables.startDate", "2026-03-01")], cookie: cookie)
            #expect(partial.text.contains("Prix annuel HT"))

            let fields = [("_csrf", csrf), ("counterpartyId", counterparty), ("variables.price.amount", "48 000,00"), ("variables.price.currency", "EUR"),
                          ("variables.startDate", "2026-03-01"), ("variables.duration.count", "2"), ("variables.duration.unit", "Y"),
                          ("clauses.paymentTerms", "payment60Days"), ("clauses.publicReference", "standard")]
            let preview = try await app.postForm("/contracts/new/\(templateId)/preview", fields, cookie: cookie)
            #expect(preview.text.contains("quarante-huit mille euros"))
            #expect(preview.text.contains("soixante (60) jours"))
            #expect(preview.text.contains("29 février 2028"), "2028 is a leap year")

            let created = try await app.postForm("/contracts/new/\(templateId)", fields, cookie: cookie)
            #expect(created.status == 303, "\(created.text)")
            let location = try #require(created.headers[.location])
            #expect(location.hasSuffix("?done=contract-created"))
            let page = try await app.call(.get, location, as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains(#"<div class="toast" role="status">Contrat créé.</div>"#), "the action says it worked")
            #expect(page.contains(#"value="inReview" class="secondary" data-confirm="Envoyer ce contrat en revue ?"#), "submitting asks first")
            #expect(page.contains(#"value="cancelled" class="secondary" data-confirm="Annuler ce contrat ? C&#39;est définitif."#)
                    || page.contains(#"value="cancelled" class="secondary" data-confirm="Annuler ce contrat ? C'est définitif."#), "cancelling asks first")
            #expect(page.contains(">1 dérogation<"), "one derogation, in the singular")
            #expect(page.contains("Dérogation · Paiement à 60 jours · validation finance"), "the alternative and its approvers by their names")
            #expect(!page.contains("payment60Days"))
            #expect(page.contains("Généré depuis un modèle"))
        }
    }

    @Test(arguments: TestEngine.all)
    func templateEditorShowsErrorsAtTheirLineAndPublishes(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, csrf) = try await app.webSession(as: "legal")
            let created = try await app.postForm("/templates", [("_csrf", csrf), ("name", "NDA <test>"), ("contractType", "nda"), ("language", "fr")], cookie: cookie)
            #expect(created.status == 303)
            let location = try #require(created.headers[.location])
            let editor = try await app.call(.get, location, as: nil, headers: [.cookie: cookie]).text
            #expect(editor.contains("NDA &lt;test&gt;"))
            #expect(editor.contains("Accord de confidentialité"), "starts from the starter manifest")

            let broken = "title: NDA\nclauses:\n  - id: a\n    title: Objet\n    when: prix > 3\n    body: x\n"
            let rejected = try await app.postForm("\(location)/versions", [("_csrf", csrf), ("source", broken), ("then", "publish")], cookie: cookie)
            #expect(rejected.status == 422)
            #expect(rejected.text.contains("Ligne 3"))
            #expect(rejected.text.contains("variable inconnue « prix »"), "manifest errors read in French")
            #expect(rejected.text.contains(#"id="line-3""#))

            let fixed = broken.replacingOccurrences(of: "    when: prix > 3\n", with: "")
            let published = try await app.postForm("\(location)/versions", [("_csrf", csrf), ("source", fixed), ("then", "publish")], cookie: cookie)
            #expect(published.status == 303)
            let page = try await app.call(.get, try #require(published.headers[.location]), as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains("Version publiée"))
            #expect(page.contains("Remplacée") == false)
            #expect(page.contains("Brouillon"), "v1 stays a draft")

            // a sales rep sees the template but no editor
            let (salesCookie, _) = try await app.webSession(as: "sales")
            let readOnly = try await app.call(.get, location, as: nil, headers: [.cookie: salesCookie]).text
            #expect(!readOnly.contains("<textarea"))
        }
    }

    @Test(arguments: TestEngine.all)
    func clauseFormMakesVersions(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, csrf) = try await app.webSession(as: "legal")
            let bad = try await app.postForm("/clauses/new", [("_csrf", csrf), ("key", "1x"), ("title", ""), ("category", "paiement"), ("body", "Texte")], cookie: cookie)
            #expect(bad.status == 422)
            let ok = try await app.postForm("/clauses/new", [("_csrf", csrf), ("key", "publicReference"), ("title", "Référence"), ("category", "communication"),
                                                          ("body", "Le Prestataire peut citer le Client."),
                                                          ("alternatives[0].key", "noPublicReference"), ("alternatives[0].title", "Pas de référence"),
                                                          ("alternatives[0].body", "Aucune citation."), ("alternatives[0].isDerogation", "on"),
                                                          ("alternatives[0].derogationCategory", "publicity"), ("alternatives[0].approver.legal", "on")], cookie: cookie)
            #expect(ok.status == 303, "\(ok.text)")
            let clause = try await app.call(.get, "/api/v1/clauses/publicReference", as: "legal").json
            #expect(clause["alternatives"]?[0]?["requiresApprovalBy"]?[0]?.string == "legal")
            let edited = try await app.postForm("/clauses/publicReference/edit", [("_csrf", csrf), ("title", "Référence commerciale"), ("category", "communication"),
                                                                               ("body", "Le Prestataire peut citer le Client."),
                                                                               ("alternatives[0].key", "noPublicReference"), ("alternatives[0].title", "Pas de référence"),
                                                                               ("alternatives[0].body", "Aucune citation."), ("alternatives[0].isDerogation", "on"),
                                                                               ("alternatives[0].derogationCategory", "publicity")], cookie: cookie)
            #expect(edited.status == 303)
            #expect(try await app.call(.get, "/api/v1/clauses/publicReference", as: "legal").json["version"]?.int == 2)
            let library = try await app.call(.get, "/clauses", as: nil, headers: [.cookie: cookie]).text
            #expect(library.contains("Référence commerciale") && library.contains("Dérogation · communication"), "the category in French")
            #expect(!library.contains("**"), "clause text is rendered, never shown as markdown")
            let found = try await app.call(.get, "/clauses?q=citation", as: nil, headers: [.cookie: cookie]).text
            #expect(found.contains("Référence commerciale") && !found.contains("Modalités de paiement"), "the search finds the clause by its alternative's text")
            let none = try await app.call(.get, "/clauses?q=introuvable", as: nil, headers: [.cookie: cookie]).text
            #expect(none.contains("Aucune clause ne correspond à « introuvable »."))
        }
    }
}
