import Foundation

/// Délégation de signature: who may sign which contract types, up to which amount, between which dates, granted by
/// whom. A grant is never deleted; revoking it records who and when.
public struct SignatureAuthority: Hashable, Sendable {
    public typealias ID = Identifier<SignatureAuthority>
    public var id: ID
    public var userId: User.ID
    /// Empty: every type.
    public var contractTypes: [String]
    /// Nil: no limit.
    public var maxAmount: Money?
    public var validFrom: Day
    /// Nil: until revoked.
    public var validUntil: Day?
    public var grantedBy: User.ID
    public var grantedAt: Date
    public var revokedAt: Date?
    public var revokedBy: User.ID?

    public init(id: ID = ID(), userId: User.ID, contractTypes: [String], maxAmount: Money?, validFrom: Day, validUntil: Day?,
                grantedBy: User.ID, grantedAt: Date, revokedAt: Date? = nil, revokedBy: User.ID? = nil) {
        self.id = id
        self.userId = userId
        self.contractTypes = contractTypes
        self.maxAmount = maxAmount
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }

    public func covers(type: String) -> Bool { contractTypes.isEmpty || contractTypes.contains(type) }

    public func isValid(on day: Day) -> Bool { revokedAt == nil && validFrom <= day && validUntil.map { day <= $0 } ?? true }

    /// Every rule on a grant, with the API's field names.
    public func validate() -> [FieldError] {
        var errors = [FieldError]()
        if let until = validUntil, until < validFrom { errors.append(FieldError("validUntil", "must not be before validFrom")) }
        if let max = maxAmount {
            if max.amount < 0 { errors.append(FieldError("maxAmount.amount", "must not be negative")) }
            if !CurrencyCode.isValid(max.currency) { errors.append(FieldError("maxAmount.currency", "must be an ISO 4217 code such as EUR")) }
        }
        return errors
    }
}

extension SignatureAuthority {
    /// Only legal and admins grant or revoke authority, and nobody grants it to themselves: a second person must, as
    /// for approvals, or one person could give themselves the right to sign anything.
    public static func checkGranter(_ granter: User, grantee: User.ID?) throws {
        guard granter.has(.legal) || granter.has(.admin) else {
            throw DomainError.forbidden("only legal or an admin may grant or revoke signature authority")
        }
        if grantee == granter.id {
            throw DomainError.forbidden("nobody grants signature authority to themselves; another legal or admin colleague must grant it",
                                        reason: "selfGrant")
        }
    }
}

/// Why someone may not sign a contract, the most helpful reason first: a grant exists but does not reach far enough.
public enum SignatureRefusal: Error, Hashable, Sendable {
    /// The account was deactivated: whatever their grants say, they sign nothing for the company.
    case inactive
    case noAuthority
    case typeNotCovered(String)
    case notYetValid(Day)
    case expired(Day)
    case amountAboveLimit(Money)
    case currencyNotCovered(String)

    public var code: String {
        switch self {
        case .inactive: "inactive"
        case .noAuthority: "noAuthority"
        case .typeNotCovered: "typeNotCovered"
        case .notYetValid: "notYetValid"
        case .expired: "expired"
        case .amountAboveLimit: "amountAboveLimit"
        case .currencyNotCovered: "currencyNotCovered"
        }
    }

    /// In English: the API's wording.
    public var message: String { phrase(.en) }

    /// In the reader's language, with French dates and amounts for French readers.
    public func phrase(_ language: Language) -> String {
        let fr = language == .fr
        switch self {
        case .inactive: return fr ? "n'est plus un utilisateur actif" : "is no longer an active user"
        case .noAuthority: return fr ? "aucune délégation de signature" : "has no signature authority"
        case .typeNotCovered(let type): return fr ? "aucune délégation pour les contrats de type \(type)" : "has no authority for contracts of type \(type)"
        case .notYetValid(let day): return fr ? "délégation valable seulement à partir du \(Formatting.day(day, .fr))" : "has authority only from \(day)"
        case .expired(let day): return fr ? "délégation expirée le \(Formatting.day(day, .fr))" : "authority expired on \(day)"
        case .amountAboveLimit(let limit):
            return fr ? "montant au-delà de la limite de \(Formatting.money(limit, .fr))" : "amount above the limit of \(limit.amountString) \(limit.currency)"
        case .currencyNotCovered(let currency): return fr ? "aucune limite fixée en \(currency)" : "no limit is set in \(currency)"
        }
    }
}

public enum SignatureEligibility {
    /// Whether this person may sign this contract on `day`: the one rule every caller asks. A deactivated account
    /// signs nothing for the company, whatever its grants say; otherwise its grants decide.
    public static func check(_ user: User, contract: Contract, on day: Day, authorities: [SignatureAuthority]) -> Result<SignatureAuthority, SignatureRefusal> {
        guard user.active else { return .failure(.inactive) }
        return check(type: contract.type, amount: contract.amount, on: day, authorities: authorities.filter { $0.userId == user.id })
    }

    /// The grant that lets its holder sign a contract of this type and amount on `day`, or why none does.
    /// `authorities` are one person's grants.
    static func check(type: String, amount: Money?, on day: Day, authorities: [SignatureAuthority]) -> Result<SignatureAuthority, SignatureRefusal> {
        let active = authorities.filter { $0.revokedAt == nil }
        guard !active.isEmpty else { return .failure(.noAuthority) }
        let covering = active.filter { $0.covers(type: type) }
        guard !covering.isEmpty else { return .failure(.typeNotCovered(type)) }
        let current = covering.filter { $0.isValid(on: day) }
        guard !current.isEmpty else {
            if let start = covering.filter({ $0.validFrom > day }).map(\.validFrom).min() { return .failure(.notYetValid(start)) }
            return .failure(.expired(covering.compactMap(\.validUntil).max() ?? day))
        }
        guard let amount else { return .success(current[0]) }
        if let unlimited = current.first(where: { $0.maxAmount == nil }) { return .success(unlimited) }
        // Limits in another currency say nothing about this amount: nothing is converted.
        let limits = current.compactMap { grant in grant.maxAmount.flatMap { $0.currency == amount.currency ? (grant, $0) : nil } }
        guard !limits.isEmpty else { return .failure(.currencyNotCovered(amount.currency)) }
        if let enough = limits.first(where: { amount.amount <= $0.1.amount }) { return .success(enough.0) }
        return .failure(.amountAboveLimit(limits.map(\.1).max { $0.amount < $1.amount } ?? amount))
    }
}
