import Foundation
import ParapheCore
import ParapheStore

/// The mails of a signature request, in each recipient's language. Links and codes are never written here: the
/// body holds a placeholder and the mail names the secret, which is minted when the mail is sent.
enum SignatureMails {
    static func linkSecret(_ signer: Signer.ID) -> String { "signature-link:\(signer)" }
    static func codeSecret(_ signer: Signer.ID) -> String { "signature-code:\(signer)" }

    static func invitation(_ signer: Signer, request: SignatureRequest, contract: Contract, sender: String, reminder: Bool,
                           services: AppServices, at now: Date) -> OutgoingMail {
        let fr = signer.language == .fr
        let label = "\(contract.reference) — \(contract.title)"
        let expires = Formatting.day(Day(request.expiresAt), signer.language)
        let subject = switch (fr, reminder) {
        case (true, false): "Signature demandée : \(label)"
        case (true, true): "Rappel — signature en attente : \(label)"
        case (false, false): "Signature requested: \(label)"
        case (false, true): "Reminder — signature waiting: \(label)"
        }
        let note = request.message.map { "\n\n« \($0) »" } ?? ""
        let body = fr
            ? "Bonjour \(signer.name),\n\n\(sender) vous invite à signer le contrat \(label).\(note)\n\nLire et signer (lien personnel, valable jusqu'au \(expires)) :\n\(OutgoingMail.secretPlaceholder)\n\nNe transférez pas ce message : le lien vous est propre.\n\n— Paraphe\n"
            : "Hello \(signer.name),\n\n\(sender) invites you to sign the contract \(label).\(note)\n\nRead and sign (personal link, valid until \(expires)):\n\(OutgoingMail.secretPlaceholder)\n\nDo not forward this message: the link is yours alone.\n\n— Paraphe\n"
        return OutgoingMail(recipient: signer.email, subject: subject, body: body, createdAt: now, secret: linkSecret(signer.id))
    }

    static func code(_ signer: Signer, at now: Date) -> OutgoingMail {
        let fr = signer.language == .fr
        let minutes = Int(OneTimeCode.lifetime / 60)
        return OutgoingMail(
            recipient: signer.email,
            subject: fr ? "Votre code de signature" : "Your signing code",
            body: fr ? "Bonjour \(signer.name),\n\nVotre code pour signer : \(OutgoingMail.secretPlaceholder)\n\nIl est valable \(minutes) minutes. Si vous n'avez rien demandé, ignorez ce message.\n\n— Paraphe\n"
                : "Hello \(signer.name),\n\nYour signing code: \(OutgoingMail.secretPlaceholder)\n\nIt is valid for \(minutes) minutes. If you did not ask for it, ignore this message.\n\n— Paraphe\n",
            createdAt: now, secret: codeSecret(signer.id))
    }

    enum Closing { case cancelled, declined }

    static func closed(_ signer: Signer, contract: Contract, because: Closing, services: AppServices, at now: Date) -> OutgoingMail {
        let fr = signer.language == .fr
        let label = "\(contract.reference) — \(contract.title)"
        let why = switch (because, fr) {
        case (.cancelled, true): "La demande de signature a été annulée par l'expéditeur ; votre lien ne fonctionne plus."
        case (.cancelled, false): "The sender cancelled the signature request; your link no longer works."
        case (.declined, true): "Un signataire a refusé de signer ; la demande est close et votre lien ne fonctionne plus."
        case (.declined, false): "A signer declined to sign; the request is closed and your link no longer works."
        }
        return OutgoingMail(recipient: signer.email, subject: (fr ? "Signature annulée : " : "Signature cancelled: ") + label,
                            body: (fr ? "Bonjour " : "Hello ") + signer.name + ",\n\n" + why + "\n\n— Paraphe\n", createdAt: now)
    }

    enum SenderEvent {
        case declined(by: String, reason: String)
        case expired
        case signed
    }

    static func toSender(_ sender: User, contract: Contract, event: SenderEvent, services: AppServices, at now: Date) -> OutgoingMail {
        let fr = sender.language == .fr
        let label = "\(contract.reference) — \(contract.title)"
        let (subject, text): (String, String) = switch (event, fr) {
        case (.declined(let who, let reason), true): ("Signature refusée : \(label)", "\(who) a refusé de signer. Motif :\n\(reason)\n\nLe contrat revient en négociation.")
        case (.declined(let who, let reason), false): ("Signature declined: \(label)", "\(who) declined to sign. Reason:\n\(reason)\n\nThe contract is back in negotiation.")
        case (.expired, true): ("Signature expirée : \(label)", "Les liens de signature ont expiré avant que tout le monde signe. Le contrat reste approuvé : envoyez une nouvelle demande.")
        case (.expired, false): ("Signature expired: \(label)", "The signing links expired before everyone signed. The contract stays approved: send a new request.")
        case (.signed, true): ("Contrat signé : \(label)", "Tous les signataires ont signé. Le PDF scellé est joint au contrat.")
        case (.signed, false): ("Contract signed: \(label)", "Everyone has signed. The sealed PDF is on the contract.")
        }
        return OutgoingMail(recipient: sender.email, subject: subject,
                            body: Notifier.greeting(sender) + text + "\n\n" + services.config.publicURL + "/contracts/\(contract.id)\n\n— Paraphe\n",
                            createdAt: now)
    }

    static func sealed(_ signer: Signer, contract: Contract, document: DocumentRecord, at now: Date) -> OutgoingMail {
        let fr = signer.language == .fr
        let label = "\(contract.reference) — \(contract.title)"
        return OutgoingMail(
            recipient: signer.email, subject: (fr ? "Contrat signé : " : "Contract signed: ") + label,
            body: fr ? "Bonjour \(signer.name),\n\nTout le monde a signé. Vous trouverez ci-joint le contrat scellé, avec sa page de signature et son annexe de preuve. Chacun peut en vérifier l'intégrité sur la page /verify de Paraphe ou avec tout lecteur PDF.\n\n— Paraphe\n"
                : "Hello \(signer.name),\n\nEveryone has signed. Attached is the sealed contract, with its signature page and evidence annex. Anyone can check it is intact on Paraphe's /verify page or with any PDF reader.\n\n— Paraphe\n",
            createdAt: now, attachment: OutgoingMail.Attachment(sha256: document.sha256, filename: document.filename))
    }
}
