import Foundation
import HTTPTypes
import NIOCore
import ParapheCore
import ParapheServices
import Testing

/// Paraphe against the sandbox's Pipedrive company over HTTP: an API token, deals read by `updated_since`, custom
/// fields translated from their hash keys, one PATCH per deal, and webhooks with Basic auth as hints.
@Suite(.serialized)
struct PipedriveSyncTests {
    static let hookUser = "paraphe", hookPassword = "mot-de-passe-des-webhooks"

    static func fieldMap() -> String {
        let lines = CRMSystem.pipedrive.defaultFieldMap + [
            FieldMapping(clmField: "variables.price", crmObject: "deals", crmField: "value", direction: .pull, owner: .crm),
        ]
        return String(decoding: try! JSONEncoder().encode(lines), as: UTF8.self)
    }

    static func connect(_ app: TestApp, _ sandbox: CRMSandboxProcess, templateId: String? = nil, token: String = CRMSandboxProcess.pipedriveToken) async throws -> Reply {
        let rules = templateId.map { #"[{"id": "contract_sent", "when": {"object": "deals", "field": "stage_id", "equals": "5"}, "templateId": "\#($0)"}]"# } ?? "[]"
        return try await app.call(.post, "/api/v1/integrations", json: """
            {"name": "Pipedrive (bac à sable)", "system": "pipedrive", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true,
             "credentials": {"accessToken": "\(token)", "webhookUser": "\(hookUser)", "webhookPassword": "\(hookPassword)"}, "fieldMap": \(fieldMap()), "rules": \(rules)}
            """)
    }

    @Test(arguments: TestEngine.all)
    func aDealReachingContractSentMakesOneContractAndPipedriveSeesIt(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let refused = try await Self.connect(app, sandbox, templateId: templateId, token: "wrong")
            #expect(refused.fields == ["credentials"], "\(refused.text)")
            let connected = try await Self.connect(app, sandbox, templateId: templateId)
            #expect(connected.status == 201, "\(connected.text)")
            #expect(connected.json["status"]?["organisation"]?.string == "7654321")
            let id = try #require(connected.json["id"]?.string)
            let deal = try await sandbox.pipedriveDeal()
            try await app.runJobs(recurring: true)
            #expect(try await HubSpotSyncTests.contracts(app).isEmpty)

            try await sandbox.pipedrive("PATCH", "/api/v2/deals/\(deal)", json: #"{"stage_id": 5}"#)
            try await sandbox.pipedrive("PATCH", "/api/v2/deals/\(deal)", json: #"{"title": "Globex — plateforme, lot 2"}"#)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            var contracts = try await HubSpotSyncTests.contracts(app)
            try #require(contracts.count == 1)
            let contractId = try #require(contracts[0]["id"]?.string)
            #expect(contracts[0]["crm"]?["url"]?.string == "\(sandbox.url)/deal/\(deal)")
            #expect(contracts[0]["metadata"]?["closeDate"]?.string == "2026-04-30")
            #expect(contracts[0]["amount"]?["amount"]?.string == "48000.00")
            let counterparty = try await app.call(.get, "/api/v1/counterparties/\(try #require(contracts[0]["counterpartyId"]?.string))", as: "admin").json
            #expect(counterparty["name"]?.string == "Globex SA")
            #expect(counterparty["contact"]?["email"]?.string == "jeanne.martin@globex.example")
            #expect(counterparty["crmRefs"]?["pipedrive"]?.string != nil)

            // The push wrote the deal's custom fields, under their hash keys.
            let keys = try await sandbox.pipedriveFieldKeys()
            func dealRecord() async throws -> JSONValue? { try await sandbox.pipedriveRecords("deals").first { $0["id"]?.int.map(String.init) == deal } }
            var record = try await dealRecord()
            #expect(record?["custom_fields"]?[try #require(keys["paraphe_status"])]?.string == "draft")
            #expect(record?["custom_fields"]?[try #require(keys["paraphe_document_url"])]?.string?.contains("/contracts/\(contractId)/documents/") == true)

            #expect(try await app.call(.post, "/api/v1/contracts/\(contractId)/transitions", as: "admin", json: #"{"to": "inReview"}"#).status == 200)
            try await app.runJobs()
            let status = try #require(try await app.call(.get, "/api/v1/contracts/\(contractId)", as: "admin").json["status"]?.string)
            record = try await dealRecord()
            #expect(record?["custom_fields"]?[try #require(keys["paraphe_status"])]?.string == status)

            // More polls, still one contract; idle, one list call (a running server also keeps the field list ten minutes;
            // these jobs run in a fresh process each time, so they read it again).
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            try await sandbox.resetStats()
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            contracts = try await HubSpotSyncTests.contracts(app)
            #expect(contracts.count == 1)
            let stats = try await sandbox.send("GET", "/__sandbox/stats").json
            #expect(stats["byRoute"]?["pipedrive/list"]?.int == 1, "\(stats)")
            #expect(stats["apiCalls"]?.int == 2, "the list and the field names: \(stats)")

            // A custom field renamed in Pipedrive: the map is wrong, and it says so.
            try await sandbox.fault(#"{"kind": "renameField", "crm": "pipedrive", "object": "deals", "field": "paraphe_status", "to": "statut_contrat"}"#)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(contractId)", as: "admin", json: #"{"title": "Renommé"}"#).status == 200)
            try await app.runJobs()
            let state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["mapErrors"]?.array?.contains { $0["message"]?.string?.contains("deals has no field paraphe_status") == true } == true,
                    "\(String(describing: state))")
        }
    }

    @Test(arguments: TestEngine.all)
    func thePushConvergesThroughOutagesTheDailyBudgetAndARotatedToken(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let id = try #require(try await Self.connect(app, sandbox).json["id"]?.string)
            var made: [(contract: String, deal: String)] = []
            for n in 0..<3 {
                let deal = try await sandbox.pipedriveDeal(name: "Client\(n)")
                let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                    {"templateId": "\(templateId)", "variables": {"price": {"amount": "1000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
                     "crm": {"integrationId": "\(id)", "system": "pipedrive", "objectType": "deals", "objectId": "\(deal)"}}
                    """)
                #expect(created.status == 201, "\(created.text)")
                made.append((try #require(created.json["id"]?.string), deal))
            }
            let key = try #require(try await sandbox.pipedriveFieldKeys()["paraphe_status"])
            func statuses() async throws -> [String: String] {
                var out: [String: String] = [:]
                for deal in try await sandbox.pipedriveRecords("deals") {
                    if let id = deal["id"]?.int, let status = deal["custom_fields"]?[key]?.string { out[String(id)] = status }
                }
                return out
            }

            // Down beyond the connector's retries: everything stays pending, nothing is lost.
            try await sandbox.fault(#"{"kind": "down", "seconds": 3600}"#)
            try await app.runJobs()
            var state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["pending"]?.int == 3)
            #expect(try await statuses().isEmpty)
            try await sandbox.fault(#"{"kind": "clear"}"#)

            // Back with a 503 burst: every deal shows its contract.
            try await sandbox.fault(#"{"kind": "unavailable", "count": 2}"#)
            app.clock.advance(3600)
            try await app.runJobs()
            #expect(try await statuses() == Dictionary(uniqueKeysWithValues: made.map { ($0.deal, "draft") }))

            // The daily budget spent: the circuit opens and the push waits for it.
            #expect(try await app.call(.post, "/api/v1/contracts/\(made[0].contract)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
            try await sandbox.fault(#"{"kind": "requestLimit", "count": 1}"#)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["circuitOpen"]?.bool == true)
            app.clock.advance(601)
            try await app.runJobs()
            let status = try #require(try await app.call(.get, "/api/v1/contracts/\(made[0].contract)", as: "sales").json["status"]?.string)
            #expect(try await statuses()[made[0].deal] == status)

            // A rotated token: refused, shown, and the change waits until an admin pastes the new one.
            let rotated = try #require(try await sandbox.send("POST", "/__sandbox/pipedrive/token").json["token"]?.string)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(made[1].contract)", as: "sales", json: #"{"title": "Renommé"}"#).status == 200)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["token"]?.string == "refused")
            #expect(state?["pending"]?.int == 1)
            let patched = try await app.call(.patch, "/api/v1/integrations/\(id)", json: """
                {"credentials": {"accessToken": "\(rotated)", "webhookUser": "\(Self.hookUser)", "webhookPassword": "\(Self.hookPassword)"}}
                """)
            #expect(patched.status == 200, "\(patched.text)")
            try await app.call(.post, "/api/v1/integrations/\(id)/sync")
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["token"]?.string == "valid")
            #expect(state?["pending"]?.int == 0)
        }
    }

    @Test(arguments: TestEngine.all)
    func webhooksWithTheirBasicAuthAreHintsAndOthersAreRefused(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let id = try #require(try await Self.connect(app, sandbox).json["id"]?.string)
            let path = "/hooks/pipedrive/\(id)"
            func post(_ body: String, user: String = Self.hookUser, password: String = Self.hookPassword, to target: String? = nil) async throws -> Reply {
                let basic = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
                return try await app.call(.post, target ?? path, as: nil, raw: ByteBuffer(string: body),
                                          headers: [.contentType: "application/json", .authorization: basic])
            }
            let event = #"{"meta": {"action": "change", "entity": "deal", "entity_id": "42", "company_id": "7654321", "version": "2.0"}, "data": {"id": 42, "stage_id": 5}, "previous": {"stage_id": 4}}"#
            let first = try await post(event)
            #expect(first.status == 204, "\(first.text)")
            #expect(try await post(event, password: "devine").status == 400)
            #expect(try await post(event.replacingOccurrences(of: "7654321", with: "1")).status == 400, "another company")
            #expect(try await post("[]").status == 400)
            #expect(try await app.call(.post, path, as: nil, raw: ByteBuffer(string: event), headers: [.contentType: "application/json"]).status == 400)
            #expect(try await post(event, to: "/hooks/hubspot/\(id)").status == 404, "a Pipedrive integration takes no HubSpot webhook")

            let log = try await app.call(.get, "/api/v1/integrations/\(id)/log?direction=inbound").json["items"]?.array ?? []
            #expect(log.filter { $0["status"]?.string == "ok" }.count == 1)
            #expect(log.first { $0["status"]?.string == "ok" }?["payload"]?["records"]?.string == "42")
            #expect(log.filter { $0["status"]?.string == "refused" }.count == 4)
            #expect(log.contains { $0["error"]?.string?.contains("Basic auth") == true })

            // A flood of forged requests: refused and logged up to the minute's budget, then answered 429 unlogged.
            for _ in 0..<(CRMHooks.refusalsPerMinute - 4) { #expect(try await post(event, password: "devine").status == 400) }
            let flooded = try await post(event, password: "devine")
            #expect(flooded.status == 429, "\(flooded.text)")
            #expect(try await post(event).status == 204, "the real webhook still gets through")
            let refusedNow = try await app.call(.get, "/api/v1/integrations/\(id)/log?direction=inbound&status=refused&limit=100").json["items"]?.array ?? []
            #expect(refusedNow.count == CRMHooks.refusalsPerMinute)
            app.clock.advance(61)
            #expect(try await post(event, password: "devine").status == 400, "a minute later, refusals are logged again")
        }
    }
}
