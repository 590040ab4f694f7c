import Foundation
import ParapheCore
import ParapheDocuments
import Yams
import ParapheServices

/// The demo's clause library and templates, read from the YAML files of `Demo/Content` (copied into the module's
/// resources as `Content`) so that readers have real examples to open. `clauses.yaml` and `templates.yaml` list the
/// files in the order `paraphe demo` creates them.
///
/// `load` reads and checks everything before the demo writes anything: seeding happens once, so a workspace left
/// half-seeded by a broken file would stay so. A missing or broken file is a `LoadError` naming it.
struct DemoContent: Sendable {
    var clauses: [DemoClauses.Entry]
    var templates: [DemoTemplates.Entry]

    /// A content file that is missing, unreadable or invalid.
    struct LoadError: Error, CustomStringConvertible, LocalizedError {
        var path: String
        var problem: String
        var description: String { "demo content \(path): \(problem)" }
        var errorDescription: String? { description }
    }

    static func load() throws -> DemoContent {
        let content = try folder()
        let clauses = try DemoClauses.load(from: content)
        return DemoContent(clauses: clauses, templates: try DemoTemplates.load(from: content, library: clauses.map(\.clause)))
    }

    /// The `Content` folder among the module's resources.
    static func folder() throws -> URL {
        let bundle = Bundle.module
        if let url = bundle.url(forResource: "Content", withExtension: nil) { return url }
        let url = (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent("Content", isDirectory: true)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LoadError(path: url.path, problem: "is missing: Package.swift must copy Demo/Content into ParapheApp's resources")
        }
        return url
    }

    /// The text of `file`, a path relative to the `Content` folder.
    static func text(_ file: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LoadError(path: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw LoadError(path: url.path, problem: "is not valid UTF-8") }
        return text
    }

    /// `file` decoded from YAML.
    static func decode<T: Decodable>(_ type: T.Type, _ file: String, in folder: URL) throws -> T {
        let source = try text(file, in: folder)
        do { return try YAMLDecoder().decode(T.self, from: source) } catch {
            throw LoadError(path: folder.appendingPathComponent(file).path, problem: describe(error))
        }
    }

    /// One write of the seeding: when the library refuses what `file` holds, the error names the file.
    static func naming<T>(_ file: String, _ write: () async throws -> T) async throws -> T {
        do { return try await write() } catch let failure as ValidationFailure {
            throw LoadError(path: file, problem: describe(failure.errors))
        }
    }

    static func describe(_ errors: [FieldError]) -> String {
        errors.map { error in (error.line.map { "line \($0), " } ?? "") + "\(error.field): \(error.message)" }.joined(separator: "; ")
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "\(at): ") + context.debugDescription
        @unknown default:
            return String(describing: error)
        }
    }
}

/// The demo clause library: standard positions and the derogations legal pre-approved, one file per clause in
/// `Content/clauses/`, in the order of `Content/clauses.yaml`.
///
/// A file is the body of `POST /api/v1/clauses` in YAML: it is decoded into the input that route decodes, and checked
/// by the rules `TemplateWorkflow.createClause` applies, so the demo takes the path a user's request takes.
enum DemoClauses {
    struct Entry: Sendable {
        var file: String   // the file's path, for messages
        var clause: Clause
    }

    static func load(from folder: URL) throws -> [Entry] {
        var entries = [Entry]()
        var files = [String: String]()   // clause key → file
        for file in try DemoContent.decode([String].self, "clauses.yaml", in: folder) {
            let path = folder.appendingPathComponent(file).path
            let input = try DemoContent.decode(ClauseRoutes.Input.self, file, in: folder)
            var errors = [FieldError]()
            let clause = input.clause(&errors)
            errors += clause.validate() + TemplateWorkflow.bodyErrors(clause)
            guard errors.isEmpty else { throw DemoContent.LoadError(path: path, problem: DemoContent.describe(errors)) }
            if let other = files.updateValue(path, forKey: clause.key) {
                throw DemoContent.LoadError(path: path, problem: "key '\(clause.key)' is already the key of \(other)")
            }
            entries.append(Entry(file: path, clause: clause))
        }
        return entries
    }
}

/// The demo templates as legal would write them: one manifest per file in `Content/templates/`, listed with each
/// template's name, contract type and language in `Content/templates.yaml`, and published at seeding. The demo looks
/// templates up by name.
enum DemoTemplates {
    struct Entry: Sendable {
        var file: String           // the file's path, for messages
        var name: String
        var contractType: String   // one of: nda, msa, order_form, dpa, supplier
        var language: String       // "fr" or "en"
        var manifest: String       // the file's text, as it is
    }

    /// An entry of `templates.yaml`.
    private struct Listed: Decodable {
        var file: String
        var name: String
        var contractType: String
        var language: String
    }

    /// Reads the manifests and checks each one as publishing does, against `library`.
    static func load(from folder: URL, library: [Clause]) throws -> [Entry] {
        let index = folder.appendingPathComponent("templates.yaml").path
        let clauses = Dictionary(library.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var entries = [Entry]()
        for (i, listed) in try DemoContent.decode([Listed].self, "templates.yaml", in: folder).enumerated() {
            var errors = Template.validateName(listed.name)
            if Language(rawValue: listed.language) == nil { errors.append(FieldError("language", "must be fr or en")) }
            if entries.contains(where: { $0.name == listed.name }) { errors.append(FieldError("name", "'\(listed.name)' is listed twice")) }
            guard errors.isEmpty else {
                throw DemoContent.LoadError(path: index, problem: DemoContent.describe(errors.map { FieldError("[\(i)].\($0.field)", $0.message) }))
            }
            let path = folder.appendingPathComponent(listed.file).path
            let manifest = try DemoContent.text(listed.file, in: folder)
            let parsed: TemplateManifest
            do throws(ManifestRejected) { parsed = try ManifestParser.parse(manifest) } catch {
                throw DemoContent.LoadError(path: path, problem: DemoContent.describe(error.issues.map(\.fieldError)))
            }
            let issues = ManifestValidator.validate(parsed, library: clauses)
            guard issues.isEmpty else { throw DemoContent.LoadError(path: path, problem: DemoContent.describe(issues.map(\.fieldError))) }
            entries.append(Entry(file: path, name: listed.name, contractType: listed.contractType, language: listed.language,
                                 manifest: manifest))
        }
        return entries
    }
}
