import Foundation
import ParapheCore
import ParapheStore

/// Each person's saved views: their own to list, add and delete, nobody else's.
public struct SavedViewWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    func person(_ caller: Caller) throws -> User {
        guard let user = caller.user else { throw DomainError.forbidden("saved views belong to a person") }
        return user
    }

    public func list(after: String?, limit: Int, by caller: Caller) async throws -> [SavedView] {
        let user = try person(caller)
        return try await services.database.read { try await $0.savedViews(of: user.id, after: after, limit: limit) }
    }

    public func create(name: String, path: String, query: String, by caller: Caller) async throws -> SavedView {
        let user = try person(caller)
        let name = name.trimmingCharacters(in: .whitespaces)
        let query = query.hasPrefix("?") ? String(query.dropFirst()) : query
        let errors = SavedView.validate(name: name, path: path, query: query)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let view = SavedView(userId: user.id, name: name, path: path, query: query, createdAt: services.clock())
        return try await services.database.transaction { s in
            if try await s.savedView(named: name, of: user.id) != nil {
                throw ValidationFailure([FieldError("name", "is already the name of one of your views")])
            }
            if try await s.savedViewCount(of: user.id) >= SavedView.maxPerUser {
                throw ValidationFailure([FieldError("name", "you have \(SavedView.maxPerUser) views already: delete one first")])
            }
            try await s.insertSavedView(view)
            return view
        }
    }

    public func delete(_ id: SavedView.ID, by caller: Caller) async throws {
        let user = try person(caller)
        guard try await services.database.transaction({ try await $0.deleteSavedView(id, of: user.id) }) else {
            throw DomainError.notFound("you have no saved view with this id")
        }
    }
}
