import Foundation
import Hummingbird
import Metrics
import NIOCore
import ParapheCore
import ParapheStore
import Prometheus
import ParapheServices

/// `/health`, `/metrics`, the OpenAPI document and the job queue's admin view.
struct OperationsRoutes {
    let services: AppServices
    let metrics: PrometheusCollectorRegistry
    /// Read when the router is built (not on the first request), so a missing resource stops the server at startup.
    let openAPIDocument = OpenAPIDocument.bytes

    struct Health: Encodable, Sendable {
        var status: String
        var database: String
        var pdfTextExtraction: Bool
        /// Which fonts generated PDFs use; "standard" means not embedded, limited to WinAnsi.
        var pdfFonts: String
        var pdfFontsEmbedded: Bool
    }

    func register(_ router: some RouterMethods<AppContext>, api: some RouterMethods<AppContext>) {
        router.get("health", use: health)
        router.get("metrics", use: prometheus)
        router.get("api/openapi.json", use: openAPI)
        api.get("jobs", use: jobs)
        api.post("jobs/:id/replay", use: replay)
    }

    @Sendable func health(_ request: Request, context: AppContext) async throws -> Response {
        let ok = (try? await services.database.read { try await $0.userCount() }) != nil
        let body = Health(status: ok ? "ok" : "unavailable", database: services.database.engine.rawValue,
                          pdfTextExtraction: services.pdfText.isAvailable, pdfFonts: services.fonts.description,
                          pdfFontsEmbedded: services.fonts.isEmbedded)
        return try JSON(body, status: ok ? .ok : .serviceUnavailable).response(from: request, context: context)
    }

    @Sendable func prometheus(_ request: Request, context: AppContext) async throws -> Response {
        var buffer: [UInt8] = []
        metrics.emit(into: &buffer)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    @Sendable func openAPI(_ request: Request, context: AppContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPIDocument))
    }

    struct JobDTO: Encodable, Sendable {
        var id: String
        var kind: String
        var state: String
        var attempts: Int
        var maxAttempts: Int
        var runAt: Date
        var lastError: String?

        init(_ j: Job) {
            id = j.id.description
            kind = j.kind.rawValue
            state = j.state.rawValue
            attempts = j.attempts
            maxAttempts = j.maxAttempts
            runAt = j.runAt
            lastError = j.lastError
        }
    }

    @Sendable func jobs(_ request: Request, context: AppContext) async throws -> JSON<Page<JobDTO>> {
        let caller = try context.caller()
        let page = try PageRequest(request)
        var state: Job.State?
        if let text = request.uri.queryParameters.get("state") {
            guard let s = Job.State(rawValue: text) else {
                throw ValidationFailure([FieldError("state", "must be one of \(Job.State.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            state = s
        }
        let rows = try await OperationsWorkflow(services: services).jobs(state: state, limit: page.limit, by: caller)
        return JSON(Page(items: rows.map(JobDTO.init), nextCursor: nil))
    }

    @Sendable func replay(_ request: Request, context: AppContext) async throws -> Response {
        try await OperationsWorkflow(services: services).replay(try context.requireID("id"), by: try context.caller())
        return Response(status: .accepted)
    }
}
