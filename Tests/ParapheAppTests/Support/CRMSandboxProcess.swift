import Foundation
import ParapheCore
import ParapheCRM
import Testing

/// The real `paraphe-crm-sandbox` binary, on a free port, driven over HTTP: its OAuth and REST API as the CRM,
/// its `/__sandbox` controls to play a salesperson, a fault or a renamed field.
final class CRMSandboxProcess: @unchecked Sendable {
    let process: Process
    let url: String

    static func start(_ arguments: [String] = []) throws -> CRMSandboxProcess {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../.build/debug/paraphe-crm-sandbox").standardized
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "listening on ") else {
            process.terminate()
            throw SandboxDidNotStart(output: text)
        }
        return CRMSandboxProcess(process: process, url: text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    struct SandboxDidNotStart: Error { let output: String }

    private init(process: Process, url: String) {
        self.process = process
        self.url = url
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    @discardableResult
    func send(_ method: String, _ path: String, json: String? = nil, token: String? = nil) async throws -> (status: Int, json: JSONValue) {
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let response = try await CRMHTTPClient.transport.send(CRMRequest(method: method, url: url + path, headers: headers, body: json.map { Data($0.utf8) }))
        return (response.status, (try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null)
    }

    /// A salesperson's session in the org.
    func token() async throws -> String {
        let response = try await CRMHTTPClient.transport.send(CRMRequest(method: "POST", url: url + "/services/oauth2/token",
                                                                          headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                                          body: Data("grant_type=client_credentials&client_id=sandbox&client_secret=sandbox".utf8)))
        let json = try JSONDecoder().decode(JSONValue.self, from: response.body)
        return try #require(json["access_token"]?.string)
    }

    func create(_ object: String, _ fields: String, token: String) async throws -> String {
        let reply = try await send("POST", "/services/data/v59.0/sobjects/\(object)", json: fields, token: token)
        #expect(reply.status == 201, "\(reply.json)")
        return try #require(reply.json["id"]?.string)
    }

    func update(_ object: String, _ id: String, _ fields: String, token: String) async throws {
        let reply = try await send("PATCH", "/services/data/v59.0/sobjects/\(object)/\(id)", json: fields, token: token)
        #expect(reply.status == 204, "\(reply.json)")
    }

    func records(_ object: String) async throws -> [JSONValue] {
        try await send("GET", "/__sandbox/records/\(object)").json.array ?? []
    }

    func fault(_ json: String) async throws {
        let reply = try await send("POST", "/__sandbox/faults", json: json)
        #expect(reply.status == 200, "\(reply.json)")
    }

    func apiCalls() async throws -> Int {
        try await send("GET", "/__sandbox/stats").json["apiCalls"]?.int ?? -1
    }

    func resetStats() async throws {
        try await send("POST", "/__sandbox/stats/reset")
    }
}

/// The sandbox's HubSpot portal, as a salesperson and an app see it.
extension CRMSandboxProcess {
    static let hubSpotToken = "pat-eu1-sandbox"

    @discardableResult
    func hubSpot(_ method: String, _ path: String, json: String? = nil, token: String = CRMSandboxProcess.hubSpotToken) async throws -> (status: Int, json: JSONValue) {
        try await send(method, path, json: json, token: token)
    }

    /// A company, its buyer and a deal, associated, as a salesperson enters them.
    func hubSpotDeal(name: String = "Globex", stage: String = "qualifiedtobuy", amount: String = "48000") async throws -> String {
        let company = try await hubSpot("POST", "/crm/v3/objects/companies", json: #"{"properties": {"name": "\#(name) SA", "address": "3 quai Saint-Antoine", "zip": "69002", "city": "Lyon"}}"#)
        let companyId = try #require(company.json["id"]?.string)
        let contact = try await hubSpot("POST", "/crm/v3/objects/contacts", json: #"{"properties": {"firstname": "Jeanne", "lastname": "Martin", "email": "jeanne.martin@\#(name.lowercased()).example"}}"#)
        let contactId = try #require(contact.json["id"]?.string)
        let deal = try await hubSpot("POST", "/crm/v3/objects/deals", json: """
            {"properties": {"dealname": "\(name) — plateforme", "dealstage": "\(stage)", "pipeline": "default", "amount": "\(amount)", "closedate": "2026-04-30T00:00:00.000Z"},
             "associations": [{"to": {"id": "\(contactId)"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]},
                              {"to": {"id": "\(companyId)"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 5}]}]}
            """)
        #expect(deal.status == 201, "\(deal.json)")
        return try #require(deal.json["id"]?.string)
    }

    func hubSpotRecords(_ type: String) async throws -> [JSONValue] {
        try await send("GET", "/__sandbox/hubspot/records/\(type)").json.array ?? []
    }
}

/// The sandbox's Pipedrive company, as a salesperson sees it through API v2.
extension CRMSandboxProcess {
    static let pipedriveToken = "sandbox-pipedrive-token"

    @discardableResult
    func pipedrive(_ method: String, _ path: String, json: String? = nil, token: String = CRMSandboxProcess.pipedriveToken) async throws -> (status: Int, json: JSONValue) {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("x-api-token", token)]
        if json == nil { headers.removeFirst() }
        let response = try await CRMHTTPClient.transport.send(CRMRequest(method: method, url: url + path, headers: headers, body: json.map { Data($0.utf8) }))
        return (response.status, (try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null)
    }

    /// An organization, its contact person and a deal, as a salesperson enters them.
    func pipedriveDeal(name: String = "Globex", stage: Int = 1) async throws -> String {
        let organization = try await pipedrive("POST", "/api/v2/organizations", json: #"{"name": "\#(name) SA", "address": {"value": "3 quai Saint-Antoine, 69002 Lyon"}}"#)
        let orgId = try #require(organization.json["data"]?["id"]?.int)
        let person = try await pipedrive("POST", "/api/v2/persons", json: #"{"name": "Jeanne Martin", "emails": [{"value": "jeanne.martin@\#(name.lowercased()).example", "primary": true, "label": "work"}], "org_id": \#(orgId)}"#)
        let personId = try #require(person.json["data"]?["id"]?.int)
        let deal = try await pipedrive("POST", "/api/v2/deals", json: """
            {"title": "\(name) — plateforme", "value": 48000, "stage_id": \(stage), "expected_close_date": "2026-04-30", "org_id": \(orgId), "person_id": \(personId)}
            """)
        #expect(deal.status == 200, "\(deal.json)")
        return String(try #require(deal.json["data"]?["id"]?.int))
    }

    func pipedriveRecords(_ entity: String) async throws -> [JSONValue] {
        try await send("GET", "/__sandbox/pipedrive/records/\(entity)").json.array ?? []
    }

    /// The deal fields' hash keys, by name.
    func pipedriveFieldKeys() async throws -> [String: String] {
        let fields = try await pipedrive("GET", "/api/v1/dealFields").json["data"]?.array ?? []
        return Dictionary(uniqueKeysWithValues: fields.compactMap { f in f["name"]?.string.flatMap { n in f["key"]?.string.map { (n, $0) } } })
    }
}
