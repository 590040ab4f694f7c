import Foundation

/// One submission of a contract (or a supplier request) for review. A new one is opened at each submission; the
/// old ones stay as history.
public struct ApprovalRequest: Hashable, Sendable {
    public typealias ID = Identifier<ApprovalRequest>
    public enum Status: String, Sendable, Codable, CaseIterable { case pending, approved, rejected, withdrawn }
    public var id: ID
    public var subject: ApprovalSubject
    public var requestedBy: User.ID
    public var status: Status
    /// Why it was opened: a first submission, or the change that reset the previous approval.
    public var reason: String?
    public var createdAt: Date
    public var closedAt: Date?

    public init(id: ID = ID(), subject: ApprovalSubject, requestedBy: User.ID, status: Status = .pending, reason: String?, createdAt: Date,
                closedAt: Date? = nil) {
        self.id = id
        self.subject = subject
        self.requestedBy = requestedBy
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.closedAt = closedAt
    }
}

public enum ApprovalDecisionKind: String, Sendable, Codable, CaseIterable { case approve, reject }

public struct ApprovalDecision: Hashable, Sendable, Codable {
    public var userId: User.ID
    public var decision: ApprovalDecisionKind
    public var comment: String?
    public var at: Date

    public init(userId: User.ID, decision: ApprovalDecisionKind, comment: String?, at: Date) {
        self.userId = userId
        self.decision = decision
        self.comment = comment
        self.at = at
    }
}

/// One step of a request, as approvers see and decide it.
public struct Approval: Hashable, Sendable {
    public typealias ID = Identifier<Approval>
    /// `waiting`: an earlier step (lower order) is still open.
    public enum Status: String, Sendable, Codable, CaseIterable { case waiting, pending, approved, rejected, cancelled }
    public var id: ID
    public var requestId: ApprovalRequest.ID
    public var subject: ApprovalSubject
    public var requestedBy: User.ID
    public var step: ApprovalStep
    public var reasons: [ApprovalReason]
    public var status: Status
    /// Set when someone handed the step to a named colleague; only that person may then decide.
    public var assignee: User.ID?
    public var decisions: [ApprovalDecision]
    public var createdAt: Date
    public var activatedAt: Date?
    public var decidedAt: Date?
    public var remindedAt: Date?

    public var contractId: Contract.ID? { subject.contractId }

    public init(id: ID = ID(), requestId: ApprovalRequest.ID, subject: ApprovalSubject, requestedBy: User.ID, step: ApprovalStep,
                reasons: [ApprovalReason], status: Status, assignee: User.ID? = nil, decisions: [ApprovalDecision] = [], createdAt: Date,
                activatedAt: Date? = nil, decidedAt: Date? = nil, remindedAt: Date? = nil) {
        self.id = id
        self.requestId = requestId
        self.subject = subject
        self.requestedBy = requestedBy
        self.step = step
        self.reasons = reasons
        self.status = status
        self.assignee = assignee
        self.decisions = decisions
        self.createdAt = createdAt
        self.activatedAt = activatedAt
        self.decidedAt = decidedAt
        self.remindedAt = remindedAt
    }
}

/// Why someone may not decide a step, each mapped by the API to a 403 or a 409.
public enum DecisionRefusal: Error, Hashable, Sendable {
    case ownRequest
    case notAnApprover
    case notYetOpen
    case alreadyClosed(Approval.Status)
    case alreadyDecided

    public var message: String {
        switch self {
        case .ownRequest: "you submitted this contract; someone else must approve it"
        case .notAnApprover: "you are not an approver of this step"
        case .notYetOpen: "this step opens once the earlier steps are approved"
        case .alreadyClosed(.cancelled): "this request was withdrawn or reset; there is nothing left to decide"
        case .alreadyClosed(let status): "this step is already \(status.rawValue)"
        case .alreadyDecided: "you have already decided this step"
        }
    }

    /// The refusals about who you are, as opposed to the state of the step.
    public var isForbidden: Bool {
        switch self {
        case .ownRequest, .notAnApprover: true
        default: false
        }
    }
}

extension User {
    /// Legal and admins keep the approval policy, the signature authorities and the legal queue.
    public var managesApprovals: Bool { has(.legal) || has(.admin) }
}

public enum ApprovalChain {
    /// The people who may decide a step: its assignee if it has one, else the active members of its role or its
    /// named users. Never the requester: nobody approves their own request.
    public static func approvers(of approval: Approval, among users: [User]) -> [User] {
        users.filter { user in
            guard user.active, user.id != approval.requestedBy else { return false }
            if let assignee = approval.assignee { return user.id == assignee }
            if let role = approval.step.role { return user.has(role) }
            return approval.step.users?.contains(user.id) ?? false
        }
    }

    public static let maxCommentLength = 4000

