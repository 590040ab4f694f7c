import Foundation
import NIOCore
import ParapheCore
import ParapheServices
import ParapheStore
import Testing

/// Paraphe against the real CRM sandbox over HTTP: connecting, stage rules that fire once, the push that converges
/// whatever the CRM does, and inbound hints.
@Suite(.serialized)
struct CRMSyncTests {
    /// The default Salesforce map, plus the test template's variables.
    static func fieldMap(extra: String = "") -> String {
        let lines = CRMSystem.salesforce.defaultFieldMap + [
            FieldMapping(clmField: "variables.price", crmObject: "Opportunity", crmField: "Amount", direction: .pull, owner: .crm),
        ]
        let text = String(decoding: try! JSONEncoder().encode(lines), as: UTF8.self)
        return extra.isEmpty ? text : String(text.dropLast()) + "," + extra + "]"
    }

    static func connect(_ app: TestApp, _ sandbox: CRMSandboxProcess, templateId: String? = nil, autoSend: Bool = false, signatory: String? = nil,
                        secret: String = "sandbox", map: String = fieldMap()) async throws -> Reply {
        let signs = signatory.map { #", "signatoryId": "\#($0)""# } ?? ""
        let rules = templateId.map { #"[{"id": "contracting_msa", "when": {"object": "Opportunity", "field": "StageName", "equals": "Contracting"}, "templateId": "\#($0)", "autoSend": \#(autoSend)\#(signs)}]"# } ?? "[]"
        return try await app.call(.post, "/api/v1/integrations", json: """
            {"name": "Salesforce (bac à sable)", "system": "salesforce", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true,
             "credentials": {"clientId": "sandbox", "clientSecret": "\(secret)"}, "fieldMap": \(map), "rules": \(rules)}
            """)
    }

    /// A company, its buyer and an opportunity, as a salesperson enters them.
    static func opportunity(_ sandbox: CRMSandboxProcess, token: String, name: String = "Globex", stage: String = "Prospecting") async throws -> String {
        let account = try await sandbox.create("Account", #"{"Name": "\#(name) SA", "BillingStreet": "3 quai Saint-Antoine", "BillingPostalCode": "69002", "BillingCity": "Lyon"}"#, token: token)
        let contact = try await sandbox.create("Contact", #"{"FirstName": "Jeanne", "LastName": "Martin", "Email": "jeanne.martin@\#(name.lowercased()).example", "AccountId": "\#(account)"}"#, token: token)
        return try await sandbox.create("Opportunity", #"{"Name": "\#(name) — plateforme", "StageName": "\#(stage)", "CloseDate": "2026-04-30", "Amount": 48000, "AccountId": "\#(account)", "ContactId": "\#(contact)"}"#, token: token)
    }

    static func contracts(_ app: TestApp) async throws -> [JSONValue] {
        try await app.call(.get, "/api/v1/contracts?limit=100", as: "admin").json["items"]?.array ?? []
    }

    @Test(arguments: TestEngine.all)
    func connectingChecksCredentialsAndTheMapAgainstTheCRM(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let refused = try await Self.connect(app, sandbox, secret: "wrong")
            #expect(refused.status == 422)
            #expect(refused.fields == ["credentials"], "\(refused.text)")

            let renamed = try await Self.connect(app, sandbox, map: Self.fieldMap(extra: #"{"clmField": "title", "crmObject": "Opportunity", "crmField": "Contract_Title__c", "direction": "push", "owner": "clm"}"#))
            #expect(renamed.status == 422)
            #expect(renamed.text.contains("Opportunity has no field Contract_Title__c"), "\(renamed.text)")

            let wrongWay = try await Self.connect(app, sandbox, map: #"[{"clmField": "closeDate", "crmObject": "Opportunity", "crmField": "CloseDate", "direction": "push", "owner": "clm"}]"#)
            #expect(wrongWay.fields == ["fieldMap[0].direction"], "\(wrongWay.text)")

            let connected = try await Self.connect(app, sandbox)
            #expect(connected.status == 201, "\(connected.text)")
            #expect(connected.json["credentialsSet"]?.bool == true)
            #expect(!connected.text.contains("clientSecret"))
            #expect(connected.json["status"]?["organisation"]?.string == "00D5g000000SANDBOX")
            let id = try #require(connected.json["id"]?.string)

            // At rest, the credentials are sealed.
            let stored = try await app.withServices { services in
                try await services.database.read { try await $0.sealedCredentials(of: Integration.ID(id)!) }
            }
            #expect(stored?.hasPrefix("v1:") == true)
            #expect(stored?.contains("sandbox") == false)

            for who in ["sales", "legal", "finance", "viewer"] {
                #expect(try await app.call(.get, "/api/v1/integrations", as: who).status == 403)
                #expect(try await app.call(.get, "/api/v1/integrations/\(id)/log", as: who).status == 403)
                #expect(try await app.call(.post, "/api/v1/integrations/\(id)/sync", as: who).status == 403)
                #expect(try await Self.connect(app, sandbox).status == 201 || who != "admin")
            }
            #expect(try await app.call(.get, "/api/v1/integrations", as: nil).status == 401)
            let unknownKey = try await app.call(.patch, "/api/v1/integrations/\(id)", json: #"{"credentials": {"password": "x"}}"#)
            #expect(unknownKey.fields == ["credentials.password"], "\(unknownKey.text)")
        }
    }

    @Test(arguments: TestEngine.all)
    func anOpportunityReachingContractingMakesOneContractAndTheCRMSeesIt(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let connected = try await Self.connect(app, sandbox, templateId: templateId)
            #expect(connected.status == 201, "\(connected.text)")
            let id = try #require(connected.json["id"]?.string)
            let token = try await sandbox.token()
            let opportunity = try await Self.opportunity(sandbox, token: token)

            try await app.runJobs(recurring: true)
            #expect(try await Self.contracts(app).isEmpty)

            // Two moves between polls: the rule is level-triggered, so the missed one still fires.
            try await sandbox.update("Opportunity", opportunity, #"{"StageName": "Contracting"}"#, token: token)
            try await sandbox.update("Opportunity", opportunity, #"{"Description": "Renouvellement"}"#, token: token)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            var contracts = try await Self.contracts(app)
            try #require(contracts.count == 1)
            let contract = contracts[0]
            let contractId = try #require(contract["id"]?.string)
            #expect(contract["crm"]?["objectId"]?.string == opportunity)
            #expect(contract["crm"]?["system"]?.string == "salesforce")
            #expect(contract["crm"]?["url"]?.string?.hasSuffix("/lightning/r/Opportunity/\(opportunity)/view") == true)
            #expect(contract["metadata"]?["closeDate"]?.string == "2026-04-30")
            #expect(contract["amount"]?["amount"]?.string == "48000.00")
            let counterparty = try await app.call(.get, "/api/v1/counterparties/\(try #require(contract["counterpartyId"]?.string))", as: "admin").json
            #expect(counterparty["name"]?.string == "Globex SA")
            #expect(counterparty["contact"]?["email"]?.string == "jeanne.martin@globex.example")
            #expect(counterparty["crmRefs"]?["salesforce"]?.string?.hasPrefix("001") == true)

            // The push wrote the contract record and the opportunity's fields.
            let records = try await sandbox.records("Paraphe_Contract__c")
            try #require(records.count == 1)
            #expect(records[0]["Paraphe_Id__c"]?.string == contractId)
            #expect(records[0]["Status__c"]?.string == "draft")
            #expect(records[0]["Opportunity__c"]?.string == opportunity)
            #expect(records[0]["Document_URL__c"]?.string?.contains("/contracts/\(contractId)/documents/") == true)
            let deal = try await sandbox.records("Opportunity").first { $0["Id"]?.string == opportunity }
            #expect(deal?["Contract_Status__c"]?.string == "draft")

            // More polls, a full replay of the rule's log entry and a new edit in the CRM: still one contract.
            try await sandbox.update("Opportunity", opportunity, #"{"CloseDate": "2026-05-15"}"#, token: token)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            contracts = try await Self.contracts(app)
            #expect(contracts.count == 1)
            let refreshed = try await app.call(.get, "/api/v1/contracts/\(contractId)", as: "admin").json
            #expect(refreshed["metadata"]?["closeDate"]?.string == "2026-05-15")
            let events = try await app.call(.get, "/api/v1/contracts/\(contractId)/events", as: "admin").json["items"]?.array ?? []
            #expect(events.contains { $0["actor"]?["label"]?.string?.hasPrefix("Automatisation CRM") == true })

            // The contract moves in Paraphe; the CRM follows.
            let moved = try await app.call(.post, "/api/v1/contracts/\(contractId)/transitions", as: "admin", json: #"{"to": "inReview"}"#)
            #expect(moved.status == 200, "\(moved.text)")
            try await app.runJobs()
            let after = try await sandbox.records("Paraphe_Contract__c")
            #expect(after.count == 1)
            let status = try #require(try await app.call(.get, "/api/v1/contracts/\(contractId)", as: "admin").json["status"]?.string)
            #expect(after[0]["Status__c"]?.string == status)

            let integration = try await app.call(.get, "/api/v1/integrations/\(id)").json
            #expect(integration["status"]?["ruleFirings"]?.int == 1)
            #expect(integration["status"]?["pending"]?.int == 0)
            let log = try await app.call(.get, "/api/v1/integrations/\(id)/log?direction=pull").json["items"]?.array ?? []
            #expect(log.contains { $0["operation"]?.string == "rule" && $0["status"]?.string == "ok" })
        }
    }

    @Test(arguments: TestEngine.all)
    func aSendingRuleSubmitsTheContractAndOnceApprovedSendsItToTheDealsContactOnce(engine: TestEngine) async throws {
        guard let sink = try SMTPSink.start() else { return }
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine, configure: SignatureFlowTests.smtp(sink)) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: """
                {"name": "Revue juridique", "when": {"amountAbove": {"amount": "10000.00", "currency": "EUR"}}, "require": [{"role": "legal"}]}
                """).status == 201)
            let finance = try #require(app.users["finance"]?.id.description)
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: """
                {"userId": "\(finance)", "contractTypes": ["msa"], "maxAmount": {"amount": "100000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
                """).status == 201)
            let unsigned = try await Self.connect(app, sandbox, templateId: templateId, autoSend: true)
            #expect(unsigned.fields == ["rules[0].signatoryId"], "a sending rule names who signs for the company: \(unsigned.text)")
            #expect(try await Self.connect(app, sandbox, templateId: templateId, autoSend: true, signatory: UUID().uuidString).fields == ["rules[0].signatoryId"])
            let connected = try await Self.connect(app, sandbox, templateId: templateId, autoSend: true, signatory: finance)
            #expect(connected.status == 201, "\(connected.text)")
            #expect(connected.json["rules"]?[0]?["autoSend"]?.bool == true)
            #expect(connected.json["rules"]?[0]?["signatoryId"]?.string == finance)
            let id = try #require(connected.json["id"]?.string)
            let token = try await sandbox.token()
            let opportunity = try await Self.opportunity(sandbox, token: token, stage: "Contracting")
            app.clock.advance(61)
            try await app.runJobs(recurring: true)

            // Made and submitted in one go, as the automation user; the policy holds it for legal.
            let contract = try #require(try await Self.contracts(app).first)
            let contractId = try #require(contract["id"]?.string)
            #expect(contract["status"]?.string == "inReview")
            #expect(contract["crm"]?["objectId"]?.string == opportunity)
            func requests() async throws -> [JSONValue] {
                try await app.call(.get, "/api/v1/contracts/\(contractId)/signature-requests", as: "admin").json["items"]?.array ?? []
            }
            #expect(try await requests().isEmpty)
            #expect(try await sandbox.records("Paraphe_Contract__c").first?["Status__c"]?.string == "inReview")

            let step = try #require(try await ApprovalFlowTests.myApprovals(app, "legal").first?["id"]?.string)
            #expect(try await ApprovalFlowTests.decide(app, step, as: "legal").status == 200)
            try await app.runJobs()

            // Approved, then sent at once to the opportunity's contact, by the automation user.
            var sent = try await requests()
            let failures = try await app.call(.get, "/api/v1/integrations/\(id)/log?status=failed").text
            #expect(sent.count == 1, "\(failures)")
            #expect(sent.first?["signers"]?.array?.map { $0["email"]?.string ?? "" } == ["finance@paraphe.test", "jeanne.martin@globex.example"])
            #expect(sent.first?["signers"]?.array?.map { $0["role"]?.string ?? "" } == ["internal", "counterparty"])
            #expect(try await app.call(.get, "/api/v1/contracts/\(contractId)", as: "admin").json["status"]?.string == "signing")
            #expect(try SignatureFlowTests.mail(sink, to: "jeanne.martin@globex.example", subject: "Signature demandée") != nil)
            #expect(try await sandbox.records("Paraphe_Contract__c").first?["Status__c"]?.string == "signing")
            let events = try await app.call(.get, "/api/v1/contracts/\(contractId)/events", as: "admin").json["items"]?.array ?? []
            #expect(events.contains { $0["type"]?.string == "signature.requested" && $0["actor"]?["label"]?.string == "Automatisation CRM" })

            // Polls, the rule's replay and a second run of the job: still one request.
            try await app.withServices { services in
                try await services.database.transaction { s in
                    try await s.enqueue(CRMAutoSendJob(contractId: Contract.ID(contractId)!), runAt: services.clock(), now: services.clock())
                }
            }
            let ruleEntry = try #require(try await app.call(.get, "/api/v1/integrations/\(id)/log?direction=pull").json["items"]?.array?
                .first { $0["operation"]?.string == "rule" }?["id"]?.string)
            #expect(try await app.call(.post, "/api/v1/integrations/\(id)/log/\(ruleEntry)/replay").status == 409, "a success is not replayed")
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            sent = try await requests()
            #expect(sent.count == 1)
            #expect(try await Self.contracts(app).count == 1)

            // A deal without a reachable contact: the refusal is in the log, and replayed once the card names one.
            let account = try await sandbox.create("Account", #"{"Name": "Initech SA"}"#, token: token)
            let other = try await sandbox.create("Opportunity", #"{"Name": "Initech", "StageName": "Contracting", "CloseDate": "2026-06-30", "Amount": 5000, "AccountId": "\#(account)"}"#, token: token)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            let second = try #require(try await Self.contracts(app).first { $0["crm"]?["objectId"]?.string == other })
            let secondId = try #require(second["id"]?.string)
            #expect(second["status"]?.string == "approved", "below the policy's amount, approved at once")
            let failed = try #require(try await app.call(.get, "/api/v1/integrations/\(id)/log?status=failed").json["items"]?.array?
                .first { $0["operation"]?.string == "autoSend" })
            #expect(failed["error"]?.string?.contains("signers") == true, "\(failed)")
            #expect(try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]?["lastError"]?.string?.contains("signers") == true)
            let counterparty = try #require(second["counterpartyId"]?.string)
            #expect(try await app.call(.patch, "/api/v1/counterparties/\(counterparty)", as: "admin",
                                       json: #"{"contact": {"name": "Paul Durand", "email": "paul.durand@initech.example"}}"#).status == 200)
            let replayed = try await app.call(.post, "/api/v1/integrations/\(id)/log/\(try #require(failed["id"]?.string))/replay")
            #expect(replayed.status == 202, "\(replayed.text)")
            try await app.runJobs()
            let secondRequests = try await app.call(.get, "/api/v1/contracts/\(secondId)/signature-requests", as: "admin").json["items"]?.array ?? []
            #expect(secondRequests.first?["signers"]?.array?.map { $0["email"]?.string ?? "" } == ["finance@paraphe.test", "paul.durand@initech.example"])
            #expect(try await app.call(.post, "/api/v1/integrations/\(id)/log/\(try #require(failed["id"]?.string))/replay").status == 409)

            // A person sends one the rule could not, then cancels: back to approved, the rule does not send it behind them.
            let umbrella = try await sandbox.create("Account", #"{"Name": "Umbrella SA"}"#, token: token)
            let third = try await sandbox.create("Opportunity", #"{"Name": "Umbrella", "StageName": "Contracting", "CloseDate": "2026-06-30", "Amount": 5000, "AccountId": "\#(umbrella)"}"#, token: token)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            let thirdId = try #require(try await Self.contracts(app).first { $0["crm"]?["objectId"]?.string == third }?["id"]?.string)
            let byHand = try await app.call(.post, "/api/v1/contracts/\(thirdId)/signature-requests", as: "admin", json: """
                {"signers": [{"name": "Finance", "email": "finance@paraphe.test", "role": "internal"}, {"name": "Léa Roux", "email": "lea.roux@umbrella.example", "role": "counterparty"}]}
                """)
            #expect(byHand.status == 201, "\(byHand.text)")
            #expect(try await app.call(.delete, "/api/v1/signature-requests/\(try #require(byHand.json["id"]?.string))", as: "admin").status == 200)
            try await app.runJobs()
            #expect(try await app.call(.get, "/api/v1/contracts/\(thirdId)", as: "admin").json["status"]?.string == "approved")
            let thirdRequests = try await app.call(.get, "/api/v1/contracts/\(thirdId)/signature-requests", as: "admin").json["items"]?.array ?? []
            #expect(thirdRequests.count == 1, "only the person's request")
        }
    }

    @Test(arguments: TestEngine.all)
    func thePushConvergesThrough503sAnExpiredSessionAndASpentAllowance(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let connected = try await Self.connect(app, sandbox)
            let id = try #require(connected.json["id"]?.string)
            let token = try await sandbox.token()
            var made: [String] = []
            for n in 0..<5 {
                let opportunity = try await Self.opportunity(sandbox, token: token, name: "Client\(n)")
                let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                    {"templateId": "\(templateId)", "variables": {"price": {"amount": "1000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
                     "crm": {"integrationId": "\(id)", "system": "salesforce", "objectType": "Opportunity", "objectId": "\(opportunity)"}}
                    """)
                #expect(created.status == 201, "\(created.text)")
                made.append(try #require(created.json["id"]?.string))
            }

            // Down: every call answers 503, beyond the connector's own retries.
            try await sandbox.fault(#"{"kind": "down", "seconds": 3600}"#)
            try await app.runJobs()
            var state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["pending"]?.int == 5)
            #expect(state?["lastError"]?.string?.contains("unavailable") == true)
            #expect(try await sandbox.records("Paraphe_Contract__c").isEmpty)
            try await sandbox.fault(#"{"kind": "clear"}"#)

            // Back, but its first calls are a 503 burst and the session expires in the middle.
            try await sandbox.fault(#"{"kind": "unavailable", "count": 2}"#)
            try await sandbox.fault(#"{"kind": "expireSessions", "after": 1}"#)
            app.clock.advance(3600)
            try await app.runJobs()
            var records = try await sandbox.records("Paraphe_Contract__c")
            #expect(records.count == 5)
            #expect(Set(records.compactMap { $0["Paraphe_Id__c"]?.string }) == Set(made))

            // The allowance is spent: the circuit opens, calls stop, the page says so.
            for contract in made.prefix(2) {
                let r = try await app.call(.patch, "/api/v1/contracts/\(contract)", as: "sales", json: #"{"title": "Renommé"}"#)
                #expect(r.status == 200, "\(r.text)")
            }
            try await sandbox.fault(#"{"kind": "requestLimit", "count": 1}"#)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["circuitOpen"]?.bool == true)
            #expect(state?["needsAttention"]?.bool == true)
            let callsWhileOpen = try await sandbox.apiCalls()
            try await app.call(.post, "/api/v1/integrations/\(id)/sync")
            try await app.runJobs()
            #expect(try await sandbox.apiCalls() == callsWhileOpen)

            app.clock.advance(601)
            try await app.runJobs()
            state = try await app.call(.get, "/api/v1/integrations/\(id)").json["status"]
            #expect(state?["circuitOpen"]?.bool == false)
            #expect(state?["pending"]?.int == 0)
            records = try await sandbox.records("Paraphe_Contract__c")
            #expect(records.count == 5, "no record written twice")
            let failures = try await app.call(.get, "/api/v1/integrations/\(id)/log?status=failed").json["items"]?.array ?? []
            #expect(failures.contains { $0["error"]?.string?.contains("REQUEST_LIMIT_EXCEEDED") == true })
            let retries = try await app.call(.get, "/api/v1/integrations/\(id)/log?status=retrying").json["items"]?.array ?? []
            #expect(!retries.isEmpty)
        }
    }

    @Test(arguments: TestEngine.all)
    func aFieldRenamedInTheCRMIsAnErrorOnThePageAndInTheLog(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let connected = try await Self.connect(app, sandbox)
            let id = try #require(connected.json["id"]?.string)
            try await sandbox.fault(#"{"kind": "renameField", "object": "Paraphe_Contract__c", "field": "Status__c", "to": "Contract_Status__c"}"#)
            let tested = try await app.call(.post, "/api/v1/integrations/\(id)/test")
            #expect(tested.status == 200)
            let errors = tested.json["status"]?["mapErrors"]?.array ?? []
            #expect(errors.contains { $0["message"]?.string == "Paraphe_Contract__c has no field Status__c: was it renamed or deleted in the CRM?" }, "\(tested.text)")
            #expect(tested.json["status"]?["needsAttention"]?.bool == true)
            let log = try await app.call(.get, "/api/v1/integrations/\(id)/log?status=failed").json["items"]?.array ?? []
            #expect(log.contains { $0["direction"]?.string == "check" && $0["error"]?.string?.contains("Status__c") == true })
            let page = try await app.call(.get, "/integrations/\(id)", as: nil, headers: [.cookie: try await app.webSession(as: "admin").cookie])
            #expect(page.text.contains("Status__c"))
        }
    }

    @Test(arguments: TestEngine.all)
    func inboundOutboundMessagesAreHintsAndHostileOnesAreRefused(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let connected = try await Self.connect(app, sandbox)
            let id = try #require(connected.json["id"]?.string)
            func envelope(_ org: String, _ extra: String = "") -> String {
                """
                <?xml version="1.0" encoding="UTF-8"?>\(extra)
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
                <notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>\(org)</OrganizationId>
                <Notification><Id>04l5g000000AAAA</Id><sObject xsi:type="sf:Opportunity" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"><sf:Id>0065g000000001AAAQ</sf:Id></sObject></Notification>
                </notifications></soapenv:Body></soapenv:Envelope>
                """
            }
            func post(_ body: String, to target: String = id) async throws -> Reply {
                try await app.call(.post, "/hooks/salesforce/\(target)", as: nil, raw: ByteBuffer(string: body), headers: [.contentType: "text/xml"])
            }
            let ok = try await post(envelope("00D5g000000SANDBOXAAA"))
            #expect(ok.status == 200)
            #expect(ok.text.contains("<Ack>true</Ack>"))
            let entities = try await post(envelope("00D5g000000SANDBOX", #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>"#))
            #expect(entities.status == 400)
            #expect(entities.text.contains("DTD"))
            #expect(try await post("<notifications><unclosed>").status == 400)
            #expect(try await post(envelope("00D000000000OTHER")).status == 400)
            #expect(try await post(envelope("00D5g000000SANDBOX"), to: UUID().uuidString).status == 404)
            #expect(try await post(envelope("00D5g000000SANDBOX"), to: "not-an-id").status == 404)
            let refused = try await app.call(.get, "/api/v1/integrations/\(id)/log?status=refused").json["items"]?.array ?? []
            #expect(refused.count == 3)
            let hints = try await app.call(.get, "/api/v1/integrations/\(id)/log?direction=inbound&status=ok").json["items"]?.array ?? []
            #expect(hints.count == 1)
            // The hint queued a poll: running it reads the CRM (one query), nothing from the message itself.
            try await sandbox.resetStats()
            try await app.runJobs()
            #expect(try await sandbox.apiCalls() >= 1)
        }
    }
}
