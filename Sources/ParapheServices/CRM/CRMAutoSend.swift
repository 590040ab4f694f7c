import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore

/// A stage rule's `autoSend`: the contract the rule made is submitted for review in the transaction that made it, and
/// once it is approved (at once when the policy asks for nothing, otherwise after the last decision) it goes out for
/// signature to the deal's contact, as the automation user, through the same workflow as a person's request.
public struct CRMAutoSend: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The sync log's name for these attempts; a failed one is replayed by sending again.
    public static let operation = "autoSend"

    /// Submits the contract a rule just generated, in the generation's transaction. Steps nobody but the automation
    /// user could decide wait for an admin rather than refuse: a refusal would roll the rule back on every poll.
    public func submit(_ contract: Contract, rule: StageRule, by user: User, in s: Session, at now: Date) async throws {
        _ = try await ContractWorkflow(services: services).submit(contract, requester: user, actor: Actor(userId: user.id, label: user.name),
                                                                  reason: SystemReason.crmRule(rule.id.description).stored, refuseUndecidable: false, in: s, at: now)
    }

    /// Sends the approved contract, once. A refusal (no PDF, no signer, a signer without authority) is written to the
    /// sync log, where the integration page shows it and an admin replays it after fixing the cause; a CRM outage is
    /// thrown, so the job tries again.
    public func run(_ contractId: Contract.ID) async throws {
        let (found, contract) = try await services.database.read { s in (try await s.pendingAutoSend(of: contractId), try await s.contract(contractId)) }
        guard let pending = found, let contract, contract.status == .approved, let link = contract.crm,
              let integration = try await services.database.read({ try await $0.integration(pending.integration) }), integration.active,
              // The rule as it stands now: one turned off or deleted since it fired sends nothing.
              let rule = integration.rules.first(where: { $0.id == pending.rule }), rule.autoSend else { return }
        let connector = try await services.connector(for: integration)
        let fields = CRMPoll.fields(of: link.objectType, integration: integration, connector: connector)
        var party: CRMParty?
        if let record = try await connector.fetch(link.objectType, ids: [pending.record], fields: fields).first { party = try await connector.party(of: record) }
        let user = try await CRMGeneration(services: services).automationUser()
        let workflow = SignatureWorkflow(services: services)
        let signatory = rule.signatoryId.flatMap(User.ID.init)
        var signers = try await services.database.read { s in
            var drafts = try await workflow.defaults(for: contract, in: s)
            if !drafts.contains(where: { $0.role == Signer.Role.internal.rawValue }), let signatory, let colleague = try await s.user(signatory) {
                drafts.insert(.init(name: colleague.name, email: colleague.email, role: Signer.Role.internal.rawValue, order: 1,
                                    language: colleague.language.rawValue), at: 0)
            }
            return drafts
        }
        // The deal's contact, as the CRM has it now, signs for the customer, whoever the counterparty's card names.
        if let name = party?.contactName, let email = party?.contactEmail, !name.isEmpty, !email.isEmpty {
            signers.removeAll { $0.role == Signer.Role.counterparty.rawValue }
            signers.append(.init(name: name, email: email, role: Signer.Role.counterparty.rawValue, order: 1))
        }
        let now = services.clock()
        let payload = try jsonText(["rule": pending.rule, "record": pending.record, "contract": contractId.description])
        @Sendable func entry(_ status: CRMLogEntry.Status, error: String? = nil) -> CRMLogEntry {
            CRMLogEntry(integrationId: integration.id, at: now, direction: .pull, operation: Self.operation, status: status, records: 1, calls: 1,
                        error: error, payload: payload)
        }
        do {
            guard signers.contains(where: { $0.role == Signer.Role.counterparty.rawValue }) else {
                throw ValidationFailure([FieldError("signers", "nobody signs for the customer: the deal names no contact with an email address, "
                                                    + "and the counterparty has no contact")])
            }
            _ = try await workflow.open(contractId, signers: signers, message: nil, by: user, actor: Actor(userId: user.id, label: user.name)) { s in
                try await s.appendCRMLog(entry(.ok))
            }
        } catch {
            guard let refusal = Self.refusal(error) else { throw error }
            // A person (or another run) sent it meanwhile: nothing failed.
            guard try await services.database.read({ try await $0.pendingAutoSend(of: contractId) }) != nil else { return }
            try await services.database.transaction { s in
                guard try await s.integration(integration.id, forUpdate: true) != nil else { return }
                try await s.appendCRMLog(entry(.failed, error: refusal))
                var state = try await s.integrationState(of: integration.id)
                state.lastError = refusal
                try await s.saveIntegrationState(state, of: integration.id)
            }
        }
    }

    /// Why the workflow refused, in its own words; nil for anything that is not a refusal (an outage, a bug).
    static func refusal(_ error: any Error) -> String? {
        switch error {
        case let failure as ValidationFailure: failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case DomainError.notFound(let why), DomainError.conflict(let why), DomainError.forbidden(let why, _): why
        case let refused as SigningRefused: "\(refused.name) may not sign this contract: \(refused.refusal.message)"
        // The deal or its company is gone from the CRM, or unreadable: retrying will not bring it back.
        case CRMError.rejected(let code, let message): "\(code): \(message)"
        default: nil
        }
    }

}
