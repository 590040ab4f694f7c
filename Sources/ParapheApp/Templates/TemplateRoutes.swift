import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheDocuments
import ParapheStore
import ParapheServices

/// `/api/v1/templates`: templates, their versions, publication and the preview.
struct TemplateRoutes {
    let services: AppServices
    var library: TemplateWorkflow { TemplateWorkflow(services: services) }

    struct CreateInput: Decodable, Sendable {
        var name: String?
        var contractType: String?
        var language: String?
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("templates", use: list)
        api.post("templates", use: create)
        api.get("templates/:id", use: show)
        api.post("templates/:id/versions", use: addVersion)
        api.get("templates/:id/versions/:version", use: version)
        api.post("templates/:id/versions/:version/publish", use: publish)
        api.post("templates/:id/preview", use: preview)
    }

    /// `?published=true` lists only templates sales can generate from.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<TemplateSummaryDTO>> {
        _ = try context.requireUser()
        let page = try PageRequest(request)
        let publishedOnly: Bool
        switch request.uri.queryParameters.get("published") {
        case nil, "false": publishedOnly = false
        case "true": publishedOnly = true
        default: throw ValidationFailure([FieldError("published", "must be true or false")])
        }
        let after = try page.decodeCursor([String].self)
        guard after == nil || after?.count == 2 else { throw ValidationFailure([FieldError("cursor", "is not a cursor this API returned")]) }
        let rows = try await library.templates(publishedOnly: publishedOnly, after: after.map { ($0[0], $0[1]) }, limit: page.limit + 1)
        return JSON(PageRequest.page(rows, limit: page.limit, item: TemplateSummaryDTO.init,
                                     cursor: { PageRequest.encodeCursor([$0.name, $0.id.description]) }))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(CreateInput.self, context: context, limit: 16_384)
        let template = try await library.createTemplate(name: input.name, contractType: input.contractType, language: input.language, by: user)
        return try JSON(TemplateDTO(template, versions: [], published: nil, library: [:]), status: .created).response(from: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<TemplateDTO> {
        _ = try context.requireUser()
        let id: Template.ID = try context.requireID("id")
        return JSON(try await dto(id))
    }

    func dto(_ id: Template.ID) async throws -> TemplateDTO {
        let d = try await library.details(id)
        return TemplateDTO(d.template, versions: d.versions, published: d.published, library: d.library)
    }

    /// The body is the manifest itself, YAML or JSON, as text.
    @Sendable func addVersion(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Template.ID = try context.requireID("id")
        var request = request
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let accepted = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"]
        guard accepted.contains(where: { contentType.hasPrefix($0) }) else {
            throw Problem.unsupportedMediaType("send the manifest as application/yaml or application/json")
        }
        let buffer = try await request.collectBody(limit: ManifestParser.maxBytes)
        guard let source = String(validating: Data(buffer: buffer), as: UTF8.self) else { throw Problem.badRequest("the manifest is not valid UTF-8") }
        guard !source.unicodeScalars.contains("\u{0}") else { throw Problem.badRequest("the manifest contains a NUL character") }
        let version = try await library.addVersion(id, source: source, by: user)
        return try JSON(TemplateVersionDTO(version, withSource: true), status: .created).response(from: request, context: context)
    }

    @Sendable func version(_ request: Request, context: AppContext) async throws -> JSON<TemplateVersionDTO> {
        _ = try context.requireUser()
        let id: Template.ID = try context.requireID("id")
        let number = try Self.versionNumber(context)
        return JSON(TemplateVersionDTO(try await library.version(id, number), withSource: true))
    }

    @Sendable func publish(_ request: Request, context: AppContext) async throws -> JSON<TemplateDTO> {
        let user = try context.requireUser()
        let id: Template.ID = try context.requireID("id")
        let template = try await library.publish(id, version: try Self.versionNumber(context), by: user)
        return JSON(try await dto(template.id))
    }

    static func versionNumber(_ context: AppContext) throws -> Int {
        guard let text = context.parameters.get("version"), let number = Int(text), number > 0 else {
            throw Problem.notFound("no such version: it must be a positive whole number")
        }
        return number
    }

    /// Renders without saving: `?format=html` (default, a fragment for the wizard), `pdf` or `docx`.
    @Sendable func preview(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let id: Template.ID = try context.requireID("id")
        let format = request.uri.queryParameters.get("format") ?? "html"
        guard ["html", "pdf", "docx"].contains(format) else { throw Problem.validation([FieldError("format", "must be html, pdf or docx")]) }
        var request = request
        var input = try await request.decodeJSON(GenerationInput.self, context: context, limit: 262_144)
        input.templateId = id.description
        let document = try await GenerationWorkflow(services: services).preview(try input.request())
        return try Self.rendered(document, format: format, services: services)
    }

    static func rendered(_ document: DocumentModel, format: String, services: AppServices) throws -> Response {
        let (data, type): (Data, String) = switch format {
        case "pdf": (PDFRenderer(fonts: services.fonts).render(document), "application/pdf")
        case "docx": (try DOCXWriter().render(document), DOCXWriter.mediaType)
        default: (Data(HTMLRenderer().render(document).utf8), "text/html; charset=utf-8")
        }
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
