import Foundation
import ParapheCore
import ParapheStore

/// Creating users, shared by the API, the CLI and the demo.
public struct UserWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func create(_ input: NewUser) async throws -> User {
        let errors = UserRules.validate(input)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let hash = try await Passwords.hash(input.password, cost: services.config.bcryptCost)
        let user = User(email: UserRules.normalizedEmail(input.email), name: input.name.trimmingCharacters(in: .whitespacesAndNewlines),
                        roles: input.roles, language: input.language, createdAt: services.clock())
        try await services.database.transaction { try await $0.insertUser(user, passwordHash: hash) }
        return user
    }
}
