import Foundation
import ParapheCore
import ParapheDocuments

/// The pages a seal adds after the version signed: the signature page (each signer's name, role, time and
/// signature) and the evidence annex, which prints what the embedded evidence holds.
struct SealAnnex {
    let evidence: SealEvidence
    let signers: [Signer]
    let organisation: String
    let counterparty: String?
    let language: Language

    private func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    var document: DocumentModel {
        let signatories = signers.map { signer in
            Signatory(party: signer.role == .internal ? organisation : (counterparty ?? signer.email),
                      name: signer.name, capacity: signer.role == .internal ? t("Signataire pour la société", "Signing for the company")
                          : t("Signataire pour la contrepartie", "Signing for the counterparty"),
                      mark: signer.mark.map(Self.mark),
                      signedOn: signer.signedAt.map { t("Signé électroniquement le ", "Signed electronically on ") + Formatting.timestamp($0, language) })
        }
        return DocumentModel(
            language: language, title: t("Page de signature", "Signature page"), subtitle: "\(evidence.reference) — \(evidence.title)",
            signature: SignaturePage(closing: t("Document signé électroniquement avec Paraphe. Chaque signataire a prouvé détenir son adresse "
                                                + "électronique par un code à usage unique avant de signer.",
                                                "Document signed electronically with Paraphe. Each signer proved they hold their email address "
                                                + "with a one-time code before signing."),
                                     signatories: signatories),
            annexes: [Annex(title: t("Preuve de signature", "Evidence of signature"), blocks: evidenceBlocks)])
    }

    private var evidenceBlocks: [Block] {
        func row(_ cells: String...) -> [[Run]] { cells.map { [Run($0)] } }
        var blocks: [Block] = [
            .paragraph([Run(t("Version signée : ", "Version signed: "), bold: true), Run(evidence.signedVersion.filename)]),
            .paragraph([Run(t("Empreinte SHA-256 de la version signée : ", "SHA-256 of the version signed: "), bold: true),
                        Run(evidence.signedVersion.sha256)]),
            .paragraph([Run(t("Signataires", "Signers"), bold: true)]),
            .table(header: true, rows: [row(t("Signataire", "Signer"), t("Vérification", "Verification"), t("Signé le", "Signed"), t("Adresse IP", "IP address"))]
                + evidence.signers.map { signer in
                    row("\(signer.name) <\(signer.email)>",
                        t("Code à usage unique envoyé à ", "One-time code sent to ") + signer.email
                            + (signer.verifiedAt.map { t(", confirmé le ", ", confirmed ") + Formatting.timestamp($0, language) } ?? ""),
                        signer.signedAt.map { Formatting.timestamp($0, language) } ?? "—", signer.ip ?? "—")
                }),
            .paragraph([Run(t("Déroulé", "Timeline"), bold: true)]),
            .table(header: true, rows: [row(t("Date", "Date"), t("Étape", "Step"), t("Par", "By"), t("Adresse IP", "IP address"))]
                + evidence.timeline.map { step in
                    row(Formatting.timestamp(step.at, language), stepName(step), actorName(step.actor), step.ip ?? "—")
                }),
            .paragraph([Run(t("Piste d'audit du contrat au scellement : ", "The contract's audit trail at sealing: "), bold: true),
                        Run(t("\(evidence.auditChain.count) événements, dernière empreinte ", "\(evidence.auditChain.count) events, last hash ")
                            + evidence.auditChain.head)]),
            .paragraph([Run(t("Horodatage : ", "Time-stamp: "), bold: true), Run(timestampText)]),
        ]
        blocks.append(.paragraph([Run(t("Ces éléments sont aussi joints au PDF (paraphe-evidence.json), sous le cachet électronique qui scelle "
                                        + "l'ensemble : la moindre modification du fichier le rend invalide.",
                                        "This evidence is also attached to the PDF (paraphe-evidence.json), under the electronic seal that covers "
                                        + "the whole file: changing a single byte invalidates it."))]))
        return blocks
    }

    private var timestampText: String {
        switch evidence.timestamp.status {
        case "requested": t("jeton RFC 3161 de ", "RFC 3161 token from ") + (evidence.timestamp.authority ?? "")
        case "failed": t("l'autorité d'horodatage n'a pas fourni de jeton valable (le détail est dans les éléments de preuve joints) ; le cachet porte "
                         + "l'heure du serveur, sans jeton",
                         "the time-stamp authority gave no valid token (the reason is in the attached evidence); the seal carries the server's time, "
                         + "without a token")
        default: t("aucune autorité configurée ; le cachet porte l'heure du serveur", "no authority configured; the seal carries the server's time")
        }
    }

    private func stepName(_ step: SealEvidence.Step) -> String {
        let name = signers.first { $0.id.description == step.signerId }?.name
        let what: String = switch (step.type, step.step ?? "") {
        case ("signature.requested", _): t("Envoi pour signature", "Sent for signature")
        case ("signature.notified", _): t("Lien envoyé", "Link sent")
        case ("signature.step", "viewed"): t("Document consulté", "Document viewed")
        case ("signature.step", "codeSent"): t("Code envoyé", "Code sent")
        case ("signature.step", "codeVerified"): t("Code confirmé", "Code confirmed")
        case ("signature.step", "codeRejected"): t("Code erroné", "Wrong code")
        case ("signature.step", "codeLocked"): t("Code bloqué", "Code locked")
        case ("signature.signed", _): t("Signature", "Signature")
        case ("signature.signerChanged", _): t("Adresse corrigée", "Address corrected")
        default: step.type
        }
        return name.map { "\(what) — \($0)" } ?? what
    }

    /// Who acted, as the trail names them: a signer by address, the server as Paraphe.
    private func actorName(_ label: String) -> String {
        let actor = Actor(userId: nil, label: label)
        return actor == .system ? "Paraphe" : actor.signerEmail ?? label
    }

    static func mark(_ mark: SignatureInput.Mark) -> SignatureMark {
        switch mark {
        case .typed(let text): .typed(text)
        case .drawn(let strokes): .drawn(strokes: strokes.map { $0.map { SignaturePoint(x: $0[0], y: $0[1]) } })
        }
    }
}
