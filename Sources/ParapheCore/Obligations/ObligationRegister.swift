import Foundation

/// Which commitments the register lists: every filter is optional, and the reader sees only the contracts they may.
public struct ObligationQuery: Hashable, Sendable {
    public var statuses: [ObligationStatus]
    public var owedBy: ObligationParty?
    public var counterpartyId: Counterparty.ID?
    public var counterpartyKind: CounterpartyKind?
    public var contractId: Contract.ID?
    /// Only those due on or before this day.
    public var dueBy: Day?
    /// Only those of contracts in these phases (in force, in progress, ended); every contract when empty.
    public var phases: Set<ContractPhase> = []
    public var visibility: ContractVisibility

    public init(statuses: [ObligationStatus] = [], owedBy: ObligationParty? = nil, counterpartyId: Counterparty.ID? = nil,
                counterpartyKind: CounterpartyKind? = nil, contractId: Contract.ID? = nil, dueBy: Day? = nil, visibility: ContractVisibility) {
        self.statuses = statuses
        self.owedBy = owedBy
        self.counterpartyId = counterpartyId
        self.counterpartyKind = counterpartyKind
        self.contractId = contractId
        self.dueBy = dueBy
        self.visibility = visibility
    }
}

/// A commitment with the contract and counterparty it binds, as the register shows it.
public struct ObligationEntry: Hashable, Sendable {
    public var obligation: Obligation
    public var reference: String
    public var contractTitle: String
    public var contractStatus: ContractStatus
    public var ownerId: User.ID
    public var counterpartyId: Counterparty.ID?
    public var counterparty: String?
    public var counterpartyKind: CounterpartyKind?

    public init(obligation: Obligation, reference: String, contractTitle: String, contractStatus: ContractStatus, ownerId: User.ID,
                counterpartyId: Counterparty.ID?, counterparty: String?, counterpartyKind: CounterpartyKind?) {
        self.obligation = obligation
        self.reference = reference
        self.contractTitle = contractTitle
        self.contractStatus = contractStatus
        self.ownerId = ownerId
        self.counterpartyId = counterpartyId
        self.counterparty = counterparty
        self.counterpartyKind = counterpartyKind
    }

    /// The register's order: soonest due first, standing commitments (no date) last. Also the cursor's first half.
    public var sortKey: String { Self.sortKey(obligation) }

    /// Stored with each commitment (`due_key`), so the register reads in this order from an index.
    public static func sortKey(_ o: Obligation) -> String { o.dueOn?.description ?? "9999-12-31" }
}
