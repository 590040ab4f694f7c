import Foundation
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

@Suite struct MailDeliveryTests {
    @Test(arguments: TestEngine.all)
    func mailsSurviveAnSMTPOutageAndArriveInTheRecipientsLanguage(engine: TestEngine) async throws {
        guard let first = try SMTPSink.start() else { return }
        let port = first.port, directory = first.directory
        let smtp = SMTPSettings(host: "127.0.0.1", port: port, username: SMTPSink.username, password: SMTPSink.password, security: .startTLS,
                                caFile: first.caFile)
        try await TestApp.run(engine, configure: { $0.smtp = smtp; $0.mailFrom = "Paraphe <contrats@paraphe.test>" }) { app in
            try await ApprovalFlowTests.twoStepPolicy(app)
            let finance = try #require(app.users["finance"]?.id.description)
            #expect(try await app.call(.patch, "/api/v1/users/\(finance)", as: "admin", json: #"{"language": "en"}"#).status == 200)
            let id = try #require(try await app.createContract(title: "Contrat-cadre « Initech »")["id"]?.string)

            // the server goes down before the mail to legal is sent
            first.stop()
            _ = try await ApprovalFlowTests.submit(app, id)
            try await app.runJobs()
            var outbox = try await app.call(.get, "/api/v1/mails", as: "admin").json["items"]?.array ?? []
            #expect(outbox.count == 1)
            #expect(outbox[0]["status"]?.string == "queued", "kept for a retry")
            #expect(outbox[0]["lastError"]?.string?.isEmpty == false)

            // it comes back; once the backoff has passed, the mail goes out over STARTTLS with AUTH PLAIN
            let sink = try #require(try SMTPSink.start(port: port, directory: directory))
            defer { sink.stop() }
            app.clock.advance(10)
            try await app.runJobs()
            outbox = try await app.call(.get, "/api/v1/mails", as: "admin").json["items"]?.array ?? []
            #expect(outbox[0]["status"]?.string == "sent")
            var received = try sink.messages()
            #expect(received.count == 1)
            let toLegal = try #require(received.first)
            #expect(toLegal["to"]?.array?.compactMap(\.string) == ["legal@paraphe.test"])
            #expect(toLegal["from"]?.string == "contrats@paraphe.test")
            #expect(toLegal["tls"]?.bool == true && toLegal["authenticated"]?.bool == true)
            #expect(toLegal["defects"]?.int == 0)
            #expect(toLegal["subject"]?.string == "Validation demandée : CTR-2026-000001 — Contrat-cadre « Initech »")
            let step = try #require(try await ApprovalFlowTests.myApprovals(app, "legal").first?["id"]?.string)
            #expect(toLegal["body"]?.string?.hasPrefix("Bonjour Legal,\n\nSales a soumis le contrat") == true)
            #expect(toLegal["body"]?.string?.contains("Votre validation est demandée (juridique) parce que :\n- Revue juridique\u{00A0}: ") == true,
                    "the step by its team's name, the reason phrased in French: \(toLegal["body"]?.string ?? "")")
            #expect(toLegal["body"]?.string?.contains("\(app.config.publicURL)/approvals/\(step)") == true)

            // legal approves: finance, who reads English, is asked next
            #expect(try await ApprovalFlowTests.decide(app, step, as: "legal").status == 200)
            try await app.runJobs()
            received = try sink.messages()
            #expect(received.count == 2)
            #expect(received.last?["subject"]?.string == "Approval needed: CTR-2026-000001 — Contrat-cadre « Initech »")
            #expect(received.last?["body"]?.string?.contains("Your approval is needed (finance) because:") == true)
        }
    }

    @Test func smtpSettingsRefuseWhatWouldLeakOrCannotWork() {
        #expect(SMTPSettings.parse("smtp://mail.example.com:587?starttls=true") == .success(SMTPSettings(host: "mail.example.com", port: 587, security: .startTLS)))
        #expect(SMTPSettings.parse("smtps://u%40x:p%3Ass@mail.example.com") ==
                .success(SMTPSettings(host: "mail.example.com", port: 465, username: "u@x", password: "p:ss", security: .implicitTLS)))
        guard case .failure(let clear) = SMTPSettings.parse("smtp://user:pw@mail.example.com:25") else { Issue.record("accepted"); return }
        #expect(clear.reason.contains("in clear"))
        guard case .failure(let option) = SMTPSettings.parse("smtp://mail.example.com?tls=yes") else { Issue.record("accepted"); return }
        #expect(option.reason.contains("unknown option 'tls'"))
        guard case .failure = SMTPSettings.parse("http://mail.example.com") else { Issue.record("accepted"); return }
        #expect(throws: ConfigError.self) {
            try AppConfig.load(environment: ["PARAPHE_SMTP_URL": "smtp://u:p@h"], host: nil, port: nil, dataDirectory: nil, databaseURL: nil)
        }
        let reminders = #expect(throws: ConfigError.self) {
            try AppConfig.load(environment: ["PARAPHE_APPROVAL_REMINDER_DAYS": "0"], host: nil, port: nil, dataDirectory: nil, databaseURL: nil)
        }
        #expect(reminders?.setting == "PARAPHE_APPROVAL_REMINDER_DAYS")
    }
}
