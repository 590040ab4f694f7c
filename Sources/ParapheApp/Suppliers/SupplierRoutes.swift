import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/supplier-requests`: any employee asks for a new supplier or tool; the supplier policy decides who
/// approves; approval creates the counterparty.
struct SupplierRoutes {
    let services: AppServices

    struct RequestInput: Decodable, Sendable {
        var supplierName: String?
        var purpose: String?
        var annualCost: Money?
        var dataProcessed: [String]?
    }

    /// `requestedBy` is always the caller, so it is not an input.
    static let keys = KeyShape.object(["supplierName": .any, "purpose": .any, "annualCost": .any, "dataProcessed": .any])

    struct RequestDTO: Encodable, Sendable {
        var id: String
        var supplierName: String
        var purpose: String
        var annualCost: Money?
        var dataProcessed: [String]
        var requestedBy: String
        var status: SupplierRequest.Status
        var counterpartyId: String?
        var createdAt: Date
        var decidedAt: Date?
        var approvals: [ApprovalDTO]?

        init(_ r: SupplierRequest, approvals: [Approval]?) {
            id = r.id.description
            supplierName = r.supplierName
            purpose = r.purpose
            annualCost = r.annualCost
            dataProcessed = r.dataProcessed
            requestedBy = r.requestedBy.description
            status = r.status
            counterpartyId = r.counterpartyId?.description
            createdAt = r.createdAt
            decidedAt = r.decidedAt
            self.approvals = approvals?.map { ApprovalDTO($0, contract: nil) }
        }
    }


    func register(_ api: some RouterMethods<AppContext>) {
        api.get("supplier-requests", use: list)
        api.post("supplier-requests", use: create)
        api.get("supplier-requests/:id", use: show)
    }

    /// Checks the input and opens the request; the API and the form both come here.
    static func submit(_ input: RequestInput, by user: User, actor: Actor, services: AppServices) async throws -> SupplierRequest {
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

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(RequestInput.self, context: context, limit: 65_536, keys: Self.keys)
        let created = try await Self.submit(input, by: user, actor: try context.actor(userAgent: request.userAgent), services: services)
        return try JSON(try await dto(created.id, for: user), status: .created).response(from: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<RequestDTO> {
        let user = try context.requireUser()
        return JSON(try await dto(try context.requireID("id"), for: user))
    }

    /// The requester and the people who see every contract see a request; for anyone else it does not exist.
    func dto(_ id: SupplierRequest.ID, for user: User) async throws -> RequestDTO {
        try await services.database.read { s in
            guard let r = try await s.supplierRequest(id), SupplierRequest.isVisible(to: user, requestedBy: r.requestedBy) else {
                throw Problem.notFound("no supplier request with this id")
            }
            let approvals = try await s.latestApprovalSteps(of: .supplierRequest(id))
            return RequestDTO(r, approvals: approvals)
        }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<RequestDTO>> {
        let user = try context.requireUser()
        let page = try PageRequest(request)
        let cursor = try page.decodeCursor(TimeCursor.self)?.position()
        let rows = try await services.database.read {
            try await $0.supplierRequests(requestedBy: SupplierRequest.listedRequester(for: user), before: cursor, limit: page.limit + 1)
        }
        return JSON(PageRequest.page(rows, limit: page.limit, item: { RequestDTO($0, approvals: nil) },
                                     cursor: { PageRequest.encodeCursor(TimeCursor(at: $0.createdAt, id: $0.id.description)) }))
    }
}
