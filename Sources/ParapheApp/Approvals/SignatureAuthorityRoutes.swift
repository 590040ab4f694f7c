import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/signature-authorities` (who may sign what), `/api/v1/contracts/{id}/eligible-signatories`, and the
/// contract's named signatory (`/api/v1/contracts/{id}/signatory`).
struct SignatureAuthorityRoutes {
    let services: AppServices

    struct SignatoryInput: Decodable, Sendable {
        var userId: String?
    }

    struct AuthorityDTO: Encodable, Sendable {
        var id: String
        var userId: String
        var contractTypes: [String]
        var maxAmount: Money?
        var validFrom: Day
        var validUntil: Day?
        var grantedBy: String
        var grantedAt: Date
        var revokedAt: Date?
        var revokedBy: String?
        var active: Bool

        init(_ a: SignatureAuthority, today: Day) {
            id = a.id.description
            userId = a.userId.description
            contractTypes = a.contractTypes
            maxAmount = a.maxAmount
            validFrom = a.validFrom
            validUntil = a.validUntil
            grantedBy = a.grantedBy.description
            grantedAt = a.grantedAt
            revokedAt = a.revokedAt
            revokedBy = a.revokedBy?.description
            active = a.isValid(on: today)
        }
    }

    struct SignatoryDTO: Encodable, Sendable {
        var id: String
        var name: String
        var email: String

        init(_ user: User) {
            id = user.id.description
            name = user.name
            email = user.email
        }
    }

    struct IneligibleDTO: Encodable, Sendable {
        var user: SignatoryDTO
        var reason: String
        var message: String
    }

    struct EligibilityDTO: Encodable, Sendable {
        var eligible: [SignatoryDTO]
        var ineligible: [IneligibleDTO]

        init(_ e: SignatoryEligibility) {
            eligible = e.eligible.map(SignatoryDTO.init)
            ineligible = e.ineligible.map { IneligibleDTO(user: SignatoryDTO($0.user), reason: $0.refusal.code, message: $0.refusal.message) }
        }
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("signature-authorities", use: list)
        api.post("signature-authorities", use: grant)
        api.delete("signature-authorities/:id", use: revoke)
        api.get("contracts/:id/eligible-signatories", use: eligible)
        api.put("contracts/:id/signatory", use: nameSignatory)
        api.delete("contracts/:id/signatory", use: removeSignatory)
    }

    var workflow: ContractWorkflow { ContractWorkflow(services: services) }

    /// Names who signs for the company: 403 with the reason when their authority does not cover the contract.
    @Sendable func nameSignatory(_ request: Request, context: AppContext) async throws -> JSON<NamedSignatoryDTO> {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(SignatoryInput.self, context: context, limit: 4096)
        guard let target = input.userId.flatMap(User.ID.init) else {
            throw ValidationFailure([FieldError("userId", input.userId == nil ? "is required" : "must be a user id (UUID)")])
        }
        return JSON(NamedSignatoryDTO(try await workflow.nameSignatory(id, userId: target, by: .user(user), actor: try context.actor(userAgent: request.userAgent))))
    }

    @Sendable func removeSignatory(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        guard try await workflow.removeSignatory(id, by: .user(user), actor: try context.actor(userAgent: request.userAgent)) else {
            throw Problem.notFound("nobody is named to sign this contract")
        }
        return Response(status: .noContent)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<AuthorityDTO>> {
        let caller = try context.caller()
        var userId: User.ID?
        if let text = request.uri.queryParameters.get("userId") {
            guard let id = User.ID(text) else { throw ValidationFailure([FieldError("userId", "must be a UUID")]) }
            userId = id
        }
        let today = Day(services.clock())
        let grants = try await SignatureAuthorityWorkflow(services: services).grants(of: userId, by: caller)
        return JSON(Page(items: grants.map { AuthorityDTO($0, today: today) }, nextCursor: nil))
    }

    @Sendable func grant(_ request: Request, context: AppContext) async throws -> Response {
        let granter = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(SignatureAuthorityWorkflow.GrantInput.self, context: context, limit: 16_384)
        let created = try await SignatureAuthorityWorkflow(services: services).grant(input, by: granter)
        return try JSON(AuthorityDTO(created, today: Day(services.clock())), status: .created).response(from: request, context: context)
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        try await SignatureAuthorityWorkflow(services: services).revoke(try context.requireID("id"), by: user)
        return Response(status: .noContent)
    }

    /// Every active colleague, split by whether they may sign this contract today, with the reason when not.
    @Sendable func eligible(_ request: Request, context: AppContext) async throws -> JSON<EligibilityDTO> {
        let eligibility = try await SignatureAuthorityWorkflow(services: services).eligibility(for: try context.requireID("id"), by: try context.requireUser())
        return JSON(EligibilityDTO(eligibility))
    }
}
