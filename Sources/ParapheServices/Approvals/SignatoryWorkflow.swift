import Foundation
import ParapheCore
import ParapheStore

/// Naming who signs a contract for the company. Only a colleague whose signature authority covers the contract may
/// be named, and moving to signing checks the name again; `signingRefusal` is the check the e-signature request is to
/// call for each internal signer.
extension ContractWorkflow {
    /// Why this colleague may not sign this contract on `day`, or nil when they may.
    public static func signingRefusal(of user: User, for contract: Contract, on day: Day, in s: Session) async throws -> SignatureRefusal? {
        switch SignatureEligibility.check(user, contract: contract, on: day, authorities: try await s.signatureAuthorities(userId: user.id)) {
        case .success: return nil
        case .failure(let refusal): return refusal
        }
    }

    /// Everyone who might sign: the eligibility lists of the API and the contract page read the same people.
    public static func colleagues(in s: Session) async throws -> [User] { try await s.users(after: nil, limit: 10_000) }

    /// Each colleague's name by id, as lists and exports name owners.
    public static func names(of colleagues: [User]) -> [User.ID: String] {
        Dictionary(colleagues.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The colleagues, split by whether they may sign this contract on `day`.
    public static func signatories(of contract: Contract, among colleagues: [User], on day: Day, in s: Session) async throws -> SignatoryEligibility {
        SignatoryEligibility(of: contract, among: colleagues, grants: try await s.signatureAuthorities(), on: day)
    }

    /// The named signatory, with why their authority no longer covers the contract when terms moved since.
    public static func namedSignatory(of contract: Contract, on day: Day, in s: Session) async throws -> NamedSignatory? {
        guard let designation = try await s.designatedSignatory(of: contract.id), let user = try await s.user(designation.userId) else { return nil }
        return NamedSignatory(designation: designation, user: user, refusal: try await signingRefusal(of: user, for: contract, on: day, in: s))
    }

    public func nameSignatory(_ id: Contract.ID, userId: User.ID, by caller: Caller, actor: Actor) async throws -> NamedSignatory {
        let now = services.clock()
        return try await database.transaction { s in
            let contract = try await writable(id, by: caller, in: s)
            try Self.checkSignatoryChange(contract)
            guard let colleague = try await s.user(userId) else {
                throw ValidationFailure([FieldError("userId", "no user with this id")])
            }
            if let refusal = try await Self.signingRefusal(of: colleague, for: contract, on: Day(now), in: s) {
                throw SigningRefused(name: colleague.name, refusal: refusal)
            }
            let previous = try await s.designatedSignatory(of: id)
            if let previous, previous.userId == colleague.id { return NamedSignatory(designation: previous, user: colleague, refusal: nil) }
            let named = DesignatedSignatory(contractId: id, userId: colleague.id, namedBy: try await person(caller, for: contract, in: s).id, namedAt: now)
            try await s.setSignatory(named)
            try await s.appendEvent(contractId: id, change: .signatoryNamed(colleague.id, replacing: previous?.userId), actor: actor, reason: nil, at: now)
            return NamedSignatory(designation: named, user: colleague, refusal: nil)
        }
    }

    /// False when nobody was named.
    public func removeSignatory(_ id: Contract.ID, by caller: Caller, actor: Actor) async throws -> Bool {
        let now = services.clock()
        return try await database.transaction { s in
            let contract = try await writable(id, by: caller, in: s)
            try Self.checkSignatoryChange(contract)
            guard let named = try await s.designatedSignatory(of: id) else { return false }
            try await s.removeSignatory(of: id)
            try await s.appendEvent(contractId: id, change: .signatoryRemoved(named.userId), actor: actor, reason: nil, at: now)
            return true
        }
    }

    public static func checkSignatoryChange(_ contract: Contract) throws {
        guard DesignatedSignatory.canChange(in: contract.status) else {
            throw DomainError.conflict("the contract is \(contract.status.rawValue): its signatory can no longer change")
        }
    }
}

/// A colleague named to sign whose authority does not cover the contract: a 403 with the reason on the API, the
/// reason in the reader's language on the page.
public struct SigningRefused: Error, Sendable {
    public var name: String
    public var refusal: SignatureRefusal
}

public struct NamedSignatory: Sendable {
    public var designation: DesignatedSignatory
    public var user: User
    /// Nil while their authority covers the contract.
    public var refusal: SignatureRefusal?
}
