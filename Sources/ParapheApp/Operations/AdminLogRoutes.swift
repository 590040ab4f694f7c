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
        _ = try context.requireRole(.admin, .legal)
        let page = try PageRequest(request)
        let before = try page.decodeCursor(Int.self)
        let rows = try await services.database.read { try await $0.adminEvents(before: before, limit: page.limit + 1) }
        return JSON(PageRequest.page(rows, limit: page.limit, item: EventDTO.init, cursor: { PageRequest.encodeCursor($0.sequence) }))
    }

    @Sendable func verify(_ request: Request, context: AppContext) async throws -> JSON<VerdictDTO> {
        _ = try context.requireRole(.admin, .legal)
        return JSON(try await services.database.read { s in
            switch try await s.verifyAdminLog() {
            case .valid(let count): VerdictDTO(chain: "valid", entries: count, problem: nil)
            case .broken(let sequence, let reason): VerdictDTO(chain: "broken", entries: sequence, problem: reason)
            }
        })
    }
}
