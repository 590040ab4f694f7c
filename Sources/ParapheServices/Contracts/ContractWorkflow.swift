import Foundation
import ParapheCore
import ParapheStore

/// Every write to a contract, shared by the API, the web UI and the CLI. Each method is one transaction holding the
/// change, its audit events and its search entry.
public struct ContractWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public var database: Database { services.database }
    public var approvals: ApprovalWorkflow { ApprovalWorkflow(services: services) }

    /// Reads a contract the user may see; a contract they may not see is reported as missing, not forbidden, so
    /// that ids do not leak.
    public func visible(_ id: Contract.ID, to user: User, in s: Session, forUpdate: Bool = false) async throws -> (Contract, Set<User.ID>) {
        guard let contract = try await s.contract(id, forUpdate: forUpdate) else { throw DomainError.notFound("no contract with this id") }
        let visibility = ContractVisibility(for: user)
        // Shares only matter to someone who may not see or change everything.
        let shares = ContractAccess.writesEveryContract(user) && !forUpdate ? [] : try await s.shares(of: id)
        guard visibility.allows(owner: contract.ownerId, sharedWith: shares) else {
            throw DomainError.notFound("no contract with this id")
        }
        return (contract, shares)
    }

    /// The contract, locked, for a caller who may change it: a person by `ContractAccess.canWrite`, the system (a job,
    /// a CRM rule) always. Either way only while its row still matches its trail.
    public func writable(_ id: Contract.ID, by caller: Caller, in s: Session) async throws -> Contract {
        let contract: Contract
        switch caller {
        case .user(let user):
            let (seen, shares) = try await visible(id, to: user, in: s, forUpdate: true)
            guard ContractAccess.canWrite(user, owner: seen.ownerId, sharedWith: shares) else {
                throw DomainError.forbidden("you may read this contract but not change it")
            }
            contract = seen
        case .system:
            guard let found = try await s.contract(id, forUpdate: true) else { throw DomainError.notFound("no contract with this id") }
            contract = found
        }
        try await Self.requireIntactState(contract, in: s)
        return contract
    }

    /// The person a change is made for: the caller, or for the system the contract's owner (a CRM rule submits the
    /// sales rep's contract on their behalf).
    func person(_ caller: Caller, for contract: Contract, in s: Session) async throws -> User {
        if let user = caller.user { return user }
        guard let owner = try await s.user(contract.ownerId) else { throw DomainError.notFound("the contract's owner no longer exists") }
        return owner
    }

    /// A contract whose row no longer matches the state its trail vouches for was changed outside Paraphe. No write
    /// may build on it: the next event would seal the altered terms as if Paraphe had made them.
    public static func requireIntactState(_ contract: Contract, in s: Session) async throws {
        guard let recorded = try await s.recordedState(of: contract.id) else { return }
        let differs = recorded.differences(from: ContractState(contract, digest: AuditDigest.sha256))
        guard differs.isEmpty else {
            throw DomainError.conflict("this contract's \(differs.joined(separator: ", ")) no longer match its audit trail: it was changed outside "
                                       + "Paraphe, and nothing may change it until it is restored (GET /api/v1/contracts/\(contract.id)/verify)")
        }
    }

    /// Validates the terms against the rules and the stored types and counterparties; returns the counterparty.
    @discardableResult
    /// `stored` is the amount the contract holds already: an edit that leaves it alone keeps its currency, even one the
    /// workspace no longer offers for new amounts.
    public func checkTerms(_ terms: ContractTerms, in s: Session, stored: Money? = nil) async throws -> Counterparty? {
        // All types are read only to name them in an error; the usual case asks for one.
        let known: Set<String> = try await s.contractTypeExists(terms.type) ? [terms.type] : Set(s.contractTypes().map(\.key))
        var currencies = services.config.currencies
        if let stored, stored == terms.amount, !currencies.contains(stored.currency) { currencies.append(stored.currency) }
        var errors = terms.validate(knownTypes: known, currencies: currencies)
        var counterparty: Counterparty?
        if let cp = terms.counterpartyId {
            counterparty = try await s.counterparty(cp)
            if counterparty == nil { errors.append(FieldError("counterpartyId", "no counterparty with this id")) }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return counterparty
    }

    public func create(_ terms: ContractTerms, owner: User, actor: Actor) async throws -> Contract {
        guard owner.canWriteContracts else { throw DomainError.forbidden("a viewer cannot create contracts") }
        let now = services.clock()
        return try await database.transaction { s in
            let counterparty = try await checkTerms(terms, in: s)
            let reference = try await s.nextReference(year: Day(now).year)
            let contract = Contract(reference: reference, title: terms.title, type: terms.type, counterpartyId: terms.counterpartyId,
                                    ownerId: owner.id, amount: terms.amount, startDate: terms.startDate, endDate: terms.endDate,
                                    renewal: terms.renewal, metadata: terms.metadata, createdAt: now, updatedAt: now)
            try await s.insertContract(contract)
            try await s.appendEvent(contractId: contract.id, change: .created(origin: .manual), actor: actor, reason: nil, at: now, first: true, state: contract)
            try await s.index(contract, counterpartyName: counterparty?.name, documentText: [], isNew: true)
            return contract
        }
    }

    public func edit(_ id: Contract.ID, input: ContractInputTerms, by caller: Caller, actor: Actor, reason: String?) async throws -> Contract {
        let now = services.clock()
        return try await database.transaction { s in
            let contract = try await writable(id, by: caller, in: s)
            let terms = try input.apply(ContractTerms(contract))
            guard ContractEditing.canEdit(contract.status) else {
                throw DomainError.conflict("a contract in status \(contract.status.rawValue) can no longer be edited")
            }
            if let request = try await s.heldSignatureRequest(of: id), ContractTerms(contract) != terms {
                throw DomainError.conflict("the contract is out for signature (request \(request.id)): its terms cannot change until the "
                                           + "request is cancelled (DELETE /api/v1/signature-requests/\(request.id))")
            }
            let locked = ContractEditing.lockedFields(ContractEditing.changedFields(ContractTerms(contract), terms), origin: contract.origin)
            guard locked.isEmpty else {
                throw ValidationFailure(locked.map { FieldError($0, "comes from the template's variables; generate the contract again to change it") })
            }
            try await checkTerms(terms, in: s, stored: contract.amount)
            let policyMoved = try await metadataMovesPolicy(contract, to: terms.metadata, in: s)
            let (next, changes) = ContractEditing.apply(terms, to: contract, at: now, policyMoved: policyMoved)
            guard !changes.isEmpty else { return contract }
            try await s.updateContract(next)
            for change in changes {
                let why: String? = if case .sentBackToReview = change { SystemReason.termsChanged(duringReview: false, what: []).stored } else { reason }
                try await s.appendEvent(contractId: id, change: change, actor: actor, reason: why, at: now, state: next)
            }
            try await s.reindex(next)
            guard let reset = ContractEditing.approvalReset(contract, changes, policyMoved: policyMoved) else { return next }
            return try await reopenApprovals(next, because: reset, caller: caller, actor: actor, in: s, at: now)
        }
    }

    /// Terms moved under review or after approval: the open request is withdrawn and a new one opened. It keeps the
    /// original requester: otherwise a colleague's correction would let the person who submitted the contract approve it.
    func reopenApprovals(_ next: Contract, because reset: String, caller: Caller, actor: Actor, in s: Session, at now: Date) async throws -> Contract {
        var requester = try await person(caller, for: next, in: s)
        if let previous = try await s.latestApprovalRequest(of: .contract(next.id)), let original = try await s.user(previous.requestedBy) {
            requester = original
        }
        try await approvals.withdraw(next, actor: actor, reason: reset, in: s, at: now)
        return try await approvals.open(next, requester: requester, actor: actor, reason: reset, in: s, at: now)
    }

    /// Metadata are not terms, but rules may test them: for a contract in or past review, new metadata that change
    /// what the policy asks for, or why, count as new terms. Otherwise an approved contract's metadata could be
    /// edited past a rule that would have stopped it.
    public func metadataMovesPolicy(_ contract: Contract, to metadata: [String: JSONValue], in s: Session) async throws -> Bool {
        guard contract.metadata != metadata, [.inReview, .approved, .signing].contains(contract.status) else { return false }
        let rules = try await s.approvalRules()
        guard rules.contains(where: { $0.when.variables != nil }) else { return false }
        let before = try await s.approvalFacts(of: contract)
        var after = before
        after.variables = ApprovalFacts.namedValues(metadata: metadata, variables: try await s.generationSource(of: contract.id)?.variables)
        return ApprovalPolicy.evaluate(rules, facts: before) != ApprovalPolicy.evaluate(rules, facts: after)
    }

    public func transition(_ id: Contract.ID, to status: ContractStatus, reason: String?, by caller: Caller, actor: Actor) async throws -> Contract {
        let now = services.clock()
        return try await database.transaction { s in
            let contract = try await writable(id, by: caller, in: s)
            let user = try await person(caller, for: contract, in: s)
            let byHand = Lifecycle.byHand(from: contract.status)
            guard byHand.contains(status) else {
                if status == .approved, Lifecycle.allowed(from: contract.status).contains(.approved) {
                    throw LifecycleError.approvedByDecisions(allowed: byHand)
                }
                if status == .signing || status == .signed, !contract.status.isExecuted, contract.status != .cancelled {
                    throw LifecycleError.signedThroughRequests(to: status, allowed: byHand)
                }
                throw LifecycleError.illegal(from: contract.status, to: status, allowed: byHand)
            }
            if let request = try await s.heldSignatureRequest(of: contract.id) {
                throw DomainError.conflict("signature request \(request.id) is open on this contract: cancel it first "
                                           + "(DELETE /api/v1/signature-requests/\(request.id))")
            }
            if status == .inReview {
                return try await submit(contract, requester: user, actor: actor, reason: reason ?? SystemReason.submittedForReview.stored, refuseUndecidable: true,
                                        in: s, at: now)
            }
            let (next, change) = try Lifecycle.transition(contract, to: status, at: now)
            try await s.updateContract(next)
            try await s.appendEvent(contractId: id, change: change, actor: actor, reason: reason, at: now, state: next)
            if contract.status == .inReview {
                try await approvals.withdraw(next, actor: actor, reason: reason ?? SystemReason.withdrawn(by: user.name).stored, in: s, at: now)
            }
            return next
        }
    }

    /// Moves a draft into review and opens its approvals under the policy; with none required it comes back approved.
    /// In the caller's transaction, so a stage rule submits the contract it generates in the transaction that made it.
    public func submit(_ contract: Contract, requester: User, actor: Actor, reason: String, refuseUndecidable: Bool,
                       in s: Session, at now: Date) async throws -> Contract {
        let (next, change) = try Lifecycle.transition(contract, to: .inReview, at: now)
        try await s.updateContract(next)
        try await s.appendEvent(contractId: contract.id, change: change, actor: actor, reason: reason, at: now, state: next)
        return try await approvals.open(next, requester: requester, actor: actor, reason: reason, in: s, at: now, refuseUndecidable: refuseUndecidable)
    }

    public func share(_ id: Contract.ID, with other: User.ID, by caller: Caller, actor: Actor) async throws {
        let now = services.clock()
        try await database.transaction { s in
            _ = try await writable(id, by: caller, in: s)
            guard try await s.user(other) != nil else { throw ValidationFailure([FieldError("userId", "no user with this id")]) }
            if try await s.share(id, with: other) {
                try await s.appendEvent(contractId: id, change: .shared(with: other), actor: actor, reason: nil, at: now)
            }
        }
    }
}

/// Parsed client input, applied over the current terms inside the transaction (so a PATCH never races an edit).
public struct ContractInputTerms: Sendable {
    public let input: ContractInput

    public init(input: ContractInput) { self.input = input }

    public func apply(_ base: ContractTerms) throws -> ContractTerms {
        try input.terms(over: base).get()
    }
}
