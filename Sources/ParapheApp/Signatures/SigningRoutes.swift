import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices
import ParapheStore

/// The signer's pages, public: the link's token is the only credential. JSON for the page's script and for API
/// clients, HTML for people. Paths carrying a token are never logged.
struct SigningRoutes {
    let services: AppServices
    var ceremony: SignatureCeremony { SignatureCeremony(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("sign/:token", use: show)
        router.get("sign/:token/document.pdf", use: document)
        router.post("sign/:token/otp", use: sendCode)
        router.post("sign/:token/verify", use: verify)
        router.post("sign/:token/sign", use: sign)
        router.post("sign/:token/decline", use: decline)
        router.get("assets/signing.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: SigningPage.script)))
        }
    }

    func client(_ request: Request, _ context: AppContext) -> SignatureCeremony.Client {
        SignatureCeremony.Client(ip: context.remoteAddress, userAgent: request.userAgent)
    }

    func token(_ context: AppContext) throws -> String {
        guard let token = context.parameters.get("token") else { throw SignatureCeremony.Refusal.unknownLink }
        return token
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// The page language: the visitor's explicit choice, otherwise the signer's.
    static func language(_ request: Request, signer: Language?) -> Language {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) { return chosen }
        if let cookie = request.cookies[WebLanguage.cookie]?.value, let chosen = Language(rawValue: cookie) { return chosen }
        return signer ?? WebLanguage.preferred(request)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let token = try token(context)
        do {
            let view = try await ceremony.view(token, client: client(request, context))
            let path = "/sign/\(token)"
            if Self.wantsJSON(request) {
                let dto = CeremonyDTO(signer: SignerDTO(view.signer), status: view.request.status.rawValue,
                                      contract: ["reference": view.contract.reference.description, "title": view.contract.title],
                                      document: .init(sha256: view.document.sha256, url: path + "/document.pdf", filename: view.document.filename),
                                      verified: view.verified,
                                      consent: .init(version: SignatureConsent.version, text: view.consent))
                return try JSON(dto).response(from: request, context: context)
            }
            let l = L10n(language: Self.language(request, signer: view.signer.language))
            var shown = view
            shown.consent = SignatureConsent.text(l.language)
            return SigningPage(l: l, view: shown, path: path).response()
        } catch let refusal as SignatureCeremony.Refusal where !Self.wantsJSON(request) {
            let l = L10n(language: Self.language(request, signer: nil))
            return SigningPage.refused(refusal, l: l)
        }
    }

    @Sendable func document(_ request: Request, context: AppContext) async throws -> Response {
        let record: DocumentRecord, data: Data
        do {
            (record, data) = try await ceremony.document(try token(context))
        } catch let refusal as SignatureCeremony.Refusal where !Self.wantsJSON(request) {
            return SigningPage.refused(refusal, l: L10n(language: Self.language(request, signer: nil)))
        }
        return Response(status: .ok, headers: [.contentType: "application/pdf",
                                               .contentDisposition: "inline; filename=\"\(record.filename.filter { $0 != "\"" })\"",
                                               .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    @Sendable func sendCode(_ request: Request, context: AppContext) async throws -> Response {
        try await ceremony.sendCode(try token(context), client: client(request, context))
        return Response(status: .accepted)
    }

    struct CodeInput: Decodable { var code: String }

    @Sendable func verify(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(CodeInput.self, context: context, limit: 4096, keys: .object(["code": .any]))
        try await ceremony.verify(try token(context), code: input.code, client: client(request, context))
        return Response(status: .noContent)
    }

    struct SignInput: Decodable {
        var consent: Bool
        var documentSha256: String
        var signature: SignatureMarkInput
        /// The language of the consent text shown.
        var language: String?
    }

    static let signKeys = KeyShape.object(["consent": .any, "documentSha256": .any, "language": .any,
                                           "signature": .object(["kind": .any, "text": .any, "strokes": .any])])

    @Sendable func sign(_ request: Request, context: AppContext) async throws -> JSON<SignerDTO> {
        var request = request
        let input = try await request.decodeJSON(SignInput.self, context: context, limit: 262_144, keys: Self.signKeys)
        let language = try input.language.map { text in
            guard let language = Language(rawValue: text) else { throw Problem.validation([FieldError("language", "must be fr or en")]) }
            return language
        }
        let signer = try await ceremony.sign(try token(context), .init(consent: input.consent, documentSha256: input.documentSha256,
                                                                      mark: try input.signature.mark(), language: language),
                                             client: client(request, context))
        return JSON(SignerDTO(signer))
    }

    struct DeclineInput: Decodable { var reason: String }

    @Sendable func decline(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(DeclineInput.self, context: context, limit: 16_384, keys: .object(["reason": .any]))
        try await ceremony.decline(try token(context), reason: input.reason, client: client(request, context))
        return Response(status: .noContent)
    }
}
