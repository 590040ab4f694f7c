import Crypto
import Foundation
import HTTPTypes
import NIOCore
import ParapheCore
import ParapheCRM
import ParapheServices
import ParapheStore
import Testing

/// Paraphe against the sandbox's HubSpot portal over HTTP: a private app token, deals searched by modification
/// date, the contract object upserted by its unique property, deal properties updated in batches, and signed
/// webhooks as hints.
@Suite(.serialized)
struct HubSpotSyncTests {
    static let secret = "app-secret-for-tests"

    /// The default HubSpot map, plus the test template's price from the deal's amount.
    static func fieldMap() -> String {
        let lines = CRMSystem.hubspot.defaultFieldMap + [
            FieldMapping(clmField: "variables.price", crmObject: "deals", crmField: "amount", direction: .pull, owner: .crm),
        ]
        return String(decoding: try! JSONEncoder().encode(lines), as: UTF8.self)
    }

    static func connect(_ app: TestApp, _ sandbox: CRMSandboxProcess, templateId: String? = nil, token: String = CRMSandboxProcess.hubSpotToken) async throws -> Reply {
        let rules = templateId.map { #"[{"id": "contract_sent", "when": {"object": "deals", "field": "dealstage", "equals": "contractsent"}, "templateId": "\#($0)"}]"# } ?? "[]"
        return try await app.call(.post, "/api/v1/integrations", json: """
            {"name": "HubSpot (bac à sable)", "system": "hubspot", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true,
             "credentials": {"accessToken": "\(token)", "webhookSecret": "\(secret)"}, "fieldMap": \(fieldMap()), "rules": \(rules)}
            """)
    }

    static func contracts(_ app: TestApp) async throws -> [JSONValue] {
        try await app.call(.get, "/api/v1/contracts?limit=100", as: "admin").json["items"]?.array ?? []
    }

    @Test(arguments: TestEngine.all)
    func aDealReachingContractSentMakesOneContractAndHubSpotSeesIt(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let refused = try await Self.connect(app, sandbox, templateId: templateId, token: "pat-eu1-wrong")
            #expect(refused.status == 422)
            #expect(refused.fields == ["credentials"], "\(refused.text)")
            let missing = try await app.call(.post, "/api/v1/integrations", json: """
                {"name": "HubSpot", "system": "hubspot", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true, "credentials": {"accessToken": "x"}}
                """)
            #expect(missing.fields == ["credentials.webhookSecret"], "\(missing.text)")

            let connected = try await Self.connect(app, sandbox, templateId: templateId)
            #expect(connected.status == 201, "\(connected.text)")
            #expect(connected.json["status"]?["organisation"]?.string == "14532001")
            #expect(!connected.text.contains(Self.secret))
            let id = try #require(connected.json["id"]?.string)
            let deal = try await sandbox.hubSpotDeal()
            try await app.runJobs(recurring: true)
            #expect(try await Self.contracts(app).isEmpty)

            // Two moves between polls: the rule is level-triggered, so the one missed still fires.
            try await sandbox.hubSpot("PATCH", "/crm/v3/objects/deals/\(deal)", json: #"{"properties": {"dealstage": "contractsent"}}"#)
            try await sandbox.hubSpot("PATCH", "/crm/v3/objects/deals/\(deal)", json: #"{"properties": {"description": "Renouvellement"}}"#)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            var contracts = try await Self.contracts(app)
            try #require(contracts.count == 1)
            let contractId = try #require(contracts[0]["id"]?.string)
            #expect(contracts[0]["crm"]?["system"]?.string == "hubspot")
            #expect(contracts[0]["crm"]?["objectId"]?.string == deal)
            #expect(contracts[0]["crm"]?["url"]?.string == "\(sandbox.url)/contacts/14532001/record/0-3/\(deal)")
            #expect(contracts[0]["metadata"]?["closeDate"]?.string == "2026-04-30", "a HubSpot datetime read as the day")
            #expect(contracts[0]["amount"]?["amount"]?.string == "48000.00", "HubSpot's text amount read as a number")
            let counterparty = try await app.call(.get, "/api/v1/counterparties/\(try #require(contracts[0]["counterpartyId"]?.string))", as: "admin").json
            #expect(counterparty["name"]?.string == "Globex SA")
            #expect(counterparty["contact"]?["email"]?.string == "jeanne.martin@globex.example")
            #expect(counterparty["address"]?.string == "3 quai Saint-Antoine, 69002 Lyon")

            // The push upserted the contract object by its unique property and updated the deal.
            var records = try await sandbox.hubSpotRecords("p_paraphe_contracts")
            try #require(records.count == 1)
            #expect(records[0]["paraphe_id"]?.string == contractId)
            #expect(records[0]["status"]?.string == "draft")
            #expect(records[0]["amount"]?.string == "48000")
            let dealRecord = try await sandbox.hubSpotRecords("deals").first { $0["id"]?.string == deal }
            #expect(dealRecord?["paraphe_status"]?.string == "draft")
            #expect(dealRecord?["paraphe_document_url"]?.string?.contains("/contracts/\(contractId)/documents/") == true)

            // The contract moves; HubSpot follows, with no second record.
            #expect(try await app.call(.post, "/api/v1/contracts/\(contractId)/transitions", as: "admin", json: #"{"to": "inReview"}"#).status == 200)
            try await app.runJobs()
            records = try await sandbox.hubSpotRecords("p_paraphe_contracts")
            let status = try #require(try await app.call(.get, "/api/v1/contracts/\(contractId)", as: "admin").json["status"]?.string)
            #expect(records.count == 1)
            #expect(records.first?["status"]?.string == status)

            // More polls: still one contract, and an idle poll is one search call.
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            try await sandbox.resetStats()
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            contracts = try await Self.contracts(app)
            #expect(contracts.count == 1)
            #expect(try await sandbox.apiCalls() == 1)
            let integration = try await app.call(.get, "/api/v1/integrations/\(id)").json
            #expect(integration["status"]?["pending"]?.int == 0)
            #expect(integration["status"]?["ruleFirings"]?.int == 1)
        }
    }

    @Test(arguments: TestEngine.all)
    func thePushConvergesThroughOutagesTheDailyLimitAndARotatedToken(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let id = try #require(try await Self.connect(app, sandbox).json["id"]?.string)
            var made: [String] = []
            for n in 0..<3 {
                let deal = try await sandbox.hubSpotDeal(name: "Client\(n)")
                let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                    {"templateId": "\(templateId)", "variables": {"price": {"amount": "1000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
                     "crm": {"integrationId": "\(id)", "system": "hubspot", "objectType": "deals", "objectId": "\(deal)"}}
                    """)
                #expect(created.status == 201, "\(created.text)")
                made.append(try #require(created.json["id"]?.string))
            }
            let unknown = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)", "variables": {"price": {"amount": "1000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
                 "crm": {"integrationId": "\(id)", "system": "hubspot", "objectType": "deals", "objectId": "123"}}
                """)
            #expect(unknown.fields == ["crm.objectId"], "\(unknown.text)")

            // Down beyond the connector's retries: everything stays pending.
            try await sandbox.fault(#"{"kind": "down", "seconds": 3600}"#)
            try await app.runJobs()
            var state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["pending"]?.int == 3)
            #expect(try await sandbox.hubSpotRecords("p_paraphe_contracts").isEmpty)
            try await sandbox.fault(#"{"kind": "clear"}"#)

            // Back with a 503 burst: converges.
            try await sandbox.fault(#"{"kind": "unavailable", "count": 2}"#)
            app.clock.advance(3600)
            try await app.runJobs()
            var records = try await sandbox.hubSpotRecords("p_paraphe_contracts")
            #expect(Set(records.compactMap { $0["paraphe_id"]?.string }) == Set(made))

            // The daily limit: the circuit opens, calls stop, the page says so.
            #expect(try await app.call(.patch, "/api/v1/contracts/\(made[0])", as: "sales", json: #"{"title": "Renommé"}"#).status == 200)
            try await sandbox.fault(#"{"kind": "requestLimit", "count": 1}"#)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["circuitOpen"]?.bool == true)
            #expect(state?["lastError"]?.string?.contains("RATE_LIMIT") == true)
            app.clock.advance(601)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["pending"]?.int == 0)

            // An admin rotates the app's token in HubSpot: the old one is refused, never silently.
            let rotated = try #require(try await sandbox.send("POST", "/__sandbox/hubspot/token").json["token"]?.string)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(made[1])", as: "sales", json: #"{"title": "Renommé aussi"}"#).status == 200)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["token"]?.string == "refused")
            #expect(state?["needsAttention"]?.bool == true)
            #expect(state?["pending"]?.int == 1)
            let patched = try await app.call(.patch, "/api/v1/integrations/\(id)", json: #"{"credentials": {"accessToken": "\#(rotated)", "webhookSecret": "\#(Self.secret)"}}"#)
            #expect(patched.status == 200, "\(patched.text)")
            try await app.call(.post, "/api/v1/integrations/\(id)/sync")
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["token"]?.string == "valid")
            #expect(state?["pending"]?.int == 0)
            records = try await sandbox.hubSpotRecords("p_paraphe_contracts")
            #expect(records.count == 3, "no record written twice")

            // A property deleted in HubSpot: an error on the map, and the record stays pending rather than lost.
            try await sandbox.fault(#"{"kind": "deleteField", "object": "deals", "field": "paraphe_status"}"#)
            #expect(try await app.call(.patch, "/api/v1/contracts/\(made[2])", as: "sales", json: #"{"title": "Encore"}"#).status == 200)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["mapErrors"]?.array?.contains { $0["message"]?.string?.contains("deals has no field paraphe_status") == true } == true, "\(String(describing: state))")
        }
    }

    @Test(arguments: TestEngine.all)
    func signedWebhooksAreHintsAndForgedStaleOrForeignOnesAreRefused(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let id = try #require(try await Self.connect(app, sandbox).json["id"]?.string)
            let path = "/hooks/hubspot/\(id)"
            let uri = app.config.publicURL + path
            func post(_ body: String, secret: String = Self.secret, at moment: Date? = nil, signature: String? = nil, to target: String = path) async throws -> Reply {
                let timestamp = String(Int64(((moment ?? app.clock.read()).timeIntervalSince1970 * 1000).rounded()))
                let signed = signature ?? HubSpotWebhook.signature(secret: secret, method: "POST", uri: app.config.publicURL + target, body: Data(body.utf8), timestamp: timestamp)
                return try await app.call(.post, target, as: nil, raw: ByteBuffer(string: body),
                                          headers: [.contentType: "application/json", HTTPField.Name("X-HubSpot-Signature-v3")!: signed,
                                                    HTTPField.Name("X-HubSpot-Request-Timestamp")!: timestamp])
            }
            let events = #"[{"eventId": 1, "subscriptionId": 1001, "portalId": 14532001, "appId": 777, "occurredAt": 1767225600000, "subscriptionType": "deal.propertyChange", "attemptNumber": 0, "objectId": 9000003, "propertyName": "dealstage", "propertyValue": "contractsent", "changeSource": "CRM_UI"}]"#

            let accepted = try await post(events)
            #expect(accepted.status == 204, "\(accepted.text)")
            #expect(try await post(events, secret: "not-the-secret").status == 400)
            #expect(try await post(events, at: app.clock.read().addingTimeInterval(-301)).status == 400, "a replay more than five minutes old")
            #expect(try await post(events.replacingOccurrences(of: "14532001", with: "99")).status == 400, "another portal")
            #expect(try await post("not json").status == 400)
            #expect(try await app.call(.post, path, as: nil, raw: ByteBuffer(string: events), headers: [.contentType: "application/json"]).status == 400)
            #expect(try await post(events, to: "/hooks/hubspot/\(UUID().uuidString)").status == 404)
            #expect(try await post(events, to: "/hooks/salesforce/\(id)").status == 404, "a HubSpot integration takes no Outbound Message")
            _ = uri

            let log = try await app.call(.get, "/api/v1/integrations/\(id)/log?direction=inbound").json["items"]?.array ?? []
            #expect(log.filter { $0["status"]?.string == "ok" }.count == 1)
            #expect(log.filter { $0["status"]?.string == "refused" }.count == 5)
            #expect(log.contains { $0["error"]?.string?.contains("signature does not match") == true })
            #expect(log.contains { $0["error"]?.string?.contains("five minutes") == true })
            #expect(log.first { $0["status"]?.string == "ok" }?["payload"]?["records"]?.string == "9000003")
        }
    }
}
