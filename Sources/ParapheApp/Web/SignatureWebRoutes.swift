import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The contract page's signature forms: send, resend, cancel. Refusals come back on the page, in the reader's
/// language.
struct SignatureWebRoutes {
    let web: WebRoutes
    var services: AppServices { web.services }
    var workflow: SignatureWorkflow { SignatureWorkflow(services: services) }

    func register(_ router: some RouterMethods<AppContext>) {
        router.post("contracts/:id/signature", use: send)
        router.post("signature-requests/:id/cancel", use: cancel)
        router.post("signature-requests/:id/signers/:signerId/resend", use: resend)
    }

    @Sendable func send(_ request: Request, context: AppContext) async throws -> Response {
        let id: Contract.ID = try context.requireID("id")
        let (user, form) = try await web.sessionForm(request, context, limit: 65_536)
        let l = web.l(context)
        let drafts = SignatureSection.drafts(form)
        let message = form.value("message")
        do {
            _ = try await workflow.open(id, signers: drafts, message: message, by: user, actor: try context.actor(userAgent: request.userAgent))
            return .redirect("/contracts/\(id)#signature")
        } catch let refused as SigningRefused {
            let text = l.t("\(refused.name) ne peut pas signer ce contrat : \(refused.refusal.phrase(.fr)).",
                           "\(refused.name) may not sign this contract: \(refused.refusal.phrase(.en)).")
            return try await web.contractPage(id, for: user, context, signatureError: text, drafts: drafts, status: .forbidden)
        } catch let failure as ValidationFailure {
            return try await web.contractPage(id, for: user, context, signatureError: SignatureSection.message(failure, l: l), drafts: drafts,
                                              status: .unprocessableContent)
        } catch DomainError.conflict {
            return try await web.contractPage(id, for: user, context, signatureError: l.t(
                "Le contrat ne peut pas partir en signature maintenant : il doit être approuvé, avoir un PDF et aucune demande en cours.",
                "The contract cannot go out for signature now: it must be approved, have a PDF and no request open."), drafts: drafts, status: .conflict)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let id: SignatureRequest.ID = try context.requireID("id")
        let (user, _) = try await web.sessionForm(request, context, limit: 4096)
        let detail = try await workflow.detail(id, for: user)
        do {
            _ = try await workflow.cancel(id, reason: nil, by: user, actor: try context.actor(userAgent: request.userAgent))
        } catch DomainError.conflict {
            let l = web.l(context)
            return try await web.contractPage(detail.contract.id, for: user, context, signatureError: l.t(
                "Cette demande ne peut plus être annulée : elle est close, ou tous ont signé et le document est en cours de scellement.",
                "This request can no longer be cancelled: it is closed, or everyone has signed and the document is being sealed."), status: .conflict)
        }
        return .redirect("/contracts/\(detail.contract.id)#signature")
    }

    @Sendable func resend(_ request: Request, context: AppContext) async throws -> Response {
        let id: SignatureRequest.ID = try context.requireID("id")
        let (user, form) = try await web.sessionForm(request, context, limit: 4096)
        let detail = try await workflow.detail(id, for: user)
        do {
            _ = try await workflow.resend(id, signer: try context.requireID("signerId"), email: form.value("email"), by: user,
                                         actor: try context.actor(userAgent: request.userAgent))
        } catch let failure as ValidationFailure {
            let l = web.l(context)
            let message = failure.errors.first?.message ?? ""
            let text = message.contains("colleague") ? l.t("Cette adresse est celle d'un collègue : un collègue signe pour la société.",
                                                            "This address is a colleague's: a colleague signs for the company.")
                : message.contains("another signer") ? l.t("Un autre signataire de cette demande a déjà cette adresse.",
                                                          "Another signer of this request already has this address.")
                : l.t("Adresse électronique invalide.", "Invalid email address.")
            return try await web.contractPage(detail.contract.id, for: user, context, signatureError: text, status: .unprocessableContent)
        } catch DomainError.conflict {
            let l = web.l(context)
            return try await web.contractPage(detail.contract.id, for: user, context, signatureError: l.t(
                "Le lien ne peut pas être renvoyé : la demande est close, le signataire a déjà signé, ou c'est un collègue (annulez et renvoyez la demande pour changer qui signe).",
                "The link cannot be resent: the request is closed, the signer has signed, or it is a colleague (cancel and send again to change who signs)."),
                status: .conflict)
        }
        return .redirect("/contracts/\(detail.contract.id)#signature")
    }
}
