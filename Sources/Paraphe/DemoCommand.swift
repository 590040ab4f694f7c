import ArgumentParser
import CRMSandboxKit
import Foundation
import Hummingbird
import ParapheApp
import ParapheCore
import ParapheServices
import ServiceLifecycle

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve a seeded demo workspace (SQLite in ./data-demo unless told otherwise).")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        var options = options
        if options.dataDir == nil, ProcessInfo.processInfo.environment["PARAPHE_DATA_DIR"] == nil { options.dataDir = "./data-demo" }
        var config = options.config()
        // The demo polls its CRM often, so a stage moved in the sandbox shows in Paraphe within seconds.
        if ProcessInfo.processInfo.environment["PARAPHE_CRM_POLL_SECONDS"] == nil { config.crmPollInterval = 10 }
        let frozen = config
        _ = try await CLIContext.with(frozen) { services in try await DemoWorkspace.seed(services) }
        let logger = makeLogger()
        let app = try await startupGuard { try await buildApplication(frozen, logger: logger) }
        var sandbox = CRMSandbox.Options()
        sandbox.port = ProcessInfo.processInfo.environment["PARAPHE_DEMO_CRM_PORT"].flatMap(Int.init) ?? 8095
        sandbox.dataFile = frozen.dataDirectory + "/crm-sandbox.json"
        sandbox.seed = true
        sandbox.parapheURL = frozen.publicURL
        let sandboxURL = "http://127.0.0.1:\(sandbox.port)"
        // Written unbuffered: the server runs until interrupted, and the logins must show before it does.
        FileHandle.standardOutput.write(Data("""

        Paraphe demo on \(config.publicURL)  (data in \(config.dataDirectory))
        Sign in with any of these; the password is \(DemoWorkspace.password):
        \(DemoWorkspace.users.map { "  \($0.email.padding(toLength: 28, withPad: " ", startingAt: 0)) \($0.roles.map(\.rawValue).sorted().joined(separator: ", "))" }.joined(separator: "\n"))
        A contract and a supplier request are waiting for approval: sign in as juriste@paraphe.demo, then Mes tâches.
        The approved NDA with Éditions Lumière names its signatory; its page offers only colleagues whose authority covers it.
        \(frozen.smtp == nil ? "Mails stay in the outbox (no PARAPHE_SMTP_URL): GET /api/v1/mails as admin." : "Mails go out through \(frozen.smtp!.host).")
        The CRM sandbox runs on \(sandboxURL), as Salesforce, HubSpot and Pipedrive: move an opportunity to "Contracting"
        on its page, a HubSpot deal to "contractsent" or a Pipedrive deal to stage 5 through their APIs, and an NDA appears
        in Paraphe; the opportunity's "Créer le contrat dans Paraphe" link opens the wizard filled from it. Admin:
        Intégrations CRM.

        """.utf8))
        let group = ServiceGroup(configuration: .init(services: [
            .init(service: CRMSandbox(sandbox)),
            .init(service: DemoCRM(publicURL: frozen.publicURL, sandboxURL: sandboxURL, logger: logger), successTerminationBehavior: .ignore),
            .init(service: app),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
