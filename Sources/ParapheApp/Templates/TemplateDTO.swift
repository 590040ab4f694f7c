import Foundation
import ParapheCore
import ParapheDocuments
import ParapheServices

struct ClauseLibraryDTO: Codable, Sendable {
    var key: String
    var version: Int
    var title: String
    var category: String
    var body: String
    var alternatives: [ClauseAlternative]
    var obligations: [ObligationDeclaration]

    init(_ c: Clause) {
        obligations = c.obligations
        key = c.key
        version = c.version
        title = c.title
        category = c.category
        body = c.body
        alternatives = c.alternatives
    }
}

struct TemplateVersionDTO: Encodable, Sendable {
    var version: Int
    var status: String
    var createdAt: Date
    var publishedAt: Date?
    /// Only on the single-version endpoint: the manifest as written.
    var source: String?

    init(_ v: TemplateVersion, withSource: Bool = false) {
        version = v.version
        status = v.status.rawValue
        createdAt = v.createdAt
        publishedAt = v.publishedAt
        source = withSource ? v.source : nil
    }
}

/// A variable as a client needs it to build a form and a valid request.
struct VariableDTO: Encodable, Sendable {
    var name: String
    var label: String
    var type: String
    var required: Bool
    var help: String?
    var `default`: JSONValue?
    var options: [String]?
    var items: String?
    var min: Decimal?
    var max: Decimal?
    var pattern: String?
    var fromCounterparty: Bool

    init(_ v: VariableSpec) {
        name = v.name
        label = v.label
        type = v.type.rawValue
        required = v.required
        help = v.help
        `default` = v.defaultValue?.json
        options = v.options.isEmpty ? nil : v.options
        items = v.itemType?.rawValue
        min = v.min
        max = v.max
        pattern = v.pattern
        fromCounterparty = v.fromCounterparty
    }
}

struct AlternativeDTO: Encodable, Sendable {
    var key: String
    var title: String
    var isDerogation: Bool
    var derogationCategory: String?
    var requiresApprovalBy: [Role]
}

/// A node of the published clause tree; `key` is what the creation request's `clauses` map uses.
struct ClauseNodeDTO: Encodable, Sendable {
    var id: String
    var key: String?
    var title: String
    var optional: Bool
    var includedByDefault: Bool
    var conditional: Bool
    var allowCustom: Bool
    var alternatives: [AlternativeDTO]
    var children: [ClauseNodeDTO]

    init(_ node: ClauseNode, library: [String: Clause]) {
        let clause = node.clause.flatMap { library[$0] }
        id = node.id
        key = node.isChoosable ? node.choiceKey : nil
        title = node.title ?? clause?.title ?? node.id
        optional = node.optional
        includedByDefault = node.includedByDefault
        conditional = node.when != nil
        allowCustom = node.allowCustom
        let allowed = clause?.alternatives.filter { node.allowedAlternatives?.contains($0.key) ?? true } ?? []
        alternatives = allowed.map {
            AlternativeDTO(key: $0.key, title: $0.title, isDerogation: $0.isDerogation, derogationCategory: $0.derogationCategory,
                           requiresApprovalBy: $0.requiresApprovalBy)
        }
        children = node.children.map { ClauseNodeDTO($0, library: library) }
    }
}

struct TemplateDTO: Encodable, Sendable {
    var id: String
    var name: String
    var contractType: String
    var language: String
    var publishedVersion: Int?
    var versions: [TemplateVersionDTO]
    var variables: [VariableDTO]
    var clauses: [ClauseNodeDTO]
    var createdAt: Date
    var updatedAt: Date

    init(_ t: Template, versions: [TemplateVersion], published: TemplateManifest?, library: [String: Clause]) {
        id = t.id.description
        name = t.name
        contractType = t.contractType
        language = t.language.rawValue
        publishedVersion = t.publishedVersion
        self.versions = versions.map { TemplateVersionDTO($0) }
        variables = published?.variables.map(VariableDTO.init) ?? []
        clauses = published?.clauses.map { ClauseNodeDTO($0, library: library) } ?? []
        createdAt = t.createdAt
        updatedAt = t.updatedAt
    }
}

struct TemplateSummaryDTO: Encodable, Sendable {
    var id: String
    var name: String
    var contractType: String
    var language: String
    var publishedVersion: Int?
    var updatedAt: Date

    init(_ t: Template) {
        id = t.id.description
        name = t.name
        contractType = t.contractType
        language = t.language.rawValue
        publishedVersion = t.publishedVersion
        updatedAt = t.updatedAt
    }
}
