import Foundation

/// What the audit trail vouches for after each event: the contract's terms (as a hash of their canonical JSON), its
/// status and its owner. Each event records it, so verification replays the trail to the state it ends in and
/// compares that with the contract row: an SQL edit of the amount, or of the status, no longer verifies.
public struct ContractState: Hashable, Sendable {
    public var terms: String
    public var status: ContractStatus
    public var ownerId: User.ID

    public init(terms: String, status: ContractStatus, ownerId: User.ID) {
        self.terms = terms
        self.status = status
        self.ownerId = ownerId
    }

    public init(_ contract: Contract, digest: AuditChain.Digest) {
        self.init(terms: digest(Self.canonicalTerms(of: contract)), status: contract.status, ownerId: contract.ownerId)
    }

    /// The terms a person agreed to: every field that `ContractTerms` holds, and when it was signed.
    struct Terms: Encodable {
        let title: String
        let type: String
        let counterpartyId: String?
        let amount: Money?
        let startDate: String?
        let endDate: String?
        let signedAt: String?
        let renewal: RenewalTerms
        let metadata: [String: JSONValue]
    }

    public static func canonicalTerms(of c: Contract) -> Data {
        let terms = Terms(title: c.title, type: c.type, counterpartyId: c.counterpartyId?.description, amount: c.amount,
                          startDate: c.startDate?.description, endDate: c.endDate?.description, signedAt: c.signedAt.map(Timestamp.format),
                          renewal: c.renewal, metadata: c.metadata)
        return (try? CanonicalJSON.encode(terms)) ?? Data()
    }

    /// How an event records it, under `state` in its data.
    public var json: JSONValue {
        .object(["terms": .string(terms), "status": .string(status.rawValue), "ownerId": .string(ownerId.description)])
    }

    public init?(_ json: JSONValue?) {
        guard case .object(let o)? = json, case .string(let terms)? = o["terms"], case .string(let status)? = o["status"],
              let parsedStatus = ContractStatus(rawValue: status), case .string(let owner)? = o["ownerId"], let ownerId = User.ID(owner) else { return nil }
        self.init(terms: terms, status: parsedStatus, ownerId: ownerId)
    }

    /// The state the trail ends in, or nil when no event records one (trails written before states were recorded).
    public static func replay(_ events: [AuditEvent]) -> ContractState? {
        events.reversed().lazy.compactMap { ContractState($0.data["state"]) }.first
    }

    /// What differs between what the trail says and the row: `terms`, `status`, `owner`.
    public func differences(from row: ContractState) -> [String] {
        var fields: [String] = []
        if terms != row.terms { fields.append("terms") }
        if status != row.status { fields.append("status") }
        if ownerId != row.ownerId { fields.append("owner") }
        return fields
    }
}
