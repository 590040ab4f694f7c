import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/admin/events`: grants, revocations, approval rules, clause and template changes, hash-chained like a
/// contract's trail.
struct AdminLogRoutes {
    let services: AppServices

    struct VerdictDTO: Encodable, Sendable {
        var chain: String
        var entries: Int
        var problem: String?
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("admin/events", use: list)
        api.get("admin/events/verify", use: verify)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<EventDTO>> {
        let page = try PageRequest(request)
        let rows = try await OperationsWorkflow(services: services).adminLog(before: try page.decodeCursor(Int.self), limit: page.limit + 1,
                                                                             by: try context.caller())
        return JSON(PageRequest.page(rows, limit: page.limit, item: EventDTO.init, cursor: { PageRequest.encodeCursor($0.sequence) }))
    }

    @Sendable func verify(_ request: Request, context: AppContext) async throws -> JSON<VerdictDTO> {
        return switch try await OperationsWorkflow(services: services).verifyAdminLog(by: try context.caller()) {
        case .valid(let count): JSON(VerdictDTO(chain: "valid", entries: count, problem: nil))
        case .broken(let sequence, let reason): JSON(VerdictDTO(chain: "broken", entries: sequence, problem: reason))
        }
    }
}
