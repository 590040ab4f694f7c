import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

struct UserRoutes {
    let services: AppServices

    struct CreateUser: Decodable {
        var email: String
        var name: String
        var password: String
        var roles: [String]
        var language: String?
        var timeZone: String?
    }

    struct PatchUser: Decodable {
        var name: String?
        var roles: [String]?
        var language: String?
        var timeZone: String?
        var active: Bool?
        var password: String?
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("users", use: list)
        api.post("users", use: create)
        api.patch("users/:id", use: patch)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<UserDTO>> {
        let page = try PageRequest(request)
        let rows = try await UserWorkflow(services: services).list(after: try page.decodeCursor(String.self), limit: page.limit + 1, by: try context.caller())
        return JSON(PageRequest.page(rows, limit: page.limit, item: UserDTO.init, cursor: { PageRequest.encodeCursor($0.email) }))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(CreateUser.self, context: context, limit: 16_384)
        let user = try await UserWorkflow(services: services).create(
            NewUser(email: input.email, name: input.name, password: input.password, roles: try UserRules.roles(from: input.roles),
                    language: try UserRules.language(from: input.language), timeZone: try input.timeZone.map(UserRules.timeZone(from:)) ?? Formatting.defaultTimeZone.identifier),
            by: try context.caller())
        return try JSON(UserDTO(user), status: .created).response(from: request, context: context)
    }

    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<UserDTO> {
        var request = request
        let id: User.ID = try context.requireID("id")
        let input = try await request.decodeJSON(PatchUser.self, context: context, limit: 16_384)
        let change = UserWorkflow.Change(name: input.name, roles: try input.roles.map(UserRules.roles(from:)),
                                         language: try input.language.map { try UserRules.language(from: $0) },
                                         timeZone: try input.timeZone.map(UserRules.timeZone(from:)), active: input.active, password: input.password)
        return JSON(UserDTO(try await UserWorkflow(services: services).update(id, change, by: try context.caller())))
    }
}
