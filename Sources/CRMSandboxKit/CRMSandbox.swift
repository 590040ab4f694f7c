import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTLS
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The sandbox as a service: the command line runs it alone, `paraphe demo` beside the server.
public struct CRMSandbox: Service {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8095
        public var dataFile: String?
        public var pageSize = 2000
        public var clientId = "sandbox"
        public var clientSecret = "sandbox"
        public var tlsCertificate: String?
        public var tlsKey: String?
        public var seed = false
        /// Paraphe's public URL, for the opportunity page's button.
        public var parapheURL: String?

        public init() {}
    }

    let options: Options
    let onReady: @Sendable (String) async -> Void

    /// `onReady` receives the base URL once the sandbox listens (with the port it got when asked for 0).
    public init(_ options: Options, onReady: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.options = options
        self.onReady = onReady
    }

    public func run() async throws {
        let org = Org(dataFile: options.dataFile.map { URL(fileURLWithPath: $0) }, pageSize: options.pageSize)
        if options.seed { try await SandboxSeed.seed(org) }
        let scheme = options.tlsCertificate == nil ? "http" : "https"
        let router = Router()
        SalesforceRoutes(org: org, clientId: options.clientId, clientSecret: options.clientSecret, scheme: scheme).register(router)
        HubSpotRoutes(org: org).register(router)
        PipedriveRoutes(org: org).register(router)
        AdminRoutes(org: org).register(router)
        SandboxPage(org: org, parapheURL: options.parapheURL).register(router)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        // What each CRM pushes out: Outbound Messages, HubSpot and Pipedrive webhooks.
        let deliveries: [any Service] = [OutboundDelivery(org: org, client: client), HubSpotWebhookDelivery(org: org, client: client),
                                         PipedriveWebhookDelivery(org: org, client: client)]
        let address = BindAddress.hostname(options.host, port: options.port)
        let host = options.host, asked = options.port, onReady = onReady
        let ready: @Sendable (any Channel) async -> Void = { await onReady("\(scheme)://\(host):\($0.localAddress?.port ?? asked)") }
        let configuration = ApplicationConfiguration(address: address, serverName: "Sandbox")
        do {
            if let cert = options.tlsCertificate, let key = options.tlsKey {
                let tls = TLSConfiguration.makeServerConfiguration(certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
                                                                   privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                try await Application(router: router, server: try .tls(tlsConfiguration: tls), configuration: configuration,
                                      services: deliveries, onServerRunning: ready).runService()
            } else {
                try await Application(router: router, configuration: configuration, services: deliveries,
                                      onServerRunning: ready).runService()
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
