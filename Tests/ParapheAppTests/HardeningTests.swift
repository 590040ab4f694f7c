import Foundation
import Hummingbird
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

/// Attacks and edge cases found in review, each once able to crash, mislead or leak.
@Suite struct HardeningTests {
    @Test(arguments: TestEngine.all)
    func oddHeadersAndNULBytesGet4xxNeverACrash(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            for header in [";", "en,;", ",,", ";q=1", "é"] {
                #expect(try await app.call(.get, "/health", as: nil, headers: [.acceptLanguage: header]).status == 200, "\(header)")
            }
            let nulJSON = try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "a\u0000b", "type": "msa"}"#)
            #expect(nulJSON.status == 400)
            #expect(try await app.call(.get, "/api/v1/contracts?type=%00", as: "legal").status == 400)
            #expect(try await app.call(.post, "/api/v1/contracts", as: "sales", raw: ByteBuffer(string: #"{"title": "x", "type": "msa"}"#)).status == 415)
            let far = try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "x", "type": "msa", "endDate": "9999-12-31", "renewal": {"mode": "tacit", "period": "P1D", "notice": "P0D"}}"#)
            #expect(far.status == 422)
            #expect(far.fields == ["endDate"])
            let long = try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "x", "type": "msa", "endDate": "2026-01-01", "renewal": {"mode": "explicit", "notice": "P999Y"}}"#)
            #expect(long.fields == ["renewal.notice"])
            #expect(try await app.call(.get, "/api/v1/contracts").json["items"]?.array?.isEmpty == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func titlesAreInertInPagesAndRedirectsStayLocal(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let hostile = #"x"><base href="https://evil.example/"><script>alert(1)</script>"#
            let body = try JSONEncoder().encode(["title": hostile, "type": "msa"])
            let created = try await app.call(.post, "/api/v1/contracts", as: "legal", raw: ByteBuffer(data: body), headers: [.contentType: "application/json"])
            let id = try #require(created.json["id"]?.string)
            let (cookie, _) = try await app.webSession(as: "legal")
            let page = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie])
            #expect(page.status == 200)
            #expect(!page.text.contains("<base"))
            // the only script is our own file
            #expect(page.text.components(separatedBy: "<script").count == 2)
            #expect(page.text.contains(#"<script src="/assets/paraphe.js" defer></script>"#))
            #expect(page.text.contains("&lt;base href=&quot;https://evil.example/&quot;&gt;"))
            #expect(page.headers[values: .init("Content-Security-Policy")!].first?.contains("base-uri 'none'") == true)
            for next in ["/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/contracts%0d%0aSet-Cookie:x"] {
                let r = try await app.call(.get, "/language/en?next=\(next)", as: nil)
                #expect(r.headers[.location] == "/contracts", "\(next)")
            }
            #expect(try await app.call(.get, "/language/en?next=/contracts/\(id)", as: nil).headers[.location] == "/contracts/\(id)")
            // the session cookie opens no API door, however the path is written
            for path in ["/api/v1/me", "//api/v1/me", "/api//v1/me"] {
                #expect(try await app.call(.get, path, as: nil, headers: [.cookie: cookie]).status == 401, "\(path)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func contractPageShowsMetadataAndTimeline(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let created = try await app.createContract(as: "sales", extra: #", "metadata": {"opportunité": "<Q4>", "sièges": 40}"#)
            let id = try #require(created["id"]?.string)
            let rule = #"{"name": "Contrats-cadres", "when": {"contractTypes": ["msa"]}, "require": [{"role": "legal"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let (cookie, csrf) = try await app.webSession(as: "sales")
            let moved = try await app.call(.post, "/contracts/\(id)/transition", as: nil, raw: ByteBuffer(string: "_csrf=\(csrf)&to=inReview&reason=pr%C3%AAt"),
                                           headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie])
            #expect(moved.status == 303)
            let page = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie]).text
            #expect(page.contains("opportunité") && page.contains("&lt;Q4&gt;") && page.contains("sièges") && page.contains(">40<"))
            #expect(page.contains("Envoyer en revue") == false, "already in review")
            #expect(page.contains("Changement de statut") && page.contains("« prêt »"))
            #expect(page.contains("Piste d&#39;audit intègre") || page.contains("Piste d'audit intègre"))
        }
    }

    @Test(arguments: TestEngine.all)
    func racingCreatorsOfOneEmailGetOne201AndOne409(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await app.call(.post, "/api/v1/users", json: #"{"email": "twin@paraphe.test", "name": "Twin", "password": "a long password", "roles": ["sales"]}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 409, 409, 409])
        }
    }

    @Test(arguments: TestEngine.all)
    func duplicateImportsDoNotNameContractsTheCallerCannotSee(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let pdf = SamplePDF.multipart(file: SamplePDF.make("Contrat confidentiel"), filename: "c.pdf", metadata: #"{"title": "Secret"}"#)
            let type: HTTPFields = [.contentType: "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"]
            let first = try await app.call(.post, "/api/v1/contracts/import", as: "sales", raw: ByteBuffer(data: pdf), headers: type)
            #expect(first.status == 201)
            let other = try await app.call(.post, "/api/v1/contracts/import", as: "sales2", raw: ByteBuffer(data: pdf), headers: type)
            #expect(other.status == 409)
            #expect(!other.text.contains("CTR-"))
            #expect(!other.text.contains(first.json["id"]!.string!))
            let owner = try await app.call(.post, "/api/v1/contracts/import", as: "sales", raw: ByteBuffer(data: pdf), headers: type)
            #expect(owner.text.contains("CTR-2026-000001"))
            // the stored file is served inert
            let content = try await app.call(.get, first.json["documents"]![0]!["url"]!.string!, as: "sales")
            #expect(content.headers[values: .init("X-Content-Type-Options")!] == ["nosniff"])
        }
    }
}
