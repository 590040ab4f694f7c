import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

/// What everyone signed in reads of the library: templates, their versions, clauses. Sales build generation
/// requests from them, so no role is needed; writing is legal's and admins' (`requireEditor`).
extension TemplateWorkflow {
    /// A template with its versions, the published manifest parsed, and the current text of the clauses it uses.
    public struct Details: Sendable {
        public var template: Template
        public var versions: [TemplateVersion]
        public var published: TemplateManifest?
        public var library: [String: Clause]
    }

    public func templates(publishedOnly: Bool, after: (String, String)?, limit: Int) async throws -> [Template] {
        try await database.read { try await $0.templates(publishedOnly: publishedOnly, after: after, limit: limit) }
    }

    public func details(_ id: Template.ID) async throws -> Details {
        try await database.read { s in
            guard let template = try await s.template(id) else { throw DomainError.notFound("no template with this id") }
            let versions = try await s.templateVersions(id)
            let source = versions.first { $0.version == template.publishedVersion }?.source
            let manifest = source.flatMap { try? ManifestParser.parse($0) }
            return Details(template: template, versions: versions, published: manifest, library: try await s.currentClauses(manifest?.libraryKeys ?? []))
        }
    }

    public func version(_ id: Template.ID, _ number: Int) async throws -> TemplateVersion {
        guard let version = try await database.read({ try await $0.templateVersion(id, number) }) else {
            throw DomainError.notFound("no such template version")
        }
        return version
    }

    public func clauses(after key: String?, limit: Int) async throws -> [Clause] {
        try await database.read { try await $0.clauses(after: key, limit: limit) }
    }

    /// A clause, as it is now or at an earlier version.
    public func clause(_ key: String, version: Int?) async throws -> Clause {
        guard let clause = try await database.read({ try await $0.clause(key, version: version) }) else {
            throw DomainError.notFound(version.map { "clause \(key.prefix(60)) has no version \($0)" } ?? "no clause with key \(key.prefix(60))")
        }
        return clause
    }
}
