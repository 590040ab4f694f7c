import ArgumentParser
import Foundation
import ParapheApp
import ParapheCore
import ParapheStore
import ParapheServices

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a folder of signed PDFs. Safe to interrupt and run again: files already stored are skipped.")

    @OptionGroup var options: ServerOptions
    @Argument(help: "Folder to import, searched recursively for .pdf files.") var directory: String
    @Option(help: "CSV with a 'file' column and any of: title, type, counterparty, startDate, endDate, amount, currency, renewalMode, renewalPeriod, renewalNotice, status, signedAt.")
    var csv: String?
    @Option(help: "Email of the user who will own the imported contracts (default: the first admin).") var owner: String?

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a folder")
        }
        let rows = try csv.map { try ImportManifest.read(path: $0) } ?? [:]
        let files = ImportManifest.pdfFiles(in: directory)
        let ownerEmail = owner
        let root = directory
        let summary = try await CLIContext.with(options.config()) { services in
            try await BulkImport(services: services, root: root, files: files, rows: rows, ownerEmail: ownerEmail).run { line in print(line) }
        }
        print(summary.report)
        if summary.failed > 0 { throw ExitCode(2) }
    }
}
