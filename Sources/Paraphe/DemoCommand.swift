import ArgumentParser
import Foundation
import Hummingbird
import ParapheApp
import ParapheCore
import ParapheServices

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve a seeded demo workspace (SQLite in ./data-demo unless told otherwise).")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        var options = options
        if options.dataDir == nil, ProcessInfo.processInfo.environment["PARAPHE_DATA_DIR"] == nil { options.dataDir = "./data-demo" }
        let config = options.config()
        _ = try await CLIContext.with(config) { services in try await DemoWorkspace.seed(services) }
        let app = try await startupGuard { try await buildApplication(config, logger: makeLogger()) }
        // Written unbuffered: the server runs until interrupted, and the logins must show before it does.
        FileHandle.standardOutput.write(Data("""

        Paraphe demo on \(config.publicURL)  (data in \(config.dataDirectory))
        Sign in with any of these; the password is \(DemoWorkspace.password):
        \(DemoWorkspace.users.map { "  \($0.email.padding(toLength: 28, withPad: " ", startingAt: 0)) \($0.roles.map(\.rawValue).sorted().joined(separator: ", "))" }.joined(separator: "\n"))
        A contract and a supplier request are waiting for approval: sign in as juriste@paraphe.demo, then Mes tâches.
        The approved NDA with Éditions Lumière names its signatory; its page offers only colleagues whose authority covers it.
        \(config.smtp == nil ? "Mails stay in the outbox (no PARAPHE_SMTP_URL): GET /api/v1/mails as admin." : "Mails go out through \(config.smtp!.host).")

        """.utf8))
        try await app.runService()
    }
}
