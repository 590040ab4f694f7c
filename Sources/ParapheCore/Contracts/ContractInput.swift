import Foundation

/// What a person may set on a contract by hand, validated before anything is stored.
public struct ContractTerms: Hashable, Sendable {
    public var title: String
    public var type: String
    public var counterpartyId: Counterparty.ID?
    public var amount: Money?
    public var startDate: Day?
    public var endDate: Day?
    public var renewal: RenewalTerms
    public var metadata: [String: JSONValue]

    public init(title: String, type: String, counterpartyId: Counterparty.ID?, amount: Money?, startDate: Day?, endDate: Day?,
                renewal: RenewalTerms, metadata: [String: JSONValue]) {
        self.title = title
        self.type = type
        self.counterpartyId = counterpartyId
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.renewal = renewal
        self.metadata = metadata
    }

    public init(_ contract: Contract) {
        self.init(title: contract.title, type: contract.type, counterpartyId: contract.counterpartyId, amount: contract.amount,
                  startDate: contract.startDate, endDate: contract.endDate, renewal: contract.renewal, metadata: contract.metadata)
    }

    public static let maxMetadataBytes = 16_384

    /// Every rule on hand-entered terms; `knownTypes` are the contract types that exist, `currencies` those the
    /// workspace accepts.
    public func validate(knownTypes: Set<String>, currencies: [String] = CurrencyCode.defaultAccepted) -> [FieldError] {
        var errors = TextRules.requiredLine(title, field: "title", max: 300)
        if !knownTypes.contains(type) {
            errors.append(FieldError("type", "unknown contract type '\(type.prefix(40))'; known: \(knownTypes.sorted().joined(separator: ", "))"))
        }
        if let amount {
            if amount.amount < 0 { errors.append(FieldError("amount.amount", "must not be negative")) }
            if amount.amount >= Decimal(string: "1000000000000000")! { errors.append(FieldError("amount.amount", "is too large")) }
            if Money.scale(of: amount.amount) > 2 { errors.append(FieldError("amount.amount", "must have at most two decimals")) }
            if !currencies.contains(amount.currency) {
                errors.append(FieldError("amount.currency", "must be one of the workspace's currencies: \(currencies.joined(separator: ", "))"))
            }
        }
        for (field, day) in [("startDate", startDate), ("endDate", endDate)] {
            if let day, !Day.contractYears.contains(day.year) {
                errors.append(FieldError(field, "must fall between \(Day.contractYears.lowerBound) and \(Day.contractYears.upperBound)"))
            }
        }
        if let startDate, let endDate, endDate < startDate {
            errors.append(FieldError("endDate", "must not be before startDate (\(startDate))"))
        }
        if renewal.mode == .tacit, endDate == nil {
            errors.append(FieldError("endDate", "is required for tacit renewal"))
        }
        errors += renewal.validate()
        let metadataObject = JSONValue.object(metadata)
        if metadataObject.depth > 8 {
            errors.append(FieldError("metadata", "must not nest deeper than 8 levels"))
        } else if let data = try? CanonicalJSON.encode(metadataObject), data.count > ContractTerms.maxMetadataBytes {
            errors.append(FieldError("metadata", "must be at most \(ContractTerms.maxMetadataBytes) bytes of JSON"))
        }
        return errors
    }

    /// Whether moving from `self` to `other` changes what was approved (text or terms), not just bookkeeping.
    public func changesTerms(comparedTo other: ContractTerms) -> Bool {
        type != other.type || counterpartyId != other.counterpartyId || amount != other.amount
            || startDate != other.startDate || endDate != other.endDate || renewal != other.renewal
    }
}
