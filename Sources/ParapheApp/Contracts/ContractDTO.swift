import Foundation
import ParapheCore
import ParapheStore
import ParapheServices

struct DocumentDTO: Codable, Sendable {
    var id: String
    var contractId: String
    var version: Int
    var sha256: String
    var format: String
    var source: String
    var filename: String
    var size: Int
    var textIndexed: Bool
    var createdAt: Date
    var url: String

    init(_ d: DocumentRecord) {
        id = d.id.description
        contractId = d.contractId.description
        version = d.version
        sha256 = d.sha256
        format = d.format
        source = d.source
        filename = d.filename
        size = d.size
        textIndexed = d.textIndexed
        createdAt = d.createdAt
        url = "/api/v1/documents/\(d.id)/content"
    }
}

/// A clause as the contract carries it: derogations are fields, not prose.
struct ClauseDTO: Encodable, Sendable {
    var key: String
    var nodeId: String
    var number: String
    var title: String
    var variant: String
    var isDerogation: Bool
    var derogationCategory: String?
    var requiresApprovalBy: [Role]
    var clauseVersion: Int?
    /// Only on a single contract; lists carry the flags and hashes without the text.
    var text: String?
    var textHash: String

    init(_ stored: StoredClause, withText: Bool = true) {
        let c = stored.instance
        key = c.key
        nodeId = c.nodeId
        number = c.number
        title = c.title
        variant = c.variant.name
        isDerogation = c.isDerogation
        derogationCategory = c.derogationCategory
        requiresApprovalBy = c.requiresApprovalBy
        clauseVersion = c.clauseVersion
        text = withText ? c.text : nil
        textHash = stored.textHash
    }
}

struct TemplateReferenceDTO: Encodable, Sendable {
    var id: String
    var version: Int
}

struct ContractDTO: Encodable, Sendable {
    struct RenewalDTO: Encodable, Sendable {
        var mode: String
        var period: String?
        var notice: String?
        var nextRenewalDate: Day?
        var noticeDeadline: Day?
        var currentTermEnd: Day?
        /// The last day when nothing renews it: no renewal, or notice given.
        var endsOn: Day?
        var decision: DecisionDTO?
    }

    struct DecisionDTO: Encodable, Sendable {
        var decision: RenewalDecisionKind
        var termEnd: Day
    }

    var id: String
    var reference: String
    var title: String
    var type: String
    var status: String
    var counterpartyId: String?
    var counterpartyName: String?
    var ownerId: String
    var amount: Money?
    var startDate: Day?
    var endDate: Day?
    var signedAt: Date?
    var renewal: RenewalDTO
    var metadata: [String: JSONValue]
    var origin: String
    var priority: Int
    var allowedTransitions: [String]
    var clauses: [ClauseDTO]
    var template: TemplateReferenceDTO?
    var documents: [DocumentDTO]
    /// The steps of the latest approval request; lists leave them out (read the contract).
    var approvals: [ApprovalDTO]
    var approvalRequest: ApprovalRequestDTO?
    /// Who is named to sign for the company; lists leave it out (read the contract).
    var signatory: NamedSignatoryDTO?
    /// The latest signature request and its signers; lists leave it out.
    var signature: SignatureRequestDTO?
    var crm: CRMLink?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, reference, title, type, status, counterpartyId, counterpartyName, ownerId, amount, startDate, endDate, signedAt
        case renewal, metadata, origin, priority, allowedTransitions, clauses, template, documents, approvals, approvalRequest, signatory, signature, crm, createdAt, updatedAt
    }

    init(_ c: Contract, counterpartyName: String?, documents: [DocumentRecord], today: Day, clauses: [StoredClause] = [],
         clauseText: Bool = true, template: GenerationSource? = nil, approval: (ApprovalRequest, [Approval])? = nil, signatory: NamedSignatory? = nil,
         signature: SignatureWorkflow.Detail? = nil) {
        id = c.id.description
        reference = c.reference.description
        title = c.title
        type = c.type
        status = c.status.rawValue
        counterpartyId = c.counterpartyId?.description
        self.counterpartyName = counterpartyName
        ownerId = c.ownerId.description
        amount = c.amount
        startDate = c.startDate
        endDate = c.endDate
        signedAt = c.signedAt
        let schedule = c.renewalSchedule(today: today)
        renewal = RenewalDTO(mode: c.renewal.mode.rawValue, period: c.renewal.period?.description, notice: c.renewal.notice?.description,
                             nextRenewalDate: schedule.nextRenewalDate, noticeDeadline: schedule.noticeDeadline, currentTermEnd: schedule.currentTermEnd,
                             endsOn: c.endsOn(today: today), decision: c.renewalDecision.map { DecisionDTO(decision: $0.kind, termEnd: $0.termEnd) })
        metadata = c.metadata
        origin = c.origin.rawValue
        priority = c.priority
        allowedTransitions = Lifecycle.byHand(from: c.status).map(\.rawValue)
        self.clauses = clauses.map { ClauseDTO($0, withText: clauseText) }
        self.template = template.map { TemplateReferenceDTO(id: $0.templateId.description, version: $0.templateVersion) }
        self.documents = documents.map(DocumentDTO.init)
        approvals = approval?.1.map { ApprovalDTO($0, contract: nil) } ?? []
        approvalRequest = approval.map { ApprovalRequestDTO($0.0) }
        self.signatory = signatory.map(NamedSignatoryDTO.init)
        self.signature = signature.map(SignatureRequestDTO.init)
        crm = c.crm
        createdAt = c.createdAt
        updatedAt = c.updatedAt
    }

    /// Nulls are written out, so every documented key is always present.
    func encode(to encoder: any Encoder) throws {
        var k = encoder.container(keyedBy: CodingKeys.self)
        try k.encode(id, forKey: .id)
        try k.encode(reference, forKey: .reference)
        try k.encode(title, forKey: .title)
        try k.encode(type, forKey: .type)
        try k.encode(status, forKey: .status)
        try k.encode(counterpartyId, forKey: .counterpartyId)
        try k.encode(counterpartyName, forKey: .counterpartyName)
        try k.encode(ownerId, forKey: .ownerId)
        try k.encode(amount, forKey: .amount)
        try k.encode(startDate, forKey: .startDate)
        try k.encode(endDate, forKey: .endDate)
        try k.encode(signedAt, forKey: .signedAt)
        try k.encode(renewal, forKey: .renewal)
        try k.encode(metadata, forKey: .metadata)
        try k.encode(origin, forKey: .origin)
        try k.encode(priority, forKey: .priority)
        try k.encode(allowedTransitions, forKey: .allowedTransitions)
        try k.encode(clauses, forKey: .clauses)
        try k.encode(template, forKey: .template)
        try k.encode(documents, forKey: .documents)
        try k.encode(approvals, forKey: .approvals)
        try k.encode(approvalRequest, forKey: .approvalRequest)
        try k.encode(signatory, forKey: .signatory)
        try k.encode(signature, forKey: .signature)
        try k.encode(crm, forKey: .crm)
        try k.encode(createdAt, forKey: .createdAt)
        try k.encode(updatedAt, forKey: .updatedAt)
    }
}

struct EventDTO: Encodable, Sendable {
    var id: String
    var sequence: Int
    var at: Date
    var actor: Actor
    var type: String
    var data: [String: JSONValue]
    var reason: String?
    var previousHash: String
    var hash: String

    init(_ e: AuditEvent) {
        id = e.id.description
        sequence = e.sequence
        at = e.at
        actor = e.actor
        type = e.type
        data = e.data
        reason = e.reason
        previousHash = e.previousHash
        hash = e.hash
    }
}
