import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// Requests are numbered per subject (the caller holds the subject's lock), so "latest" never depends on two
    /// submissions' timestamps differing.
    public func insertApprovalRequest(_ r: ApprovalRequest) async throws {
        let number = try await first("SELECT COALESCE(MAX(number), 0) AS n FROM approval_requests WHERE \(Self.subjectColumn(r.subject))")?.int("n") ?? 0
        try await run("""
            INSERT INTO approval_requests (id, contract_id, supplier_request_id, number, requested_by, status, reason, created_at, closed_at)
            VALUES (\(bind: r.id.description), \(bind: r.subject.contractId?.description), \(bind: r.subject.supplierRequestId?.description),
                    \(bind: number + 1), \(bind: r.requestedBy.description), \(bind: r.status.rawValue), \(bind: r.reason),
                    \(bind: Timestamp.format(r.createdAt)), \(bind: r.closedAt.map(Timestamp.format)))
            """)
    }

    static func subjectColumn(_ subject: ApprovalSubject) -> SQLQueryString {
        switch subject {
        case .contract(let id): "contract_id = \(bind: id.description)"
        case .supplierRequest(let id): "supplier_request_id = \(bind: id.description)"
        }
    }

    public func closeApprovalRequest(_ id: ApprovalRequest.ID, as status: ApprovalRequest.Status, at now: Date) async throws {
        try await run("""
            UPDATE approval_requests SET status = \(bind: status.rawValue), closed_at = \(bind: Timestamp.format(now)) WHERE id = \(bind: id.description)
            """)
    }

    /// The subject's open request, if it is in review.
    public func pendingApprovalRequest(of subject: ApprovalSubject) async throws -> ApprovalRequest? {
        try await first("""
            SELECT * FROM approval_requests WHERE \(Self.subjectColumn(subject)) AND status = 'pending' ORDER BY number DESC LIMIT 1
            """).map(Self.decodeRequest)
    }

    public func latestApprovalRequest(of subject: ApprovalSubject) async throws -> ApprovalRequest? {
        try await first("SELECT * FROM approval_requests WHERE \(Self.subjectColumn(subject)) ORDER BY number DESC LIMIT 1").map(Self.decodeRequest)
    }

    /// The steps of the subject's latest request; empty when it never was submitted.
    public func latestApprovalSteps(of subject: ApprovalSubject) async throws -> [Approval] {
        guard let request = try await latestApprovalRequest(of: subject) else { return [] }
        return try await approvals(ofRequest: request.id)
    }

    public func insertApproval(_ a: Approval, position: Int) async throws {
        try await run("""
            INSERT INTO approvals (id, request_id, contract_id, supplier_request_id, requested_by, position, step_order, role, user_ids, mode, reasons, status, assignee_id,
                                   created_at, activated_at, decided_at, reminded_at)
            VALUES (\(bind: a.id.description), \(bind: a.requestId.description), \(bind: a.subject.contractId?.description),
                    \(bind: a.subject.supplierRequestId?.description), \(bind: a.requestedBy.description), \(bind: position), \(bind: a.step.order), \(bind: a.step.role?.rawValue), \(bind: try a.step.users.map { try jsonText($0.map(\.description)) }),
                    \(bind: a.step.mode.rawValue), \(bind: try jsonText(a.reasons)), \(bind: a.status.rawValue), \(bind: a.assignee?.description),
                    \(bind: Timestamp.format(a.createdAt)), \(bind: a.activatedAt.map(Timestamp.format)), \(bind: a.decidedAt.map(Timestamp.format)),
                    \(bind: a.remindedAt.map(Timestamp.format)))
            """)
    }

    /// Writes what changes over a step's life: its status, assignee and dates. Decisions are appended separately.
    public func updateApproval(_ a: Approval) async throws {
        try await run("""
            UPDATE approvals SET status = \(bind: a.status.rawValue), assignee_id = \(bind: a.assignee?.description),
              activated_at = \(bind: a.activatedAt.map(Timestamp.format)), decided_at = \(bind: a.decidedAt.map(Timestamp.format)),
              reminded_at = \(bind: a.remindedAt.map(Timestamp.format))
            WHERE id = \(bind: a.id.description)
            """)
    }

    /// The primary key (step, user) makes a second decision by the same person fail even if two arrive at once.
    public func insertDecision(_ d: ApprovalDecision, on approval: Approval.ID) async throws {
        try await run("""
            INSERT INTO approval_decisions (approval_id, user_id, decision, comment, at)
            VALUES (\(bind: approval.description), \(bind: d.userId.description), \(bind: d.decision.rawValue), \(bind: d.comment),
                    \(bind: Timestamp.format(d.at)))
            """)
    }

    public func approval(_ id: Approval.ID) async throws -> Approval? {
        guard let row = try await first("SELECT * FROM approvals WHERE id = \(bind: id.description)") else { return nil }
        return try await withDecisions([Self.decodeApproval(row)]).first
    }

    /// The steps of one request, in order.
    public func approvals(ofRequest id: ApprovalRequest.ID) async throws -> [Approval] {
        try await withDecisions(all("SELECT * FROM approvals WHERE request_id = \(bind: id.description) ORDER BY step_order, position")
            .map(Self.decodeApproval))
    }

    /// Open steps `user` may be asked to decide, oldest first: handed to them, or of one of their roles, or naming
    /// them. The caller still applies `ApprovalChain.approvers`, which is the rule; this only narrows the rows.
    public func openApprovals(candidateFor user: User, status: Approval.Status, after cursor: String?, limit: Int) async throws -> [Approval] {
        var query: SQLQueryString = """
            SELECT * FROM approvals WHERE status = \(bind: status.rawValue) AND requested_by <> \(bind: user.id.description)
              AND (assignee_id = \(bind: user.id.description) OR (assignee_id IS NULL AND (user_ids LIKE \(bind: "%\"\(user.id)\"%")
            """
        let roles = user.roles.map(\.rawValue).sorted()
        if !roles.isEmpty { query += " OR role IN (\(binds: roles))" }
        query += ")))"
        if let cursor { query += " AND id > \(bind: cursor)" }
        query += " ORDER BY id LIMIT \(bind: limit)"
        return try await withDecisions(all(query).map(Self.decodeApproval))
    }

    /// Open steps that waited since before `cutoff` without a reminder since, for the reminder job, longest waiting
    /// first: working days grow with time, so the ones due come before the ones not yet due.
    public func approvalsDueForReminder(cutoff: Date, limit: Int) async throws -> [Approval] {
        let text = Timestamp.format(cutoff)
        return try await withDecisions(all("""
            SELECT * FROM approvals WHERE status = 'pending' AND COALESCE(reminded_at, activated_at) < \(bind: text)
            ORDER BY COALESCE(reminded_at, activated_at), id LIMIT \(bind: limit)
            """).map(Self.decodeApproval))
    }

    /// Pending contract steps of a role, with when each started waiting, for the legal queue.
    public func pendingContractApprovals(role: Role, limit: Int) async throws -> [Approval] {
        try await withDecisions(all("""
            SELECT * FROM approvals WHERE status = 'pending' AND role = \(bind: role.rawValue) AND contract_id IS NOT NULL
            ORDER BY activated_at, id LIMIT \(bind: limit)
            """).map(Self.decodeApproval))
    }

    func withDecisions(_ approvals: [Approval]) async throws -> [Approval] {
        guard !approvals.isEmpty else { return [] }
        var byApproval = [String: [ApprovalDecision]]()
        for row in try await all("""
            SELECT * FROM approval_decisions WHERE approval_id IN (\(binds: approvals.map(\.id.description))) ORDER BY at, user_id
            """) {
            let decision = ApprovalDecision(userId: try row.id("user_id"),
                                            decision: ApprovalDecisionKind(rawValue: try row.string("decision")) ?? .reject,
                                            comment: try row.optionalString("comment"), at: try row.date("at"))
            byApproval[try row.string("approval_id"), default: []].append(decision)
        }
        return approvals.map { a in
            var a = a
            a.decisions = byApproval[a.id.description] ?? []
            return a
        }
    }

    static func subject(_ row: any SQLRow) throws -> ApprovalSubject {
        if let contract: Contract.ID = try row.optionalID("contract_id") { return .contract(contract) }
        guard let request: SupplierRequest.ID = try row.optionalID("supplier_request_id") else { throw StoreError.corrupt("approval without subject") }
        return .supplierRequest(request)
    }

    static func decodeRequest(_ row: any SQLRow) throws -> ApprovalRequest {
        ApprovalRequest(id: try row.id("id"), subject: try subject(row), requestedBy: try row.id("requested_by"),
                        status: ApprovalRequest.Status(rawValue: try row.string("status")) ?? .pending, reason: try row.optionalString("reason"),
                        createdAt: try row.date("created_at"), closedAt: try row.optionalDate("closed_at"))
    }

    static func decodeApproval(_ row: any SQLRow) throws -> Approval {
        let users = try row.optionalString("user_ids").map { text in
            try rowJSONDecoder.decode([String].self, from: Data(text.utf8)).compactMap { User.ID($0) }
        }
        let step = ApprovalStep(role: try row.optionalString("role").flatMap(Role.init(rawValue:)), users: users,
                                mode: ApprovalMode(rawValue: try row.string("mode")) ?? .any, order: try row.int("step_order"))
        return Approval(id: try row.id("id"), requestId: try row.id("request_id"), subject: try subject(row),
                        requestedBy: try row.id("requested_by"), step: step, reasons: try row.json("reasons", as: [ApprovalReason].self),
                        status: Approval.Status(rawValue: try row.string("status")) ?? .pending, assignee: try row.optionalID("assignee_id"),
                        createdAt: try row.date("created_at"), activatedAt: try row.optionalDate("activated_at"),
                        decidedAt: try row.optionalDate("decided_at"), remindedAt: try row.optionalDate("reminded_at"))
    }
}
