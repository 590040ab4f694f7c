import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheServices
import ParapheSignature
import ParapheStore
import Testing

/// E-signature end to end below the browser: a request opened on an approved contract, links and codes read from a
/// real SMTP server, the ceremony through its public API, the seal job, and the sealed PDF checked; then every way
/// to get it wrong.
@Suite(.serialized) struct SignatureFlowTests {
    static let contact = (name: "Jeanne Client", email: "jeanne@globex.test")

    /// A generated contract (so it has a PDF), finance named to sign, the counterparty's contact set, approved.
    static func approvedContract(_ app: TestApp) async throws -> String {
        let templateId = try await TemplateAPITests.publishTemplate(app)
        let counterparty = try await TemplateAPITests.customer(app)
        let contact = try await app.call(.patch, "/api/v1/counterparties/\(counterparty)", as: "sales",
                                         json: #"{"contact": {"name": "\#(Self.contact.name)", "email": "\#(Self.contact.email)", "title": "Directrice"}}"#)
        #expect(contact.status == 200, "\(contact.text)")
        #expect(contact.json["contact"]?["email"]?.string == Self.contact.email)
        let finance = try #require(app.users["finance"]?.id.description)
        #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: """
            {"userId": "\(finance)", "contractTypes": ["msa"], "maxAmount": {"amount": "100000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
            """).status == 201)
        let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
            {"templateId": "\(templateId)", "counterpartyId": "\(counterparty)",
             "variables": {"price": {"amount": "48000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}
            """)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"]?.string)
        #expect(try await app.call(.put, "/api/v1/contracts/\(id)/signatory", as: "sales", json: #"{"userId": "\#(finance)"}"#).status == 200)
        #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
        #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "approved")
        return id
    }

    static func smtp(_ sink: SMTPSink) -> (inout AppConfig) -> Void {
        { config in
            config.smtp = SMTPSettings(host: "127.0.0.1", port: sink.port, username: SMTPSink.username, password: SMTPSink.password,
                                       security: .startTLS, caFile: sink.caFile)
            config.publicURL = "http://paraphe.test"
        }
    }

    /// The latest mail to `address` matching `subject`.
    static func mail(_ sink: SMTPSink, to address: String, subject: String) throws -> JSONValue? {
        try sink.messages().last { $0["to"]?.array?.compactMap(\.string) == [address] && $0["subject"]?.string?.contains(subject) == true }
    }

    static func token(in mail: JSONValue?) -> String? {
        guard let body = mail?["body"]?.string, let range = body.range(of: "http://paraphe.test/sign/") else { return nil }
        return String(body[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    static func code(in mail: JSONValue?) -> String? {
        guard let body = mail?["body"]?.string, let range = body.range(of: #"\b[0-9]{6}\b"#, options: .regularExpression) else { return nil }
        return String(body[range])
    }

    /// Opens the request with the defaults and returns the two links.
    static func send(_ app: TestApp, _ id: String, sink: SMTPSink) async throws -> (request: String, internal: String, counterparty: String) {
        let opened = try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: "sales", json: #"{"message": "Merci de signer."}"#)
        #expect(opened.status == 201, "\(opened.text)")
        try await app.runJobs()
        let internalLink = try #require(token(in: try mail(sink, to: "finance@paraphe.test", subject: "Signature demandée")))
        let counterpartyLink = try #require(token(in: try mail(sink, to: contact.email, subject: "Signature demandée")))
        return (try #require(opened.json["id"]?.string), internalLink, counterpartyLink)
    }

    /// Code, verification and signature, as the signer's page does it.
    static func sign(_ app: TestApp, _ token: String, email: String, sink: SMTPSink, typed: String = "Jeanne Client") async throws -> Reply {
        let view = try await app.call(.get, "/sign/\(token)", as: nil, headers: [.accept: "application/json"])
        #expect(view.status == 200, "\(view.text)")
        let sha = try #require(view.json["document"]?["sha256"]?.string)
        #expect(try await app.call(.post, "/sign/\(token)/otp", as: nil).status == 202)
        try await app.runJobs()
        let code = try #require(Self.code(in: try mail(sink, to: email, subject: "code")))
        let verified = try await app.call(.post, "/sign/\(token)/verify", as: nil, json: #"{"code": "\#(code)"}"#)
        #expect(verified.status == 204, "\(verified.text)")
        return try await app.call(.post, "/sign/\(token)/sign", as: nil, json: """
            {"consent": true, "documentSha256": "\(sha)", "signature": {"kind": "typed", "text": "\(typed)"}}
            """)
    }

    @Test(arguments: TestEngine.all)
    func twoSignersTakeAnApprovedContractToASealedPDF(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        try await TestApp.run(engine, configure: Self.smtp(sink)) { app in
            let id = try await Self.approvedContract(app)
            // nobody reaches signing or signed by hand any more
            for status in ["signing", "signed"] {
                let manual = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "admin", json: #"{"to": "\#(status)"}"#)
                #expect(manual.status == 409)
                #expect(manual.text.contains(status == "signing" ? "signature-requests" : "signed-elsewhere"), "the refusal says how: \(manual.text)")
            }
            let (request, internalLink, counterpartyLink) = try await Self.send(app, id, sink: sink)
            #expect(internalLink != counterpartyLink)
            #expect(internalLink.count >= 43, "at least 256 bits, base64url")
            var contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(contract["status"]?.string == "signing")
            #expect(contract["signature"]?["signers"]?.array?.map { $0["role"]?.string ?? "" } == ["internal", "counterparty"])
            // while it is out, the terms and who signs hold, and no second request opens
            let edit = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"title": "Autre titre"}"#)
            #expect(edit.status == 409, "\(edit.text)")
            let legal = try #require(app.users["legal"]?.id.description)
            #expect(try await app.call(.put, "/api/v1/contracts/\(id)/signatory", as: "sales", json: #"{"userId": "\#(legal)"}"#).status == 409)
            #expect(try await app.call(.delete, "/api/v1/contracts/\(id)/signatory", as: "sales").status == 409)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: "sales", json: "{}").status == 409)
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "negotiating"}"#).status == 409,
                    "cancel the request first")
            // the outbox never held a link
            let outbox = try await app.call(.get, "/api/v1/mails", as: "admin").json["items"]?.array ?? []
            #expect(!outbox.isEmpty && outbox.allSatisfy { !($0["body"]?.string ?? "").contains("/sign/") || ($0["body"]?.string ?? "").contains("{{secret}}") })
            #expect(outbox.allSatisfy { !($0["body"]?.string ?? "").contains(internalLink) })

            // the counterparty signs first; a wrong digest is refused
            let view = try await app.call(.get, "/sign/\(counterpartyLink)", as: nil, headers: [.accept: "application/json"])
            #expect(view.json["signer"]?["email"]?.string == Self.contact.email)
            #expect(view.json["consent"]?["version"]?.string == SignatureConsent.version)
            let pdf = try await app.call(.get, "/sign/\(counterpartyLink)/document.pdf", as: nil)
            #expect(pdf.status == 200 && pdf.headers[.contentType] == "application/pdf")
            #expect(SHA256Hex.of(Data(buffer: pdf.body)) == view.json["document"]?["sha256"]?.string, "the hash shown is the file's")
            let html = try await app.call(.get, "/sign/\(counterpartyLink)", as: nil, headers: [.accept: "text/html"])
            #expect(html.text.contains("Je signe") && html.text.contains("Recevoir un code"), "the page speaks the signer's French")
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/sign", as: nil, json: """
                {"consent": true, "documentSha256": "\(view.json["document"]?["sha256"]?.string ?? "")", "signature": {"kind": "typed", "text": "J C"}}
                """).json["type"]?.string?.hasSuffix("code-required") == true, "no signature before the code")
            let signed = try await Self.sign(app, counterpartyLink, email: Self.contact.email, sink: sink)
            #expect(signed.status == 200, "\(signed.text)")
            let again = try await app.call(.post, "/sign/\(counterpartyLink)/otp", as: nil)
            #expect(again.status == 409 && again.json["type"]?.string?.hasSuffix("already-signed") == true, "a used link says so")

            // finance signs: everyone has, the seal job runs once
            let last = try await Self.sign(app, internalLink, email: "finance@paraphe.test", sink: sink, typed: "Finance")
            #expect(last.status == 200, "\(last.text)")
            #expect(try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["status"]?.string == "sealing")
            try await app.runJobs()
            try await app.runJobs()
            contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(contract["status"]?.string == "signed")
            #expect(contract["signature"]?["status"]?.string == "completed")
            let sealed = contract["documents"]?.array?.filter { $0["source"]?.string == "sealed" } ?? []
            #expect(sealed.count == 1, "sealed exactly once")
            let documentId = try #require(sealed.first?["id"]?.string)
            let bytes = try await app.call(.get, "/api/v1/documents/\(documentId)/content", as: "sales")
            let data = Data(buffer: bytes.body)

            // the seal checks against the organisation's CA, and its evidence against the trail
            let chain = try String(contentsOf: SealKeys.chainURL(dataDirectory: app.config.dataDirectory), encoding: .utf8)
            let permissions = try FileManager.default.attributesOfItem(atPath: SealKeys.keyURL(dataDirectory: app.config.dataDirectory).path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            let key = try String(contentsOf: SealKeys.keyURL(dataDirectory: app.config.dataDirectory), encoding: .utf8)
            let root = try SealIdentity(keyPEM: key, chainPEM: chain).root
            let verification = SealVerifier(trustedRoots: [root]).verify(data)
            #expect(verification.outcome == .valid, "\(verification)")
            let evidence = try JSONDecoder.evidence.decode(SealEvidence.self, from: try #require(verification.evidence))
            #expect(evidence.signers.map(\.email) == ["finance@paraphe.test", Self.contact.email])
            #expect(evidence.signers.allSatisfy { $0.signedAt != nil && $0.verifiedAt != nil })
            #expect(evidence.timeline.contains { $0.step == "codeVerified" })
            #expect(evidence.signedVersion.sha256 == view.json["document"]?["sha256"]?.string)
            let check = try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json
            #expect(check["seals"]?[0]?["outcome"]?.string == "valid")
            #expect(check["seals"]?[0]?["anchorHolds"]?.bool == true)
            if let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first(where: FileManager.default.isExecutableFile) {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-\(UUID().uuidString).pdf")
                try data.write(to: file)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: pdftotext)
                process.arguments = [file.path, "-"]
                let out = Pipe()
                process.standardOutput = out
                try process.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(text.contains("Page de signature") && text.contains("Preuve de signature"))
                #expect(text.contains("Jeanne Client") && text.contains("usage unique"))
                #expect(text.contains(evidence.signedVersion.sha256))
            }

            // every signer and the sender get it, the PDF attached
            try await app.runJobs()
            for address in ["finance@paraphe.test", Self.contact.email] {
                let copy = try #require(try Self.mail(sink, to: address, subject: "Contrat signé"))
                #expect(copy["attachments"]?[0]?["contentType"]?.string == "application/pdf")
                #expect(copy["attachments"]?[0]?["size"]?.int == data.count)
                #expect(copy["defects"]?.int == 0)
            }
            #expect(try Self.mail(sink, to: "sales@paraphe.test", subject: "Contrat signé") != nil)
            // the trail tells the story, each webhook-worthy step an event
            let types = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array?.compactMap { $0["type"]?.string } ?? []
            for expected in ["signature.requested", "signature.notified", "signature.step", "signature.signed", "signature.sealed"] {
                #expect(types.contains(expected), "\(expected)")
            }

            // audit verify holds; a trail rewritten from the start, every hash recomputed, no longer matches its seal
            let clean = try await app.withServices { try await AuditVerification(services: $0).run() }
            #expect(clean.problems == 0, "\(clean.lines)")
            try await app.withServices { services in
                try await services.database.transaction { s in
                    var previous: AuditEvent?
                    for var event in try await s.events(of: Contract.ID(id)!) {
                        event.reason = "réécrit"
                        let resealed = AuditChain.seal(event, after: previous, digest: AuditDigest.sha256)
                        try await s.exec("UPDATE events SET reason = 'réécrit', previous_hash = \(bind: resealed.previousHash), hash = \(bind: resealed.hash) WHERE id = \(bind: event.id.description)")
                        previous = resealed
                    }
                    try await s.exec("UPDATE contracts SET audit_head = \(bind: previous!.hash) WHERE id = \(bind: id)")
                }
            }
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["auditChain"]?.string == "valid")
            let rewritten = try await app.withServices { try await AuditVerification(services: $0).run() }
            #expect(rewritten.lines.contains { $0.hasPrefix("ANCHOR contract \(id)") }, "\(rewritten.lines)")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["seals"]?[0]?["anchorHolds"]?.bool == false)
        }
    }
}

extension SignatureFlowTests {
    static func problemType(_ reply: Reply) -> String { reply.json["type"]?.string?.split(separator: "/").last.map(String.init) ?? "" }

    @Test(arguments: TestEngine.all)
    func linksAndCodesResistAbuse(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        try await TestApp.run(engine, configure: Self.smtp(sink)) { app in
            let id = try await Self.approvedContract(app)
            let (request, internalLink, counterpartyLink) = try await Self.send(app, id, sink: sink)

            // links nobody was sent
            let unknown = try await app.call(.get, "/sign/\(String(repeating: "A", count: 43))", as: nil, headers: [.accept: "application/json"])
            #expect(unknown.status == 404 && Self.problemType(unknown) == "signing-link-unknown")
            let page = try await app.call(.get, "/sign/short", as: nil, headers: [.accept: "text/html"])
            #expect(page.status == 404 && page.text.contains("Lien inconnu"))

            // another signer's code does not open this link; five wrong tries lock the code, the right one included
            #expect(try await app.call(.post, "/sign/\(internalLink)/otp", as: nil).status == 202)
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/otp", as: nil).status == 202)
            try await app.runJobs()
            let financeCode = try #require(Self.code(in: try Self.mail(sink, to: "finance@paraphe.test", subject: "code")))
            let clientCode = try #require(Self.code(in: try Self.mail(sink, to: Self.contact.email, subject: "code")))
            let wrongs = [financeCode] + ["000000", "111111", "222222", "333333"].filter { $0 != clientCode }.prefix(4)
            var replies: [Reply] = []
            for wrong in wrongs {
                replies.append(try await app.call(.post, "/sign/\(counterpartyLink)/verify", as: nil, json: #"{"code": "\#(wrong)"}"#))
            }
            #expect(replies.prefix(4).allSatisfy { $0.status == 422 && Self.problemType($0) == "wrong-code" })
            #expect(replies[0].json["detail"]?.string?.contains("4 tries left") == true)
            #expect(Self.problemType(replies[4]) == "code-locked")
            let sixth = try await app.call(.post, "/sign/\(counterpartyLink)/verify", as: nil, json: #"{"code": "\#(clientCode)"}"#)
            #expect(sixth.status == 409 && Self.problemType(sixth) == "code-locked", "even the right code, once locked")
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/verify", as: nil, json: #"{"code": "12ab"}"#).status == 422)
            // a new code works; a fourth within the hour waits
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/otp", as: nil).status == 202)
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/otp", as: nil).status == 202)
            let limited = try await app.call(.post, "/sign/\(counterpartyLink)/otp", as: nil)
            #expect(limited.status == 429 && limited.headers[.retryAfter] != nil)
            try await app.runJobs()
            let fresh = try #require(Self.code(in: try Self.mail(sink, to: Self.contact.email, subject: "code")))
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/verify", as: nil, json: #"{"code": "\#(fresh)"}"#).status == 204)
            // codes never reach the outbox or the trail
            let outbox = try await app.call(.get, "/api/v1/mails", as: "admin").text
            #expect(!outbox.contains(fresh) && !outbox.contains(counterpartyLink))
            let trail = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "legal").text
            #expect(!trail.contains(fresh) && !trail.contains(counterpartyLink))

            // bad signatures, and a document other than the one shown
            let sha = try #require(try await app.call(.get, "/sign/\(counterpartyLink)", as: nil, headers: [.accept: "application/json"]).json["document"]?["sha256"]?.string)
            func sign(_ body: String) async throws -> Reply { try await app.call(.post, "/sign/\(counterpartyLink)/sign", as: nil, json: body) }
            #expect(try await sign(#"{"consent": false, "documentSha256": "\#(sha)", "signature": {"kind": "typed", "text": "Jeanne"}}"#).fields == ["consent"])
            #expect(try await sign(#"{"consent": true, "documentSha256": "\#(sha)", "signature": {"kind": "drawn", "strokes": [[[1, 2, 3]]]}}"#).fields == ["signature"])
            #expect(try await sign(#"{"consent": true, "documentSha256": "\#(sha)", "signature": {"kind": "ink"}}"#).fields == ["signature.kind"])
            #expect(try await sign(#"{"consent": true, "documentSha256": "\#(sha)", "signature": {"kind": "typed", "text": "J"}, "extra": 1}"#).fields == ["extra"])
            let other = try await sign(#"{"consent": true, "documentSha256": "\#(String(repeating: "0", count: 64))", "signature": {"kind": "typed", "text": "Jeanne"}}"#)
            #expect(other.status == 409 && Self.problemType(other) == "document-changed")
            // a corrected address kills the old link; a colleague's address is their account's
            let signers = try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["signers"]?.array ?? []
            let client = try #require(signers.first { $0["role"]?.string == "counterparty" }?["id"]?.string)
            let colleague = try #require(signers.first { $0["role"]?.string == "internal" }?["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/signature-requests/\(request)/signers/\(colleague)/resend", as: "sales",
                                       json: #"{"email": "someone@else.test"}"#).status == 409)
            #expect(try await app.call(.post, "/api/v1/signature-requests/\(request)/signers/\(client)/resend", as: "sales",
                                       json: #"{"email": "not an address"}"#).status == 422)
            let moved = try await app.call(.post, "/api/v1/signature-requests/\(request)/signers/\(client)/resend", as: "sales",
                                           json: #"{"email": "jeanne.client@globex.test"}"#)
            #expect(moved.status == 200 && moved.json["email"]?.string == "jeanne.client@globex.test")
            #expect(try await app.call(.get, "/sign/\(counterpartyLink)", as: nil, headers: [.accept: "application/json"]).status == 404)
            try await app.runJobs()
            let newLink = try #require(Self.token(in: try Self.mail(sink, to: "jeanne.client@globex.test", subject: "Signature demandée")))
            #expect(try await app.call(.get, "/sign/\(newLink)", as: nil, headers: [.accept: "application/json"]).status == 200)

            // cancelled: every link dies, the contract is approved again and can be sent anew
            #expect(try await app.call(.delete, "/api/v1/signature-requests/\(request)", as: "sales2").status == 404, "another rep does not see it")
            #expect(try await app.call(.delete, "/api/v1/signature-requests/\(request)", as: "viewer").status == 403)
            let cancelled = try await app.call(.delete, "/api/v1/signature-requests/\(request)", as: "sales")
            #expect(cancelled.status == 200 && cancelled.json["status"]?.string == "cancelled")
            #expect(try await app.call(.delete, "/api/v1/signature-requests/\(request)", as: "sales").status == 409)
            let closed = try await app.call(.get, "/sign/\(internalLink)", as: nil, headers: [.accept: "text/html"])
            #expect(closed.status == 409 && closed.text.contains("annulé"))
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "approved")

            // links expire: two weeks later the reminder job closes the request and tells the sender
            let (_, expiring, _) = try await Self.send(app, id, sink: sink)
            app.clock.advance(15 * 86400)
            let expired = try await app.call(.get, "/sign/\(expiring)", as: nil, headers: [.accept: "application/json"])
            #expect(expired.status == 410 && Self.problemType(expired) == "signing-link-expired")
            try await app.runJobs(recurring: true)
            let jobs = try await app.call(.get, "/api/v1/jobs", as: "admin").text
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["signature"]?["status"]?.string == "expired", "\(jobs)")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "approved")
            try await app.runJobs()
            #expect(try Self.mail(sink, to: "sales@paraphe.test", subject: "Signature expirée") != nil)

            // a newer PDF stored behind an open request's back: the version shown is no longer the contract's
            let (last, lastInternal, _) = try await Self.send(app, id, sink: sink)
            try await app.withServices { services in
                try await services.database.transaction { s in
                    let pdf = Data("%PDF-1.7 newer".utf8)
                    let blob = try await services.blobs.put(pdf, in: s)
                    try await s.insertDocument(DocumentRecord(id: .init(), contractId: Contract.ID(id)!, version: 9, sha256: blob, format: "pdf", source: "uploaded",
                                                              filename: "v9.pdf", size: pdf.count, textIndexed: false, createdAt: Date(), createdBy: nil), text: nil)
                }
            }
            let changed = try await Self.sign(app, lastInternal, email: "finance@paraphe.test", sink: sink, typed: "Finance")
            #expect(changed.status == 409 && Self.problemType(changed) == "document-changed", "\(changed.text)")
            // and a PDF Paraphe cannot add pages to is refused when the request opens, not after everyone has signed
            #expect(try await app.call(.delete, "/api/v1/signature-requests/\(last)", as: "sales").status == 200)
            let unsealable = try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: "sales", json: "{}")
            #expect(unsealable.status == 409 && unsealable.text.contains("cannot be sealed"), "\(unsealable.text)")
        }
    }

    @Test(arguments: TestEngine.all)
    func aDeclineSendsTheContractBackToNegotiation(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        try await TestApp.run(engine, configure: Self.smtp(sink)) { app in
            let id = try await Self.approvedContract(app)
            let (request, internalLink, oldLink) = try await Self.send(app, id, sink: sink)
            // a code mail still queued to the old address when it is corrected goes out without a code
            #expect(try await app.call(.post, "/sign/\(oldLink)/otp", as: nil).status == 202)
            let signers = try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["signers"]?.array ?? []
            let client = try #require(signers.first { $0["role"]?.string == "counterparty" }?["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/signature-requests/\(request)/signers/\(client)/resend", as: "sales",
                                       json: #"{"email": "achats@globex.test"}"#).status == 200)
            #expect(try await app.call(.post, "/api/v1/signature-requests/\(request)/signers/\(client)/resend", as: "sales",
                                       json: #"{"email": "legal@paraphe.test"}"#).fields == ["email"], "nor a colleague's address")
            try await app.runJobs()
            #expect(try Self.mail(sink, to: Self.contact.email, subject: "code") == nil, "no code reached the old address")
            let mails = try await app.call(.get, "/api/v1/mails", as: "admin").json["items"]?.array ?? []
            #expect(mails.contains { $0["recipient"]?.string == Self.contact.email && $0["status"]?.string == "held" })
            let counterpartyLink = try #require(Self.token(in: try Self.mail(sink, to: "achats@globex.test", subject: "Signature demandée")))
            // a colleague whose authority went since the request opened cannot sign for the company
            let finance = try #require(app.users["finance"]?.id.description)
            let grant = try #require(try await app.call(.get, "/api/v1/signature-authorities?userId=\(finance)", as: "admin").json["items"]?[0]?["id"]?.string)
            #expect(try await app.call(.delete, "/api/v1/signature-authorities/\(grant)", as: "admin").status == 204)
            let revoked = try await Self.sign(app, internalLink, email: "finance@paraphe.test", sink: sink, typed: "Finance")
            #expect(revoked.status == 403 && revoked.json["reason"]?.string == "noAuthority", "\(revoked.text)")
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/decline", as: nil, json: #"{"reason": "  "}"#).fields == ["reason"])
            #expect(try await app.call(.post, "/sign/\(counterpartyLink)/decline", as: nil, json: #"{"reason": "Le prix a changé."}"#).status == 204)
            #expect(try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["status"]?.string == "declined")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "negotiating")
            #expect(try await app.call(.post, "/sign/\(internalLink)/otp", as: nil).status == 409, "the other link died with the request")
            try await app.runJobs()
            let told = try #require(try Self.mail(sink, to: "sales@paraphe.test", subject: "Signature refusée"))
            #expect(told["body"]?.string?.contains("Le prix a changé.") == true)
            #expect(try Self.mail(sink, to: "finance@paraphe.test", subject: "Signature annulée") != nil)
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array ?? []
            #expect(events.contains { $0["type"]?.string == "signature.declined" && $0["data"]?["reason"]?.string == "Le prix a changé." })
        }
    }

    @Test(arguments: TestEngine.all)
    func twoSignersFinishingAtOnceAreSealedOnce(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        try await TestApp.run(engine, configure: Self.smtp(sink)) { app in
            let id = try await Self.approvedContract(app)
            let (request, internalLink, counterpartyLink) = try await Self.send(app, id, sink: sink)
            var shas: [String] = []
            for (link, email) in [(internalLink, "finance@paraphe.test"), (counterpartyLink, Self.contact.email)] {
                shas.append(try #require(try await app.call(.get, "/sign/\(link)", as: nil, headers: [.accept: "application/json"]).json["document"]?["sha256"]?.string))
                #expect(try await app.call(.post, "/sign/\(link)/otp", as: nil).status == 202)
                try await app.runJobs()
                let code = try #require(Self.code(in: try Self.mail(sink, to: email, subject: "code")))
                #expect(try await app.call(.post, "/sign/\(link)/verify", as: nil, json: #"{"code": "\#(code)"}"#).status == 204)
            }
            let body = #"{"consent": true, "documentSha256": "\#(shas[0])", "signature": {"kind": "drawn", "strokes": [[[10, 10], [60, 40], [120, 12]]]}}"#
            // a browser whose name is PDF syntax: it lands in the evidence, and must not make the seal read as modified
            async let first = app.call(.post, "/sign/\(internalLink)/sign", as: nil, json: body, headers: [.userAgent: "Evil /ByteRange [0 1 2 3] /Contents <00>"])
            async let second = app.call(.post, "/sign/\(counterpartyLink)/sign", as: nil, json: body)
            async let double = app.call(.post, "/sign/\(counterpartyLink)/sign", as: nil, json: body)
            let replies = try await [first, second, double]
            #expect(replies.filter { $0.status == 200 }.count == 2, "\(replies.map(\.status))")
            #expect(replies.filter { $0.status == 409 && Self.problemType($0) == "already-signed" }.count == 1, "the double submit")
            try await app.runJobs()
            // the job, run again as after a crash between its commit and its completion, changes nothing
            try await app.withServices { try await SealingWorkflow(services: $0).seal(SealRequest(requestId: SignatureRequest.ID(request)!)) }
            let documents = try await app.call(.get, "/api/v1/contracts/\(id)/documents", as: "sales").json["items"]?.array ?? []
            #expect(documents.filter { $0["source"]?.string == "sealed" }.count == 1)
            let jobs = try await app.call(.get, "/api/v1/jobs", as: "admin").json["items"]?.array ?? []
            #expect(jobs.filter { $0["kind"]?.string == "signatures.seal" }.count == 1)
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "signed")
            let check = try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json
            #expect(check["seals"]?[0]?["outcome"]?.string == "valid", "\(check)")
        }
    }

    @Test(arguments: TestEngine.all)
    func onlyWritersSendAndOnlyLegalRecordsACopySignedElsewhere(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try await Self.approvedContract(app)
            let path = "/api/v1/contracts/\(id)/signature-requests"
            #expect(try await app.call(.post, path, as: "viewer", json: "{}").status == 403)
            #expect(try await app.call(.post, path, as: "sales2", json: "{}").status == 404)
            #expect(try await app.call(.get, path, as: "sales2").status == 404)
            // who signs must be named well
            #expect(try await app.call(.post, path, as: "sales", json: #"{"signers": [{"name": "X", "email": "x@globex.test", "role": "counterparty"}]}"#)
                .fields == ["signers"], "a colleague must sign")
            #expect(try await app.call(.post, path, as: "sales", json: #"{"signers": [{"name": "X", "email": "stranger@else.test", "role": "internal"}]}"#)
                .fields == ["signers[0].email"])
            #expect(try await app.call(.post, path, as: "sales", json: #"{"signers": [{"name": "F", "email": "finance@paraphe.test", "role": "boss"}]}"#)
                .fields == ["signers[0].role"])
            #expect(try await app.call(.post, path, as: "sales", json: #"{"signers": []}"#).fields == ["signers"], "an empty list is not the defaults")
            // the owner cannot play the customer: a colleague's address signs as internal or not at all
            #expect(try await app.call(.post, path, as: "sales", json: """
                {"signers": [{"name": "F", "email": "finance@paraphe.test", "role": "internal"}, {"name": "Client", "email": "SALES@paraphe.test", "role": "counterparty"}]}
                """).fields == ["signers[1].email"])
            let twice = try await app.call(.post, path, as: "sales", json: """
                {"signers": [{"name": "F", "email": "finance@paraphe.test", "role": "internal"}, {"name": "F", "email": "FINANCE@paraphe.test", "role": "counterparty", "order": 11}]}
                """)
            #expect(Set(twice.fields) == ["signers[1].email", "signers[1].order"])
            // a colleague without authority is refused with the reason
            let noAuthority = try await app.call(.post, path, as: "sales", json: #"{"signers": [{"name": "Legal", "email": "legal@paraphe.test", "role": "internal"}]}"#)
            #expect(noAuthority.status == 403 && noAuthority.json["reason"]?.string == "noAuthority")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json["status"]?.string == "approved", "nothing moved")

            // signed elsewhere: never sales, never the owner, always a PDF and a reason
            func record(as who: String, file: Data = SamplePDF.make("Exemplaire signé"), reason: String = "Signé sur papier") async throws -> Reply {
                let boundary = "SignedElsewhereBoundary"
                var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\n\(reason)\r\n".utf8)
                body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"signe.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
                body += file + Data("\r\n--\(boundary)--\r\n".utf8)
                return try await app.call(.post, "/api/v1/contracts/\(id)/signed-elsewhere", as: who, raw: ByteBuffer(data: body),
                                          headers: [.contentType: "multipart/form-data; boundary=\(boundary)"])
            }
            #expect(try await record(as: "sales").status == 403)
            #expect(try await record(as: "legal", file: Data("not a pdf".utf8)).fields == ["file"])
            #expect(try await record(as: "legal", reason: " ").fields == ["reason"])
            let recorded = try await record(as: "legal")
            #expect(recorded.status == 200, "\(recorded.text)")
            #expect(recorded.json["status"]?.string == "signed")
            #expect(recorded.json["documents"]?.array?.contains { $0["source"]?.string == "signed-elsewhere" } == true)
            #expect(try await record(as: "admin").status == 409, "once")

            // the owner, even in legal, does not record their own
            let own = try await app.createContract(as: "legal")
            let ownId = try #require(own["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/contracts/\(ownId)/transitions", as: "legal", json: #"{"to": "inReview"}"#).status == 200)
            let boundary = "B"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nPapier\r\n".utf8)
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.pdf\"\r\n\r\n".utf8) + SamplePDF.make("x") + Data("\r\n--\(boundary)--\r\n".utf8)
            let selfRecorded = try await app.call(.post, "/api/v1/contracts/\(ownId)/signed-elsewhere", as: "legal", raw: ByteBuffer(data: body),
                                                  headers: [.contentType: "multipart/form-data; boundary=\(boundary)"])
            #expect(selfRecorded.status == 403 && selfRecorded.json["reason"]?.string == "ownContract")
        }
    }
}

extension SignatureFlowTests {
    /// Every role against every sender endpoint: who may read, send, cancel, resend and record a copy signed
    /// elsewhere on a sales rep's contract. Those allowed are stopped by a bad body, so nothing changes between rows.
    @Test(arguments: TestEngine.all)
    func everyRoleAgainstTheSenderEndpoints(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        try await TestApp.run(engine, configure: Self.smtp(sink)) { app in
            let id = try await Self.approvedContract(app)
            let bad = #"{"signers": [{"name": "X", "email": "x@globex.test", "role": "boss"}]}"#
            let send: [String: Int] = ["admin": 422, "legal": 422, "sales": 422, "sales2": 404, "finance": 403, "viewer": 403]
            for (who, status) in send {
                let reply = try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: who, json: bad)
                #expect(reply.status == status, "\(who) sends: \(reply.status) \(reply.text)")
            }
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/signature-requests", as: nil, json: bad).status == 401)
            let (request, _, _) = try await Self.send(app, id, sink: sink)
            let signer = try #require(try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["signers"]?[1]?["id"]?.string)
            let read: [String: Int] = ["admin": 200, "legal": 200, "sales": 200, "sales2": 404, "finance": 200, "viewer": 200]
            for (who, status) in read {
                #expect(try await app.call(.get, "/api/v1/signature-requests/\(request)", as: who).status == status, "\(who) reads")
            }
            for (who, status) in ["sales2": 404, "finance": 403, "viewer": 403] {
                #expect(try await app.call(.delete, "/api/v1/signature-requests/\(request)", as: who).status == status, "\(who) cancels")
                #expect(try await app.call(.post, "/api/v1/signature-requests/\(request)/signers/\(signer)/resend", as: who).status == status,
                        "\(who) resends")
            }
            #expect(try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["status"]?.string == "open", "nothing moved")
            // a forged form on the contract page does nothing either
            let (otherCookie, otherCsrf) = try await app.webSession(as: "sales2")
            #expect(try await app.postForm("/signature-requests/\(request)/cancel", [("_csrf", "forged")], cookie: otherCookie).status == 403)
            #expect(try await app.postForm("/signature-requests/\(request)/cancel", [("_csrf", otherCsrf)], cookie: otherCookie).status == 404)
            #expect(try await app.call(.get, "/api/v1/signature-requests/\(request)", as: "sales").json["status"]?.string == "open")
            var body = Data("--B\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nPapier\r\n".utf8)
            body += Data("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.pdf\"\r\n\r\n".utf8) + SamplePDF.make("x") + Data("\r\n--B--\r\n".utf8)
            for who in ["sales", "sales2", "finance", "viewer"] {
                let reply = try await app.call(.post, "/api/v1/contracts/\(id)/signed-elsewhere", as: who, raw: ByteBuffer(data: body),
                                               headers: [.contentType: "multipart/form-data; boundary=B"])
                #expect(reply.status == 403 && reply.json["reason"]?.string == "signedElsewhereRole", "\(who) records: \(reply.status)")
            }
        }
    }
}

extension SignatureFlowTests {
    /// Invited signers are reminded every two working days with a fresh link; the earlier link keeps working, and a
    /// signer who has signed is not reminded.
    @Test(arguments: TestEngine.all)
    func invitedSignersAreRemindedEveryTwoWorkingDays(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        try await TestApp.run(engine, configure: Self.smtp(sink)) { app in
            let id = try await Self.approvedContract(app)
            let (_, internalLink, counterpartyLink) = try await Self.send(app, id, sink: sink)
            #expect(try await Self.sign(app, counterpartyLink, email: Self.contact.email, sink: sink).status == 200)
            app.clock.advance(3600)
            try await app.runJobs(recurring: true)
            #expect(try Self.mail(sink, to: "finance@paraphe.test", subject: "Rappel") == nil, "not yet")
            // the test clock starts on a Monday: four days later, two working days have passed
            app.clock.advance(4 * 86400)
            try await app.runJobs(recurring: true)
            try await app.runJobs()
            let reminder = try #require(try Self.mail(sink, to: "finance@paraphe.test", subject: "Rappel — signature en attente"))
            let fresh = try #require(Self.token(in: reminder))
            #expect(fresh != internalLink)
            #expect(try Self.mail(sink, to: Self.contact.email, subject: "Rappel") == nil, "who signed is left alone")
            for link in [internalLink, fresh] {
                #expect(try await app.call(.get, "/sign/\(link)", as: nil, headers: [.accept: "application/json"]).status == 200)
            }
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "sales").json["items"]?.array ?? []
            #expect(events.contains { $0["type"]?.string == "signature.notified" && $0["data"]?["why"]?.string == "reminder" })
        }
    }
}
