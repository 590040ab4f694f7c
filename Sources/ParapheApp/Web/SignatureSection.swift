import Foundation
import ParapheCore
import ParapheServices
import ParapheSignature
import Plot

/// The contract page's signature card: send an approved contract for signature (signers prefilled, editable), follow
/// each signer, resend or cancel, and the sealed PDF with its verification.
struct SignatureSection {
    let l: L10n
    let contract: Contract
    /// The latest request first.
    let requests: [SignatureWorkflow.Detail]
    let defaults: [SignatureWorkflow.Draft]
    let seals: [SealChecks.DocumentSeal]
    let csrf: String?
    let canWrite: Bool
    var error: String?
    var drafts: [SignatureWorkflow.Draft]?

    private func t(_ fr: String, _ en: String) -> String { l.t(fr, en) }

    var node: Node<HTML.BodyContext>? {
        var parts: [Node<HTML.BodyContext>] = []
        if let error { parts.append(E("p", ["class": "alert", "role": "alert", "id": "signature-error"], text: error)) }
        if let latest = requests.first { parts.append(requestView(latest)) }
        for seal in seals { parts.append(sealView(seal)) }
        if canWrite, contract.status == .approved, !(requests.first?.request.status.holdsContract ?? false) { parts.append(sendForm) }
        guard !parts.isEmpty else { return nil }
        return E("section", ["class": "card", "id": "signature", "aria-labelledby": "signature-title"],
                 [E("h2", ["id": "signature-title", "style": "margin-top:0"], text: t("Signature électronique", "Electronic signature"))] + parts)
    }

    private var sendForm: Node<HTML.BodyContext> {
        let rows = (drafts ?? defaults) + Array(repeating: SignatureWorkflow.Draft(name: "", email: "", role: "counterparty", order: 1), count: 2)
        return E("form", ["method": "post", "action": "/contracts/\(contract.id)/signature", "id": "send-for-signature"], [
            V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
            E("p", ["class": "muted"], text: t("Les signataires de même ordre signent en parallèle ; l'ordre suivant est invité quand le précédent a signé.",
                                               "Signers with the same order sign in parallel; the next order is invited once the previous one has signed.")),
            E("table", ["class": "responsive"], [
                E("thead", [:], [E("tr", [:], [t("Nom", "Name"), t("Adresse électronique", "Email"), t("Rôle", "Role"), t("Ordre", "Order")]
                    .map { E("th", ["scope": "col"], text: $0) })]),
                E("tbody", [:], rows.enumerated().map { index, draft in
                    E("tr", [:], [
                        E("td", [:], [V("input", ["name": "name.\(index)", "value": draft.name, "aria-label": t("Nom", "Name") + " \(index + 1)", "maxlength": "200"])]),
                        E("td", [:], [V("input", ["name": "email.\(index)", "type": "email", "value": draft.email,
                                                  "aria-label": t("Adresse électronique", "Email") + " \(index + 1)"])]),
                        E("td", [:], [E("select", ["name": "role.\(index)", "aria-label": t("Rôle", "Role") + " \(index + 1)"], [
                            E("option", ["value": "internal", "selected": draft.role == "internal" ? "" : nil], text: t("Pour la société", "For the company")),
                            E("option", ["value": "counterparty", "selected": draft.role == "counterparty" ? "" : nil], text: t("Contrepartie", "Counterparty")),
                        ])]),
                        E("td", [:], [V("input", ["name": "order.\(index)", "type": "number", "min": "1", "max": "10", "value": String(draft.order),
                                                  "aria-label": t("Ordre", "Order") + " \(index + 1)", "style": "width:4rem"])]),
                    ])
                }),
            ]),
            E("p", [:], [E("label", ["for": "signature-message"], text: t("Message aux signataires (facultatif)", "Message to the signers (optional)"))]),
            E("textarea", ["id": "signature-message", "name": "message", "rows": "2", "maxlength": "2000"], []),
            E("p", [:], [E("button", ["type": "submit", "class": "primary"], text: t("Envoyer pour signature", "Send for signature"))]),
        ])
    }

