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
    }

    struct PatchUser: Decodable {
        var name: String?
        var roles: [String]?
        var language: String?
        var active: Bool?
        var password: String?
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("users", use: list)
        api.post("users", use: create)
        api.patch("users/:id", use: patch)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<UserDTO>> {
        _ = try context.requireRole(.admin, .legal)
        let page = try PageRequest(request)
        let after = try page.decodeCursor(String.self)
        let rows = try await services.database.read { try await $0.users(after: after, limit: page.limit + 1) }
        return JSON(PageRequest.page(rows, limit: page.limit, item: UserDTO.init, cursor: { PageRequest.encodeCursor($0.email) }))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        var request = request
        let input = try await request.decodeJSON(CreateUser.self, context: context, limit: 16_384)
        let roles = try Self.parseRoles(input.roles)
        let language = try Self.parseLanguage(input.language)
        let user = try await UserWorkflow(services: services)
            .create(NewUser(email: input.email, name: input.name, password: input.password, roles: roles, language: language))
        return try JSON(UserDTO(user), status: .created).response(from: request, context: context)
    }

    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<UserDTO> {
        let admin = try context.requireRole(.admin)
        var request = request
        let id: User.ID = try context.requireID("id")
        let input = try await request.decodeJSON(PatchUser.self, context: context, limit: 16_384)
        let roles = try input.roles.map(Self.parseRoles)
        let language = try input.language.map { try Self.parseLanguage($0) }
        var errors = input.name.map(UserRules.validateName) ?? []
        if let password = input.password, password.count < UserRules.minimumPasswordLength {
            errors.append(FieldError("password", "must have at least \(UserRules.minimumPasswordLength) characters"))
        }
        if id == admin.id, input.active == false || (roles.map { !$0.contains(.admin) } ?? false) {
            errors.append(FieldError(input.active == false ? "active" : "roles", "you cannot remove your own admin access"))
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let hash: String? = if let password = input.password { try await Passwords.hash(password, cost: services.config.bcryptCost) } else { nil }
        let now = services.clock()
        let updated = try await services.database.transaction { s -> User in
            guard var user = try await s.user(id) else { throw Problem.notFound("no user with this id") }
            let before = user
            if let name = input.name { user.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let roles { user.roles = roles }
            if let language { user.language = language }
            if let active = input.active { user.active = active }
            try await s.updateUser(user, passwordHash: hash)
            // A deactivated user or a changed password ends every session and token at once.
            if input.active == false || hash != nil { try await s.revokeAllTokens(of: user.id, now: now) }
            if before.active && !user.active || !before.roles.isSubset(of: user.roles) {
                try await ApprovalWorkflow(services: services).reweigh(stepsOf: before, actor: .user(admin), in: s, at: now)
            }
            return user
        }
        // Roles, language and activity are read from the cached user too.
        services.credentials.clear()
        return JSON(UserDTO(updated))
    }

    static func parseRoles(_ names: [String]) throws -> Set<Role> {
        var roles = Set<Role>()
        for (index, name) in names.enumerated() {
            guard let role = Role(rawValue: name) else {
                throw Problem.validation([FieldError("roles[\(index)]", "unknown role '\(name.prefix(40))'; one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            roles.insert(role)
        }
        guard !roles.isEmpty else { throw Problem.validation([FieldError("roles", "must name at least one role")]) }
        return roles
    }

    static func parseLanguage(_ text: String?) throws -> Language {
        guard let text else { return .fr }
        guard let language = Language(rawValue: text) else { throw Problem.validation([FieldError("language", "must be fr or en")]) }
        return language
    }
}
