import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func insertTemplate(_ t: Template) async throws {
        try await run("""
            INSERT INTO templates (id, name, contract_type, language, published_version, created_at, updated_at)
            VALUES (\(bind: t.id.description), \(bind: t.name), \(bind: t.contractType), \(bind: t.language.rawValue), \(bind: t.publishedVersion),
                    \(bind: Timestamp.format(t.createdAt)), \(bind: Timestamp.format(t.updatedAt)))
            """)
    }

    public func template(_ id: Template.ID, forUpdate: Bool = false) async throws -> Template? {
        try await first("SELECT * FROM templates WHERE id = \(bind: id.description)\(forUpdate ? dialect.forUpdate : "")").map(Self.decodeTemplate)
    }

    /// By name then id; `after` is the last (name, id) seen. `publishedOnly` is what the new-contract wizard lists.
    public func templates(publishedOnly: Bool, after: (String, String)?, limit: Int) async throws -> [Template] {
        var query: SQLQueryString = "SELECT * FROM templates WHERE 1 = 1"
        if publishedOnly { query += " AND published_version IS NOT NULL" }
        if let (name, id) = after { query += " AND (name > \(bind: name) OR (name = \(bind: name) AND id > \(bind: id)))" }
        query += " ORDER BY name, id LIMIT \(bind: limit)"
        return try await all(query).map(Self.decodeTemplate)
    }

    public func templateVersions(_ id: Template.ID) async throws -> [TemplateVersion] {
        try await all("SELECT * FROM template_versions WHERE template_id = \(bind: id.description) ORDER BY version").map(Self.decodeTemplateVersion)
    }

    public func templateVersion(_ id: Template.ID, _ version: Int) async throws -> TemplateVersion? {
        try await first("SELECT * FROM template_versions WHERE template_id = \(bind: id.description) AND version = \(bind: version)")
            .map(Self.decodeTemplateVersion)
    }

    public func insertTemplateVersion(_ v: TemplateVersion) async throws {
        try await run("""
            INSERT INTO template_versions (template_id, version, status, source, created_at, created_by, published_at)
            VALUES (\(bind: v.templateId.description), \(bind: v.version), \(bind: v.status.rawValue), \(bind: v.source),
                    \(bind: Timestamp.format(v.createdAt)), \(bind: v.createdBy?.description), \(bind: v.publishedAt.map(Timestamp.format)))
            """)
    }

    public func updateTemplateVersionStatus(_ v: TemplateVersion) async throws {
        try await run("""
            UPDATE template_versions SET status = \(bind: v.status.rawValue), published_at = \(bind: v.publishedAt.map(Timestamp.format))
            WHERE template_id = \(bind: v.templateId.description) AND version = \(bind: v.version)
            """)
    }

    public func updateTemplate(_ t: Template) async throws {
        try await run("""
            UPDATE templates SET name = \(bind: t.name), published_version = \(bind: t.publishedVersion), updated_at = \(bind: Timestamp.format(t.updatedAt))
            WHERE id = \(bind: t.id.description)
            """)
    }

    static func decodeTemplate(_ row: any SQLRow) throws -> Template {
        Template(id: try row.id("id"), name: try row.string("name"), contractType: try row.string("contract_type"),
                 language: Language(rawValue: try row.string("language")) ?? .fr,
                 publishedVersion: try row.decode(column: "published_version", as: Int?.self),
                 createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func decodeTemplateVersion(_ row: any SQLRow) throws -> TemplateVersion {
        TemplateVersion(templateId: try row.id("template_id"), version: try row.int("version"),
                        status: TemplateVersionStatus(rawValue: try row.string("status")) ?? .draft, source: try row.string("source"),
                        createdAt: try row.date("created_at"), createdBy: try row.optionalID("created_by"),
                        publishedAt: try row.optionalDate("published_at"))
    }
}
