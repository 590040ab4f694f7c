import Foundation
import NIOCore
import ParapheCore
import ParapheCRM
import ParapheServices
import Testing

/// A deal's products fill the template: Salesforce opportunity products, HubSpot line items and Pipedrive deal
/// products, read from the sandbox over HTTP when a contract is generated, through the map's `products` lines.
@Suite(.serialized)
struct CRMProductsTests {
    static let manifest = """
        title: "Bon de commande — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Prestataire
            default: {name: Paraphe SAS, address: "1 rue de la Paix, 75002 Paris"}
          - name: client
            type: party
            label: Client
            required: true
            counterparty: true
          - name: items
            type: list
            items: text
            label: Produits
            required: true
          - name: summary
            type: text
            label: Résumé
            required: true
          - name: total
            type: money
            label: Total HT
            required: true
          - name: lineCount
            type: number
            label: Nombre de lignes
        parties:
          - variable: provider
            role: le Prestataire
          - variable: client
            role: le Client
        clauses:
          - id: objet
            title: Objet
            body: "Le Client commande {{lineCount}} produits : {{items}}, pour un total de {{total}}. {{summary}}"
        """

    static func publish(_ app: TestApp) async throws -> String {
        let created = try await app.call(.post, "/api/v1/templates", as: "legal", json: #"{"name": "Bon de commande", "contractType": "msa", "language": "fr"}"#)
        let id = try #require(created.json["id"]?.string)
        let version = try await app.call(.post, "/api/v1/templates/\(id)/versions", as: "legal", raw: ByteBuffer(string: manifest),
                                         headers: [.contentType: "application/yaml"])
        #expect(version.status == 201, "\(version.text)")
        #expect(try await app.call(.post, "/api/v1/templates/\(id)/versions/1/publish", as: "legal").status == 200)
        return id
    }

    /// The products lines, with the summary falling back on a field of the deal when it has no products.
    static func map(deal: String, description: String) -> String {
        """
        [{"clmField": "variables.items", "crmObject": "products", "crmField": "lines", "direction": "pull", "owner": "crm"},
         {"clmField": "variables.summary", "crmObject": "products", "crmField": "names", "direction": "pull", "owner": "crm"},
         {"clmField": "variables.summary", "crmObject": "\(deal)", "crmField": "\(description)", "direction": "pull", "owner": "crm"},
         {"clmField": "variables.total", "crmObject": "products", "crmField": "total", "direction": "pull", "owner": "crm"},
         {"clmField": "variables.lineCount", "crmObject": "products", "crmField": "count", "direction": "pull", "owner": "crm"}]
        """
    }

    static let nbsp = "\u{00A0}"
    static let licence = "Licence Paraphe Pro\(nbsp): 3 × 4\(nbsp)000,00\(nbsp)€ = 12\(nbsp)000,00\(nbsp)€"

    static func generate(_ app: TestApp, template: String, integration: String, system: String, object: String, id: String) async throws -> Reply {
        try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
            {"templateId": "\(template)", "crm": {"integrationId": "\(integration)", "system": "\(system)", "objectType": "\(object)", "objectId": "\(id)"}}
            """)
    }

    static func objectText(_ app: TestApp, _ created: Reply) async throws -> String {
        try await objectText(app, id: try #require(created.json["id"]?.string))
    }

    static func objectText(_ app: TestApp, id: String) async throws -> String {
        let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "legal").json
        return try #require(contract["clauses"]?.array?.first?["text"]?.string, "\(contract)")
    }

    @Test(arguments: TestEngine.all)
    func opportunityProductsFillTheTemplateByHandAndByRule(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)
            let rules = #"[{"id": "order", "when": {"object": "Opportunity", "field": "StageName", "equals": "Contracting"}, "templateId": "\#(template)"}]"#
            let connected = try await CRMSyncTests.connect(app, sandbox, map: Self.map(deal: "Opportunity", description: "Description"))
            #expect(connected.status == 201, "\(connected.text)")
            let integration = try #require(connected.json["id"]?.string)
            #expect(try await app.call(.patch, "/api/v1/integrations/\(integration)", json: #"{"rules": \#(rules)}"#).status == 200)
            let token = try await sandbox.token()
            let opportunity = try await CRMSyncTests.opportunity(sandbox, token: token)
            let licence = try await sandbox.create("Product2", #"{"Name": "Licence Paraphe Pro"}"#, token: token)
            let setup = try await sandbox.create("Product2", #"{"Name": "Mise en service"}"#, token: token)
            // Entered in the reverse order of their sort order: the contract follows the CRM's order.
            _ = try await sandbox.create("OpportunityLineItem", #"{"OpportunityId": "\#(opportunity)", "Product2Id": "\#(setup)", "Quantity": 1, "UnitPrice": 500, "SortOrder": 2}"#, token: token)
            _ = try await sandbox.create("OpportunityLineItem", #"{"OpportunityId": "\#(opportunity)", "Product2Id": "\#(licence)", "Quantity": 3, "UnitPrice": 4000, "SortOrder": 1}"#, token: token)

            let created = try await Self.generate(app, template: template, integration: integration, system: "salesforce", object: "Opportunity", id: opportunity)
            #expect(created.status == 201, "\(created.text)")
            let text = try await Self.objectText(app, created)
            #expect(text.contains(Self.licence), "\(text)")
            #expect(text.contains("Mise en service\(Self.nbsp): 1 × 500,00\(Self.nbsp)€ = 500,00\(Self.nbsp)€"), "\(text)")
            #expect(text.contains("12\(Self.nbsp)500,00\(Self.nbsp)€"), "\(text)")
            #expect(text.contains("Le Client commande 2 produits"), "\(text)")
            #expect(text.range(of: "Licence Paraphe Pro\(Self.nbsp):")!.lowerBound < text.range(of: "Mise en service\(Self.nbsp):")!.lowerBound)

            // Without products, the summary falls back on the description, and the list the template requires is
            // asked for by name.
            let bare = try await CRMSyncTests.opportunity(sandbox, token: token, name: "Initech")
            try await sandbox.update("Opportunity", bare, #"{"Description": "Accompagnement sur mesure"}"#, token: token)
            let refused = try await Self.generate(app, template: template, integration: integration, system: "salesforce", object: "Opportunity", id: bare)
            #expect(refused.status == 422)
            #expect(refused.fields.sorted() == ["variables.items", "variables.total"], "\(refused.text)")
            #expect(try await CRMSyncTests.contracts(app).count == 1)

            // A stage rule reads the products as a person's request does; one that reaches the stage before its
            // products is refused in the log, and fires once they are added (the opportunity's amount follows them).
            try await sandbox.update("Opportunity", opportunity, #"{"StageName": "Contracting"}"#, token: token)
            try await sandbox.update("Opportunity", bare, #"{"StageName": "Contracting"}"#, token: token)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            var contracts = try await CRMSyncTests.contracts(app)
            try #require(contracts.count == 2)
            let byRule = try #require(contracts.first { $0["id"] != created.json["id"] })
            let ruleText = try await Self.objectText(app, id: try #require(byRule["id"]?.string))
            #expect(ruleText.contains(Self.licence), "\(ruleText)")
            #expect(ruleText.hasSuffix("12\u{00A0}500,00\u{00A0}€. Licence Paraphe Pro\u{00A0}; Mise en service"), "\(ruleText)")
            let failures = try await app.call(.get, "/api/v1/integrations/\(integration)/log?status=failed").text
            #expect(failures.contains("variables.items"), "\(failures)")

            _ = try await sandbox.create("OpportunityLineItem", #"{"OpportunityId": "\#(bare)", "Product2Id": "\#(setup)", "Quantity": 2, "UnitPrice": 750}"#, token: token)
            app.clock.advance(61)
            try await app.runJobs(recurring: true)
            contracts = try await CRMSyncTests.contracts(app)
            try #require(contracts.count == 3)
            let late = try #require(contracts.first { $0["crm"]?["objectId"]?.string == bare })
            let lateText = try await Self.objectText(app, id: try #require(late["id"]?.string))
            #expect(lateText.contains("Mise en service\(Self.nbsp): 2 × 750,00\(Self.nbsp)€ = 1\(Self.nbsp)500,00\(Self.nbsp)€"), "\(lateText)")
            #expect(lateText.hasSuffix("1\(Self.nbsp)500,00\(Self.nbsp)€. Mise en service"), "\(lateText)")
            let amount = try await sandbox.records("Opportunity").first { $0["Id"]?.string == bare }?["Amount"]
            #expect(amount?.int == 1500)
        }
    }

    @Test(arguments: TestEngine.all)
    func hubSpotLineItemsAndPipedriveDealProductsFillTheTemplate(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let template = try await Self.publish(app)

            let hubspot = try await app.call(.post, "/api/v1/integrations", json: """
                {"name": "HubSpot", "system": "hubspot", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true,
                 "credentials": {"accessToken": "\(CRMSandboxProcess.hubSpotToken)", "webhookSecret": "\(HubSpotSyncTests.secret)"}, "fieldMap": \(Self.map(deal: "deals", description: "description"))}
                """)
            #expect(hubspot.status == 201, "\(hubspot.text)")
            let deal = try await sandbox.hubSpotDeal()
            for (position, (name, quantity, price)) in [("Licence Paraphe Pro", "3", "4000"), ("Mise en service", "1", "500")].enumerated() {
                let item = try await sandbox.hubSpot("POST", "/crm/v3/objects/line_items", json: """
                    {"properties": {"name": "\(name)", "quantity": "\(quantity)", "price": "\(price)", "hs_position_on_quote": "\(position)"},
                     "associations": [{"to": {"id": "\(deal)"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 20}]}]}
                    """)
                #expect(item.status == 201, "\(item.json)")
            }
            let fromHubSpot = try await Self.generate(app, template: template, integration: try #require(hubspot.json["id"]?.string), system: "hubspot", object: "deals", id: deal)
            #expect(fromHubSpot.status == 201, "\(fromHubSpot.text)")
            let hubspotText = try await Self.objectText(app, fromHubSpot)
            #expect(hubspotText.contains(Self.licence), "\(hubspotText)")
            #expect(hubspotText.contains("12\(Self.nbsp)500,00\(Self.nbsp)€"), "\(hubspotText)")

            // More line items than one page of associations: every one is read (HubSpot pages v4 associations by 500).
            let big = try await sandbox.hubSpotDeal(name: "Hooli")
            for n in 0..<501 {
                let item = try await sandbox.hubSpot("POST", "/crm/v3/objects/line_items", json: """
                    {"properties": {"name": "Poste \(n)", "quantity": "1", "price": "1"},
                     "associations": [{"to": {"id": "\(big)"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 20}]}]}
                    """)
                try #require(item.status == 201)
            }
            let firstPage = try await sandbox.hubSpot("GET", "/crm/v4/objects/deals/\(big)/associations/line_items?limit=500")
            #expect(firstPage.json["results"]?.array?.count == 500 && firstPage.json["paging"]?["next"]?["after"]?.string == "500")
            let fromBig = try await Self.generate(app, template: template, integration: try #require(hubspot.json["id"]?.string), system: "hubspot", object: "deals", id: big)
            // All 501 are read, past the first page; more than the template's list takes, said by the field.
            let hubspotId = try #require(hubspot.json["id"]?.string)
            let read = try await app.withServices { services in
                let integration = try #require(try await services.database.read { try await $0.integration(Integration.ID(hubspotId)!) })
                return try await services.connector(for: integration).products(of: CRMRecord(object: "deals", id: big, fields: [:], modifiedAt: nil))
            }
            #expect(read.count == 501 && read.last?.name == "Poste 500")
            #expect(fromBig.status == 422)
            #expect(fromBig.fields.contains("variables.items") && fromBig.text.contains("at most 200 items"), "\(fromBig.text)")

            let pipedrive = try await app.call(.post, "/api/v1/integrations", json: """
                {"name": "Pipedrive", "system": "pipedrive", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true,
                 "credentials": {"accessToken": "\(CRMSandboxProcess.pipedriveToken)", "webhookUser": "paraphe", "webhookPassword": "a-long-webhook-password"}, "fieldMap": \(Self.map(deal: "deals", description: "title"))}
                """)
            #expect(pipedrive.status == 201, "\(pipedrive.text)")
            let pipedriveDeal = try await sandbox.pipedriveDeal()
            var catalogue: [Int] = []
            for name in ["Licence Paraphe Pro", "Mise en service", "Option désactivée"] {
                catalogue.append(try #require(try await sandbox.pipedrive("POST", "/api/v2/products", json: #"{"name": "\#(name)"}"#).json["data"]?["id"]?.int))
            }
            // A 10 % discount on the set-up: the contract shows Pipedrive's sum. A disabled line is not sold.
            for (product, attached) in zip(catalogue, [#""item_price": 4000, "quantity": 3"#, #""item_price": 500, "quantity": 1, "discount": 10"#,
                                                       #""item_price": 900, "quantity": 1, "is_enabled": false"#]) {
                let line = try await sandbox.pipedrive("POST", "/api/v2/deals/\(pipedriveDeal)/products", json: #"{"product_id": \#(product), \#(attached)}"#)
                #expect(line.status == 200, "\(line.json)")
            }
            let fromPipedrive = try await Self.generate(app, template: template, integration: try #require(pipedrive.json["id"]?.string), system: "pipedrive",
                                                        object: "deals", id: pipedriveDeal)
            #expect(fromPipedrive.status == 201, "\(fromPipedrive.text)")
            let pipedriveText = try await Self.objectText(app, fromPipedrive)
            #expect(pipedriveText.contains(Self.licence), "\(pipedriveText)")
            #expect(pipedriveText.contains("Mise en service\(Self.nbsp): 1 × 500,00\(Self.nbsp)€ = 450,00\(Self.nbsp)€"), "\(pipedriveText)")
            #expect(pipedriveText.contains("12\(Self.nbsp)450,00\(Self.nbsp)€"), "\(pipedriveText)")
            #expect(!pipedriveText.contains("Option désactivée"), "\(pipedriveText)")
        }
    }

    @Test(arguments: TestEngine.all)
    func aProductsLineIsCheckedAndNamed(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            for (line, field) in [
                (#"{"clmField": "title", "crmObject": "products", "crmField": "lines", "direction": "pull", "owner": "crm"}"#, "fieldMap[0].clmField"),
                (#"{"clmField": "variables.items", "crmObject": "products", "crmField": "price", "direction": "pull", "owner": "crm"}"#, "fieldMap[0].crmField"),
                (#"{"clmField": "variables.items", "crmObject": "Products", "crmField": "lines", "direction": "push", "owner": "clm"}"#, "fieldMap[0].direction"),
            ] {
                let refused = try await CRMSyncTests.connect(app, sandbox, map: "[\(line)]")
                #expect(refused.status == 422)
                #expect(refused.fields == [field], "\(refused.text)")
            }
            let rule = #"[{"id": "r", "when": {"object": "products", "field": "lines", "equals": "x"}, "templateId": "x"}]"#
            let noRule = try await app.call(.post, "/api/v1/integrations", json: """
                {"name": "S", "system": "salesforce", "baseUrl": "\(sandbox.url)", "allowPrivateNetwork": true,
                 "credentials": {"clientId": "sandbox", "clientSecret": "sandbox"}, "fieldMap": [], "rules": \(rule)}
                """)
            #expect(noRule.status == 422)
            #expect(noRule.fields.contains("rules[0].when.object"), "\(noRule.text)")

            // The CRM has no object called products: the map's check against the CRM leaves those lines alone.
            let connected = try await CRMSyncTests.connect(app, sandbox, map: Self.map(deal: "Opportunity", description: "Description"))
            #expect(connected.status == 201, "\(connected.text)")
            let id = try #require(connected.json["id"]?.string)
            try await app.runJobs(recurring: true)
            let integration = try await app.call(.get, "/api/v1/integrations/\(id)").json
            #expect(integration["status"]?["mapErrors"]?.array?.isEmpty == true, "\(integration)")
            #expect(integration["status"]?["lastError"]?.string == nil, "\(integration)")
        }
    }
}