    /// A rejection says why, since the requester reads it; any comment fits in 4,000 characters.
    public static func commentErrors(_ decision: ApprovalDecisionKind, _ comment: String?) -> [FieldError] {
        if decision == .reject, comment?.isEmpty ?? true { return [FieldError("comment", "say why you reject: the requester reads it")] }
        return TextRules.optionalText(comment, field: "comment", max: maxCommentLength)
    }

    public static func checkDecision(by user: User, on approval: Approval, approvers: [User]) -> DecisionRefusal? {
        if user.id == approval.requestedBy { return .ownRequest }
        guard approvers.contains(where: { $0.id == user.id }) else { return .notAnApprover }
        switch approval.status {
        case .waiting: return .notYetOpen
        case .pending: break
        case .approved, .rejected, .cancelled: return .alreadyClosed(approval.status)
        }
        if approval.decisions.contains(where: { $0.userId == user.id }) { return .alreadyDecided }
        return nil
    }

    /// A step's status after its decisions: one rejection rejects it; `any` needs one approval, `all` needs every
    /// current approver's.
    public static func outcome(of approval: Approval, approvers: [User]) -> Approval.Status {
        if approval.decisions.contains(where: { $0.decision == .reject }) { return .rejected }
        let approvedBy = Set(approval.decisions.filter { $0.decision == .approve }.map(\.userId))
        switch approval.step.mode {
        case .any: return approvedBy.isEmpty ? .pending : .approved
        case .all:
            let needed = Set(approvers.map(\.id))
            return !needed.isEmpty && needed.isSubset(of: approvedBy) ? .approved : .pending
        }
    }

    /// The steps to open next once `steps` changed: the lowest order still waiting, when nothing of a lower or
    /// equal order is pending. Empty when the chain is finished or still busy.
    public static func nextToOpen(_ steps: [Approval]) -> [Approval.ID] {
        guard !steps.contains(where: { $0.status == .pending }) else { return [] }
        let waiting = steps.filter { $0.status == .waiting }
        guard let order = waiting.map(\.step.order).min() else { return [] }
        return waiting.filter { $0.step.order == order }.map(\.id)
    }

    /// A request is approved once every step is; rejected as soon as one step is.
    public static func requestOutcome(_ steps: [Approval]) -> ApprovalRequest.Status {
        if steps.contains(where: { $0.status == .rejected }) { return .rejected }
        return steps.allSatisfy { $0.status == .approved } ? .approved : .pending
    }

    /// Who may take over a step from `from`: an active colleague sharing the step's role, or (for a step of named
    /// users) one of `from`'s roles. Never the requester.
    public static func canReassign(_ approval: Approval, from: User, to: User) -> Bool {
        guard to.active, to.id != approval.requestedBy, to.id != from.id else { return false }
        if let role = approval.step.role { return to.has(role) }
        return !from.roles.subtracting([.viewer]).isDisjoint(with: to.roles)
    }

    /// Who an admin stepping in may hand a step to: an active colleague other than the requester and the admin
    /// (who would otherwise hand a step to themselves and decide it), with the step's role, or, for a step that names
    /// people, anyone with a role that decides (not a viewer only).
    public static func adminMayHand(_ approval: Approval, by admin: User, to colleague: User) -> Bool {
        guard colleague.active, colleague.id != approval.requestedBy, colleague.id != admin.id else { return false }
        if let role = approval.step.role { return colleague.has(role) }
        return !colleague.roles.subtracting([.viewer]).isEmpty
    }

    /// Why `user` may not hand this step over, or nil. A step still open may be handed by one of its approvers to a
    /// colleague, or by an admin; an `all` step only when nobody is left to decide it (everyone deactivated or moved),
    /// and only by an admin, since otherwise one person would decide for everyone.
    public static func reassignRefusal(of approval: Approval, by user: User, approvers: [User]) -> DomainError? {
        guard approval.status == .pending || approval.status == .waiting else {
            return .conflict(DecisionRefusal.alreadyClosed(approval.status).message)
        }
        if approval.step.mode == .all {
            guard approvers.isEmpty else { return .conflict("every approver of this step must decide; it cannot be handed to one person") }
            guard user.has(.admin) else { return .forbidden("nobody is left to decide this step; an admin may hand it to a colleague") }
        }
        guard approvers.contains(where: { $0.id == user.id }) || user.has(.admin) else { return .forbidden(DecisionRefusal.notAnApprover.message) }
        return nil
    }

    /// Whether `user` may hand the step to `colleague`: approvers hand to a colleague of the step's role, admins by
    /// `adminMayHand`.
    public static func mayHand(_ approval: Approval, by user: User, approvers: [User], to colleague: User) -> Bool {
        approvers.contains(where: { $0.id == user.id }) ? canReassign(approval, from: user, to: colleague) : adminMayHand(approval, by: user, to: colleague)
    }
}
