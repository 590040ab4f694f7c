import Foundation
import NIOCore
import ParapheCore
import ParapheServices
import ParapheStore
import Testing

/// The commitments register end to end: clauses that declare commitments, generation that creates them, a change
/// of clause that supersedes and adds them, status changes with their history, hand-written ones, reminders, the
/// register as JSON, CSV and pages.
@Suite struct ObligationTests {
    static let paymentClause = #"""
        {"key": "paymentTerms", "title": "Modalités de paiement", "category": "paiement",
         "body": "Les factures sont payables à trente (30) jours.",
         "obligations": [{"wording": "Payer les factures à 30 jours", "owedBy": "them", "ownerRole": "finance"}],
         "alternatives": [{"key": "payment60Days", "title": "Paiement à 60 jours", "body": "Les factures sont payables à soixante (60) jours.",
                           "isDerogation": true, "derogationCategory": "payment", "requiresApprovalBy": ["finance"],
                           "obligations": [{"wording": "Payer les factures à 60 jours", "owedBy": "them", "ownerRole": "finance"}]}]}
        """#

    static let referenceClause = #"""
        {"key": "publicReference", "title": "Référence commerciale", "category": "communication",
         "body": "Le Prestataire peut citer le Client comme référence.",
         "alternatives": [{"key": "noPublicReference", "title": "Pas de référence", "body": "Le Prestataire ne cite pas le Client.",
                           "isDerogation": true, "derogationCategory": "publicity", "requiresApprovalBy": ["legal"],
                           "obligations": [{"wording": "Ne jamais citer {{client.name}} publiquement", "owedBy": "us", "ownerRole": "sales"}]}]}
        """#

    static let serviceClause = #"""
        {"key": "serviceLevel", "title": "Niveau de service", "category": "service",
         "body": "Les prix sont gelés jusqu'au {{freezeUntil}} ; la disponibilité est revue chaque mois.",
         "obligations": [{"wording": "Prix gelés jusqu'au {{freezeUntil}}", "owedBy": "us", "ownerRole": "finance", "due": "freezeUntil"},
                         {"wording": "Revue mensuelle de la disponibilité (SLA 99,9 %)", "owedBy": "us", "ownerRole": "legal", "every": "P1M"}]}
        """#

    static let manifest = """
        title: "Abonnement — {{client.name}}"
        variables:
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
          - name: freezeUntil
            type: date
            label: Prix gelés jusqu'au
            required: true
        clauses:
          - id: prix
            title: Prix
            body: "Le prix annuel est de {{price}}."
          - id: paiement
            clause: paymentTerms
            alternatives: [payment60Days]
            custom: true
          - id: niveau
            clause: serviceLevel
          - id: reference
            clause: publicReference
            optional: true
        terms:
          amount: price
          startDate: startDate
        """

    static func publish(_ app: TestApp) async throws -> String {
        for clause in [paymentClause, referenceClause, serviceClause] {
            let r = try await app.call(.post, "/api/v1/clauses", as: "legal", json: clause)
            #expect(r.status == 201, "\(r.text)")
        }
        let created = try await app.call(.post, "/api/v1/templates", as: "legal", json: #"{"name": "Abonnement", "contractType": "msa", "language": "fr"}"#)
        let id = try #require(created.json["id"]?.string)
        let version = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal", raw: ByteBuffer(string: manifest),
                                         headers: [.contentType: "application/yaml"])
        #expect(version.status == 201, "\(version.text)")
        let published = try await app.call(.post, "/api/v1/templates/\(id)/versions/1/publish", as: "legal")
        #expect(published.status == 200, "\(published.text)")
        return id
    }

    static func counterparty(_ app: TestApp, _ name: String, kind: String = "customer") async throws -> String {
        let r = try await app.call(.post, "/api/v1/counterparties", as: "sales", json: #"{"name": "\#(name)", "kind": "\#(kind)"}"#)
        return try #require(r.json["id"]?.string, "\(r.text)")
    }

    static func generate(_ app: TestApp, template: String, counterparty: String, clauses: String) async throws -> String {
        let r = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
            {"templateId": "\(template)", "counterpartyId": "\(counterparty)",
             "variables": {"price": {"amount": "24000.00", "currency": "EUR"}, "startDate": "2026-04-01", "freezeUntil": "2026-12-31"},
             "clauses": \(clauses)}
            """)
        #expect(r.status == 201, "\(r.text)")
        return try #require(r.json["id"]?.string)
    }

    static func commitments(_ app: TestApp, _ query: String, as who: String = "legal") async throws -> [JSONValue] {
        let r = try await app.call(.get, "/api/v1/reports/obligations?\(query)", as: who)
        #expect(r.status == 200, "\(r.text)")
        #expect(r.json["nextCursor"] != nil, "a paged list writes nextCursor")
        return r.json["items"]?.array ?? []
    }

    static func wordings(_ items: [JSONValue], status: String? = nil) -> [String] {
        items.filter { status == nil || $0["status"]?.string == status }.compactMap { $0["wording"]?.string }.sorted()
    }

    @Test(arguments: TestEngine.all)
    func commitmentsFollowTheClausesChosenAndAnAcceptedChangeOfClause(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)
            let globex = try await Self.counterparty(app, "Globex SA")
            let initech = try await Self.counterparty(app, "Initech")
            // given two contracts generated with different choices
            let a = try await Self.generate(app, template: template, counterparty: globex, clauses: #"{"paymentTerms": "payment60Days", "publicReference": "noPublicReference"}"#)
            let b = try await Self.generate(app, template: template, counterparty: initech, clauses: #"{"publicReference": false}"#)

            // then each holds the commitments its clauses declare, worded and dated from its variables
            let ofA = try await Self.commitments(app, "contractId=\(a)")
            #expect(Self.wordings(ofA) == ["Ne jamais citer Globex SA publiquement", "Payer les factures à 60 jours",
                                           "Prix gelés jusqu'au 31 décembre 2026", "Revue mensuelle de la disponibilité (SLA 99,9 %)"])
            #expect(ofA.first { $0["wording"]?.string?.hasPrefix("Prix gelés") == true }?["dueOn"]?.string == "2026-12-31")
            let sla = try #require(ofA.first { $0["wording"]?.string?.hasPrefix("Revue") == true })
            #expect(sla["dueOn"]?.string == "2026-05-01" && sla["every"]?.string == "P1M", "a recurrence without a due date starts from the start date")
            #expect(ofA.first { $0["wording"]?.string?.hasPrefix("Ne jamais") == true }?["owedBy"]?.string == "us")
            #expect(ofA.allSatisfy { $0["status"]?.string == "open" && $0["origin"]?.string == "clause" && $0["counterparty"]?.string == "Globex SA" })
            let ofB = try await Self.commitments(app, "contractId=\(b)")
            #expect(Self.wordings(ofB) == ["Payer les factures à 30 jours", "Prix gelés jusqu'au 31 décembre 2026", "Revue mensuelle de la disponibilité (SLA 99,9 %)"])
            // and the register answers per customer, and per direction
            #expect(Self.wordings(try await Self.commitments(app, "counterpartyId=\(initech)")) == Self.wordings(ofB))
            #expect(Self.wordings(try await Self.commitments(app, "owedBy=them")) == ["Payer les factures à 30 jours", "Payer les factures à 60 jours"])

            // when the counterparty's ask is accepted: standard payment, and the publicity clause left out
            let frozen = try #require(ofA.first { $0["wording"]?.string?.hasPrefix("Prix gelés") == true }?["id"]?.string)
            let changed = try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales",
                                             json: #"{"clauses": {"paymentTerms": "standard", "publicReference": false}, "reason": "Demande du client acceptée"}"#)
            #expect(changed.status == 200, "\(changed.text)")
            // then the contract's clauses and documents follow
            let clauses = changed.json["clauses"]?.array ?? []
            #expect(clauses.first { $0["key"]?.string == "paymentTerms" }?["variant"]?.string == "standard")
            #expect(!clauses.contains { $0["key"]?.string == "publicReference" })
            #expect(changed.json["documents"]?.array?.compactMap { $0["version"]?.int } == [1, 2, 3, 4])
            // and the commitments: those of the text left are superseded, the new one added, the others untouched
            let after = try await Self.commitments(app, "contractId=\(a)")
            #expect(Self.wordings(after, status: "superseded") == ["Ne jamais citer Globex SA publiquement", "Payer les factures à 60 jours"])
            #expect(Self.wordings(after, status: "open") == ["Payer les factures à 30 jours", "Prix gelés jusqu'au 31 décembre 2026",
                                                            "Revue mensuelle de la disponibilité (SLA 99,9 %)"])
            #expect(after.first { $0["wording"]?.string?.hasPrefix("Prix gelés") == true }?["id"]?.string == frozen, "an untouched clause keeps its commitment")
            let superseded = try #require(after.first { $0["wording"]?.string == "Payer les factures à 60 jours" }?["id"]?.string)
            let history = try await app.call(.get, "/api/v1/obligations/\(superseded)", as: "legal").json["history"]?.array ?? []
            #expect(history.map { "\($0["from"]?.string ?? "-")>\($0["to"]?.string ?? "")" } == ["->open", "open>superseded"])
            // and the trail records the change, still valid
            let trail = try await app.call(.get, "/api/v1/contracts/\(a)/events?limit=100", as: "legal").json["items"]?.array ?? []
            let event = try #require(trail.first { $0["type"]?.string == "contract.clausesChanged" })
            #expect(event["data"]?["clauses"]?.array?.map { "\($0["key"]?.string ?? ""):\($0["from"]?.string ?? "")>\($0["to"]?.string ?? "")" }
                    == ["paymentTerms:payment60Days>standard", "publicReference:noPublicReference>omitted"])
            #expect(event["reason"]?.string == "Demande du client acceptée")
            #expect(try await app.call(.get, "/api/v1/contracts/\(a)/verify", as: "legal").json["auditChain"]?.string == "valid")
            // and the derogation filter no longer finds it
            let derogating = try await app.call(.get, "/api/v1/contracts?hasDerogation=true", as: "legal").json["items"]?.array ?? []
            #expect(!derogating.contains { $0["id"]?.string == a })

            // when nothing actually changes, nothing is written
            let same = try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales", json: #"{"clauses": {"paymentTerms": "standard"}}"#)
            #expect(same.json["documents"]?.array?.count == 4)
            // and a bad change is refused by name, with nothing written
            let bad = try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales", json: #"{"clauses": {"paymentTerms": "payment90Days"}}"#)
            #expect(bad.status == 422 && bad.fields == ["clauses.paymentTerms"], "\(bad.text)")
            let empty = try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales", json: #"{"clauses": {}}"#)
            #expect(empty.status == 422 && empty.fields == ["clauses"])
            // and someone who may not change the contract cannot change its clauses
            #expect(try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales2", json: #"{"clauses": {"publicReference": true}}"#).status == 404)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "viewer", json: #"{"clauses": {"publicReference": true}}"#).status == 403)
            #expect(try await Self.commitments(app, "contractId=\(a)").count == 5)
        }
    }

    @Test(arguments: TestEngine.all)
    func aChangeOfClauseUnderReviewOrAfterApprovalStartsApprovalOver(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)
            let globex = try await Self.counterparty(app, "Globex SA")
            let a = try await Self.generate(app, template: template, counterparty: globex, clauses: #"{"publicReference": "noPublicReference"}"#)
            // given the contract in review, waiting for legal because of its derogation
            let submitted = try await app.call(.post, "/api/v1/contracts/\(a)/transitions", as: "sales", json: #"{"to": "inReview"}"#)
            #expect(submitted.json["status"]?.string == "inReview", "\(submitted.text)")
            // when the derogation is given up, the request is withdrawn and the policy asked again: nothing left to approve
            let standard = try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales", json: #"{"clauses": {"publicReference": "standard"}}"#)
            #expect(standard.json["status"]?.string == "approved", "\(standard.text)")
            var trail = try await app.call(.get, "/api/v1/contracts/\(a)/events?limit=100", as: "legal").json["items"]?.array ?? []
            #expect(trail.contains { $0["type"]?.string == "approval.withdrawn" && $0["reason"]?.string == "terms changed during review: clauses.publicReference" })
            // when, approved, it takes the derogation again, it goes back to review and waits for legal
            let back = try await app.call(.patch, "/api/v1/contracts/\(a)/clauses", as: "sales", json: #"{"clauses": {"publicReference": "noPublicReference"}}"#)
            #expect(back.json["status"]?.string == "inReview", "\(back.text)")
            trail = try await app.call(.get, "/api/v1/contracts/\(a)/events?limit=100", as: "legal").json["items"]?.array ?? []
            #expect(trail.contains { $0["type"]?.string == "contract.sentBackToReview" && $0["reason"]?.string == "terms changed after approval: clauses.publicReference" })
            let pending = try await app.call(.get, "/api/v1/approvals?assignee=me&status=pending", as: "legal").json["items"]?.array ?? []
            #expect(pending.contains { $0["contract"]?["id"]?.string == a })
            // and its commitments followed each step: the publicity one superseded, then a new one
            let items = try await Self.commitments(app, "contractId=\(a)")
            #expect(items.filter { $0["wording"]?.string == "Ne jamais citer Globex SA publiquement" }.compactMap { $0["status"]?.string }.sorted() == ["open", "superseded"])
            #expect(try await app.call(.get, "/api/v1/contracts/\(a)/verify", as: "legal").json["auditChain"]?.string == "valid")
        }
    }

    @Test(arguments: TestEngine.all)
    func theContractPageChangesAClause(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)
            let globex = try await Self.counterparty(app, "Globex SA")
            let a = try await Self.generate(app, template: template, counterparty: globex, clauses: #"{"publicReference": false}"#)
            let (cookie, csrf) = try await app.webSession(as: "sales")
            let page = try await app.call(.get, "/contracts/\(a)", as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains("Modifier une clause (changement accepté)"))
            #expect(page.contains("value=\"paymentTerms=payment60Days\"") && page.contains("value=\"publicReference=noPublicReference\"") && page.contains("value=\"publicReference=standard\""))
            #expect(!page.contains("value=\"paymentTerms=standard\"") && !page.contains("value=\"publicReference=omit\""), "the text held is not offered")
            // a forged or empty form changes nothing
            #expect(try await app.postForm("/contracts/\(a)/clauses", [("_csrf", "forged"), ("change", "paymentTerms=payment60Days")], cookie: cookie).status == 403)
            let empty = try await app.postForm("/contracts/\(a)/clauses", [("_csrf", csrf), ("change", "")], cookie: cookie)
            #expect(empty.status == 422 && empty.text.contains("Choisissez la clause et le texte à retenir."))
            let unknown = try await app.postForm("/contracts/\(a)/clauses", [("_csrf", csrf), ("change", "paymentTerms=payment90Days")], cookie: cookie)
            #expect(unknown.status == 422)
            #expect(Self.wordings(try await Self.commitments(app, "contractId=\(a)&owedBy=them")) == ["Payer les factures à 30 jours"])
            // the change through the form: the commitments follow
            let done = try await app.postForm("/contracts/\(a)/clauses", [("_csrf", csrf), ("change", "paymentTerms=payment60Days"), ("reason", "Accepté en réunion")],
                                              cookie: cookie)
            #expect(done.status == 303 || done.status == 302, "\(done.text)")
            #expect(Self.wordings(try await Self.commitments(app, "contractId=\(a)&owedBy=them&status=open")) == ["Payer les factures à 60 jours"])
            // another rep sees no such form, and cannot post one
            let (otherCookie, otherCsrf) = try await app.webSession(as: "sales2")
            #expect(try await app.postForm("/contracts/\(a)/clauses", [("_csrf", otherCsrf), ("change", "paymentTerms=standard")], cookie: otherCookie).status == 404)
        }
    }

    @Test(arguments: TestEngine.all)
    func editingAClauseOnItsPageKeepsTheCommitmentsItDeclares(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            _ = try await Self.publish(app)
            let (cookie, csrf) = try await app.webSession(as: "legal")
            let form = try await app.call(.get, "/clauses/paymentTerms/edit", as: nil, headers: [.cookie: cookie]).text
            #expect(form.contains("Engagements déclarés") && form.contains("Payer les factures à 60 jours"))
            let edited = try await app.postForm("/clauses/paymentTerms/edit", [
                ("_csrf", csrf), ("title", "Modalités de paiement"), ("category", "paiement"), ("body", "Les factures sont payables à trente (30) jours nets."),
                ("alternatives[0].key", "payment60Days"), ("alternatives[0].title", "Paiement à 60 jours"),
                ("alternatives[0].body", "Les factures sont payables à soixante (60) jours."), ("alternatives[0].isDerogation", "on"),
                ("alternatives[0].derogationCategory", "payment"), ("alternatives[0].approver.finance", "on"),
            ], cookie: cookie)
            #expect(edited.status == 303 || edited.status == 302, "\(edited.text)")
            let clause = try await app.call(.get, "/api/v1/clauses/paymentTerms", as: "legal").json
            #expect(clause["version"]?.int == 2)
            #expect(clause["obligations"]?.array?.compactMap { $0["wording"]?.string } == ["Payer les factures à 30 jours"])
            #expect(clause["alternatives"]?[0]?["obligations"]?.array?.compactMap { $0["wording"]?.string } == ["Payer les factures à 60 jours"])
            // and a declaration naming a viewer, or a zero recurrence, is refused by name
            let bad = try await app.call(.patch, "/api/v1/clauses/paymentTerms", as: "legal", json: #"""
                {"obligations": [{"wording": "x", "owedBy": "us", "ownerRole": "viewer", "every": "P0D"}]}
                """#)
            #expect(bad.status == 422 && Set(bad.fields) == ["obligations[0].ownerRole", "obligations[0].every"], "\(bad.text)")
        }
    }

    @Test(arguments: TestEngine.all)
    func statusesKeepAnInsertOnlyHistoryAndOnlyTheirOwnersChangeThem(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)
            let globex = try await Self.counterparty(app, "Globex SA")
            let a = try await Self.generate(app, template: template, counterparty: globex, clauses: #"{"publicReference": "noPublicReference"}"#)
            let items = try await Self.commitments(app, "contractId=\(a)")
            let publicity = try #require(items.first { $0["ownerRole"]?.string == "sales" }?["id"]?.string)
            let sla = try #require(items.first { $0["ownerRole"]?.string == "legal" }?["id"]?.string)
            let payment = try #require(items.first { $0["ownerRole"]?.string == "finance" && $0["every"] == nil && $0["dueOn"] == nil }?["id"]?.string)

            // breached and waived need a note; superseded is Paraphe's; an unknown status is named
            let noNote = try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "sales", json: #"{"status": "breached"}"#)
            #expect(noNote.status == 422 && noNote.fields == ["note"], "\(noNote.text)")
            #expect(try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "sales", json: #"{"status": "superseded"}"#).fields == ["status"])
            #expect(try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "sales", json: #"{"status": "done"}"#).fields == ["status"])
            #expect(try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "sales", json: #"{"status": "open"}"#).status == 409, "already open")

            // the owner (sales, on their contract) answers for the sales commitment; not for legal's, nor may another rep
            #expect(try await app.call(.patch, "/api/v1/obligations/\(sla)", as: "sales", json: #"{"status": "met"}"#).status == 403)
            #expect(try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "sales2", json: #"{"status": "met"}"#).status == 404)
            #expect(try await app.call(.get, "/api/v1/obligations/\(publicity)", as: "sales2").status == 404)
            #expect(try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "viewer", json: #"{"status": "met"}"#).status == 403)
            // finance, who sees every contract, answers for the finance commitment
            #expect(try await app.call(.patch, "/api/v1/obligations/\(payment)", as: "finance", json: #"{"status": "met"}"#).status == 200)
            let breached = try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "sales",
                                              json: #"{"status": "breached", "note": "Logo vu sur le salon VivaTech"}"#)
            #expect(breached.status == 200 && breached.json["status"]?.string == "breached", "\(breached.text)")
            let waived = try await app.call(.patch, "/api/v1/obligations/\(publicity)", as: "legal", json: #"{"status": "waived", "note": "Accord écrit du client"}"#)
            #expect(waived.json["history"]?.array?.map { "\($0["to"]?.string ?? ""):\($0["note"]?.string ?? "")" }
                    == ["open:", "breached:Logo vu sur le salon VivaTech", "waived:Accord écrit du client"])

            // a recurring commitment met moves to its next due date and stays open; the occurrence is in the history
            let met = try await app.call(.patch, "/api/v1/obligations/\(sla)", as: "legal", json: #"{"status": "met"}"#).json
            #expect(met["status"]?.string == "open" && met["dueOn"]?.string == "2026-06-01")
            #expect(met["history"]?.array?.last?["dueOn"]?.string == "2026-05-01")

            // every change is in the contract's trail, which stays valid
            let trail = try await app.call(.get, "/api/v1/contracts/\(a)/events?limit=100", as: "legal").json["items"]?.array ?? []
            #expect(trail.filter { $0["type"]?.string == "obligation.changed" }.count == 4)
            #expect(try await app.call(.get, "/api/v1/contracts/\(a)/verify", as: "legal").json["auditChain"]?.string == "valid")
            // and the history table has no statement that rewrites it: its rows are the ones written, in order
            let rows = try await app.withServices { services in
                try await services.database.read { try await $0.obligationEvents(of: Obligation.ID(publicity)!).count }
            }
            #expect(rows == 3)
        }
    }

    @Test(arguments: TestEngine.all)
    func legalAddsCommitmentsByHandAndOwnersAreRemindedOnce(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: RenewalAppTests.longTokens) { app in
            let id = try await RenewalAppTests.inForce(app, endDate: "2027-06-30")
            // legal writes a commitment no clause declares; sales may not, and bad input is named field by field
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/obligations", as: "sales",
                                       json: #"{"wording": "Audit", "owedBy": "us", "ownerRole": "legal"}"#).status == 403)
            let bad = try await app.call(.post, "/api/v1/contracts/\(id)/obligations", as: "legal",
                                         json: #"{"wording": " ", "owedBy": "nous", "ownerRole": "boss", "dueOn": "31/12/2026", "every": "monthly"}"#)
            #expect(Set(bad.fields) == ["wording", "owedBy", "ownerRole", "dueOn", "every"], "\(bad.text)")
            let recurringWithoutDate = try await app.call(.post, "/api/v1/contracts/\(id)/obligations", as: "legal",
                                                          json: #"{"wording": "Rapport", "owedBy": "us", "ownerRole": "legal", "every": "P1M"}"#)
            #expect(recurringWithoutDate.fields == ["dueOn"])
            let added = try await app.call(.post, "/api/v1/contracts/\(id)/obligations", as: "legal",
                                           json: #"{"wording": "Remettre le rapport de sécurité", "owedBy": "us", "ownerRole": "legal", "dueOn": "2026-03-06", "every": "P1M"}"#)
            #expect(added.status == 201 && added.json["origin"]?.string == "manual", "\(added.text)")
            let obligation = try #require(added.json["id"]?.string)
            let trail = try await app.call(.get, "/api/v1/contracts/\(id)/events?limit=100", as: "legal").json["items"]?.array ?? []
            #expect(trail.filter { $0["type"]?.string == "obligation.added" }.count == 1)

            func reminders() async throws -> [JSONValue] {
                let mails = try await app.call(.get, "/api/v1/mails?limit=500", as: "admin").json["items"]?.array ?? []
                return mails.filter { $0["subject"]?.string?.hasPrefix("Engagement à échéance") == true }
            }
            // when the worker runs four days before the due date (within the 7 days), legal is reminded once
            try await app.runJobs(recurring: true)
            var sent = try await reminders()
            #expect(sent.compactMap { $0["recipient"]?.string } == ["legal@paraphe.test"])
            #expect(sent.first?["body"]?.string?.contains("« Remettre le rapport de sécurité »") == true)
            #expect(sent.first?["body"]?.string?.contains("le 6 mars 2026, dans 4 jours") == true, "\(sent)")
            #expect(sent.first?["body"]?.string?.contains("/contracts/\(id)#obligations") == true)
            // and not again: another run, a restart, a clock jump back and forth
            try await app.withServices { try await ObligationWorkflow(services: $0).remind() }
            try await app.runJobs(recurring: true)
            app.clock.advance(3 * 86400)
            try await app.withServices { try await ObligationWorkflow(services: $0).remind() }
            app.clock.advance(-5 * 86400)
            try await app.withServices { try await ObligationWorkflow(services: $0).remind() }
            #expect(try await reminders().count == 1)
            let inbox = try await app.call(.get, "/api/v1/inbox", as: "legal").json["items"]?.array ?? []
            #expect(inbox.filter { $0["kind"]?.string == "obligation.due" }.count == 1)

            // when it is met, the next occurrence (6 April) is reminded in its turn, once
            #expect(try await app.call(.patch, "/api/v1/obligations/\(obligation)", as: "legal", json: #"{"status": "met"}"#).json["dueOn"]?.string == "2026-04-06")
            app.clock.advance(30 * 86400)
            try await app.withServices { try await ObligationWorkflow(services: $0).remind() }
            try await app.withServices { try await ObligationWorkflow(services: $0).remind() }
            sent = try await reminders()
            #expect(sent.count == 2)
            #expect(sent.contains { $0["subject"]?.string?.contains("6 avril 2026") == true })
            #expect(try await app.call(.get, "/api/v1/obligations/\(obligation)", as: "legal").json["remindedFor"]?.array?.compactMap(\.string)
                    == ["2026-03-06", "2026-04-06"])
        }
    }

    @Test(arguments: TestEngine.all)
    func theRegisterFiltersExportsAndShowsItsPages(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)
            let globex = try await Self.counterparty(app, "Globex SA")
            let acme = try await Self.counterparty(app, "Acme Fournitures", kind: "supplier")
            let a = try await Self.generate(app, template: template, counterparty: globex, clauses: #"{"publicReference": "noPublicReference"}"#)
            _ = try await Self.generate(app, template: template, counterparty: acme, clauses: #"{"publicReference": false}"#)

            // filters combine; a bad one is named
            #expect(try await Self.commitments(app, "counterpartyKind=supplier&owedBy=us").count == 2)
            #expect(try await Self.commitments(app, "dueBy=2026-05-31").count == 2)
            #expect(try await Self.commitments(app, "status=open,met").count == 7)
            #expect(try await Self.commitments(app, "phase=inProgress").count == 7, "the drafts are in progress")
            #expect(try await Self.commitments(app, "phase=inForce,ended").isEmpty)
            let bad = try await app.call(.get, "/api/v1/reports/obligations?status=late&owedBy=me&dueBy=demain&counterpartyId=x&phase=signed", as: "legal")
            #expect(bad.status == 422 && Set(bad.fields) == ["status", "owedBy", "dueBy", "counterpartyId", "phase"], "\(bad.text)")
            // pages of two, then the rest, nothing lost or repeated
            let first = try await app.call(.get, "/api/v1/reports/obligations?limit=2", as: "legal").json
            let cursor = try #require(first["nextCursor"]?.string)
            let rest = try await app.call(.get, "/api/v1/reports/obligations?limit=10&cursor=\(cursor)", as: "legal").json["items"]?.array ?? []
            let all = (first["items"]?.array ?? []) + rest
            #expect(Set(all.compactMap { $0["id"]?.string }).count == 7 && all.count == 7)
            #expect(all.compactMap { $0["dueOn"]?.string } == all.compactMap { $0["dueOn"]?.string }.sorted(), "soonest first")
            // a sales rep sees the commitments of their own contracts only
            #expect(try await Self.commitments(app, "", as: "sales2").isEmpty)

            // the CSV opens in a spreadsheet: BOM, French header, semicolons
            let csv = try await app.call(.get, "/api/v1/reports/obligations?counterpartyId=\(globex)", as: "legal", headers: [.accept: "text/csv"])
            #expect(csv.text.hasPrefix("\u{FEFF}Référence;Contrat;Cocontractant;Type;Engagement;Dû par;Responsable;Échéance"), "\(csv.text)")
            #expect(csv.text.contains("Ne jamais citer Globex SA publiquement;Nous;ventes;;;À tenir;publicReference"))
            #expect(csv.text.split(separator: "\r\n").count == 5 || csv.text.split(separator: "\n").count == 5)

            // the pages: the register grouped by counterparty, a commitment with its history, its change through the form
            let (cookie, csrf) = try await app.webSession(as: "legal")
            let page = try await app.call(.get, "/reports/obligations?owedBy=us", as: nil, headers: [.cookie: cookie])
            #expect(page.status == 200)
            #expect(page.text.contains("Registre des engagements") && page.text.contains("Acme Fournitures") && page.text.contains("Ne jamais citer Globex SA publiquement"))
            #expect(!page.text.contains("Payer les factures"), "what they owe us is on the other tab")
            let badPage = try await app.call(.get, "/reports/obligations?dueBy=demain&phase=signed", as: nil, headers: [.cookie: cookie])
            #expect(badPage.status == 422 && badPage.text.contains("Date attendue au format AAAA-MM-JJ.") && badPage.text.contains("Choisissez en vigueur, en cours ou terminés."))
            let inProgress = try await app.call(.get, "/reports/obligations?phase=inProgress&owedBy=us", as: nil, headers: [.cookie: cookie]).text
            #expect(inProgress.contains("Ne jamais citer Globex SA publiquement") && inProgress.contains(#"<option value="inProgress" selected>"#))
            let publicity = try #require(try await Self.commitments(app, "contractId=\(a)&owedBy=us").first { $0["ownerRole"]?.string == "sales" }?["id"]?.string)
            let refused = try await app.postForm("/obligations/\(publicity)", [("_csrf", csrf), ("status", "waived"), ("note", "")], cookie: cookie)
            #expect(refused.status == 422 && refused.text.contains("la note est obligatoire"))
            let forged = try await app.postForm("/obligations/\(publicity)", [("_csrf", "forged"), ("status", "met")], cookie: cookie)
            #expect(forged.status == 403)
            let done = try await app.postForm("/obligations/\(publicity)", [("_csrf", csrf), ("status", "met"), ("note", "Vérifié")], cookie: cookie)
            #expect(done.status == 303 || done.status == 302)
            let detail = try await app.call(.get, "/obligations/\(publicity)", as: nil, headers: [.cookie: cookie])
            #expect(detail.text.contains("Historique") && detail.text.contains("À tenir → Respecté") && detail.text.contains("Vérifié"))
            // the contract's page lists them and lets legal add one; a bad form is answered on the page
            let contract = try await app.call(.get, "/contracts/\(a)", as: nil, headers: [.cookie: cookie])
            #expect(contract.text.contains("id=\"obligations\"") && contract.text.contains("Ajouter un engagement"))
            let badAdd = try await app.postForm("/contracts/\(a)/obligations", [("_csrf", csrf), ("wording", ""), ("owedBy", "us"), ("ownerRole", "legal")],
                                                cookie: cookie)
            #expect(badAdd.status == 422 && badAdd.text.contains("Engagement : Champ obligatoire."))
            let add = try await app.postForm("/contracts/\(a)/obligations", [("_csrf", csrf), ("wording", "Envoyer le bilan annuel"), ("owedBy", "us"),
                                                                            ("ownerRole", "legal"), ("dueOn", "2026-12-15"), ("every", "")], cookie: cookie)
            #expect(add.status == 303 || add.status == 302, "\(add.text)")
            #expect(Self.wordings(try await Self.commitments(app, "contractId=\(a)")).contains("Envoyer le bilan annuel"))
            // sales see the card but not the form
            let (salesCookie, _) = try await app.webSession(as: "sales")
            let salesView = try await app.call(.get, "/contracts/\(a)", as: nil, headers: [.cookie: salesCookie]).text
            #expect(salesView.contains("Envoyer le bilan annuel") && !salesView.contains("Ajouter un engagement"))
        }
    }
}
