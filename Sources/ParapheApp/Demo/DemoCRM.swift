import Foundation
import Logging
import ParapheCore
import ParapheCRM
import ParapheServices
import ServiceLifecycle

/// The demo's CRM: once the sandbox and Paraphe answer, the demo admin connects the sandbox through the public API,
/// as a person would (credentials tried, map checked against the CRM), with the rule "Contracting → NDA", and the
/// sandbox is asked to push its Outbound Messages to Paraphe. Later starts find the integration and only renew the
/// subscription.
public struct DemoCRM: Service {
    let publicURL: String
    let sandboxURL: String
    let logger: Logger

    public init(publicURL: String, sandboxURL: String, logger: Logger) {
        self.publicURL = publicURL
        self.sandboxURL = sandboxURL
        self.logger = logger
    }

    /// Never fails the demo: a CRM that cannot be connected is logged, and the rest of the demo runs.
    public func run() async throws {
        do {
            try await connect()
        } catch is CancellationError {
            return
        } catch {
            logger.error("demo: the CRM sandbox could not be connected: \(error)")
        }
    }

    struct Failed: Error, CustomStringConvertible { let description: String }

    func send(_ method: String, _ url: String, token: String? = nil, json: JSONValue? = nil) async throws -> JSONValue {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let response = try await CRMHTTPClient.transport.send(CRMRequest(method: method, url: url, headers: headers, body: try json.map { try CanonicalJSON.encode($0) }))
        guard (200..<300).contains(response.status) else { throw Failed(description: "\(method) \(url): \(response.status) \(String(decoding: response.body, as: UTF8.self))") }
        return (try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null
    }

    func waitFor(_ url: String) async throws {
        for _ in 0..<150 {
            if let answer = try? await CRMHTTPClient.transport.send(CRMRequest(method: "GET", url: url)), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw Failed(description: "\(url) did not answer")
    }

    func connect() async throws {
        try await waitFor(sandboxURL + "/__sandbox/health")
        try await waitFor(publicURL + "/health")
        let api = publicURL + "/api/v1"
        let login = try await send("POST", api + "/auth/token", json: .object(["email": .string("admin@paraphe.demo"), "password": .string(DemoWorkspace.password),
                                                                              "label": .string("demo CRM")]))
        guard let token = login["token"]?.stringValue else { throw Failed(description: "no demo admin token") }
        var id = try await send("GET", api + "/integrations", token: token)["items"]?.first?["id"]?.stringValue
        if id == nil {
            var rules: [JSONValue] = []
            let templates = try await send("GET", api + "/templates?published=true&limit=100", token: token)["items"]?.items ?? []
            if let templateId = templates.first(where: { $0["contractType"] == .string("nda") && $0["language"] == .string("fr") })?["id"]?.stringValue {
                rules = [.object(["id": .string("contracting_nda"), "templateId": .string(templateId),
                                  "when": .object(["object": .string("Opportunity"), "field": .string("StageName"), "equals": .string("Contracting")])])]
            }
            let created = try await send("POST", api + "/integrations", token: token, json: .object([
                "name": .string("Salesforce (bac à sable)"), "system": .string("salesforce"), "baseUrl": .string(sandboxURL), "allowPrivateNetwork": .bool(true),
                "credentials": .object(["clientId": .string("sandbox"), "clientSecret": .string("sandbox")]), "rules": .array(rules),
            ]))
            id = created["id"]?.stringValue
        }
        guard let id else { throw Failed(description: "no integration id") }
        let hook = "\(publicURL)/hooks/salesforce/\(id)"
        _ = try await send("POST", sandboxURL + "/__sandbox/outbound", json: .object(["object": .string("Opportunity"), "url": .string(hook)]))
        logger.info("demo: Salesforce sandbox \(sandboxURL) connected; its Outbound Messages go to \(hook)")
    }
}

fileprivate extension JSONValue {
    subscript(_ key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var items: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var first: JSONValue? { items?.first }
}
