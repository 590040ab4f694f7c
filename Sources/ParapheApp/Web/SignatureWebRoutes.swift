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
        let detail = try await workflow.cancel(id, reason: nil, by: user, actor: try context.actor(userAgent: request.userAgent))
        return .redirect("/contracts/\(detail.contract.id)#signature")
    }

    @Sendable func resend(_ request: Request, context: AppContext) async throws -> Response {
        let id: SignatureRequest.ID = try context.requireID("id")
        let (user, form) = try await web.sessionForm(request, context, limit: 4096)
        let detail = try await workflow.detail(id, for: user)
        do {
            _ = try await workflow.resend(id, signer: try context.requireID("signerId"), email: form.value("email"), by: user,
                                         actor: try context.actor(userAgent: request.userAgent))
        } catch is ValidationFailure {
            let l = web.l(context)
            return try await web.contractPage(detail.contract.id, for: user, context,
                                              signatureError: l.t("Adresse électronique invalide.", "Invalid email address."), status: .unprocessableContent)
        }
        return .redirect("/contracts/\(detail.contract.id)#signature")
    }
}
