import Foundation

/// A filter set a person saved under a name: a page of Paraphe and the query that filters it. It opens as a link.
public struct SavedView: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<SavedView>
    public var id: ID
    public var userId: User.ID
    public var name: String
    public var path: String
    public var query: String
    public var createdAt: Date

    public init(id: ID = ID(), userId: User.ID, name: String, path: String, query: String, createdAt: Date) {
        self.id = id
        self.userId = userId
        self.name = name
        self.path = path
        self.query = query
        self.createdAt = createdAt
    }

    /// The pages a view may be saved from: the lists and reports whose filters live in their address.
    public static let pages = ["/contracts", "/reports/derogations", "/reports/derogations/items", "/reports/renewals", "/reports/contracts", "/reports/obligations"]
    public static let maxPerUser = 100

    public var link: String { query.isEmpty ? path : path + "?" + query }

    /// Checks a view as typed: a name, one of the pages, a query that is only a query (no fragment, no line break).
    public static func validate(name: String, path: String, query: String) -> [FieldError] {
        var errors = TextRules.requiredLine(name, field: "name", max: 100)
        if !pages.contains(path) { errors.append(FieldError("path", "must be one of \(pages.joined(separator: ", "))")) }
        let cleaned = query.hasPrefix("?") ? String(query.dropFirst()) : query
        if cleaned.count > 2000 { errors.append(FieldError("query", "must be at most 2000 characters")) }
        if cleaned.contains(where: { $0 == "#" || $0.isNewline || $0 == " " }) || cleaned.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            errors.append(FieldError("query", "must be a query string such as groupBy=owner&status=inForce"))
        }
        return errors
    }
}
