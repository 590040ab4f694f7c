import Foundation

/// How the derogation dashboard groups the derogations granted.
public enum DerogationGrouping: String, CaseIterable, Sendable {
    case category, clause, alternative, counterparty, owner, month
}

/// Where a contract is in its life, as a report filters it. A cancelled contract is in none: what it asked for was
/// never granted.
public enum ContractPhase: String, CaseIterable, Sendable {
    case inForce, inProgress, ended

    public var statuses: [ContractStatus] {
        switch self {
        case .inForce: [.signed, .active, .renewed]
        case .inProgress: [.draft, .inReview, .approved, .negotiating, .signing]
        case .ended: [.expired, .terminated]
        }
    }

    /// The statuses of the phases asked for; every phase when none is.
    public static func statuses(_ phases: Set<ContractPhase>) -> [ContractStatus] {
        (phases.isEmpty ? Set(allCases) : phases).sorted { $0.rawValue < $1.rawValue }.flatMap(\.statuses)
    }
}

/// Which derogations a report counts: by the contract's phase and creation period, and narrowed to one group of any
/// grouping (the drill-down from a bar or a cell).
public struct DerogationFilter: Sendable, Hashable {
    public var phases: Set<ContractPhase> = []
    /// Contracts created on or after this day…
    public var from: Day?
    /// …and on or before this one.
    public var to: Day?
    public var category: String?
    public var clause: String?
    /// `clauseKey:variant`, the key `DerogationGrouping.alternative` groups by.
    public var alternative: String?
    public var counterpartyId: String?
    public var ownerId: String?
    /// `YYYY-MM`.
    public var month: String?

    public init() {}

    /// The filter narrowed to one group's key.
    public func narrowed(to grouping: DerogationGrouping, key: String) -> DerogationFilter {
        var filter = self
        switch grouping {
        case .category: filter.category = key
        case .clause: filter.clause = key
        case .alternative: filter.alternative = key
        case .counterparty: filter.counterpartyId = key
        case .owner: filter.ownerId = key
        case .month: filter.month = key
        }
        return filter
    }

    /// Checks what a person or a program typed, naming the field.
    public static func parse(_ value: (String) -> String?) -> Result<DerogationFilter, ValidationFailure> {
        var filter = DerogationFilter()
        var errors: [FieldError] = []
        if let text = value("status"), !text.isEmpty {
            for word in text.split(separator: ",") {
                guard let phase = ContractPhase(rawValue: String(word)) else {
                    errors.append(FieldError("status", "must be inForce, inProgress or ended, separated by commas")); break
                }
                filter.phases.insert(phase)
            }
        }
        for (name, keyPath) in [("from", \DerogationFilter.from), ("to", \DerogationFilter.to)] {
            guard let text = value(name), !text.isEmpty else { continue }
            guard let day = Day(text) else { errors.append(FieldError(name, "must be a date such as 2026-01-31")); continue }
            filter[keyPath: keyPath] = day
        }
        if let from = filter.from, let to = filter.to, from > to { errors.append(FieldError("to", "must not be before from")) }
        if let month = value("month"), !month.isEmpty {
            if Day("\(month)-01") == nil || month.count != 7 { errors.append(FieldError("month", "must be a month such as 2026-01")) } else { filter.month = month }
        }
        for (name, keyPath) in [("category", \DerogationFilter.category), ("clause", \DerogationFilter.clause), ("alternative", \DerogationFilter.alternative),
                                ("counterpartyId", \DerogationFilter.counterpartyId), ("ownerId", \DerogationFilter.ownerId)] {
            guard let text = value(name) else { continue }
            guard text.count <= 200 else { errors.append(FieldError(name, "must be at most 200 characters")); continue }
            filter[keyPath: keyPath] = text
        }
        return errors.isEmpty ? .success(filter) : .failure(ValidationFailure(errors))
    }

    /// The query string that asks for this filter again: the dashboard's links are bookmarks.
    public var query: [(String, String)] {
        var items: [(String, String)] = []
        if !phases.isEmpty { items.append(("status", ContractPhase.allCases.filter(phases.contains).map(\.rawValue).joined(separator: ","))) }
        if let from { items.append(("from", from.description)) }
        if let to { items.append(("to", to.description)) }
        for (name, value) in [("category", category), ("clause", clause), ("alternative", alternative), ("counterpartyId", counterpartyId),
                              ("ownerId", ownerId), ("month", month)] {
            if let value { items.append((name, value)) }
        }
        return items
    }
}

/// One bar of the dashboard: how many derogations, in how many contracts.
public struct DerogationGroup: Sendable, Hashable {
    public var key: String
    /// The counterparty's or the owner's name, read with the counts; nil for the other groupings.
    public var name: String?
    public var derogations: Int
    public var contracts: Int

    public init(key: String, name: String? = nil, derogations: Int, contracts: Int) {
        self.key = key
        self.name = name
        self.derogations = derogations
        self.contracts = contracts
    }
}

/// One derogation granted, for the drill-down: the contract it is in and the clause it changes.
public struct DerogationItem: Sendable, Hashable {
    public var contractId: Contract.ID
    public var reference: String
    public var title: String
    public var status: ContractStatus
    public var counterparty: String?
    public var nodeId: String
    public var position: Int
    public var clauseKey: String
    public var clauseTitle: String
    public var variant: ClauseVariant
    public var category: String?

    public init(contractId: Contract.ID, reference: String, title: String, status: ContractStatus, counterparty: String?, nodeId: String,
                position: Int, clauseKey: String, clauseTitle: String, variant: ClauseVariant, category: String?) {
        self.contractId = contractId
        self.reference = reference
        self.title = title
        self.status = status
        self.counterparty = counterparty
        self.nodeId = nodeId
        self.position = position
        self.clauseKey = clauseKey
        self.clauseTitle = clauseTitle
        self.variant = variant
        self.category = category
    }
}
