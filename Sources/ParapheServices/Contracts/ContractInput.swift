import Foundation
import ParapheCore

/// The JSON a client sends to create or patch a contract. Every field is optional here so that all problems are
/// reported at once, each with its field name; a key sent as `null` clears the value on PATCH.
public struct ContractInput: Decodable, Sendable {
    public struct MoneyInput: Decodable, Sendable {
        public var amount: String
        public var currency: String

        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public struct RenewalInput: Decodable, Sendable {
        public var mode: String
        public var period: String?
        public var notice: String?

        public init(mode: String, period: String?, notice: String?) {
            self.mode = mode
            self.period = period
            self.notice = notice
        }
    }

    public var title: String?
    public var type: String?
    public var counterpartyId: String?
    public var amount: MoneyInput?
    public var startDate: String?
    public var endDate: String?
    public var renewal: RenewalInput?
    public var metadata: [String: JSONValue]?
    public var templateId: String?
    public var present: Set<String> = []

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case title, type, counterpartyId, amount, startDate, endDate, renewal, metadata, templateId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        present = Set(c.allKeys.map(\.stringValue))
        title = try c.decodeIfPresent(String.self, forKey: .title)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        counterpartyId = try c.decodeIfPresent(String.self, forKey: .counterpartyId)
        amount = try c.decodeIfPresent(MoneyInput.self, forKey: .amount)
        startDate = try c.decodeIfPresent(String.self, forKey: .startDate)
        endDate = try c.decodeIfPresent(String.self, forKey: .endDate)
        renewal = try c.decodeIfPresent(RenewalInput.self, forKey: .renewal)
        metadata = try c.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        templateId = try c.decodeIfPresent(String.self, forKey: .templateId)
    }

    public init(title: String?, type: String?, counterpartyId: String?, amount: MoneyInput?, startDate: String?, endDate: String?,
         renewal: RenewalInput?, metadata: [String: JSONValue]?, present: Set<String>) {
        self.title = title
        self.type = type
        self.counterpartyId = counterpartyId
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.renewal = renewal
        self.metadata = metadata
        self.present = present
    }

    /// Parses the fields into terms, over `base` when patching. Returns every field error found.
    public func terms(over base: ContractTerms?) -> Result<ContractTerms, ValidationFailure> {
        var errors: [FieldError] = []
        var terms = base ?? ContractTerms(title: "", type: "", counterpartyId: nil, amount: nil, startDate: nil, endDate: nil,
                                          renewal: .none, metadata: [:])
        func sent(_ key: CodingKeys) -> Bool { present.contains(key.rawValue) }

        if sent(.title) { terms.title = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        if sent(.type) { terms.type = type ?? "" }
        if sent(.counterpartyId) {
            if let text = counterpartyId {
                if let id = Counterparty.ID(text) { terms.counterpartyId = id } else { errors.append(FieldError("counterpartyId", "must be a counterparty id (UUID)")) }
            } else {
                terms.counterpartyId = nil
            }
        }
        if sent(.amount) {
            if let amount {
                if let value = Money.parseAmount(amount.amount) {
                    terms.amount = Money(amount: value, currency: amount.currency)
                } else {
                    errors.append(FieldError("amount.amount", "must be a decimal string such as \"12000.00\""))
                }
            } else {
                terms.amount = nil
            }
        }
        for (key, text) in [(CodingKeys.startDate, startDate), (.endDate, endDate)] where sent(key) {
            var day: Day?
            if let text {
                day = Day(text)
                if day == nil { errors.append(FieldError(key.rawValue, "must be a date YYYY-MM-DD")) }
            }
            if key == .startDate { terms.startDate = day } else { terms.endDate = day }
        }
        if sent(.renewal) {
            if let renewal {
                var parsed = RenewalTerms.none
                if let mode = RenewalMode(rawValue: renewal.mode) { parsed.mode = mode } else {
                    errors.append(FieldError("renewal.mode", "must be one of none, tacit, explicit"))
                }
                for (name, text) in [("period", renewal.period), ("notice", renewal.notice)] {
                    guard let text else { continue }
                    if let period = Period(text) {
                        if name == "period" { parsed.period = period } else { parsed.notice = period }
                    } else {
                        errors.append(FieldError("renewal.\(name)", "must be an ISO 8601 duration such as P12M or P3M"))
                    }
                }
                terms.renewal = parsed
            } else {
                terms.renewal = .none
            }
        }
        if sent(.metadata) { terms.metadata = metadata ?? [:] }
        return errors.isEmpty ? .success(terms) : .failure(ValidationFailure(errors))
    }
}
