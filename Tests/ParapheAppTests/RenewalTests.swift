import Foundation
import NIOCore
import ParapheCore
import ParapheServices
import ParapheStore
import Testing

/// Renewals end to end: contracts brought into force through the API, alerts through the job worker, decisions
/// through the API and the pages, the calendar as JSON, CSV and HTML.
@Suite struct RenewalAppTests {
    /// A contract of `who` taken through review and a copy signed elsewhere into force; returns its id.
    static func inForce(_ app: TestApp, as who: String = "sales", title: String = "Abonnement", type: String = "msa", endDate: String = "2026-06-30",
                        renewal: String = #"{"mode": "tacit", "period": "P12M", "notice": "P2M"}"#) async throws -> String {
        let created = try await app.call(.post, "/api/v1/contracts", as: who, json: """
            {"title": "\(title)", "type": "\(type)", "amount": {"amount": "12000.00", "currency": "EUR"}, "startDate": "2025-07-01",
             "endDate": "\(endDate)", "renewal": \(renewal)}
            """)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"]?.string)
        #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: who, json: #"{"to": "inReview"}"#).json["status"]?.string == "approved")
        let boundary = "RenewalBoundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nSigné sur papier\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"signe.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += SamplePDF.make("Exemplaire signé") + Data("\r\n--\(boundary)--\r\n".utf8)
        let signed = try await app.call(.post, "/api/v1/contracts/\(id)/signed-elsewhere", as: who == "legal" ? "admin" : "legal", raw: ByteBuffer(data: body),
                                        headers: [.contentType: "multipart/form-data; boundary=\(boundary)"])
        #expect(signed.json["status"]?.string == "signed", "\(signed.text)")
        #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: who, json: #"{"to": "active"}"#).json["status"]?.string == "active")
        return id
    }

    /// The tests move the clock by months: the API tokens issued at the start must outlive them.
    static func longTokens(_ config: inout AppConfig) { config.apiTokenLifetime = 3650 * 86400 }

    static func renewalMails(_ app: TestApp) async throws -> [JSONValue] {
        let mails = try await app.call(.get, "/api/v1/mails?limit=500", as: "admin").json["items"]?.array ?? []
        return mails.filter { $0["subject"]?.string?.contains("Préavis à donner") == true || $0["subject"]?.string?.contains("Notice due") == true }
    }

