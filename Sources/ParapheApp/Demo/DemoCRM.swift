import Foundation
import Logging
import ParapheCore
import ParapheCRM
import ParapheServices
import ServiceLifecycle

/// The demo's CRMs: once the sandbox and Paraphe answer, the demo admin connects the sandbox through the public API,
/// as a person would (credentials tried, map checked against the CRM), three times: as Salesforce with the rule
/// "Contracting → NDA", as HubSpot with "contract sent → NDA", and as Pipedrive with "stage 5 (Contract Sent) → NDA";
/// the sandbox is asked to push its Outbound Messages and webhooks to Paraphe. Later starts find the integrations and
/// only renew the subscriptions.
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
        let existing = try await send("GET", api + "/integrations", token: token)["items"]?.items ?? []
        let templates = try await send("GET", api + "/templates?published=true&limit=100", token: token)["items"]?.items ?? []
        let nda = templates.first(where: { $0["contractType"] == .string("nda") && $0["language"] == .string("fr") })?["id"]?.stringValue
        func integration(_ system: CRMSystem, name: String, credentials: JSONValue, rule: (object: String, field: String, equals: String)) async throws -> String {
            if let id = existing.first(where: { $0["system"] == .string(system.rawValue) })?["id"]?.stringValue { return id }
            let rules: [JSONValue] = nda.map { [.object(["id": .string("contracting_nda"), "templateId": .string($0),
                                                         "when": .object(["object": .string(rule.object), "field": .string(rule.field), "equals": .string(rule.equals)])])] } ?? []
            let created = try await send("POST", api + "/integrations", token: token, json: .object([
                "name": .string(name), "system": .string(system.rawValue), "baseUrl": .string(sandboxURL), "allowPrivateNetwork": .bool(true),
                "credentials": credentials, "rules": .array(rules),
            ]))
            guard let id = created["id"]?.stringValue else { throw Failed(description: "no integration id") }
            return id
        }
        let salesforce = try await integration(.salesforce, name: "Salesforce (bac à sable)",
                                               credentials: .object(["clientId": .string("sandbox"), "clientSecret": .string("sandbox")]),
                                               rule: ("Opportunity", "StageName", "Contracting"))
        let hook = "\(publicURL)/hooks/salesforce/\(salesforce)"
        _ = try await send("POST", sandboxURL + "/__sandbox/outbound", json: .object(["object": .string("Opportunity"), "url": .string(hook)]))
        let hubspot = try await integration(.hubspot, name: "HubSpot (bac à sable)",
                                            credentials: .object(["accessToken": .string("pat-eu1-sandbox"), "webhookSecret": .string(Self.hubSpotSecret)]),
                                            rule: ("deals", "dealstage", "contractsent"))
        let webhook = "\(publicURL)/hooks/hubspot/\(hubspot)"
        _ = try await send("POST", sandboxURL + "/__sandbox/hubspot/webhooks", json: .object(["url": .string(webhook), "secret": .string(Self.hubSpotSecret)]))
        let pipedrive = try await integration(.pipedrive, name: "Pipedrive (bac à sable)",
                                              credentials: .object(["accessToken": .string("sandbox-pipedrive-token"), "webhookUser": .string("paraphe"),
                                                                    "webhookPassword": .string(Self.pipedrivePassword)]),
                                              rule: ("deals", "stage_id", "5"))
        let pipedriveHook = "\(publicURL)/hooks/pipedrive/\(pipedrive)"
        _ = try await send("POST", sandboxURL + "/__sandbox/pipedrive/webhooks",
                           json: .object(["url": .string(pipedriveHook), "user": .string("paraphe"), "password": .string(Self.pipedrivePassword)]))
        logger.info("demo: CRM sandbox \(sandboxURL) connected as Salesforce (Outbound Messages to \(hook)), HubSpot (webhooks to \(webhook)) and Pipedrive (webhooks to \(pipedriveHook))")
    }

    /// The sandbox app's secret, which signs its HubSpot webhooks.
    static let hubSpotSecret = "sandbox-app-secret"
    /// The Basic auth password the sandbox's Pipedrive webhooks carry.
    static let pipedrivePassword = "sandbox-webhook-password"
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
