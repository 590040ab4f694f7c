import CSV
import Foundation
import ParapheCore
import ParapheStore

/// The optional CSV beside a bulk import: one row per file, keyed by the `file` column (a path relative to the
/// folder, or a bare file name).
public enum ImportManifest {
    public static func read(path: String) throws -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ImportError("cannot read \(path) as UTF-8 text")
        }
        // Spreadsheets exported in France often use ';'.
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: UnicodeScalar = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        let reader = try CSVReader(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        guard let header = reader.headerRow, header.contains("file") else {
            throw ImportError("\(path) needs a header row with a 'file' column")
        }
        var rows: [String: [String: String]] = [:]
        while let row = reader.next() {
            var fields: [String: String] = [:]
            for (key, value) in zip(header, row) where !value.isEmpty { fields[key] = value }
            if let file = fields["file"] { rows[file] = fields }
        }
        if let error = reader.error { throw ImportError("\(path) is not valid CSV: \(error)") }
        return rows
    }

    /// Every PDF under `root`, sorted so that progress and reruns are predictable.
    public static func pdfFiles(in root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            if path.lowercased().hasSuffix(".pdf") { files.append(path) }
        }
        return files.sorted()
    }
}

public struct ImportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public struct BulkImportSummary: Sendable {
    public var imported: [String] = []
    public var skipped: [(file: String, reason: String)] = []
    public var refused: [(file: String, reason: String)] = []

    public var failed: Int { refused.count }

    public var report: String {
        var lines = ["", "Imported: \(imported.count)   Skipped: \(skipped.count)   Refused: \(refused.count)"]
        if !skipped.isEmpty { lines.append("Skipped:"); lines += skipped.map { "  \($0.file): \($0.reason)" } }
        if !refused.isEmpty { lines.append("Refused:"); lines += refused.map { "  \($0.file): \($0.reason)" } }
        return lines.joined(separator: "\n")
    }
}

/// Imports files one transaction each, so an interrupted run keeps what it finished and a rerun skips it by hash.
public struct BulkImport: Sendable {
    public let services: AppServices
    public let root: String
    public let files: [String]
    public let rows: [String: [String: String]]
    public let ownerEmail: String?

    public init(services: AppServices, root: String, files: [String], rows: [String: [String: String]], ownerEmail: String?) {
        self.services = services
        self.root = root
        self.files = files
        self.rows = rows
        self.ownerEmail = ownerEmail
    }

    public func run(progress: @Sendable (String) -> Void) async throws -> BulkImportSummary {
        let owner = try await resolveOwner()
        let importer = ImportWorkflow(services: services)
        let actor = Actor(userId: owner.id, label: "\(owner.email) via paraphe import")
        var summary = BulkImportSummary()
        for (index, file) in files.enumerated() {
            let prefix = "[\(index + 1)/\(files.count)] \(file)"
            guard let data = FileManager.default.contents(atPath: root + "/" + file) else {
                summary.refused.append((file, "cannot be read"))
                progress("\(prefix): refused, cannot be read")
                continue
            }
            let row = rows[file] ?? rows[(file as NSString).lastPathComponent] ?? [:]
            do {
                let request = try Self.request(file: file, data: data, row: row)
                switch try await importer.run(request, owner: owner, actor: actor) {
                case .imported(let contract, _):
                    summary.imported.append(file)
                    progress("\(prefix) → \(contract.reference)")
                case .duplicate(_, let reference):
                    let place = reference ?? "a contract you cannot see"
                    summary.skipped.append((file, "already imported as \(place)"))
                    progress("\(prefix): skipped, already imported as \(place)")
                }
            } catch let failure as ValidationFailure {
                let reason = failure.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
                summary.refused.append((file, reason))
                progress("\(prefix): refused, \(reason)")
            } catch let refusal as DomainError {
                // A file the owner may not record as asked (a signed status for a sales owner): refused, and the run goes on.
                let reason = switch refusal {
                case .forbidden(let detail, _), .notFound(let detail), .conflict(let detail), .rateLimited(let detail, _): detail
                }
                summary.refused.append((file, reason))
                progress("\(prefix): refused, \(reason)")
            }
        }
        return summary
    }

    public func resolveOwner() async throws -> User {
        let email = ownerEmail.map(UserRules.normalizedEmail)
        let found = try await services.database.read { s -> User? in
            if let email { return try await s.user(email: email)?.user }
            var after: String?
            while true {
                let page = try await s.users(after: after, limit: 200)
                if page.isEmpty { return nil }
                if let admin = page.first(where: { $0.has(.admin) && $0.active }) { return admin }
                after = page.last?.email
            }
        }
        guard let found else { throw ImportError(email.map { "no user \($0)" } ?? "no admin user exists; create one with 'paraphe user create' or pass --owner") }
        return found
    }

    /// A CSV row (or defaults) as an import request; values are checked by the same rules as the API.
    public static func request(file: String, data: Data, row: [String: String]) throws -> ImportWorkflow.Request {
        let name = (file as NSString).lastPathComponent
        var present: Set<String> = ["title", "type"]
        for key in ["startDate", "endDate", "amount", "renewal"] where row[key] != nil || (key == "renewal" && row["renewalMode"] != nil) { present.insert(key) }
        let input = ContractInput(
            title: row["title"] ?? (name as NSString).deletingPathExtension, type: row["type"] ?? "msa", counterpartyId: nil,
            amount: row["amount"].map { ContractInput.MoneyInput(amount: Money.normalizeTypedAmount($0), currency: row["currency"] ?? "EUR") },
            startDate: row["startDate"], endDate: row["endDate"],
            renewal: row["renewalMode"].map { ContractInput.RenewalInput(mode: $0, period: row["renewalPeriod"], notice: row["renewalNotice"]) },
            metadata: row["counterparty"].map { ["counterparty": .string($0)] } ?? [:], present: present.union(["metadata"]))
        let terms = try input.terms(over: nil).get()
        var status: ContractStatus?
        if let text = row["status"] {
            guard let parsed = ContractStatus(rawValue: text) else { throw ValidationFailure([FieldError("status", "unknown status \(text)")]) }
            status = parsed
        }
        let signedAt = row["signedAt"].flatMap(Day.init).flatMap { Timestamp.parse("\($0)T12:00:00Z") }
        return ImportWorkflow.Request(pdf: data, filename: name, terms: terms, status: status, signedAt: signedAt)
    }
}
