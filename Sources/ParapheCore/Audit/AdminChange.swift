import Foundation

/// A change to who may do what (signature authority, approval rules) or to the legal library, as the admin log
/// records it. These changes belong to no contract, so they have their own hash chain.
public enum AdminChange: Hashable, Sendable {
    case authorityGranted(SignatureAuthority)
    case authorityRevoked(id: SignatureAuthority.ID)
    case ruleAdded(ApprovalRule, position: Int?)
    case ruleRemoved(id: ApprovalRule.ID)
    case clauseSaved(key: String, version: Int)
    case templatePublished(templateId: String, version: Int)
    case supplierRequested(SupplierRequest, steps: [RequiredApproval])
    case supplierDecided(requestId: SupplierRequest.ID, approvalId: String, step: String, decision: ApprovalDecisionKind, comment: String?)
    case supplierReassigned(requestId: SupplierRequest.ID, approvalId: String, to: User.ID)
    /// An `all` step closed without a decision: its last undecided approver left it (deactivated, or lost the role).
    case supplierStepCompleted(requestId: SupplierRequest.ID, approvalId: String, step: String)
    /// The request's outcome; approval names the counterparty it created.
    case supplierClosed(requestId: SupplierRequest.ID, status: SupplierRequest.Status, counterpartyId: Counterparty.ID?)
    /// Accounts: who was created with which roles, and what changed (the fields, never a password).
    case userCreated(User)
    case userChanged(User, fields: [String])
    case webhookSubscribed(Webhook)
    case webhookRemoved(id: Webhook.ID)
    case contractTypeAdded(key: String)
    /// A dead job put back in the queue by hand.
    case jobReplayed(id: String, kind: String)
    /// A CRM connection made or changed: its system, address, map and rules (never its credentials).
    case integrationSaved(Integration, credentialsChanged: Bool)
    case integrationRemoved(id: Integration.ID)
    /// A sync log entry sent again by hand.
    case integrationReplayed(id: Integration.ID, entryId: String)

    /// The event types, as the admin log and webhook subscriptions name them.
    public enum Kind: String, CaseIterable, Sendable {
        case authorityGranted = "signatureAuthority.granted"
        case authorityRevoked = "signatureAuthority.revoked"
        case ruleAdded = "approvalRule.added"
        case ruleRemoved = "approvalRule.removed"
        case clauseSaved = "clause.saved"
        case templatePublished = "template.published"
        case supplierRequested = "supplierRequest.submitted"
        case supplierDecided = "supplierRequest.decided"
        case supplierReassigned = "supplierRequest.reassigned"
        case supplierStepCompleted = "supplierRequest.stepCompleted"
        case supplierApproved = "supplierRequest.approved"
        case supplierRejected = "supplierRequest.rejected"
        case userCreated = "user.created"
        case userChanged = "user.changed"
        case webhookSubscribed = "webhook.subscribed"
        case webhookRemoved = "webhook.removed"
        case contractTypeAdded = "contractType.added"
        case jobReplayed = "job.replayed"
        case integrationSaved = "integration.saved"
        case integrationRemoved = "integration.removed"
        case integrationReplayed = "integration.replayed"
    }

    public var kind: Kind {
        switch self {
        case .authorityGranted: .authorityGranted
        case .authorityRevoked: .authorityRevoked
        case .ruleAdded: .ruleAdded
        case .ruleRemoved: .ruleRemoved
        case .clauseSaved: .clauseSaved
        case .templatePublished: .templatePublished
        case .supplierRequested: .supplierRequested
        case .supplierDecided: .supplierDecided
        case .supplierReassigned: .supplierReassigned
        case .supplierStepCompleted: .supplierStepCompleted
        // A request closes only by a decision; a pending one is never closed.
        case .supplierClosed(_, let status, _): status == .approved ? .supplierApproved : .supplierRejected
        case .userCreated: .userCreated
        case .userChanged: .userChanged
        case .webhookSubscribed: .webhookSubscribed
        case .webhookRemoved: .webhookRemoved
        case .contractTypeAdded: .contractTypeAdded
        case .jobReplayed: .jobReplayed
        case .integrationSaved: .integrationSaved
        case .integrationRemoved: .integrationRemoved
        case .integrationReplayed: .integrationReplayed
        }
    }