    static func alertStates(_ app: TestApp, _ id: String) async throws -> [String] {
        try await app.withServices { services in
            try await services.database.read { s in
                try await s.renewalAlerts(of: Contract.ID(id)!).map { "\($0.daysBefore):\($0.state.rawValue)" }
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func alertsGoOutOnceAcrossRestartsAndClockJumps(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: Self.longTokens) { app in
            // given a tacit renewal on 1 July 2026, two months' notice: due by 1 May, 60 days after today (2 March)
            let id = try await Self.inForce(app)
            let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(contract["renewal"]?["noticeDeadline"]?.string == "2026-05-01")
            // when the worker runs: the 90-day window is open
            try await app.runJobs(recurring: true)
            // then the owner and legal each get one mail and one inbox entry, and the trail says so
            var mails = try await Self.renewalMails(app)
            #expect(mails.compactMap { $0["recipient"]?.string }.sorted() == ["legal@paraphe.test", "sales@paraphe.test"])
            let toSales = try #require(mails.first { $0["recipient"]?.string == "sales@paraphe.test" })
            #expect(toSales["body"]?.string?.contains("se reconduit tacitement le 1er juillet 2026 pour 12 mois") == true, "\(toSales)")
            #expect(toSales["body"]?.string?.contains("au plus tard le 1er mai 2026, dans 60 jours") == true)
            #expect(toSales["body"]?.string?.contains("/contracts/\(id)#renewal") == true)
            let inbox = try await app.call(.get, "/api/v1/inbox", as: "sales").json["items"]?.array ?? []
            #expect(inbox.filter { $0["kind"]?.string == "renewal.notice" }.count == 1)
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events?limit=100", as: "legal").json["items"]?.array ?? []
            #expect(events.filter { $0["type"]?.string == "renewal.alerted" }.count == 1)
            #expect(try await Self.alertStates(app, id) == ["90:sent"])

            // when the scan runs again, and again after a restart (fresh services on the same database)
            try await app.withServices { try await RenewalWorkflow(services: $0).scanAlerts() }
            try await app.runJobs(recurring: true)
            try await app.withServices { try await RenewalWorkflow(services: $0).scanAlerts() }
            try await app.runJobs()
            // then nothing more is sent
            #expect(try await Self.renewalMails(app).count == 2)

            // when the clock jumps 56 days, past the 30-day window into the 7-day one
            app.clock.advance(56 * 86400)
            try await app.runJobs(recurring: true)
            // then one alert goes out, the closest, and the 30-day one is covered by it
            mails = try await Self.renewalMails(app)
            #expect(mails.count == 4)
            #expect(mails.filter { $0["body"]?.string?.contains("dans 4 jours") == true }.count == 2)
            #expect(try await Self.alertStates(app, id) == ["90:sent", "30:superseded", "7:sent"])

            // when the clock jumps back twenty days, into the 30-day window again
            app.clock.advance(-20 * 86400)
            try await app.runJobs(recurring: true)
            try await app.withServices { try await RenewalWorkflow(services: $0).scanAlerts() }
            try await app.runJobs()
            // then nothing is sent twice
            #expect(try await Self.renewalMails(app).count == 4)

            // when the renewal date passes, the hourly roll renews the contract, audited, into its next term
            app.clock.advance(120 * 86400)
            try await app.runJobs(recurring: true)
            let renewed = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(renewed["status"]?.string == "renewed")
            #expect(renewed["renewal"]?["currentTermEnd"]?.string == "2027-06-30")
            #expect(renewed["renewal"]?["noticeDeadline"]?.string == "2027-05-01")
            let trail = try await app.call(.get, "/api/v1/contracts/\(id)/events?limit=100", as: "legal").json["items"]?.array ?? []
            let roll = try #require(trail.first { $0["type"]?.string == "renewal.renewed" })
            #expect(roll["data"]?["from"]?.string == "2026-07-01" && roll["data"]?["termEnd"]?.string == "2027-06-30")
            #expect(trail.filter { $0["type"]?.string == "renewal.renewed" }.count == 1, "rolled once")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["auditChain"]?.string == "valid")
            // and the filter on stored dates speaks of the next deadline
            let due = try await app.call(.get, "/api/v1/contracts?renewalNoticeBefore=2027-05-02", as: "legal").json["items"]?.array ?? []
            #expect(due.compactMap { $0["id"]?.string } == [id])
        }
    }

    @Test(arguments: TestEngine.all)
    func aBacklogOrAChangeBeforeTheRollLosesNothingAndSendsNothingTwice(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: Self.longTokens) { app in
            let id = try await Self.inForce(app)
            // given the 90-day alert recorded but its job not yet run (a backlog), and the clock jumping to 4 days before
            try await app.withServices { try await RenewalWorkflow(services: $0).scanAlerts() }
            app.clock.advance(56 * 86400)
            try await app.withServices { try await RenewalWorkflow(services: $0).scanAlerts() }
            // when the jobs run
            try await app.runJobs()
            // then only the closest alert goes out
            #expect(try await Self.renewalMails(app).count == 2)
            #expect(try await Self.alertStates(app, id) == ["90:superseded", "30:superseded", "7:sent"])

            // given the renewal date (1 July) passed, and notice given for the new term before the hourly roll ran
            app.clock.advance(66 * 86400)
            let decided = try await app.call(.post, "/api/v1/contracts/\(id)/renewal-decision", as: "sales", json: #"{"decision": "terminate"}"#)
            #expect(decided.json["renewal"]?["decision"]?["termEnd"]?.string == "2027-06-30", "\(decided.text)")
            // when the roll runs, the renewal of 1 July is recorded all the same, then the contract ends after the new term
            try await app.withServices { try await RenewalWorkflow(services: $0).roll() }
            let trail = try await app.call(.get, "/api/v1/contracts/\(id)/events?limit=100", as: "legal").json["items"]?.array ?? []
            #expect(trail.first { $0["type"]?.string == "renewal.renewed" }?["data"]?["from"]?.string == "2026-07-01")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "renewed")
            app.clock.advance(365 * 86400)
            try await app.withServices { try await RenewalWorkflow(services: $0).roll() }
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "terminated")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["auditChain"]?.string == "valid")
        }
    }

