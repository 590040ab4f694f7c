import Foundation
import ParapheCore
import ParapheStore

/// The commitments register: commitments made by generation or by hand, their status and its history, and the
/// reminders before they fall due. A change of status is one transaction with its history line and the contract's
/// audit event.
public struct ObligationWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    var contracts: ContractWorkflow { ContractWorkflow(services: services) }

    /// The register, among the contracts the caller may see.
    public func register(_ query: ObligationQuery, after: (key: String, id: String)?, limit: Int, by caller: Caller) async throws -> [ObligationEntry] {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to read the commitments register") }
        var query = query
        query.visibility = ContractVisibility(for: user)
        let scoped = query
        return try await services.database.read { try await $0.obligationEntries(scoped, after: after, limit: limit) }
    }

    /// One commitment as its page shows it: where it stands, its contract, its history, and the reminders sent.
    public struct Detail: Sendable {
        public var entry: ObligationEntry
        public var history: [ObligationEvent]
        public var reminders: [Day]
        public var canChange: Bool
    }

    public func detail(_ id: Obligation.ID, by caller: Caller) async throws -> Detail {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to read commitments") }
        return try await services.database.read { s in
            guard let obligation = try await s.obligation(id) else { throw DomainError.notFound("no commitment with this id") }
            let (contract, shares) = try await contracts.visible(obligation.contractId, to: user, in: s)
            let counterparty = try await contract.counterpartyId.asyncMap { try await s.counterparty($0) } ?? nil
            let entry = ObligationEntry(obligation: obligation, reference: contract.reference.description, contractTitle: contract.title,
                                        contractStatus: contract.status, ownerId: contract.ownerId, counterpartyId: contract.counterpartyId,
                                        counterparty: counterparty?.name, counterpartyKind: counterparty?.kind)
            return Detail(entry: entry, history: try await s.obligationEvents(of: id), reminders: try await s.obligationReminders(of: id),
                          canChange: ObligationAccess.canChange(user, obligation, canWriteContract: ContractAccess.canWrite(user, owner: contract.ownerId, sharedWith: shares)))
        }
    }

    /// Met, breached, waived or open again, with the note that says why; the history keeps every step.
    public func change(_ id: Obligation.ID, to status: ObligationStatus, note: String?, by caller: Caller, actor: Actor) async throws -> Obligation {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to change a commitment") }
        let now = services.clock()
        return try await services.database.transaction { s in
            guard let current = try await s.obligation(id) else { throw DomainError.notFound("no commitment with this id") }
            let (contract, shares) = try await contracts.visible(current.contractId, to: user, in: s, forUpdate: true)
            guard ObligationAccess.canChange(user, current, canWriteContract: ContractAccess.canWrite(user, owner: contract.ownerId, sharedWith: shares)) else {
                throw DomainError.forbidden("only legal, or the contract's \(current.ownerRole.rawValue) owner, may change this commitment")
            }
            guard let obligation = try await s.obligation(id, forUpdate: true) else { throw DomainError.notFound("no commitment with this id") }
            let (changed, event) = try ObligationRules.change(obligation, to: status, note: note, by: user.id, at: now)
            try await ContractWorkflow.requireIntactState(contract, in: s)
            try await s.updateObligation(changed)
            try await s.appendObligationEvent(event)
            try await s.appendEvent(contractId: contract.id,
                                    change: .obligationChanged(obligationId: id.description, from: event.from ?? .open, to: event.to, dueOn: event.dueOn, note: event.note),
                                    actor: actor, reason: nil, at: now, state: contract)
            return changed
        }
    }

    public func add(_ manual: ManualObligation, to contractId: Contract.ID, by caller: Caller, actor: Actor) async throws -> Obligation {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to add a commitment") }
        let now = services.clock()
        return try await services.database.transaction { s in
            let (contract, _) = try await contracts.visible(contractId, to: user, in: s, forUpdate: true)
            guard ObligationAccess.canAdd(user) else { throw DomainError.forbidden("only legal adds commitments by hand") }
            guard contract.status != .cancelled else { throw DomainError.conflict("this contract was cancelled; it commits nobody to anything") }
            try await ContractWorkflow.requireIntactState(contract, in: s)
            let obligation = manual.obligation(of: contract.id, at: now)
            try await Self.insert(obligation, by: user.id, in: s)
            try await s.appendEvent(contractId: contract.id,
                                    change: .obligationAdded(obligationId: obligation.id.description, wording: obligation.wording, owedBy: obligation.owedBy),
                                    actor: actor, reason: nil, at: now, state: contract)
            return obligation
        }
    }

    static func insert(_ obligation: Obligation, by user: User.ID?, in s: Session) async throws {
        try await s.insertObligation(obligation)
        try await s.appendObligationEvent(ObligationRules.created(obligation, by: user))
    }

    /// The commitments a generated contract's clauses declare, written with it.
    static func record(_ drafts: [ObligationDraft], of contract: Contract.ID, at now: Date, in s: Session) async throws {
        for draft in drafts { try await insert(draft.obligation(of: contract, at: now), by: nil, in: s) }
    }

    /// After a change of clauses: the open commitments of the text left are superseded (their history says so), those
    /// of the text chosen are added.
    static func reconcile(_ contract: Contract.ID, with drafts: [ObligationDraft], at now: Date, in s: Session) async throws {
        let (added, superseded) = ObligationRules.reconcile(try await s.obligations(of: contract), with: drafts)
        for old in superseded {
            let (changed, event) = ObligationRules.supersede(old, at: now)
            try await s.updateObligation(changed)
            try await s.appendObligationEvent(event)
        }
        try await record(added, of: contract, at: now, in: s)
    }

    // MARK: Reminders

    /// Reminds the owner of each open commitment of a contract in force coming due within the configured days,
    /// once per due date: the reminder's row and its mails commit together, so a restart or a clock jump sends none twice.
    public func remind() async throws {
        let now = services.clock()
        let today = Day(now)
        let days = services.config.obligationReminderDays
        let horizon = today.adding(days: days)
        let notifier = Notifier(publicURL: services.config.publicURL)
        try await services.eachInItsOwnTransaction("obligations: reminder for", { try await $0.dueObligations(by: horizon, after: $1, limit: 200) }) { s, text in
            guard let id = Obligation.ID(text), let obligation = try await s.obligation(id, forUpdate: true),
                  ObligationRules.isDue(obligation, today: today, within: days), let dueOn = obligation.dueOn,
                  let contract = try await s.contract(obligation.contractId),
                  try await s.recordObligationReminder(obligation.id, dueOn: dueOn, at: now) else { return }
            let counterparty = try await contract.counterpartyId.asyncMap { try await s.counterparty($0) } ?? nil
            try await notifier.send(.obligationDue(Notifier.ObligationReminder(wording: obligation.wording, owedBy: obligation.owedBy,
                                                                               counterparty: counterparty?.name, dueOn: dueOn,
                                                                               daysLeft: today.days(until: dueOn))),
                                    about: .contract(contract), to: try await Self.owners(of: obligation, contract: contract, in: s), in: s, at: now)
        }
    }

    /// Who answers for a commitment: the contract's owner when the role is sales (or nobody else holds it), else
    /// everyone active with the role.
    static func owners(of obligation: Obligation, contract: Contract, in s: Session) async throws -> [User] {
        let owner = try await s.user(contract.ownerId).map { [$0] } ?? []
        if obligation.ownerRole == .sales { return owner }
        let holders = try await s.activeUsers(withRole: obligation.ownerRole)
        return holders.isEmpty ? owner : holders
    }
}
