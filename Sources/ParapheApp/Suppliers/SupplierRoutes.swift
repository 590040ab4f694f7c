import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/supplier-requests`: any employee asks for a new supplier or tool; the supplier policy decides who
/// approves; approval creates the counterparty.
struct SupplierRoutes {
    let services: AppServices

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

    var workflow: SupplierWorkflow { SupplierWorkflow(services: services) }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(SupplierWorkflow.Input.self, context: context, limit: 65_536, keys: Self.keys)
        let created = try await workflow.submit(input, by: user, actor: try context.actor(userAgent: request.userAgent))
        let (stored, approvals) = try await workflow.request(created.id, for: user)
        return try JSON(RequestDTO(stored, approvals: approvals), status: .created).response(from: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<RequestDTO> {
        let (stored, approvals) = try await workflow.request(try context.requireID("id"), for: try context.requireUser())
        return JSON(RequestDTO(stored, approvals: approvals))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<RequestDTO>> {
        let user = try context.requireUser()
        let page = try PageRequest(request)
        let rows = try await workflow.requests(for: user, before: try page.decodeCursor(TimeCursor.self)?.position(), limit: page.limit + 1)
        return JSON(PageRequest.page(rows, limit: page.limit, item: { RequestDTO($0, approvals: nil) },
                                     cursor: { PageRequest.encodeCursor(TimeCursor(at: $0.createdAt, id: $0.id.description)) }))
    }
}
