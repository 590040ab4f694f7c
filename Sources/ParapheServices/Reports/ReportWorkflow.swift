import Foundation
import ParapheCore
import ParapheStore

/// Reports over every contract: for those who see every contract (legal, finance, admins), since a count would
/// otherwise tell a sales rep about contracts they may not open.
public struct ReportWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public func reader(_ caller: Caller) throws -> User {
        guard let user = caller.user, user.seesAllContracts else {
            throw DomainError.forbidden("reports cover every contract: they are for legal, finance and admins")
        }
        return user
    }

    public struct Derogations: Sendable {
        public var grouping: DerogationGrouping
        public var filter: DerogationFilter
        public var groups: [DerogationGroup]
        public var derogations: Int
        public var contracts: Int
    }

    /// Every derogation granted in the filter's scope, grouped; the groups and the totals from one snapshot.
    public func derogations(by grouping: DerogationGrouping, _ filter: DerogationFilter, by caller: Caller) async throws -> Derogations {
        _ = try reader(caller)
        return try await services.database.read { s in
            let groups = try await s.derogationGroups(by: grouping, filter)
            // Where each contract falls in one group, the totals are the groups' sums: no second pass over the rows.
            if [.counterparty, .owner, .month].contains(grouping) {
                return Derogations(grouping: grouping, filter: filter, groups: groups, derogations: groups.reduce(0) { $0 + $1.derogations },
                                   contracts: groups.reduce(0) { $0 + $1.contracts })
            }
            let totals = try await s.derogationTotals(filter)
            return Derogations(grouping: grouping, filter: filter, groups: groups, derogations: totals.derogations, contracts: totals.contracts)
        }
    }

    /// How many derogations, in how many contracts, the filter holds.
    public func derogationTotals(_ filter: DerogationFilter, by caller: Caller) async throws -> (derogations: Int, contracts: Int) {
        _ = try reader(caller)
        return try await services.database.read { try await $0.derogationTotals(filter) }
    }

    /// Every derogation alternative the library offers, with its clause: the dashboard's one-click questions.
    public func derogationAlternatives(by caller: Caller) async throws -> [(clause: Clause, alternative: ClauseAlternative)] {
        _ = try reader(caller)
        return try await services.database.read { s in
            var found: [(Clause, ClauseAlternative)] = []
            var after: String?
            while true {
                let page = try await s.clauses(after: after, limit: 200)
                for clause in page { found += clause.alternatives.filter(\.isDerogation).map { (clause, $0) } }
                guard page.count == 200, let last = page.last else { return found }
                after = last.key
            }
        }
    }

    /// The derogations themselves, a page at a time, for the drill-down and the export.
    public func derogationItems(_ filter: DerogationFilter, after: (reference: String, position: Int)?, limit: Int,
                                by caller: Caller) async throws -> [DerogationItem] {
        _ = try reader(caller)
        return try await services.database.read { try await $0.derogationItems(filter, after: after, limit: limit) }
    }

    public struct Contracts: Sendable {
        public var grouping: ContractGrouping
        public var filter: ContractReportFilter
        public var groups: [ContractGroup]
        public var valueByMonth: [(month: String, currency: String, value: Decimal, contracts: Int)]
        public var timeInState: [(status: ContractStatus, spread: DurationSpread)]
        /// By team (`legal`, `finance`…; nil for people named), slowest first.
        public var turnaround: [(role: String?, spread: DurationSpread)]
        public var quarterLoad: [QuarterLoad]
        /// Whether it covers every contract, or only the caller's own (a sales rep's).
        public var everyContract: Bool
    }

    /// Counts, value signed and cycle times per group alone, over the contracts the caller may see: what a home shows.
    public func contractGroups(by grouping: ContractGrouping, _ filter: ContractReportFilter, by caller: Caller) async throws -> [ContractGroup] {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to read reports") }
        return try await services.database.read { try await $0.contractGroups(by: grouping, filter, visibility: ContractVisibility(for: user)) }
    }

    /// How contracts are made: counts and value signed per group, cycle times, the time spent in each status, how fast
    /// each team decides, and legal's load at quarter end. Everyone reads it over the contracts they may see: a sales
    /// rep their own, legal, finance and admins all of them.
    public func contracts(by grouping: ContractGrouping, _ filter: ContractReportFilter, by caller: Caller) async throws -> Contracts {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to read reports") }
        let visibility = ContractVisibility(for: user)
        return try await services.database.read { s in
            let groups = try await s.contractGroups(by: grouping, filter, visibility: visibility)
            var stays: [ContractStatus: [TimeInterval]] = [:]
            for contract in try await s.statusChanges(filter, visibility: visibility) {
                for (status, seconds) in TimeInState.stays(createdAt: contract.createdAt, changes: contract.changes) { stays[status, default: []].append(seconds) }
            }
            var turnarounds: [String: [TimeInterval]] = [:]
            for entry in try await s.approvalTurnarounds(filter, visibility: visibility) { turnarounds[entry.role ?? "", default: []].append(entry.seconds) }
            return Contracts(
                grouping: grouping, filter: filter, groups: groups, valueByMonth: try await s.valueSignedByMonth(filter, visibility: visibility),
                timeInState: TimeInState.measured.compactMap { status in stays[status].flatMap(DurationSpread.init).map { (status, $0) } },
                turnaround: turnarounds.compactMap { role, list in DurationSpread(list).map { (role.isEmpty ? nil : role, $0) } }
                    .sorted { ($0.spread.median, $1.role ?? "") > ($1.spread.median, $0.role ?? "") },
                quarterLoad: QuarterLoad.compute(try await s.legalApprovalDays(filter, visibility: visibility)),
                everyContract: visibility == .all)
        }
    }
}