    private func requestView(_ detail: SignatureWorkflow.Detail) -> Node<HTML.BodyContext> {
        let request = detail.request
        let open = request.status == .open && canWrite
        return E("div", ["id": "signature-request", "data-status": request.status.rawValue], [
            E("p", [:], [E("strong", [:], text: t("Demande : ", "Request: ")), T(requestStatus(request.status)), T(" · "
                        + t("envoyée le ", "sent ") + l.time(request.createdAt)
                        + (request.status == .open ? " · " + t("liens valables jusqu'au ", "links valid until ") + Formatting.day(Day(request.expiresAt), l.language) : ""))]),
            E("ul", ["class": "signers"], detail.signers.map { signer in
                E("li", ["data-signer": signer.id.description, "data-status": signer.status.rawValue], [
                    E("strong", [:], text: signer.name), T(" <\(signer.email)> · "),
                    T(signer.role == .internal ? t("pour la société", "for the company") : t("contrepartie", "counterparty")),
                    T(" · " + t("ordre ", "order ") + String(signer.order) + " · "),
                    E("span", ["class": "badge"], text: signerStatus(signer)),
                    signer.declineReason.map { E("div", ["class": "muted"], text: t("Motif : ", "Reason: ") + $0) } ?? .group([]),
                    open && (signer.status == .invited || signer.status == .waiting)
                        ? E("form", ["method": "post", "action": "/signature-requests/\(request.id)/signers/\(signer.id)/resend", "class": "inline"], [
                            V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                            signer.role == .counterparty
                                ? V("input", ["type": "email", "name": "email", "value": signer.email, "aria-label": t("Adresse corrigée", "Corrected address")])
                                : .group([]),
                            E("button", ["type": "submit", "class": "link"], text: t("Renvoyer le lien", "Resend the link")),
                        ])
                        : .group([]),
                ])
            }),
            open ? E("form", ["method": "post", "action": "/signature-requests/\(request.id)/cancel",
                              "data-confirm": t("Annuler cette demande de signature ? Les liens envoyés ne fonctionneront plus.",
                                                "Cancel this signature request? The links sent will stop working.")], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]),
                E("button", ["type": "submit", "class": "secondary"], text: t("Annuler la demande", "Cancel the request")),
            ]) : .group([]),
        ])
    }

    private func sealView(_ seal: SealChecks.DocumentSeal) -> Node<HTML.BodyContext> {
        let valid = seal.verification.outcome == .valid && seal.anchorHolds == true
        let verdict = valid ? t("cachet valide, document intact", "seal valid, document intact")
            : seal.verification.outcome == .valid ? t("cachet valide, mais la piste d'audit ne correspond plus", "seal valid, but the audit trail no longer matches")
            : t("cachet invalide : document modifié ou inconnu", "seal invalid: document modified or unknown")
        return E("p", ["id": "sealed-document", "data-outcome": seal.verification.outcome.rawValue], [
            E("strong", [:], text: t("Document scellé : ", "Sealed document: ")),
            E("a", ["href": "/contracts/\(contract.id)/documents/\(seal.document.id)"], text: seal.document.filename), T(" · "),
            E("span", ["class": valid ? "badge" : "badge derogation"], text: verdict),
            T(" · " + (seal.verification.level?.rawValue ?? "")
              + (seal.verification.timestamp.map { " · " + t("horodaté le ", "time-stamped ") + l.time($0) } ?? "")),
        ])
    }

    private func requestStatus(_ status: SignatureRequest.Status) -> String {
        switch status {
        case .open: t("en cours", "open")
        case .sealing: t("signée par tous, scellement en cours", "signed by all, sealing")
        case .completed: t("terminée", "completed")
        case .declined: t("refusée", "declined")
        case .cancelled: t("annulée", "cancelled")
        case .expired: t("expirée", "expired")
        }
    }

    private func signerStatus(_ signer: Signer) -> String {
        switch signer.status {
        case .waiting: t("attend l'ordre précédent", "waiting for the previous order")
        case .invited: t("invité", "invited")
        case .signed: t("a signé le ", "signed ") + (signer.signedAt.map { l.time($0) } ?? "")
        case .declined: t("a refusé", "declined")
        }
    }

    /// Signer rows from the form: `name.N`, `email.N`, `role.N`, `order.N`; blank rows are skipped.
    static func drafts(_ form: WebForm) -> [SignatureWorkflow.Draft] {
        (0..<SignatureInput.maxSigners + 2).compactMap { index in
            let name = form.value("name.\(index)") ?? "", email = form.value("email.\(index)") ?? ""
            guard !name.isEmpty || !email.isEmpty else { return nil }
            return SignatureWorkflow.Draft(name: name, email: email, role: form.value("role.\(index)") ?? "counterparty",
                                           order: Int(form.value("order.\(index)") ?? "") ?? 1)
        }
    }

    /// A refused form, said in the reader's language.
    static func message(_ failure: ValidationFailure, l: L10n) -> String {
        failure.errors.map { error in
            let row = error.field.split(separator: "[").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }.map { $0 + 1 }
            let which = row.map { l.t("Signataire \($0) : ", "Signer \($0): ") } ?? ""
            let text: String = switch error.field.split(separator: ".").last.map(String.init) ?? error.field {
            case "name": l.t("nom manquant ou trop long", "name missing or too long")
            case "email": error.message.contains("colleague") ? l.t("aucun collègue actif n'a cette adresse", "no active colleague has this address")
                : error.message.contains("twice") ? l.t("cette adresse signe deux fois", "this address signs twice")
                : l.t("adresse électronique invalide", "invalid email address")
            case "order": l.t("ordre de 1 à 10", "order from 1 to 10")
            case "message": l.t("message trop long", "message too long")
            default: error.message.contains("colleague") ? l.t("au moins un signataire doit signer pour la société", "at least one signer must sign for the company")
                : l.t("nommez les signataires", "name the signers")
            }
            return which + text
        }.joined(separator: " · ")
    }
}
