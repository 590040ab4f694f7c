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

    func visibleDocument(_ id: DocumentRecord.ID, for user: User) async throws -> DocumentRecord {
        let workflow = ContractWorkflow(services: services)
        return try await services.database.read { s in
            guard let document = try await s.document(id) else { throw Problem.notFound("no document with this id") }
            _ = try await workflow.visible(document.contractId, to: user, in: s)
            return document
        }
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<DocumentDTO> {
        JSON(DocumentDTO(try await visibleDocument(try context.requireID("id"), for: try context.requireUser())))
    }

    @Sendable func content(_ request: Request, context: AppContext) async throws -> Response {
        try await content(of: try context.requireID("id"), for: try context.requireUser())
    }

    func content(of id: DocumentRecord.ID, for user: User) async throws -> Response {
        let document = try await visibleDocument(id, for: user)
        let blobs = services.blobs
        guard let bytes = try await services.database.read({ try await blobs.get(document.sha256, in: $0) }) else {
            throw Problem.notFound("the stored file is missing; run GET /api/v1/contracts/\(document.contractId)/verify")
        }
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
