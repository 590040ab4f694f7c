import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// `/api/v1/saved-views`: the caller's named filter sets.
struct SavedViewRoutes {
    let services: AppServices

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("saved-views", use: list)
        api.post("saved-views", use: create)
        api.delete("saved-views/:id", use: delete)
    }

    struct SavedViewDTO: Encodable, Sendable {
        var id: String
        var name: String
        var path: String
        var query: String
        /// Where the view opens: the page with its filters.
        var link: String
        var createdAt: Date

        init(_ v: SavedView) {
            id = v.id.description
            name = v.name
            path = v.path
            query = v.query
            link = v.link
            createdAt = v.createdAt
        }
    }

    struct Input: Decodable {
        var name: String
        var path: String
        var query: String?
    }

    struct Cursor: Codable { var name: String }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<SavedViewDTO>> {
        _ = try context.requireUser()
        let page = try PageRequest(request)
        let rows = try await SavedViewWorkflow(services: services).list(after: try page.decodeCursor(Cursor.self)?.name, limit: page.limit + 1,
                                                                        by: try context.caller())
        return JSON(PageRequest.page(rows, limit: page.limit, item: SavedViewDTO.init, cursor: { PageRequest.encodeCursor(Cursor(name: $0.name)) }))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(Input.self, context: context, limit: 16_384)
        let view = try await SavedViewWorkflow(services: services).create(name: input.name, path: input.path, query: input.query ?? "", by: try context.caller())
        return try JSON(SavedViewDTO(view), status: .created).response(from: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let id: SavedView.ID = try context.requireID("id")
        try await SavedViewWorkflow(services: services).delete(id, by: try context.caller())
        return Response(status: .noContent)
    }
}
