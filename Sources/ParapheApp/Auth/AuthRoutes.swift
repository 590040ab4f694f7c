import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

struct UserDTO: Codable, Sendable {
    var id: String
    var email: String
    var name: String
    var roles: [String]
    var language: String
    var timeZone: String
    var active: Bool
    var createdAt: Date

    init(_ u: User) {
        id = u.id.description
        email = u.email
        name = u.name
        roles = u.roles.sorted().map(\.rawValue)
        language = u.language.rawValue
        timeZone = u.timeZone
        active = u.active
        createdAt = u.createdAt
    }
}

struct AuthRoutes {
    let services: AppServices

    struct TokenRequest: Decodable {
        var email: String
        var password: String
        var label: String?
    }

    struct TokenResponse: Encodable, Sendable {
        var token: String
        var tokenId: String
        var expiresAt: Date
        var user: UserDTO
    }

    func register(public router: some RouterMethods<AppContext>, api: some RouterMethods<AppContext>) {
        router.post("auth/token", use: issueToken)
        api.delete("auth/token", use: revokeCurrent)
        api.delete("auth/tokens/:id", use: revoke)
        api.get("me", use: me)
    }

    @Sendable func issueToken(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(TokenRequest.self, context: context, limit: 16_384)
        let user: User
        do {
            user = try await AuthWorkflow(services: services).login(email: input.email, password: input.password, from: context.remoteAddress)
        } catch {
            throw error.problem
        }
        let issued = try await AuthWorkflow(services: services).issue(.api, for: user, label: input.label.map { String($0.prefix(100)) })
        return try JSON(TokenResponse(token: issued.secret, tokenId: issued.token.id.description, expiresAt: issued.token.expiresAt, user: UserDTO(user)),
                        status: .created).response(from: request, context: context)
    }

    @Sendable func revokeCurrent(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        guard let token = context.token else { throw Problem.unauthorized() }
        try await AuthWorkflow(services: services).revoke(token.id, of: user)
        return Response(status: .noContent)
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let id: AuthToken.ID = try context.requireID("id")
        guard try await AuthWorkflow(services: services).revoke(id, of: user) else { throw Problem.notFound("no live token with this id belongs to you") }
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: AppContext) async throws -> JSON<UserDTO> {
        JSON(UserDTO(try context.requireUser()))
    }
}
