import Foundation

/// Who owes a commitment: the company (`us`) or the counterparty (`them`).
public enum ObligationParty: String, Codable, Sendable, CaseIterable {
    case us, them
}

/// Where a commitment stands. `superseded` is Paraphe's alone: the clause that created it left the contract.
public enum ObligationStatus: String, Codable, Sendable, CaseIterable {
    case open, met, breached, waived, superseded

    /// The statuses a person may set.
    public static let settable: [ObligationStatus] = [.open, .met, .breached, .waived]
}

/// Made by generation from a clause's declaration, or written by legal by hand.
public enum ObligationOrigin: String, Codable, Sendable, CaseIterable {
    case clause, manual
}

/// A commitment a contract creates: "do not cite the customer publicly", "SLA 99.9 %", "price frozen until …".
public struct Obligation: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Obligation>
    public var id: ID
    public var contractId: Contract.ID
    public var origin: ObligationOrigin
    /// For a clause's commitment: the declaration it comes from (`clauseKey:variant#index`), so a change of clause
    /// knows which commitments stay.
    public var source: String?
    public var clauseKey: String?
    public var wording: String
    public var owedBy: ObligationParty
    public var ownerRole: Role
    /// The next date it falls due; nil for a standing commitment ("never cite them").
    public var dueOn: Day?
    /// For a recurring commitment, the period between two due dates.
    public var every: Period?
    public var status: ObligationStatus
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID = ID(), contractId: Contract.ID, origin: ObligationOrigin, source: String? = nil, clauseKey: String? = nil, wording: String,
                owedBy: ObligationParty, ownerRole: Role, dueOn: Day?, every: Period?, status: ObligationStatus = .open, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.contractId = contractId
        self.origin = origin
        self.source = source
        self.clauseKey = clauseKey
        self.wording = wording
        self.owedBy = owedBy
        self.ownerRole = ownerRole
        self.dueOn = dueOn
        self.every = every
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let maxWording = 1000
    public static let maxNote = 2000
}

/// One line of a commitment's history, which is only ever appended to.
public struct ObligationEvent: Hashable, Sendable {
    public var obligationId: Obligation.ID
    public var at: Date
    /// Nil when Paraphe acted (generation, a change of clause).
    public var actorId: User.ID?
    public var from: ObligationStatus?
    public var to: ObligationStatus
    /// The due date the event is about: for a recurring commitment, the occurrence met.
    public var dueOn: Day?
    public var note: String?

    public init(obligationId: Obligation.ID, at: Date, actorId: User.ID?, from: ObligationStatus?, to: ObligationStatus, dueOn: Day?, note: String?) {
        self.obligationId = obligationId
        self.at = at
        self.actorId = actorId
        self.from = from
        self.to = to
        self.dueOn = dueOn
        self.note = note
    }
}
