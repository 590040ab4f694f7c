import Foundation
import Hummingbird
import NIOCore
@testable import ParapheApp
import ParapheCore
import ParapheStore
import SQLKit
import Testing
import ParapheServices

/// The holes found when the API was probed as an attacker would, each closed and kept closed, on both engines.
@Suite struct ProbedHolesTests {
    static let financeRule = #"{"name": "Plus de 50 000 € : finance", "when": {"amountAbove": {"amount": "50000.00", "currency": "EUR"}}, "require": [{"role": "finance"}]}"#

    @Test(arguments: TestEngine.all)
    func anInventedCurrencyCannotDodgeAnAmountRule(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: { $0.currencies = ["EUR", "USD"] }) { app in
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: Self.financeRule).status == 201)
            // given a sales rep writing a 9,000,000 contract in a made-up currency, or one the workspace does not take
            for currency in ["ZZZ", "XXX", "JPY", "eur"] {
                let r = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                    {"title": "MSA géant", "type": "msa", "amount": {"amount": "9000000.00", "currency": "\(currency)"}}
                    """)
                #expect(r.status == 422, "\(currency): \(r.text)")
                #expect(r.fields == ["amount.currency"])
                #expect(r.json["errors"]?[0]?["message"]?.string?.contains("EUR, USD") == true)
            }
            #expect(try await app.call(.get, "/api/v1/contracts", as: "legal").json["items"]?.array?.isEmpty == true)
            // the workspace says which currencies it takes
            #expect(try await app.call(.get, "/api/v1/workspace", as: "sales").json["currencies"] == .array([.string("EUR"), .string("USD")]))
            #expect(try await app.call(.get, "/api/v1/workspace", as: nil).status == 401)
            // when the contract is in USD, a rule whose threshold is in EUR still asks finance: it fails closed
            let usd = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"title": "MSA en dollars", "type": "msa", "amount": {"amount": "9000000.00", "currency": "USD"}}
                """)
            let id = try #require(usd.json["id"]?.string)
            let submitted = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#)
            #expect(submitted.json["status"]?.string == "inReview", "\(submitted.text)")
            let pending = try await app.call(.get, "/api/v1/approvals?assignee=me&status=pending", as: "finance").json["items"]?.array ?? []
            #expect(pending.count == 1)
            let criterion = pending.first?["reasons"]?[0]?["criteria"]?[0]
            #expect(criterion?["kind"]?.string == "amountAbove")
            #expect(criterion?["amount"]?["currency"]?.string == "USD")
            #expect(criterion?["threshold"]?["currency"]?.string == "EUR")
            #expect(pending.first?["reasons"]?[0]?["because"]?[0]?.string?.contains("not converted") == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func aSalesImportLandsAsADraftAndGoesThroughThePolicy(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let type = "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"
            func importPDF(_ who: String, _ text: String, metadata: String) async throws -> Reply {
                let body = SamplePDF.multipart(file: SamplePDF.make(text), filename: "\(text).pdf", metadata: metadata)
                return try await app.call(.post, "/api/v1/contracts/import", as: who, raw: ByteBuffer(data: body), headers: [.contentType: type])
            }
            // a sales rep importing a 5 M€ contract as signed or in force is refused, and nothing is stored
            for status in ["active", "signed"] {
                let refused = try await importPDF("sales", "grand contrat \(status)", metadata: """
                    {"title": "Grand contrat", "type": "msa", "status": "\(status)", "amount": {"amount": "5000000.00", "currency": "EUR"}}
                    """)
                #expect(refused.status == 403, "\(refused.text)")
                #expect(refused.json["reason"]?.string == "importAsSignedNotAllowed")
            }
            #expect(try await app.call(.get, "/api/v1/contracts", as: "legal").json["items"]?.array?.isEmpty == true)
            // without a status, the sales import is a draft, whose submission goes through the policy
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: Self.financeRule).status == 201)
            let draft = try await importPDF("sales", "grand contrat brouillon", metadata: """
                {"title": "Grand contrat", "type": "msa", "amount": {"amount": "5000000.00", "currency": "EUR"}}
                """)
            #expect(draft.status == 201, "\(draft.text)")
            #expect(draft.json["status"]?.string == "draft")
            #expect(draft.json["signedAt"] == .null)
            let id = try #require(draft.json["id"]?.string)
            let submitted = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#)
            #expect(submitted.json["status"]?.string == "inReview")
            // a status that is neither a draft nor a signed one is a 422 naming the field
            let odd = try await importPDF("legal", "contrat approuvé", metadata: #"{"title": "X", "type": "msa", "status": "approved"}"#)
            #expect(odd.status == 422)
            #expect(odd.fields == ["metadata.status"])
            // legal records a signed contract, by default as signed
            let signed = try await importPDF("legal", "contrat signé", metadata: #"{"title": "Contrat signé", "type": "msa"}"#)
            #expect(signed.json["status"]?.string == "signed")
        }
    }

    @Test(arguments: TestEngine.all)
    func nobodyGrantsSignatureAuthorityToThemselves(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let legal = try #require(app.users["legal"]?.id.description)
            let unlimited = #"{"userId": "\#(legal)"}"#
            // given legal granting themselves unlimited authority
            let own = try await app.call(.post, "/api/v1/signature-authorities", as: "legal", json: unlimited)
            // then it is refused, with the reason, and nothing is granted
            #expect(own.status == 403)
            #expect(own.json["reason"]?.string == "selfGrant")
            #expect(try await app.call(.get, "/api/v1/signature-authorities?userId=\(legal)", as: "legal").json["items"]?.array?.isEmpty == true)
            // the page refuses it in place, in French
            let (cookie, csrf) = try await app.webSession(as: "legal")
            let form = try await app.postForm("/settings/signature-authorities", [("_csrf", csrf), ("userId", legal)], cookie: cookie)
            #expect(form.status == 403)
            #expect(form.text.contains("Vous ne pouvez pas vous accorder une délégation"))
            #expect(try await app.call(.get, "/api/v1/signature-authorities?userId=\(legal)", as: "legal").json["items"]?.array?.isEmpty == true)
            // a second person may grant it
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: unlimited).status == 201)
            // and the others may not grant at all
            for who in ["sales", "finance", "viewer"] {
                #expect(try await app.call(.post, "/api/v1/signature-authorities", as: who, json: unlimited).status == 403, "\(who)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func financeReadsAndApprovesButDoesNotWriteOthersContracts(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract(as: "sales")["id"]?.string)
            let sales2 = try #require(app.users["sales2"]?.id.description)
            // finance reads it
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "finance").status == 200)
            // and may not edit, share or cancel it
            #expect(try await app.call(.patch, "/api/v1/contracts/\(id)", as: "finance", json: #"{"title": "Réécrit"}"#).status == 403)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/shares", as: "finance", json: #"{"userId": "\#(sales2)"}"#).status == 403)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "finance", json: #"{"to": "cancelled"}"#).status == 403)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "legal").json["title"]?.string == "Contrat-cadre")
            // the contract page offers finance no edit button
            let (cookie, _) = try await app.webSession(as: "finance")
            let page = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie])
            #expect(!page.text.contains("/contracts/\(id)/edit"))
            // once shared with finance, finance may write it; legal and the owner always may
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/shares", as: "sales",
                                       json: #"{"userId": "\#(app.users["finance"]!.id)"}"#).status == 204)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(id)", as: "finance", json: #"{"title": "Relu par la finance"}"#).status == 200)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(id)", as: "legal", json: #"{"title": "Relu par le juridique"}"#).status == 200)
            // a viewer never writes
            #expect(try await app.call(.patch, "/api/v1/contracts/\(id)", as: "viewer", json: #"{"title": "x"}"#).status == 403)
        }
    }

    @Test(arguments: TestEngine.all)
    func theTrailVouchesForTheContractsState(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let first = try #require(try await app.createContract(as: "sales", title: "Premier")["id"]?.string)
            let second = try #require(try await app.createContract(as: "sales", title: "Second")["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/contracts/\(second)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            #expect(try await app.call(.get, "/api/v1/contracts/\(first)/verify", as: "legal").json["auditChain"]?.string == "valid")
            // given someone with database access lowering an amount
            try await app.withServices { services in
                try await services.database.transaction { s in
                    try await s.exec("UPDATE contracts SET amount = '1.00' WHERE id = \(bind: first)")
                }
            }
            // then the contract no longer verifies, and the report says what differs
            let edited = try await app.call(.get, "/api/v1/contracts/\(first)/verify", as: "legal").json
            #expect(edited["auditChain"]?.string == "broken")
            #expect(edited["detail"]?.string?.contains("terms") == true, "\(edited)")
            // and no later change may seal the altered amount as if Paraphe had made it: writes are refused until restored
            let sales2 = try #require(app.users["sales2"]?.id.description)
            let laundering = try await app.call(.post, "/api/v1/contracts/\(first)/shares", as: "sales", json: #"{"userId": "\#(sales2)"}"#)
            #expect(laundering.status == 409, "\(laundering.text)")
            #expect(laundering.json["detail"]?.string?.contains("changed outside") == true)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(first)", as: "legal", json: #"{"title": "Corrigé"}"#).status == 409)
            #expect(try await app.call(.get, "/api/v1/contracts/\(first)/verify", as: "legal").json["auditChain"]?.string == "broken")
            // given the last event deleted and the head columns rewritten to match the one before
            let events = try await app.call(.get, "/api/v1/contracts/\(second)/events", as: "legal").json["items"]?.array ?? []
            let before = try #require(events.dropLast().last)
            let head = try #require(before["hash"]?.string)
            let count = events.count - 1
            try await app.withServices { services in
                try await services.database.transaction { s in
                    try await s.exec("DELETE FROM events WHERE contract_id = \(bind: second) AND sequence = \(bind: events.count)")
                    try await s.exec("UPDATE contracts SET event_count = \(bind: count), audit_head = \(bind: head) WHERE id = \(bind: second)")
                }
            }
            // then the row's status is not the one the remaining trail ends in
            let truncated = try await app.call(.get, "/api/v1/contracts/\(second)/verify", as: "legal").json
            #expect(truncated["auditChain"]?.string == "broken")
            #expect(truncated["detail"]?.string?.contains("status") == true, "\(truncated)")
        }
    }

    @Test(arguments: TestEngine.all)
    func checkpointsCatchARewrittenHistory(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract(as: "sales")["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            let legal = try #require(app.users["legal"]?.id.description)
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: #"{"userId": "\#(legal)"}"#).status == 201)
            // the daily job writes a signed checkpoint to the data folder
            try await app.runJobs(recurring: true)
            let folder = app.config.dataDirectory + "/checkpoints"
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(files == ["2026-03-02T090000Z.json"])
            let keyFile = app.config.dataDirectory + "/keys/server-signing.key"
            let permissions = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            let clean = try await app.withServices { try await AuditVerification(services: $0).run() }
            #expect(clean.problems == 0, "\(clean.lines)")
            #expect(clean.lines.last?.contains("1 checkpoint(s)") == true)

            // given someone who rewrites a whole trail and its head, recomputing every hash: the chain verifies again
            try await app.withServices { services in
                try await services.database.transaction { s in
                    let events = try await s.events(of: Contract.ID(id)!)
                    var previous: AuditEvent?
                    for var event in events {
                        event.reason = "réécrit"
                        let sealed = AuditChain.seal(event, after: previous, digest: AuditDigest.sha256)
                        try await s.exec("UPDATE events SET reason = 'réécrit', previous_hash = \(bind: sealed.previousHash), hash = \(bind: sealed.hash) WHERE id = \(bind: event.id.description)")
                        previous = sealed
                    }
                    try await s.exec("UPDATE contracts SET audit_head = \(bind: previous!.hash) WHERE id = \(bind: id)")
                }
            }
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["auditChain"]?.string == "valid")
            // then the checkpoint still catches it
            let rewritten = try await app.withServices { try await AuditVerification(services: $0).run() }
            #expect(rewritten.problems == 1, "\(rewritten.lines)")
            #expect(rewritten.lines.contains { $0.hasPrefix("CHECKPOINT 2026-03-02T090000Z.json") && $0.contains(id) })

            // and a checkpoint file edited to match is refused on its signature
            let path = folder + "/2026-03-02T090000Z.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "2026-03-02T09:00", with: "2026-03-02T10:00").write(toFile: path, atomically: true, encoding: .utf8)
            let forged = try await app.withServices { try await AuditVerification(services: $0).run() }
            #expect(forged.lines.contains { $0.contains("signature is not this server's") }, "\(forged.lines)")
        }
    }

    @Test(arguments: TestEngine.all)
    func auditVerifyChecksTheAdminLogAndTheDocumentsBytes(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let legal = try #require(app.users["legal"]?.id.description)
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: #"{"userId": "\#(legal)"}"#).status == 201)
            let pdf = SamplePDF.multipart(file: SamplePDF.make("Contrat signé en 2019"), filename: "acme.pdf", metadata: #"{"title": "ACME", "type": "msa"}"#)
            let imported = try await app.call(.post, "/api/v1/contracts/import", as: "legal", raw: ByteBuffer(data: pdf),
                                              headers: [.contentType: "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"])
            #expect(imported.status == 201)
            #expect(try await app.withServices { try await AuditVerification(services: $0).run() }.problems == 0)
            // given an admin log entry edited and a stored document's bytes replaced
            try await app.withServices { services in
                try await services.database.transaction { s in
                    try await s.exec("UPDATE admin_events SET reason = 'jamais accordé' WHERE sequence = 1")
                    guard let row = try await s.sql.raw("SELECT sha256 FROM documents").first(), app.engine == .postgres else { return }
                    let sha = try row.decode(column: "sha256", as: String.self)
                    try await s.exec("UPDATE blobs SET content = \(bind: Data("autre chose".utf8)) WHERE sha256 = \(bind: sha)")
                }
            }
            if app.engine == .sqlite {
                let sha = try #require(imported.json["documents"]?[0]?["sha256"]?.string)
                let file = app.config.dataDirectory + "/blobs/\(sha.prefix(2))/\(sha)"
                try Data("autre chose".utf8).write(to: URL(fileURLWithPath: file))
            }
            // then the verification says both
            let report = try await app.withServices { try await AuditVerification(services: $0).run() }
            #expect(report.problems == 2, "\(report.lines)")
            #expect(report.lines.contains { $0.hasPrefix("BROKEN admin log at entry #1") })
            #expect(report.lines.contains { $0.hasPrefix("ALTERED document") })
        }
    }

    @Test(arguments: TestEngine.all)
    func anApprovalOnAnUnseenContractIsNotFound(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: Self.financeRule).status == 201)
            let id = try #require(try await app.createContract(as: "sales", extra: #", "metadata": {}"#)["id"]?.string)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"amount": {"amount": "90000.00", "currency": "EUR"}}"#).status == 200)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            let approval = try #require(try await app.call(.get, "/api/v1/approvals?assignee=me&status=pending", as: "finance").json["items"]?[0]?["id"]?.string)
            // another sales rep, who cannot see the contract, learns nothing from its approval id
            for (method, path, body) in [(HTTPRequest.Method.get, "/api/v1/approvals/\(approval)", nil as String?),
                                         (.post, "/api/v1/approvals/\(approval)/decision", #"{"decision": "approve"}"#),
                                         (.post, "/api/v1/approvals/\(approval)/reassign", #"{"userId": "\#(app.users["finance"]!.id)"}"#)] {
                let r = try await app.call(method, path, as: "sales2", json: body)
                #expect(r.status == 404, "\(method) \(path): \(r.text)")
            }
            // and the same answer as for an id that does not exist
            #expect(try await app.call(.post, "/api/v1/approvals/\(UUID())/decision", as: "sales2", json: #"{"decision": "approve"}"#).status == 404)
        }
    }

    @Test(arguments: TestEngine.all)
    func adminActionsAreInTheAdminLog(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let sales = try #require(app.users["sales"]?.id.description)
            #expect(try await app.call(.patch, "/api/v1/users/\(sales)", as: "admin", json: #"{"roles": ["sales", "finance"], "password": "un nouveau mot de passe"}"#).status == 200)
            let hook = try await app.call(.post, "/api/v1/webhooks", as: "admin",
                                          json: #"{"url": "https://hooks.example.com/p", "events": ["*"], "allowPrivateNetwork": false}"#)
            let hookId = try #require(hook.json["id"]?.string)
            #expect(try await app.call(.delete, "/api/v1/webhooks/\(hookId)", as: "admin").status == 204)
            #expect(try await app.call(.post, "/api/v1/contract-types", as: "admin", json: #"{"key": "bail", "labelFr": "Bail"}"#).status == 201)
            let log = try await app.call(.get, "/api/v1/admin/events?limit=4", as: "legal").json["items"]?.array ?? []
            #expect(log.compactMap { $0["type"]?.string } == ["contractType.added", "webhook.removed", "webhook.subscribed", "user.changed"])
            #expect(log.last?["data"]?["fields"] == .array([.string("roles"), .string("password")]))
            #expect(!(log.last.map { "\($0)" } ?? "").contains("un nouveau mot de passe"), "a password never reaches the log")
            #expect(log.first?["actor"]?["label"]?.string == "admin@paraphe.test")
        }
    }

    @Test(arguments: TestEngine.all)
    func anAdminNeverHandsAStepToThemselves(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given a step that names one person (the DPO, say), waiting on a sales rep's contract
            let legal = try #require(app.users["legal"]?.id.description)
            let rule = #"{"name": "DPO", "when": {}, "require": [{"users": ["\#(legal)"]}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let id = try #require(try await app.createContract(as: "sales")["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            let step = try #require(try await app.call(.get, "/api/v1/approvals?assignee=me", as: "legal").json["items"]?[0]?["id"]?.string)
            // when an admin hands it to themselves, it is refused: they would then decide it alone
            let admin = try #require(app.users["admin"]?.id.description)
            let toSelf = try await app.call(.post, "/api/v1/approvals/\(step)/reassign", as: "admin", json: #"{"userId": "\#(admin)"}"#)
            #expect(toSelf.status == 422, "\(toSelf.text)")
            #expect(toSelf.fields == ["userId"])
            // handing it to a colleague still works
            let finance = try #require(app.users["finance"]?.id.description)
            #expect(try await app.call(.post, "/api/v1/approvals/\(step)/reassign", as: "admin", json: #"{"userId": "\#(finance)"}"#).status == 200)
        }
    }

    @Test func behindATrustedProxyTheClientIsTheForwardedAddress() {
        func request(_ forwarded: String?) -> Request {
            var headers: HTTPFields = [:]
            if let forwarded { headers[.init("X-Forwarded-For")!] = forwarded }
            return Request(head: .init(method: .post, scheme: "http", authority: "paraphe.test", path: "/login", headerFields: headers),
                           body: .init(buffer: ByteBuffer()))
        }
        let proxies: Set<String> = ["10.0.0.5"]
        #expect(AuthenticationMiddleware.client(request("203.0.113.7"), peer: "10.0.0.5", trusted: proxies) == "203.0.113.7")
        // what a client writes itself is not believed: the nearest address the proxy added counts
        #expect(AuthenticationMiddleware.client(request("1.2.3.4, 203.0.113.7"), peer: "10.0.0.5", trusted: proxies) == "203.0.113.7")
        #expect(AuthenticationMiddleware.client(request("203.0.113.7"), peer: "198.51.100.9", trusted: proxies) == "198.51.100.9", "not from our proxy")
        #expect(AuthenticationMiddleware.client(request(nil), peer: "10.0.0.5", trusted: proxies) == "10.0.0.5")
    }

    @Test(arguments: TestEngine.all)
    func theLoginBrakeCountsPerAddressAndAccount(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let login = AuthWorkflow(services: services)
                func attempt(_ who: String, _ password: String, from address: String) async -> String {
                    do {
                        _ = try await login.login(email: "\(who)@paraphe.test", password: password, from: address)
                        return "ok"
                    } catch .throttled {
                        return "throttled"
                    } catch {
                        return "invalid"
                    }
                }
                // given five failures for one account from the office's address
                for _ in 0..<5 { #expect(await attempt("sales", "wrong password!", from: "203.0.113.7") == "invalid") }
                // then that account is braked at that address, even with its password
                #expect(await attempt("sales", TestUsers.password, from: "203.0.113.7") == "throttled")
                // while a colleague at the same address still signs in
                #expect(await attempt("legal", TestUsers.password, from: "203.0.113.7") == "ok")
                // and the account itself, from home, too
                #expect(await attempt("sales", TestUsers.password, from: "198.51.100.2") == "ok")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func bidirectionalControlsAreRefusedInSingleLineText(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            for control in ["\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}"] {
                let title = try JSONEncoder().encode(["title": "Contrat \(control)000 001 €", "type": "msa"])
                let contract = try await app.call(.post, "/api/v1/contracts", as: "sales", raw: ByteBuffer(data: title), headers: [.contentType: "application/json"])
                #expect(contract.status == 422)
                #expect(contract.fields == ["title"])
                let name = try JSONEncoder().encode(["name": "ACME \(control)SAS", "kind": "customer"])
                let counterparty = try await app.call(.post, "/api/v1/counterparties", as: "sales", raw: ByteBuffer(data: name), headers: [.contentType: "application/json"])
                #expect(counterparty.status == 422)
                #expect(counterparty.fields == ["name"])
            }
            let created = try await app.call(.post, "/api/v1/users", as: "admin", json: """
                {"email": "eve@paraphe.test", "name": "Eve\\u202Enimda", "password": "assez-long-mot", "roles": ["sales"]}
                """)
            #expect(created.status == 422)
            #expect(created.fields == ["name"])
            // a title on two lines is refused too
            #expect(try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "Contrat\nannexe", "type": "msa"}"#).fields == ["title"])
            #expect(try await app.call(.get, "/api/v1/contracts", as: "legal").json["items"]?.array?.isEmpty == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func privatePagesAndAPIAnswersAreNeitherCachedNorReferred(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let (cookie, _) = try await app.webSession(as: "legal")
            for reply in [try await app.call(.get, "/api/v1/me", as: "legal"), try await app.call(.get, "/api/v1/contracts/\(UUID())", as: "legal"),
                          try await app.call(.get, "/contracts", as: nil, headers: [.cookie: cookie]), try await app.call(.get, "/login", as: nil)] {
                #expect(reply.headers[.cacheControl] == "no-store")
                #expect(reply.headers[.init("Referrer-Policy")!] == "same-origin")
            }
            let asset = try await app.call(.get, "/assets/paraphe.js", as: nil)
            #expect(asset.headers[.cacheControl] != "no-store")
            #expect(asset.headers[.init("Referrer-Policy")!] == "same-origin")
        }
    }
}

extension Session {
    /// Runs SQL behind the application's back, as someone with database access would.
    func exec(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }
}
