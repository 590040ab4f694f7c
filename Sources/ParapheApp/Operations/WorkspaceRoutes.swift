import Hummingbird
import ParapheCore
import ParapheServices

/// `GET /api/v1/workspace`: what a client needs to know about this workspace before writing a contract.
struct WorkspaceRoutes {
    let services: AppServices

    struct WorkspaceDTO: Encodable, Sendable {
        /// The currencies contracts may be written in (`PARAPHE_CURRENCIES`), the usual one first.
        var currencies: [String]
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("workspace", use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<WorkspaceDTO> {
        _ = try context.requireUser()
        return JSON(WorkspaceDTO(currencies: services.config.currencies))
    }
}
