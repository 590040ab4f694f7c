import Foundation
import Hummingbird
import ParapheCore
import ParapheServices
import ParapheSignature
import Plot

/// `/verify`: anyone uploads a PDF and reads whether Paraphe sealed it and whether it is intact. Nothing is stored.
struct VerifyRoutes {
    let services: AppServices

    func register(_ router: some RouterMethods<AppContext>) {
        router.get("verify", use: page)
        router.post("verify", use: check)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> Response {
        let l = L10n(context)
        return VerifyPage(l: l, user: context.user, result: nil, error: nil).response()
    }

    @Sendable func check(_ request: Request, context: AppContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(limit: services.config.maxBodyBytes)
        let form = try MultipartForm.parse(buffer, contentType: request.headers[.contentType] ?? "")
        guard let file = form.part("file"), !file.body.isEmpty else {
            if SigningRoutes.wantsJSON(request) { throw Problem.validation([FieldError("file", "is required: the PDF to check")]) }
            let l = L10n(context)
            return VerifyPage(l: l, user: context.user, result: nil, error: l.t("Choisissez un fichier PDF à vérifier.", "Choose a PDF file to check."))
                .response(status: .unprocessableContent)
        }
        let (verification, evidence) = try SealChecks(services: services).check(file.body)
        let dto = SealCheckDTO(verification, evidence: verification.outcome == .valid ? evidence : nil)
        if SigningRoutes.wantsJSON(request) { return try JSON(dto).response(from: request, context: context) }
        return VerifyPage(l: L10n(context), user: context.user, result: dto, error: nil).response()
    }
}

struct VerifyPage {
    let l: L10n
    let user: User?
    let result: SealCheckDTO?
    let error: String?

    func response(status: HTTPResponse.Status = .ok) -> Response {
        var content: [Node<HTML.BodyContext>] = [
            E("h1", [:], text: l.t("Vérifier un document scellé", "Check a sealed document")),
            E("p", [:], text: l.t("Déposez un PDF signé avec Paraphe : la page dit s'il a été scellé par cette organisation et s'il est intact. "
                                  + "Le fichier n'est pas conservé.",
                                  "Upload a PDF signed with Paraphe: this page says whether this organisation sealed it and whether it is intact. "
                                  + "The file is not kept.")),
            E("form", ["method": "post", "action": "/verify", "enctype": "multipart/form-data"], [
                E("p", [:], [E("label", ["for": "file"], text: l.t("Fichier PDF", "PDF file")), T(" "),
                             V("input", ["type": "file", "id": "file", "name": "file", "accept": "application/pdf", "required": ""])]),
                E("p", [:], [E("button", ["type": "submit", "class": "primary"], text: l.t("Vérifier", "Check"))]),
            ]),
        ]
        if let error { content.append(E("p", ["class": "alert", "role": "alert", "id": "verify-error"], text: error)) }
        if let result { content.append(verdict(result)) }
        return Layout(l: l, user: user, csrf: nil, path: "/verify").page(l.t("Vérifier", "Verify"), content, status: status)
    }

    private func verdict(_ r: SealCheckDTO) -> Node<HTML.BodyContext> {
        let (headline, explanation): (String, String) = switch SealVerification.Outcome(rawValue: r.outcome) {
        case .valid: (l.t("Valide", "Valid"), l.t("Ce document a été scellé par cette organisation et n'a pas été modifié depuis.",
                                                    "This document was sealed by this organisation and has not changed since."))
        case .modified: (l.t("Modifié", "Modified"), l.t("Ce document a été modifié après son scellement : ce n'est plus celui qui a été signé.",
                                                          "This document was changed after it was sealed: it is no longer the one that was signed."))
        case .unknownSigner: (l.t("Signataire inconnu", "Unknown signer"),
                              l.t("Ce document est scellé, mais pas par cette organisation.", "This document is sealed, but not by this organisation."))
        case .notSealed, nil: (l.t("Non scellé par Paraphe", "Not sealed by Paraphe"),
                               l.t("Ce document ne porte pas de cachet Paraphe.", "This document carries no Paraphe seal."))
        }
        var rows: [Node<HTML.BodyContext>] = [E("p", [:], text: explanation)]
        func row(_ label: String, _ value: String?) {
            guard let value else { return }
            rows.append(E("p", [:], [E("strong", [:], text: label + l.t(" : ", ": ")), T(value)]))
        }
        if r.outcome == SealVerification.Outcome.valid.rawValue {
            row(l.t("Contrat", "Contract"), r.reference)
            row(l.t("Cachet", "Seal"), r.signer)
            row(l.t("Niveau", "Level"), r.level)
            row(l.t("Horodatage", "Time-stamp"), r.timestamp.map {
                l.time($0) + (r.timestampAuthority.map { " (\($0))" } ?? "")
                    + (r.timestampTrusted == true ? "" : l.t(" — autorité d'horodatage non reconnue ici", " — time-stamp authority not recognised here"))
            })
            row(l.t("Signataires", "Signers"), r.signers?.joined(separator: ", "))
            row(l.t("Empreinte SHA-256 de la version signée", "SHA-256 of the version signed"), r.signedVersionSha256)
        }
        row(l.t("Empreinte SHA-256 du fichier", "SHA-256 of the file"), r.fileSha256)
        return E("section", ["id": "verdict", "class": r.outcome == "valid" ? "ok" : "alert", "data-outcome": r.outcome],
                 [E("h2", [:], text: headline)] + rows)
    }
}
