import Foundation
import NIOCore
import ParapheCore
import Testing

/// The issue's "after signature": a contract from a Salesforce opportunity, a HubSpot deal and a Pipedrive deal,
/// each with a derogation, signed; each CRM then shows its status, signed date, renewal date, notice deadline,
/// derogations and the link to the signed PDF.
@Suite(.serialized)
struct CRMAfterSignatureTests {
    struct Made {
        var contract: JSONValue
        var signedDocument: String
    }

    /// From the deal to a signed contract: generated with the 60-day payment derogation, approved by finance, recorded
    /// as signed by legal.
    static func signedContract(_ app: TestApp, templateId: String, integration: String, system: String, objectType: String, objectId: String) async throws -> Made {
        let created = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
            {"templateId": "\(templateId)", "variables": {"price": {"amount": "48000.00", "currency": "EUR"}, "startDate": "2026-03-01"},
             "clauses": {"paymentTerms": "payment60Days"},
             "crm": {"integrationId": "\(integration)", "system": "\(system)", "objectType": "\(objectType)", "objectId": "\(objectId)"}}
            """)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"]?.string)
        #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).status == 200)
        // The derogation asks finance.
        for step in try await ApprovalFlowTests.myApprovals(app, "finance") {
            #expect(try await ApprovalFlowTests.decide(app, try #require(step["id"]?.string), as: "finance").status == 200)
        }
        let boundary = "SignedBoundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nSigné en rendez-vous\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"signe.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += SamplePDF.make("Exemplaire signé") + Data("\r\n--\(boundary)--\r\n".utf8)
        let signed = try await app.call(.post, "/api/v1/contracts/\(id)/signed-elsewhere", as: "legal", raw: ByteBuffer(data: body),
                                        headers: [.contentType: "multipart/form-data; boundary=\(boundary)"])
        #expect(signed.status == 200, "\(signed.text)")
        let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "admin").json
        let document = try #require(contract["documents"]?.array?.first { $0["source"]?.string == "signed-elsewhere" }?["id"]?.string)
        return Made(contract: contract, signedDocument: document)
    }

    /// What every CRM must show, under its own field names.
    static func expectSigned(_ fields: [String: String?], _ made: Made, crm: String) throws {
        let c = made.contract
        #expect(fields["status"] == "signed", "\(crm)")
        #expect(fields["signed"] == c["signedAt"]?.string.map { String($0.prefix(10)) }, "\(crm)")
        #expect(fields["renewal"] == c["renewal"]?["nextRenewalDate"]?.string, "\(crm)")
        #expect(fields["notice"] == c["renewal"]?["noticeDeadline"]?.string, "\(crm)")
        #expect(fields["derogations"]??.contains("Paiement à 60 jours") == true, "\(crm): \(String(describing: fields["derogations"]))")
        #expect(fields["document"]??.hasSuffix("/documents/\(made.signedDocument)") == true, "\(crm): \(String(describing: fields["document"]))")
        #expect(c["renewal"]?["noticeDeadline"]?.string != nil, "a tacit renewal has a notice deadline")
    }

    @Test(arguments: TestEngine.all)
    func afterSignatureEachCRMShowsTheSignedContract(engine: TestEngine) async throws {
        let sandbox = try CRMSandboxProcess.start()
        defer { sandbox.stop() }
        try await TestApp.run(engine) { app in
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let salesforce = try #require(try await CRMSyncTests.connect(app, sandbox).json["id"]?.string)
            let hubspot = try #require(try await HubSpotSyncTests.connect(app, sandbox).json["id"]?.string)
            let pipedrive = try #require(try await PipedriveSyncTests.connect(app, sandbox).json["id"]?.string)

            let opportunity = try await CRMSyncTests.opportunity(sandbox, token: try await sandbox.token())
            let viaSalesforce = try await Self.signedContract(app, templateId: templateId, integration: salesforce, system: "salesforce",
                                                              objectType: "Opportunity", objectId: opportunity)
            let deal = try await sandbox.hubSpotDeal()
            let viaHubSpot = try await Self.signedContract(app, templateId: templateId, integration: hubspot, system: "hubspot", objectType: "deals", objectId: deal)
            let pipedriveDeal = try await sandbox.pipedriveDeal()
            let viaPipedrive = try await Self.signedContract(app, templateId: templateId, integration: pipedrive, system: "pipedrive",
                                                             objectType: "deals", objectId: pipedriveDeal)
            try await app.runJobs()

            let record = try #require(try await sandbox.records("Paraphe_Contract__c").first { $0["Paraphe_Id__c"]?.string == viaSalesforce.contract["id"]?.string })
            try Self.expectSigned(["status": record["Status__c"]?.string, "signed": record["Signed_Date__c"]?.string, "renewal": record["Renewal_Date__c"]?.string,
                                   "notice": record["Notice_Deadline__c"]?.string, "derogations": record["Derogations__c"]?.string,
                                   "document": record["Document_URL__c"]?.string], viaSalesforce, crm: "Paraphe_Contract__c")
            let o = try #require(try await sandbox.records("Opportunity").first { $0["Id"]?.string == opportunity })
            try Self.expectSigned(["status": o["Contract_Status__c"]?.string, "signed": o["Contract_Signed_Date__c"]?.string, "renewal": o["Contract_Renewal_Date__c"]?.string,
                                   "notice": o["Contract_Notice_Deadline__c"]?.string, "derogations": o["Contract_Derogations__c"]?.string,
                                   "document": o["Contract_URL__c"]?.string], viaSalesforce, crm: "Opportunity")

            let object = try #require(try await sandbox.hubSpotRecords("p_paraphe_contracts").first { $0["paraphe_id"]?.string == viaHubSpot.contract["id"]?.string })
            try Self.expectSigned(["status": object["status"]?.string, "signed": object["signed_date"]?.string, "renewal": object["renewal_date"]?.string,
                                   "notice": object["notice_deadline"]?.string, "derogations": object["derogations"]?.string,
                                   "document": object["document_url"]?.string], viaHubSpot, crm: "p_paraphe_contracts")
            let d = try #require(try await sandbox.hubSpotRecords("deals").first { $0["id"]?.string == deal })
            try Self.expectSigned(["status": d["paraphe_status"]?.string, "signed": d["paraphe_signed_date"]?.string, "renewal": d["paraphe_renewal_date"]?.string,
                                   "notice": d["paraphe_notice_deadline"]?.string, "derogations": d["paraphe_derogations"]?.string,
                                   "document": d["paraphe_document_url"]?.string], viaHubSpot, crm: "HubSpot deal")

            let keys = try await sandbox.pipedriveFieldKeys()
            let p = try #require(try await sandbox.pipedriveRecords("deals").first { $0["id"]?.int.map(String.init) == pipedriveDeal })
            func custom(_ name: String) -> String? { keys[name].flatMap { p["custom_fields"]?[$0]?.string } }
            try Self.expectSigned(["status": custom("paraphe_status"), "signed": custom("paraphe_signed_date"), "renewal": custom("paraphe_renewal_date"),
                                   "notice": custom("paraphe_notice_deadline"), "derogations": custom("paraphe_derogations"),
                                   "document": custom("paraphe_document_url")], viaPipedrive, crm: "Pipedrive deal")
        }
    }
}
