import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheStore
import ParapheServices

struct DocumentRoutes {
    let services: AppServices

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("documents/:id", use: show)
        api.get("documents/:id/content", use: content)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<DocumentDTO> {
        let (document, _) = try await ContractWorkflow(services: services).document(try context.requireID("id"), for: try context.requireUser(), withContent: false)
        return JSON(DocumentDTO(document))
    }

    @Sendable func content(_ request: Request, context: AppContext) async throws -> Response {
        try await content(of: try context.requireID("id"), for: try context.requireUser())
    }

    func content(of id: DocumentRecord.ID, for user: User) async throws -> Response {
        let (document, content) = try await ContractWorkflow(services: services).document(id, for: user, withContent: true)
        let bytes = content ?? Data()
        let mediaType = document.format == "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        let safeName = document.filename.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        return Response(status: .ok, headers: [
            .contentType: mediaType,
            .contentDisposition: "inline; filename=\"\(safeName)\"",
            .init("X-Content-SHA256")!: document.sha256,
            // Stored files are whatever was uploaded: never let a browser run one as a script or a page.
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Content-Security-Policy")!: "sandbox; default-src 'none'",
        ], body: .init(byteBuffer: ByteBuffer(data: bytes)))
    }
}
