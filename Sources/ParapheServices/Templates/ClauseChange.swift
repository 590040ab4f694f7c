import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

/// A change of clauses after generation: the counterparty asked for another of the library's texts (or for custom
/// wording) and the change was accepted. The contract is generated again from its own template version and
/// variables, with the other clauses at the library versions it holds; its clause instances, documents and
/// commitments follow, and terms changed under review or after approval go back through approval.
extension GenerationWorkflow {
    struct Regenerated: Sendable {
        var contract: Contract
        var generated: GeneratedContract
        var swaps: [ContractChange.ClauseSwap]
        var rendered: RenderedDocuments?
    }

    public func changeClauses(_ id: Contract.ID, to changes: [String: ClauseChoice], reason: String?, by caller: Caller, actor: Actor) async throws -> Contract {
        var errors = TextRules.optionalText(reason, field: "reason", max: 2000)
        if changes.isEmpty { errors.append(FieldError("clauses", "name at least one clause to change")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let plan = try await services.database.read { s in try await regenerate(id, with: changes, by: caller, in: s) }
        guard !plan.swaps.isEmpty, let rendered = plan.rendered else { return plan.contract }
        let now = services.clock()
        let workflow = ContractWorkflow(services: services)
        let blobs = services.blobs
        return try await services.database.transaction { s in
            let contract = try await workflow.writable(id, by: caller, in: s)
            // The plan was made from what the contract held; anything that moved since makes it stale.
            guard contract.updatedAt == plan.contract.updatedAt, contract.status == plan.contract.status else {
                throw DomainError.conflict("the contract changed while its clauses were being changed; try again")
            }
            try await Self.refuseUnderSignature(contract, in: s)
            var next = contract
            next.updatedAt = now
            var events: [ContractChange] = [.clausesChanged(plan.swaps)]
            if let back = Lifecycle.statusAfterTermsChange(contract.status) {
                next.status = back
                events.append(.sentBackToReview(from: contract.status, because: plan.swaps.map { "clauses.\($0.key)" }))
            }
            try await s.updateContract(next)
            try await s.replaceClauses(plan.generated.clauses.map(StoredClause.init(hashing:)), of: id)
            for change in events {
                let why: String? = if case .sentBackToReview(_, let fields) = change { SystemReason.termsChanged(duringReview: false, what: fields).stored } else { reason }
                try await s.appendEvent(contractId: id, change: change, actor: actor, reason: why, at: now, state: next)
            }
            try await rendered.file(with: id, stem: Self.fileStem(contract.title), source: "generated", by: caller.user?.id, actor: actor, at: now,
                                    blobs: blobs, in: s)
            try await ObligationWorkflow.reconcile(id, with: plan.generated.obligations, at: now, in: s)
            try await s.reindex(next)
            guard let reset = ContractEditing.approvalReset(contract, events) else { return next }
            return try await workflow.reopenApprovals(next, because: reset, caller: caller, actor: actor, in: s, at: now)
        }
    }

    /// The contract generated again with `changes`, and what that changes; rendered only when something does.
    func regenerate(_ id: Contract.ID, with changes: [String: ClauseChoice], by caller: Caller, in s: Session) async throws -> Regenerated {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to change clauses") }
        let (contract, shares) = try await ContractWorkflow(services: services).visible(id, to: user, in: s)
        guard ContractAccess.canWrite(user, owner: contract.ownerId, sharedWith: shares) else {
            throw DomainError.forbidden("you may read this contract but not change it")
        }
        let (template, source, manifest) = try await origin(of: contract, in: s)
        let held = try await s.clauses(of: id).map(\.instance)
        // Clauses left alone keep the library version they were generated with; a clause changed takes legal's latest.
        var library = try await s.currentClauses(manifest.libraryKeys.filter { changes[$0] != nil })
        for instance in held where library[instance.key] == nil {
            if let number = instance.clauseVersion, let clause = try await s.clause(instance.key, version: number) { library[instance.key] = clause }
        }
        let missing = manifest.libraryKeys.filter { library[$0] == nil }
        if !missing.isEmpty { library.merge(try await s.currentClauses(missing), uniquingKeysWith: { a, _ in a }) }
        let counterparty = try await contract.counterpartyId.asyncMap { try await s.counterparty($0) } ?? nil
        let party = counterparty.map { Party(name: $0.name, registrationNumber: $0.registrationNumber, address: $0.address) }
        let names = Set(manifest.variables.map(\.name))
        var input = [String: JSONValue]()
        if case .object(let stored) = source.variables { input = stored.filter { names.contains($0.key) } }
        let generator = ContractGenerator(manifest: manifest, library: library, language: template.language)
        var choices = generator.choices(from: held)
        choices.merge(changes, uniquingKeysWith: { _, new in new })
        let scope = try VariableBinding.bind(manifest.variables, input: input, counterparty: party)
        let generated = try generator.generate(variables: scope, choices: choices, title: contract.title)
        let swaps = ContractEditing.clauseSwaps(from: held, to: generated.clauses)
        let rendered = swaps.isEmpty ? nil : try RenderedDocuments(generated.document, fonts: services.fonts, indexed: true)
        return Regenerated(contract: contract, generated: generated, swaps: swaps, rendered: rendered)
    }

    /// A clause a contract may change, the texts it may take instead, and the one it holds.
    public struct ClauseOption: Sendable {
        public var key: String
        public var title: String
        /// Each choice: `standard`, an alternative key, or `omit` to leave the clause out (a key the library reserves), and
        /// the alternative's title.
        public var choices: [(name: String, title: String?)]
        public var current: String
    }

    /// What the page offers for an accepted change: nothing when the contract cannot change its clauses now.
    public func clauseOptions(of contract: Contract, in s: Session) async throws -> [ClauseOption] {
        guard let manifest = try? await origin(of: contract, in: s).2 else { return [] }
        let library = try await s.currentClauses(manifest.libraryKeys)
        let held = Dictionary(try await s.clauses(of: contract.id).map { ($0.instance.key, $0.instance) }, uniquingKeysWith: { a, _ in a })
        return manifest.allNodes.filter(\.isChoosable).compactMap { node in
            let clause = node.clause.flatMap { library[$0] }
            let alternatives = (clause?.alternatives ?? []).filter { node.allowedAlternatives?.contains($0.key) ?? true }
            var choices: [(name: String, title: String?)] = [("standard", nil)] + alternatives.map { ($0.key, $0.title) }
            if node.optional { choices.append(("omit", nil)) }
            let current = held[node.choiceKey].map { $0.variant.name } ?? "omit"
            guard choices.count > 1 else { return nil }
            return ClauseOption(key: node.choiceKey, title: held[node.choiceKey]?.title ?? node.title ?? clause?.title ?? node.id, choices: choices, current: current)
        }
    }

    /// The template version a contract was generated from, while its clauses may still change: before signature,
    /// not out for signature, and generated from a template that still reads. Otherwise the refusal that says why.
    func origin(of contract: Contract, in s: Session) async throws -> (Template, GenerationSource, TemplateManifest) {
        guard ContractEditing.canEdit(contract.status) else {
            throw DomainError.conflict("a contract in status \(contract.status.rawValue) keeps the clauses it was signed with")
        }
        try await Self.refuseUnderSignature(contract, in: s)
        guard contract.origin == .template, let source = try await s.generationSource(of: contract.id), let template = try await s.template(source.templateId),
              let version = try await s.templateVersion(source.templateId, source.templateVersion) else {
            throw DomainError.conflict("only a contract generated from a template changes its clauses; upload its new version instead")
        }
        do { return (template, source, try ManifestParser.parse(version.source)) } catch {
            throw DomainError.conflict("the template version this contract was generated from can no longer be read")
        }
    }

    static func refuseUnderSignature(_ contract: Contract, in s: Session) async throws {
        if let request = try await s.heldSignatureRequest(of: contract.id) {
            throw DomainError.conflict("the contract is out for signature (request \(request.id)): its clauses cannot change until the "
                                       + "request is cancelled (DELETE /api/v1/signature-requests/\(request.id))")
        }
    }
}
