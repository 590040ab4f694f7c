import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The sender's side of e-signature: open a request, follow it, cancel it, resend a link; and the one way to
/// `signed` without a seal.
struct SignatureRoutes {
    let services: AppServices
    var workflow: SignatureWorkflow { SignatureWorkflow(services: services) }

    func register(_ api: some RouterMethods<AppContext>) {
        api.post("contracts/:id/signature-requests", use: open)
        api.get("contracts/:id/signature-requests", use: list)
        api.post("contracts/:id/signed-elsewhere", use: signedElsewhere)
        api.get("signature-requests/:id", use: show)
        api.delete("signature-requests/:id", use: cancel)
        api.post("signature-requests/:id/signers/:signerId/resend", use: resend)
    }

    struct OpenInput: Decodable {
        struct SignerInput: Decodable {
            var name: String
            var email: String
            var role: String
            var order: Int?
            var language: String?
        }
        var signers: [SignerInput]?
        var message: String?
    }

    static let openKeys = KeyShape.object([
        "signers": .array(.object(["name": .any, "email": .any, "role": .any, "order": .any, "language": .any])), "message": .any,
    ])

    @Sendable func open(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(OpenInput.self, context: context, limit: 65_536, keys: Self.openKeys)
        let drafts = input.signers?.map {
            SignatureWorkflow.Draft(name: $0.name, email: $0.email, role: $0.role, order: $0.order ?? 1, language: $0.language)
        }
        let detail = try await workflow.open(try context.requireID("id"), signers: drafts, message: input.message, by: user,
                                             actor: try context.actor(userAgent: request.userAgent))
        return try JSON(SignatureRequestDTO(detail), status: .created).response(from: request, context: context)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<SignatureRequestDTO>> {
        let details = try await workflow.requests(of: try context.requireID("id"), for: try context.requireUser())
        return JSON(Page(items: details.map(SignatureRequestDTO.init), nextCursor: nil))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<SignatureRequestDTO> {
        JSON(SignatureRequestDTO(try await workflow.detail(try context.requireID("id"), for: try context.requireUser())))
    }

    struct CancelInput: Decodable {
        var reason: String?
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> JSON<SignatureRequestDTO> {
        let user = try context.requireUser()
        var request = request
        // The reason is optional, and so is the body.
        let reason = request.headers[.contentType] == nil ? nil
            : try await request.decodeJSON(CancelInput.self, context: context, limit: 16_384, keys: .object(["reason": .any])).reason
        let errors = TextRules.optionalText(reason, field: "reason", max: SignatureInput.maxReason)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return JSON(SignatureRequestDTO(try await workflow.cancel(try context.requireID("id"), reason: reason, by: user,
                                                                   actor: try context.actor(userAgent: request.userAgent))))
    }

    struct ResendInput: Decodable {
        var email: String?
    }

    @Sendable func resend(_ request: Request, context: AppContext) async throws -> JSON<SignerDTO> {
        let user = try context.requireUser()
        var request = request
        let input = request.headers[.contentType] == nil ? ResendInput()
            : try await request.decodeJSON(ResendInput.self, context: context, limit: 16_384, keys: .object(["email": .any]))
        let signer = try await workflow.resend(try context.requireID("id"), signer: try context.requireID("signerId"), email: input.email,
                                               by: user, actor: try context.actor(userAgent: request.userAgent))
        return JSON(SignerDTO(signer))
    }

    /// `multipart/form-data`: `file` (the signed PDF) and `reason`.
    @Sendable func signedElsewhere(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let buffer = try await request.collectBody(limit: services.config.maxBodyBytes)
        let form = try MultipartForm.parse(buffer, contentType: request.headers[.contentType] ?? "")
        guard let file = form.part("file") else { throw Problem.validation([FieldError("file", "is required: the signed PDF")]) }
        let contract = try await workflow.recordSignedElsewhere(
            try context.requireID("id"), pdf: file.body, filename: file.filename ?? "contrat-signe.pdf", reason: form.text("reason") ?? "",
            by: user, actor: try context.actor(userAgent: request.userAgent))
        return try JSON(try await ContractRoutes(services: services).dto(contract.id, for: user)).response(from: request, context: context)
    }
}