    public var type: String { kind.rawValue }

    public var data: [String: JSONValue] {
        switch self {
        case .authorityGranted(let a):
            ["authorityId": .string(a.id.description), "userId": .string(a.userId.description),
             "contractTypes": .array(a.contractTypes.map { .string($0) }),
             "maxAmount": a.maxAmount.map { .string("\($0.amountString) \($0.currency)") } ?? .null,
             "validFrom": .string(a.validFrom.description), "validUntil": a.validUntil.map { .string($0.description) } ?? .null]
        case .authorityRevoked(let id): ["authorityId": .string(id.description)]
        case .ruleAdded(let rule, let position):
            ["ruleId": .string(rule.id.description), "name": .string(rule.name), "position": position.map { .number(Decimal($0)) } ?? .null,
             "steps": .array(rule.require.map { .string("\($0.order):\($0.label):\($0.mode.rawValue)") })]
        case .ruleRemoved(let id): ["ruleId": .string(id.description)]
        case .clauseSaved(let key, let version): ["key": .string(key), "version": .number(Decimal(version))]
        case .templatePublished(let id, let version): ["templateId": .string(id), "version": .number(Decimal(version))]
        case .supplierRequested(let r, let steps):
            ["requestId": .string(r.id.description), "supplierName": .string(r.supplierName),
             "steps": .array(steps.map { .string("\($0.step.order):\($0.step.label):\($0.step.mode.rawValue)") })]
        case .supplierDecided(let request, let approval, let step, let decision, let comment):
            ["requestId": .string(request.description), "approvalId": .string(approval), "step": .string(step), "decision": .string(decision.rawValue),
             "comment": comment.map { .string($0) } ?? .null]
        case .supplierReassigned(let request, let approval, let to):
            ["requestId": .string(request.description), "approvalId": .string(approval), "to": .string(to.description)]
        case .supplierStepCompleted(let request, let approval, let step):
            ["requestId": .string(request.description), "approvalId": .string(approval), "step": .string(step)]
        case .supplierClosed(let request, _, let counterparty):
            ["requestId": .string(request.description), "counterpartyId": counterparty.map { .string($0.description) } ?? .null]
        case .userCreated(let user):
            ["userId": .string(user.id.description), "email": .string(user.email), "roles": .array(user.roles.sorted().map { .string($0.rawValue) })]
        case .userChanged(let user, let fields):
            ["userId": .string(user.id.description), "fields": .array(fields.map { .string($0) }), "roles": .array(user.roles.sorted().map { .string($0.rawValue) }),
             "active": .bool(user.active)]
        case .webhookSubscribed(let hook):
            ["webhookId": .string(hook.id.description), "url": .string(hook.url), "events": .array(hook.events.map { .string($0) })]
        case .webhookRemoved(let id): ["webhookId": .string(id.description)]
        case .contractTypeAdded(let key): ["key": .string(key)]
        case .jobReplayed(let id, let kind): ["jobId": .string(id), "kind": .string(kind)]
        case .integrationSaved(let i, let credentialsChanged):
            ["integrationId": .string(i.id.description), "system": .string(i.system.rawValue), "baseUrl": .string(i.baseUrl),
             "fieldMapLines": .number(Decimal(i.fieldMap.count)), "rules": .array(i.rules.map { .string($0.id) }), "active": .bool(i.active),
             "credentialsChanged": .bool(credentialsChanged)]
        case .integrationRemoved(let id): ["integrationId": .string(id.description)]
        case .integrationReplayed(let id, let entry): ["integrationId": .string(id.description), "entryId": .string(entry)]
        }
    }
}

public enum AdminLog {
    /// The admin log is hashed as one trail with this fixed subject, so `AuditChain` seals and verifies it as it
    /// does a contract's.
    public static let subject = Contract.ID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
}
