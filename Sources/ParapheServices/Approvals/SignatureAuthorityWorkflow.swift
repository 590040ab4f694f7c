import Foundation
import ParapheCore
import ParapheStore

/// Granting and revoking signature authority. The API and the authority matrix page both come here, so the rules
/// (who grants, never to oneself) hold whoever calls.
public struct SignatureAuthorityWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct GrantInput: Decodable, Sendable {
        public var userId: String?
        public var contractTypes: [String]?
        public var maxAmount: Money?
        public var validFrom: Day?
        public var validUntil: Day?

        public init(userId: String?, contractTypes: [String]?, maxAmount: Money?, validFrom: Day?, validUntil: Day?) {
            self.userId = userId
            self.contractTypes = contractTypes
            self.maxAmount = maxAmount
            self.validFrom = validFrom
            self.validUntil = validUntil
        }
    }

    /// Checks and records a grant, with its admin-log entry, in one transaction.
    public func grant(_ input: GrantInput, by granter: User) async throws -> SignatureAuthority {
        let user = input.userId.flatMap(User.ID.init)
        try SignatureAuthority.checkGranter(granter, grantee: user)
        let now = services.clock()
        return try await services.database.transaction { s in
            var errors = [FieldError]()
            if let user {
                if try await s.user(user)?.active != true { errors.append(FieldError("userId", "no active user with this id")) }
            } else {
                errors.append(FieldError("userId", input.userId == nil ? "is required" : "must be a user id (UUID)"))
            }
            let types = input.contractTypes ?? []
            let known = Set(try await s.contractTypes().map(\.key))
            for (i, type) in types.enumerated() where !known.contains(type) {
                errors.append(FieldError("contractTypes[\(i)]", "unknown contract type; one of \(known.sorted().joined(separator: ", "))"))
            }
            let grant = SignatureAuthority(userId: user ?? granter.id, contractTypes: types, maxAmount: input.maxAmount,
                                           validFrom: input.validFrom ?? Day(now), validUntil: input.validUntil, grantedBy: granter.id, grantedAt: now)
            errors += grant.validate()
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            try await s.insertSignatureAuthority(grant)
            try await s.appendAdminEvent(.authorityGranted(grant), actor: .user(granter), at: now)
            return grant
        }
    }

    /// The grants, or one person's: for legal, admins and finance, who manage or rely on them.
    public func grants(of userId: User.ID?, by caller: Caller) async throws -> [SignatureAuthority] {
        guard caller.holds(.admin, .legal, .finance) else { throw DomainError.forbidden("signature authorities are for legal, admins and finance") }
        return try await services.database.read { try await $0.signatureAuthorities(userId: userId) }
    }

    /// Every colleague, split by whether they may sign this contract today, for someone who sees the contract.
    public func eligibility(for id: Contract.ID, by user: User) async throws -> SignatoryEligibility {
        let today = Day(services.clock())
        let contracts = ContractWorkflow(services: services)
        return try await services.database.read { s in
            let contract = try await contracts.visible(id, to: user, in: s).0
            return try await ContractWorkflow.signatories(of: contract, among: try await ContractWorkflow.colleagues(in: s), on: today, in: s)
        }
    }

    /// Revokes an active grant and logs it.
    public func revoke(_ id: SignatureAuthority.ID, by user: User) async throws {
        try SignatureAuthority.checkGranter(user, grantee: nil)
        let now = services.clock()
        try await services.database.transaction { s in
            guard try await s.revokeSignatureAuthority(id, by: user.id, at: now) else {
                throw DomainError.notFound("no active signature authority with this id")
            }
            try await s.appendAdminEvent(.authorityRevoked(id: id), actor: .user(user), at: now)
        }
    }
}
