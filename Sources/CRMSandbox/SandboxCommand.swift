import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTLS
import NIOSSL

/// `paraphe-crm-sandbox`: a local, stateful stand-in for the CRM APIs Paraphe calls, for tests and the demo.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "paraphe-crm-sandbox",
                                                    abstract: "A local emulator of the Salesforce APIs Paraphe uses, with fault injection.")

    @Option(help: "The port to listen on (0 picks a free one, printed on the first line).") var port = 8095
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "A JSON file that keeps the org's records across restarts.") var data: String?
    @Option(help: "Records per query page before nextRecordsUrl (Salesforce: 2000).") var pageSize = 2000
    @Option(help: "OAuth client id for the client-credentials grant.") var clientId = "sandbox"
    @Option(help: "OAuth client secret for the client-credentials grant.") var clientSecret = "sandbox"
    @Option(help: "PEM certificate: serve HTTPS (clients that insist on https, such as simple-salesforce).") var tlsCert: String?
    @Option(help: "PEM private key for --tls-cert.") var tlsKey: String?
    @Flag(help: "Create a few demo accounts, contacts and opportunities in an empty org.") var seed = false

    func run() async throws {
        let org = Org(dataFile: data.map { URL(fileURLWithPath: $0) }, pageSize: pageSize)
        if seed { try await SandboxSeed.seed(org) }
        let router = Router()
        SalesforceRoutes(org: org, clientId: clientId, clientSecret: clientSecret).register(router)
        AdminRoutes(org: org).register(router)
        SandboxServer.scheme = tlsCert == nil ? "http" : "https"
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let address = BindAddress.hostname(host, port: port)
        let onReady: @Sendable (String, Int) async -> Void = { host, port in FileHandle.standardOutput.write(Data("paraphe-crm-sandbox listening on \(SandboxServer.scheme)://\(host):\(port)\n".utf8)) }
        if let tlsCert, let tlsKey {
            let tls = TLSConfiguration.makeServerConfiguration(certificateChain: try NIOSSLCertificate.fromPEMFile(tlsCert).map { .certificate($0) },
                                                               privateKey: .privateKey(try NIOSSLPrivateKey(file: tlsKey, format: .pem)))
            let app = Application(router: router, server: try .tls(tlsConfiguration: tls), configuration: .init(address: address, serverName: "Sandbox"),
                                  services: [OutboundDelivery(org: org, client: client)], onServerRunning: { await onReady(host, $0.localAddress?.port ?? port) })
            try await app.runService()
        } else {
            let app = Application(router: router, configuration: .init(address: address, serverName: "Sandbox"),
                                  services: [OutboundDelivery(org: org, client: client)], onServerRunning: { await onReady(host, $0.localAddress?.port ?? port) })
            try await app.runService()
        }
        try await client.shutdown()
    }
}

enum SandboxServer {
    nonisolated(unsafe) static var scheme = "http"
}

/// Test and demo controls, outside the CRM's API surface and uncounted: `/__sandbox/…`.
struct AdminRoutes {
    let org: Org

    func register(_ router: Router<BasicRequestContext>) {
        let admin = router.group("__sandbox")
        admin.get("health") { _, _ in SalesforceRoutes.json(200, ["status": "ok"]) }
        admin.get("stats") { _, _ in SalesforceRoutes.json(200, await org.stats()) }
        admin.post("stats/reset") { _, _ in await org.resetStats(); return SalesforceRoutes.json(200, ["reset": true]) }
        admin.post("faults") { r, _ in try await perform { try await org.plan(try await decode(FaultPlan.self, r)) } }
        admin.post("outbound") { r, _ in try await perform { try await org.subscribe(try await decode(OutboundSubscription.self, r)) } }
        admin.post("page-size") { r, _ in
            try await perform { await org.setPageSize(try await decode([String: Int].self, r)["size"] ?? 2000) }
        }
        admin.post("jwt") { r, _ in
            try await perform {
                let body = try await decode([String: String].self, r)
                try await org.registerJWT(clientId: body["clientId"] ?? "", certificatePEM: body["certificate"] ?? "")
            }
        }
        admin.get("records/:type") { _, c in
            try await answer(value: { .array(try await org.all(c.parameters.get("type") ?? "").map(Value.object)) })
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        guard let value = JSONBody.decode(type, Data(buffer: try await request.body.collect(upTo: 1 << 20))) else {
            throw Org.Error(status: 400, code: "JSON_PARSER_ERROR", message: "unreadable body")
        }
        return value
    }

    func perform(_ body: () async throws -> Void) async throws -> Response {
        try await answer(value: { try await body(); return ["ok": true] })
    }

    func answer(value body: () async throws -> Value) async throws -> Response {
        do { return SalesforceRoutes.json(200, try await body()) } catch let error as Org.Error { return SalesforceRoutes.json(error.status, error.body) }
    }
}
