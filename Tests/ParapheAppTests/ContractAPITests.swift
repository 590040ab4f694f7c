import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

@Suite struct ContractAPITests {
    @Test(arguments: TestEngine.all)
    func createReadEditAndTrail(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given a contract recorded by a sales rep
            let created = try await app.createContract()
            let id = try #require(created["id"]?.string)
            #expect(created["status"]?.string == "draft")
            #expect(created["reference"]?.string == "CTR-2026-000001")
            #expect(created["amount"]?["amount"]?.string == "48000.00")
            // then renewal dates are computed: renews 31 Jan 2027, notice by 31 Oct 2026
            #expect(created["renewal"]?["nextRenewalDate"]?.string == "2027-01-31")
            #expect(created["renewal"]?["noticeDeadline"]?.string == "2026-10-31")

            // and a policy sending amounts above 50 000 EUR to finance
            let rule = #"{"name": "Gros montants", "when": {"amountAbove": {"amount": "50000.00", "currency": "EUR"}}, "require": [{"role": "finance"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            // when the rep submits it, nothing is required, so it is approved at once
            let submitted = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview", "reason": "ok"}"#)
            #expect(submitted.status == 200, "\(submitted.text)")
            #expect(submitted.json["status"]?.string == "approved")
            // then the amount changes above the threshold
            let edited = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"amount": {"amount": "52000.00", "currency": "EUR"}}"#)
            // then it is back in review, waiting on finance, and the trail says why
            #expect(edited.status == 200, "\(edited.text)")
            #expect(edited.json["status"]?.string == "inReview")
            #expect(edited.json["approvals"]?[0]?["role"]?.string == "finance")
            #expect(edited.json["approvalRequest"]?["reason"]?.string == "terms changed after approval: amount")
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "legal").json["items"]?.array ?? []
            #expect(events.map { $0["type"]?.string ?? "" } == ["contract.created", "contract.transitioned", "approval.requested", "contract.transitioned",
                                                                  "contract.edited", "contract.sentBackToReview", "approval.requested"])
            #expect(events[3]["reason"]?.string == "no approval required by the policy")
            #expect(events[5]["reason"]?.string == "terms changed after approval")
            #expect(events[1]["previousHash"]?.string == events[0]["hash"]?.string)
            #expect(events[0]["actor"]?["label"]?.string == "sales@paraphe.test")
            let verify = try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal")
            #expect(verify.json["auditChain"]?.string == "valid")
            #expect(verify.json["events"]?.int == 7)
        }
    }

    @Test(arguments: TestEngine.all)
    func illegalTransitionIsAConflictListingAllowed(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract()["id"]?.string)
            let r = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", json: #"{"to": "signed"}"#)
            #expect(r.status == 409)
            #expect(r.headers[.contentType] == "application/problem+json")
            #expect(r.json["allowed"]?.array?.compactMap(\.string) == ["inReview", "cancelled"])
            #expect(r.json["type"]?.string?.hasSuffix("illegal-transition") == true)
            // and nothing was recorded
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/events").json["items"]?.array?.count == 1)
        }
    }

    @Test(arguments: TestEngine.all)
    func salesSeeOwnAndSharedContracts(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract(as: "sales")["id"]?.string)
            try await app.createContract(as: "sales2", title: "Autre")
            // another rep neither sees nor lists it
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales2").status == 404)
            #expect(try await app.call(.get, "/api/v1/contracts", as: "sales2").json["items"]?.array?.count == 1)
            // legal, finance and the viewer see everything
            for who in ["legal", "finance", "viewer", "admin"] {
                #expect(try await app.call(.get, "/api/v1/contracts", as: who).json["items"]?.array?.count == 2, "\(who)")
            }
            // the viewer reads only
            #expect(try await app.call(.patch, "/api/v1/contracts/\(id)", as: "viewer", json: #"{"title": "x"}"#).status == 403)
            #expect(try await app.call(.post, "/api/v1/contracts", as: "viewer", json: #"{"title": "x", "type": "msa"}"#).status == 403)
            // once shared, the other rep sees it
            let share = try await app.call(.post, "/api/v1/contracts/\(id)/shares", as: "sales", json: #"{"userId": "\#(app.users["sales2"]!.id)"}"#)
            #expect(share.status == 204, "\(share.text)")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales2").status == 200)
            #expect(try await app.call(.get, "/api/v1/contracts", as: "sales2").json["items"]?.array?.count == 2)
        }
    }

    @Test(arguments: TestEngine.all)
    func searchIgnoresAccentsAndFilters(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let cp = try await app.call(.post, "/api/v1/counterparties", as: "sales", json: #"{"name": "Éditions Lumière", "kind": "customer"}"#)
            #expect(cp.status == 201)
            let cpId = try #require(cp.json["id"]?.string)
            try await app.createContract(title: "Clause de résiliation anticipée", extra: #", "counterpartyId": "\#(cpId)""#)
            try await app.createContract(title: "Accord de confidentialité", extra: #", "metadata": {"région": "Île-de-France"}"#)
            func search(_ q: String) async throws -> [String] {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await app.call(.get, "/api/v1/contracts?q=\(encoded)", as: "legal").json["items"]?.array?.compactMap { $0["title"]?.string } ?? []
            }
            #expect(try await search("resiliation") == ["Clause de résiliation anticipée"])
            #expect(try await search("RÉSILIATION") == ["Clause de résiliation anticipée"])
            #expect(try await search("editions lumiere") == ["Clause de résiliation anticipée"])
            #expect(try await search("ile-de-france") == ["Accord de confidentialité"])
            #expect(try await search("confid") == ["Accord de confidentialité"])
            #expect(try await search("CTR-2026-000002") == ["Accord de confidentialité"])
            #expect(try await search("\"OR * NEAR(") == [])
            #expect(try await app.call(.get, "/api/v1/contracts?counterpartyId=\(cpId)", as: "legal").json["items"]?.array?.count == 1)
            #expect(try await app.call(.get, "/api/v1/contracts?status=draft&type=msa", as: "legal").json["items"]?.array?.count == 2)
            #expect(try await app.call(.get, "/api/v1/contracts?status=active", as: "legal").json["items"]?.array?.count == 0)
            #expect(try await app.call(.get, "/api/v1/contracts?endsBefore=2027-02-01", as: "legal").json["items"]?.array?.count == 2)
            #expect(try await app.call(.get, "/api/v1/contracts?endsBefore=2027-01-01", as: "legal").json["items"]?.array?.count == 0)
        }
    }

    @Test(arguments: TestEngine.all)
    func cursorPaginationVisitsEveryContractOnce(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            for i in 0..<7 {
                app.clock.advance(i % 2 == 0 ? 0 : 1)  // ties on updatedAt must not lose or repeat rows
                try await app.createContract(title: "Contrat \(i)", endDate: "2027-0\(i + 1)-15")
            }
            for sort in ["updatedAt", "endDate", "priority"] {
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let path = "/api/v1/contracts?limit=3&sort=\(sort)" + (cursor.map { "&cursor=\($0)" } ?? "")
                    let page = try await app.call(.get, path, as: "legal").json
                    seen += page["items"]?.array?.compactMap { $0["title"]?.string } ?? []
                    cursor = page["nextCursor"]?.string
                } while cursor != nil
                #expect(seen.count == 7 && Set(seen).count == 7, "\(sort): \(seen)")
                if sort == "endDate" { #expect(seen == (0..<7).map { "Contrat \($0)" }) }
            }
            #expect(try await app.call(.get, "/api/v1/contracts?cursor=garbage", as: "legal").status == 422)
            #expect(try await app.call(.get, "/api/v1/contracts?limit=501", as: "legal").fields == ["limit"])
        }
    }

    @Test(arguments: TestEngine.all)
    func counterpartiesAndContractTypes(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let created = try await app.call(.post, "/api/v1/counterparties", as: "sales", json: #"{"name": "ACME", "kind": "supplier", "crmRefs": {"salesforce": "001ABC"}}"#)
            #expect(created.status == 201)
            let id = try #require(created.json["id"]?.string)
            let patched = try await app.call(.patch, "/api/v1/counterparties/\(id)", as: "legal", json: #"{"address": "1 rue de Rivoli, Paris"}"#)
            #expect(patched.json["address"]?.string == "1 rue de Rivoli, Paris")
            #expect(patched.json["crmRefs"]?["salesforce"]?.string == "001ABC")
            #expect(try await app.call(.post, "/api/v1/counterparties", json: #"{"name": "X", "kind": "friend"}"#).fields == ["kind"])
            // admins add contract types; others cannot
            #expect(try await app.call(.post, "/api/v1/contract-types", as: "sales", json: #"{"key": "lease", "labelFr": "Bail"}"#).status == 403)
            #expect(try await app.call(.post, "/api/v1/contract-types", json: #"{"key": "lease", "labelFr": "Bail"}"#).status == 201)
            #expect(try await app.call(.post, "/api/v1/contract-types", json: #"{"key": "lease", "labelFr": "Bail"}"#).status == 409)
            let r = try await app.call(.post, "/api/v1/contracts", json: #"{"title": "Bail de bureaux", "type": "lease"}"#)
            #expect(r.status == 201)
            let types = try await app.call(.get, "/api/v1/contract-types").json["items"]?.array?.compactMap { $0["key"]?.string } ?? []
            #expect(Set(types) == ["nda", "msa", "order_form", "dpa", "supplier", "lease"])
        }
    }

    @Test(arguments: TestEngine.all)
    func renewalNoticeFilterFollowsTheCalendar(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given a tacit renewal on 31 January 2027 with three months' notice, and a contract without renewal
            try await app.createContract(title: "Tacite")
            _ = try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "Sans reconduction", "type": "nda", "endDate": "2026-06-30"}"#)
            var token = app.tokens["legal"]!
            func due(before day: String) async throws -> [String] {
                try await app.call(.get, "/api/v1/contracts?renewalNoticeBefore=\(day)", as: nil, headers: [.authorization: "Bearer \(token)"])
                    .json["items"]?.array?.compactMap { $0["title"]?.string } ?? []
            }
            #expect(try await due(before: "2026-11-01") == ["Tacite"])
            #expect(try await due(before: "2026-10-31") == [])
            // when the renewal date has passed and housekeeping runs
            app.clock.advance(366 * 86400)
            let now = app.clock.read()
            try await app.withServices { try await RenewalWorkflow(services: $0).roll(); try await $0.database.housekeeping(now: now) }
            // (a year on, the API tokens issued at the start have expired)
            token = try #require(try await app.call(.post, "/api/v1/auth/token", as: nil,
                                                    json: #"{"email": "legal@paraphe.test", "password": "\#(TestUsers.password)"}"#).json["token"]?.string)
            // then the filter speaks of the next notice deadline, a year later
            #expect(try await due(before: "2026-11-01") == [])
            #expect(try await due(before: "2027-11-01") == ["Tacite"])
            // hand-recorded contracts carry no clause instances, so no derogation either
            #expect(try await app.call(.get, "/api/v1/contracts?hasDerogation=true", as: nil, headers: [.authorization: "Bearer \(token)"]).json["items"]?.array?.isEmpty == true)
            #expect(try await app.call(.get, "/api/v1/contracts?hasDerogation=yes", as: nil, headers: [.authorization: "Bearer \(token)"]).fields == ["hasDerogation"])
        }
    }
}