    @Test(arguments: TestEngine.all)
    func decisionsRecordDriveTheContractAndPrepareTheLetter(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: Self.longTokens) { app in
            let id = try await Self.inForce(app)
            let path = "/api/v1/contracts/\(id)/renewal-decision"
            // bad input names its field; others may not decide
            #expect(try await app.call(.post, path, as: "sales", json: #"{"decision": "maybe"}"#).fields == ["decision"])
            #expect(try await app.call(.post, path, as: "sales", json: #"{}"#).status == 422)
            #expect(try await app.call(.post, path, as: "sales", json: #"{"decision": "terminate", "comment": "\#(String(repeating: "x", count: 2001))"}"#).fields == ["comment"])
            #expect(try await app.call(.post, path, as: "viewer", json: #"{"decision": "terminate"}"#).status == 403)
            #expect(try await app.call(.post, path, as: "finance", json: #"{"decision": "terminate"}"#).status == 403)
            #expect(try await app.call(.post, path, as: "sales2", json: #"{"decision": "terminate"}"#).status == 404)
            #expect(try await app.call(.post, path, as: nil, json: #"{"decision": "terminate"}"#).status == 401)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["renewal"]?["decision"] == nil, "nothing recorded")
            // a draft has nothing to decide
            let draft = try #require(try await app.createContract()["id"]?.string)
            let refused = try await app.call(.post, "/api/v1/contracts/\(draft)/renewal-decision", as: "sales", json: #"{"decision": "renew"}"#)
            #expect(refused.status == 409 && refused.json["type"]?.string?.hasSuffix("renewal-refused") == true, "\(refused.text)")

            // when the owner terminates before the deadline
            let decided = try await app.call(.post, path, as: "sales", json: #"{"decision": "terminate", "comment": "Client perdu"}"#)
            #expect(decided.status == 200, "\(decided.text)")
            // then the decision is on the contract, no renewal follows, and the notice letter is among its documents
            #expect(decided.json["renewal"]?["decision"]?["decision"]?.string == "terminate")
            #expect(decided.json["renewal"]?["endsOn"]?.string == "2026-06-30")
            #expect(decided.json["renewal"]?["nextRenewalDate"] == nil || decided.json["renewal"]?["nextRenewalDate"] == .null)
            let letters = decided.json["documents"]?.array?.filter { $0["source"]?.string == "notice" } ?? []
            #expect(letters.compactMap { $0["format"]?.string }.sorted() == ["docx", "pdf"])
            let pdfId = try #require(letters.first { $0["format"]?.string == "pdf" }?["id"]?.string)
            let pdf = try await app.call(.get, "/api/v1/documents/\(pdfId)/content", as: "sales")
            #expect(pdf.status == 200 && pdf.text.hasPrefix("%PDF-"))
            let bytes = Data(buffer: pdf.body)
            let text = try #require(try await app.withServices { services in await services.pdfText.extract(bytes) })
            #expect(text.contains("Dénonciation du contrat"), "\(text)")
            #expect(text.contains("prendra fin le 30 juin 2026"))
            // the same decision twice is refused; the trail holds it once, with its reason
            #expect(try await app.call(.post, path, as: "legal", json: #"{"decision": "terminate"}"#).status == 409)
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events?limit=100", as: "legal").json["items"]?.array ?? []
            let decision = try #require(events.first { $0["type"]?.string == "renewal.decided" })
            #expect(decision["data"]?["decision"]?.string == "terminate" && decision["reason"]?.string == "Client perdu")
            // no alert goes out for a decided term
            try await app.runJobs(recurring: true)
            #expect(try await Self.renewalMails(app).isEmpty)
            // when the term runs out, the contract is terminated, by the roll
            app.clock.advance(121 * 86400)
            try await app.runJobs(recurring: true)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "terminated")

            // notice after the deadline is refused with the date it renews on
            app.clock.advance(-121 * 86400 + 61 * 86400)
            let late = try await Self.inForce(app, title: "Tardif")
            let tooLate = try await app.call(.post, "/api/v1/contracts/\(late)/renewal-decision", as: "legal", json: #"{"decision": "renegotiate"}"#)
            #expect(tooLate.status == 409 && tooLate.text.contains("2026-07-01"), "\(tooLate.text)")

            // an explicit renewal extends the end date by its period and marks the contract renewed
            let explicit = try await Self.inForce(app, title: "Sur décision", endDate: "2027-02-28", renewal: #"{"mode": "explicit", "period": "P12M", "notice": "P1M"}"#)
            let renewed = try await app.call(.post, "/api/v1/contracts/\(explicit)/renewal-decision", as: "sales", json: #"{"decision": "renew"}"#)
            #expect(renewed.json["status"]?.string == "renewed" && renewed.json["endDate"]?.string == "2028-02-29", "\(renewed.text)")
            #expect(try await app.call(.get, "/api/v1/contracts/\(explicit)/verify", as: "legal").json["auditChain"]?.string == "valid")
        }
    }

    @Test(arguments: TestEngine.all)
    func theCalendarListsWhatFallsDueAndFlagsExceptions(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: Self.longTokens) { app in
            // given a published MSA template renewing tacitly for 12 months with 3 months' notice
            _ = try await TemplateAPITests.publishTemplate(app)
            let standard = try await Self.inForce(app, title: "Standard", endDate: "2026-06-30", renewal: #"{"mode": "tacit", "period": "P12M", "notice": "P3M"}"#)
            let exception = try await Self.inForce(app, title: "Sans tacite", endDate: "2026-05-31", renewal: #"{"mode": "explicit", "period": "P12M"}"#)
            let later = try await Self.inForce(app, as: "sales2", title: "Plus tard", endDate: "2027-06-30")
            // when legal reads the next 90 days
            let report = try await app.call(.get, "/api/v1/reports/renewals?within=90", as: "legal")
            #expect(report.status == 200, "\(report.text)")
            let items = report.json["items"]?.array ?? []
            // then the two contracts due are listed by the date they fall due, the one departing from its template flagged
            #expect(items.compactMap { $0["contractId"]?.string } == [standard, exception])
            #expect(items[0]["noticeDeadline"]?.string == "2026-04-01" && items[0]["daysToDeadline"]?.int == 30 && items[0]["exception"] == nil)
            #expect(items[1]["exception"]?["mode"]?.string == "tacit" && items[1]["noticeDeadline"]?.string == "2026-05-31")
            let calendar = report.json["calendar"]?.array ?? []
            #expect(calendar.contains { $0["date"]?.string == "2026-04-01" && $0["noticeDeadlines"]?.int == 1 })
            #expect(!items.contains { $0["contractId"]?.string == later })
            #expect(try await app.call(.get, "/api/v1/reports/renewals?within=500", as: "legal").json["items"]?.array?.count == 3)
            // sales see their own; bad windows name the field
            let own = try await app.call(.get, "/api/v1/reports/renewals?within=500", as: "sales2").json["items"]?.array ?? []
            #expect(own.compactMap { $0["contractId"]?.string } == [later])
            for bad in ["0", "x", "3661", "-5"] { #expect(try await app.call(.get, "/api/v1/reports/renewals?within=\(bad)", as: "legal").fields == ["within"]) }
            #expect(try await app.call(.get, "/api/v1/reports/renewals", as: nil).status == 401)
            // pages: the first page and its cursor reach the rest
            let first = try await app.call(.get, "/api/v1/reports/renewals?within=500&limit=2", as: "legal").json
            let cursor = try #require(first["nextCursor"]?.string)
            let rest = try await app.call(.get, "/api/v1/reports/renewals?within=500&limit=2&cursor=\(cursor)", as: "legal").json["items"]?.array ?? []
            #expect(rest.compactMap { $0["contractId"]?.string } == [later])
            // CSV, in French, with the BOM and semicolons
            let csv = try await app.call(.get, "/api/v1/reports/renewals?within=90", as: "legal", headers: [.accept: "text/csv"])
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("\u{FEFF}Référence;Contrat;"), "\(csv.text)")
            #expect(lines[2].contains("Sans tacite") && lines[2].contains("modèle : tacite, 12 mois, préavis 3 mois") && lines[2].contains("31 mai 2026"))
        }
    }

    @Test(arguments: TestEngine.all)
    func pagesOfferTheDecisionsToThoseWhoMayTakeThem(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: Self.longTokens) { app in
            let id = try await Self.inForce(app)
            let owner = try await app.webSession(as: "sales")
            let page = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: owner.cookie]).text
            #expect(page.contains("id=\"renewal\"") && page.contains("Préavis à donner au plus tard le 1er mai 2026 (dans 60 jours)"))
            for label in ["Reconduire", "Renégocier", "Résilier"] { #expect(page.contains(">\(label)</button>"), "\(label)") }
            let viewer = try await app.webSession(as: "viewer")
            let seen = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: viewer.cookie]).text
            #expect(seen.contains("id=\"renewal\"") && !seen.contains("renewal-decision"), "a viewer reads, does not decide")
            // a forged form (no CSRF token) changes nothing
            let forged = try await app.postForm("/contracts/\(id)/renewal-decision", [("decision", "terminate")], cookie: owner.cookie)
            #expect(forged.status == 403)
            #expect(try await app.postForm("/contracts/\(id)/renewal-decision", [("_csrf", viewer.csrf), ("decision", "terminate")], cookie: viewer.cookie).status == 403)
            // a bad choice is a French message on the page
            let bad = try await app.postForm("/contracts/\(id)/renewal-decision", [("_csrf", owner.csrf), ("decision", "x")], cookie: owner.cookie)
            #expect(bad.status == 422 && bad.text.contains("Choisissez reconduire, renégocier ou résilier."))
            // the owner renegotiates: the page says so and links the letter
            let done = try await app.postForm("/contracts/\(id)/renewal-decision", [("_csrf", owner.csrf), ("decision", "renegotiate"), ("comment", "Hausse de prix")],
                                              cookie: owner.cookie)
            #expect(done.status == 303 || done.status == 302)
            let after = try await app.call(.get, "/contracts/\(id)?done=renewal-renegotiate", as: nil, headers: [.cookie: owner.cookie]).text
            #expect(after.contains("Décision : renégocier. Préavis donné ; le contrat prend fin le 30 juin 2026."))
            #expect(after.contains("Lettre de préavis (PDF)") && after.contains("Décision de renouvellement : Renégocier"))
            // a second notice is refused in French
            let again = try await app.postForm("/contracts/\(id)/renewal-decision", [("_csrf", owner.csrf), ("decision", "renegotiate")], cookie: owner.cookie)
            #expect(again.status == 409 && again.text.contains("déjà enregistrée"))
            // the calendar page, for sales and legal alike, each their own
            let calendar = try await app.call(.get, "/reports/renewals?within=180", as: nil, headers: [.cookie: owner.cookie])
            #expect(calendar.status == 200 && calendar.text.contains("Renouvellements et préavis") && calendar.text.contains("table class=\"month\""))
            #expect(calendar.text.contains("juin 2026") && calendar.text.contains("Renégocier"))
            let other = try await app.webSession(as: "sales2")
            let empty = try await app.call(.get, "/reports/renewals", as: nil, headers: [.cookie: other.cookie]).text
            #expect(empty.contains("Aucune échéance dans les 90 prochains jours."))
            #expect(try await app.call(.get, "/reports/renewals?within=90&format=csv", as: nil, headers: [.cookie: owner.cookie]).text.hasPrefix("\u{FEFF}Référence;"))
        }
    }
}
