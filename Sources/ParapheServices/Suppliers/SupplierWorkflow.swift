import Foundation
import ParapheCore
import ParapheStore

/// Supplier requests: any employee asks for a new supplier or tool, the supplier policy decides who approves, and
/// approval creates the counterparty. The API, the form and the demo come here.
public struct SupplierWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct Input: Decodable, Sendable {
        public var supplierName: String?
        public var purpose: String?
        public var annualCost: Money?
        public var dataProcessed: [String]?

        public init(supplierName: String?, purpose: String?, annualCost: Money?, dataProcessed: [String]?) {
            self.supplierName = supplierName
            self.purpose = purpose
            self.annualCost = annualCost
            self.dataProcessed = dataProcessed
        }
    }

    /// Checks the input and opens the request, with the steps the supplier policy asks for.
    public func submit(_ input: Input, by user: User, actor: Actor) async throws -> SupplierRequest {
        let now = services.clock()
        let request = SupplierRequest(supplierName: input.supplierName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                                      purpose: input.purpose?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "", annualCost: input.annualCost,
                                      dataProcessed: (input.dataProcessed ?? []).map { $0.trimmingCharacters(in: .whitespaces) },
                                      requestedBy: user.id, createdAt: now)
        let errors = request.validate()
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return try await services.database.transaction { s in
            try await ApprovalWorkflow(services: services).open(request, requester: user, actor: actor, in: s, at: now)
        }
    }

    /// A request with its latest approval steps. The requester and the people who see every contract see it; for
    /// anyone else it does not exist.
    public func request(_ id: SupplierRequest.ID, for user: User) async throws -> (SupplierRequest, [Approval]) {
        try await services.database.read { s in
            guard let r = try await s.supplierRequest(id), SupplierRequest.isVisible(to: user, requestedBy: r.requestedBy) else {
                throw DomainError.notFound("no supplier request with this id")
            }
            return (r, try await s.latestApprovalSteps(of: .supplierRequest(id)))
        }
    }

    /// The caller's own requests, or everyone's for those who see every contract; newest first.
    public func requests(for user: User, before cursor: (Date, String)?, limit: Int) async throws -> [SupplierRequest] {
        try await services.database.read {
            try await $0.supplierRequests(requestedBy: SupplierRequest.listedRequester(for: user), before: cursor, limit: limit)
        }
    }
}
