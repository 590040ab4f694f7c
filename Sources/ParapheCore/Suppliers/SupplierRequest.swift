import Foundation

/// An employee's request to take on a new supplier or tool. It runs through the supplier approval policy; once
/// approved, the supplier becomes a counterparty, ready for its contract.
public struct SupplierRequest: Hashable, Sendable {
    public typealias ID = Identifier<SupplierRequest>
    public enum Status: String, Sendable, Codable, CaseIterable { case pending, approved, rejected }
    public var id: ID
    public var supplierName: String
    public var purpose: String
    public var annualCost: Money?
    /// The kinds of personal data the supplier would process ("contacts clients", "paie"); empty when none.
    public var dataProcessed: [String]
    public var requestedBy: User.ID
    public var status: Status
    public var counterpartyId: Counterparty.ID?
    public var createdAt: Date
    public var decidedAt: Date?

    public init(id: ID = ID(), supplierName: String, purpose: String, annualCost: Money?, dataProcessed: [String], requestedBy: User.ID,
                status: Status = .pending, counterpartyId: Counterparty.ID? = nil, createdAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.supplierName = supplierName
        self.purpose = purpose
        self.annualCost = annualCost
        self.dataProcessed = dataProcessed
        self.requestedBy = requestedBy
        self.status = status
        self.counterpartyId = counterpartyId
        self.createdAt = createdAt
        self.decidedAt = decidedAt
    }

    /// The requester sees their own requests; legal, finance and admins (who see every contract) see all.
    public static func isVisible(to user: User, requestedBy: User.ID) -> Bool {
        requestedBy == user.id || user.seesAllContracts
    }

    /// Whose requests a list shows: the caller's own, or everyone's (nil).
    public static func listedRequester(for user: User) -> User.ID? {
        user.seesAllContracts ? nil : user.id
    }

    /// What the supplier policy reads: the cost as the amount, the personal data, the kind `supplier`.
    public var facts: ApprovalFacts {
        ApprovalFacts(type: "supplier", amount: annualCost, counterpartyKind: .supplier, startDate: nil, endDate: nil, clauses: [],
                      personalData: !dataProcessed.isEmpty)
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        let name = supplierName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError("supplierName", "is required")) }
        if name.count > 200 { errors.append(FieldError("supplierName", "must be at most 200 characters")) }
        let why = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if why.isEmpty { errors.append(FieldError("purpose", "is required: say what the supplier is for")) }
        if why.count > 4000 { errors.append(FieldError("purpose", "must be at most 4000 characters")) }
        if let cost = annualCost {
            if cost.amount < 0 { errors.append(FieldError("annualCost.amount", "must not be negative")) }
            if !CurrencyCode.isValid(cost.currency) { errors.append(FieldError("annualCost.currency", "must be an ISO 4217 code such as EUR")) }
        }
        if dataProcessed.count > 20 { errors.append(FieldError("dataProcessed", "must list at most 20 kinds of data")) }
        for (i, item) in dataProcessed.enumerated() where item.trimmingCharacters(in: .whitespaces).isEmpty || item.count > 200 {
            errors.append(FieldError("dataProcessed[\(i)]", "must be a non-empty description of at most 200 characters"))
        }
        return errors
    }
}

/// What an approval request is about.
public enum ApprovalSubject: Hashable, Sendable {
    case contract(Contract.ID)
    case supplierRequest(SupplierRequest.ID)

    public var contractId: Contract.ID? {
        if case .contract(let id) = self { return id }
        return nil
    }

    public var supplierRequestId: SupplierRequest.ID? {
        if case .supplierRequest(let id) = self { return id }
        return nil
    }

    /// One order for every subject, contracts first: whoever locks several subjects locks them in this order.
    public var lockOrder: String {
        switch self {
        case .contract(let id): "c" + id.description
        case .supplierRequest(let id): "s" + id.description
        }
    }
}

/// Which submissions a rule applies to: contracts (the default) or supplier requests.
public enum ApprovalScope: String, Hashable, Sendable, Codable, CaseIterable {
    case contract, supplierRequest
}
