import Foundation

/// A contract template legal maintains: its manifest lives in numbered versions, of which at most one is published
/// and used for new contracts.
public struct Template: Hashable, Sendable {
    public typealias ID = Identifier<Template>
    public var id: ID
    public var name: String
    public var contractType: String
    public var language: Language
    public var publishedVersion: Int?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID = ID(), name: String, contractType: String, language: Language, publishedVersion: Int? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.contractType = contractType
        self.language = language
        self.publishedVersion = publishedVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static func validateName(_ name: String?) -> [FieldError] {
        TextRules.requiredLine(name, field: "name", max: 200)
    }
}

public enum TemplateVersionStatus: String, Codable, Sendable, CaseIterable {
    case draft, published, superseded
}

public struct TemplateVersion: Hashable, Sendable {
    public var templateId: Template.ID
    public var version: Int
    public var status: TemplateVersionStatus
    /// The manifest exactly as legal wrote it, YAML or JSON.
    public var source: String
    public var createdAt: Date
    public var createdBy: User.ID?
    public var publishedAt: Date?

    public init(templateId: Template.ID, version: Int, status: TemplateVersionStatus, source: String, createdAt: Date,
                createdBy: User.ID?, publishedAt: Date? = nil) {
        self.templateId = templateId
        self.version = version
        self.status = status
        self.source = source
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.publishedAt = publishedAt
    }
}

public enum TemplatePublishing {
    /// The statuses after publishing `version`: it becomes the published one and the previously published one is
    /// superseded. Publishing an older version again is how legal rolls back.
    public static func publish(_ version: Int, in versions: [TemplateVersion], at now: Date) -> [TemplateVersion] {
        versions.map { v in
            var next = v
            if v.version == version {
                next.status = .published
                next.publishedAt = now
            } else if v.status == .published {
                next.status = .superseded
            }
            return next
        }
    }
}

extension User {
    /// Legal writes the clause library and the templates; admins may too.
    public var canEditTemplates: Bool { has(.legal) || has(.admin) }
}
