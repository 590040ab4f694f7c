import Foundation
import ParapheCore
import ParapheServices

struct ApprovalDTO: Encodable, Sendable {
    struct ContractSummary: Encodable, Sendable {
        var id: String
        var reference: String
        var title: String
        var status: ContractStatus
    }

    struct SupplierSummary: Encodable, Sendable {
        var id: String
        var supplierName: String
        var status: SupplierRequest.Status
    }

    struct DecisionDTO: Encodable, Sendable {
        var userId: String
        var decision: ApprovalDecisionKind
        var comment: String?
        var at: Date
    }

    var id: String
    var requestId: String
    var contract: ContractSummary?
    var supplierRequest: SupplierSummary?
    var requestedBy: String
    var order: Int
    var role: Role?
    var users: [String]?
    var mode: ApprovalMode
    var status: Approval.Status
    var assignee: String?
    var reasons: [ApprovalReason]
    var decisions: [DecisionDTO]
    var createdAt: Date
    var activatedAt: Date?
    var decidedAt: Date?

    init(_ listed: ApprovalWorkflow.Listed) {
        self.init(listed.approval, contract: listed.contract, supplier: listed.supplier)
    }

    init(_ a: Approval, contract: Contract?, supplier: SupplierRequest? = nil) {
        id = a.id.description
        requestId = a.requestId.description
        self.contract = contract.map { ContractSummary(id: $0.id.description, reference: $0.reference.description, title: $0.title, status: $0.status) }
        supplierRequest = supplier.map { SupplierSummary(id: $0.id.description, supplierName: $0.supplierName, status: $0.status) }
        requestedBy = a.requestedBy.description
        order = a.step.order
        role = a.step.role
        users = a.step.users?.map(\.description)
        mode = a.step.mode
        status = a.status
        assignee = a.assignee?.description
        reasons = a.reasons
        decisions = a.decisions.map { DecisionDTO(userId: $0.userId.description, decision: $0.decision, comment: $0.comment, at: $0.at) }
        createdAt = a.createdAt
        activatedAt = a.activatedAt
        decidedAt = a.decidedAt
    }
}

/// A contract's latest approval request, as shown on the contract beside its steps.
struct ApprovalRequestDTO: Encodable, Sendable {
    var id: String
    var status: ApprovalRequest.Status
    var requestedBy: String
    var reason: String?
    var createdAt: Date
    var closedAt: Date?

    init(_ r: ApprovalRequest) {
        id = r.id.description
        status = r.status
        requestedBy = r.requestedBy.description
        reason = r.reason
        createdAt = r.createdAt
        closedAt = r.closedAt
    }
}

struct QueueEntryDTO: Encodable, Sendable {
    var contract: ApprovalDTO.ContractSummary
    var approvalId: String
    var amount: Money?
    var deadline: Day?
    var waitingSince: Date
    var score: Int
    var parts: [PriorityScore.Part]

    init(_ e: ApprovalWorkflow.QueueEntry) {
        contract = .init(id: e.contract.id.description, reference: e.contract.reference.description, title: e.contract.title, status: e.contract.status)
        approvalId = e.approval.id.description
        amount = e.contract.amount
        deadline = e.deadline
        waitingSince = e.waitingSince
        score = e.score.total
        parts = e.score.parts
    }
}

struct InboxItemDTO: Encodable, Sendable {
    var id: String
    var kind: String
    var title: String
    var link: String
    var contractId: String?
    var createdAt: Date
    var readAt: Date?
}

struct MailDTO: Encodable, Sendable {
    var id: String
    var recipient: String
    var subject: String
    var body: String
    var status: String
    var createdAt: Date
    var sentAt: Date?
    var lastError: String?
}
