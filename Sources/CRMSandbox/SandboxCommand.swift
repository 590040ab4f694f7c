import ArgumentParser
import CRMSandboxKit
import Foundation

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
    @Option(help: "Paraphe's public URL, for the opportunity page's button.") var parapheUrl: String?

    func run() async throws {
        var options = CRMSandbox.Options()
        options.host = host
        options.port = port
        options.dataFile = data
        options.pageSize = pageSize
        options.clientId = clientId
        options.clientSecret = clientSecret
        options.tlsCertificate = tlsCert
        options.tlsKey = tlsKey
        options.seed = seed
        options.parapheURL = parapheUrl
        try await CRMSandbox(options) { url in
            FileHandle.standardOutput.write(Data("paraphe-crm-sandbox listening on \(url)\n".utf8))
        }.run()
    }
}
