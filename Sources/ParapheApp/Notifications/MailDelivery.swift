import Foundation
import ParapheStore
import ParapheServices

/// The `mail.send` job: sends one outbox mail. A failure leaves the mail queued with its error and the job retried
/// with backoff, so an SMTP outage delays mail and loses none.
struct MailDelivery: Sendable {
    let services: AppServices

    func deliver(_ job: MailJob) async throws {
        let id = job.mailId
        guard let mail = try await services.database.read({ try await $0.mail(id) }), mail.status == .queued else {
            return
        }
        let now = services.clock()
        guard let smtp = services.config.smtp else {
            try await services.database.transaction { try await $0.markMail(id, as: .held, error: "PARAPHE_SMTP_URL is not set", at: now) }
            return
        }
        let from = services.config.mailFrom
        var body = mail.body
        if let secret = mail.secret {
            guard let minted = try await SignatureSecrets(services: services).mint(secret, recipient: mail.recipient) else {
                try await services.database.transaction { try await $0.markMail(id, as: .held, error: "no longer needed: the signature request moved on", at: now) }
                return
            }
            body = body.replacingOccurrences(of: OutgoingMail.secretPlaceholder, with: minted)
        }
        var attachment: MailMessage.Attachment?
        if let file = mail.attachment {
            let blobs = services.blobs
            guard let data = try await services.database.read({ try await blobs.get(file.sha256, in: $0) }) else {
                try await services.database.transaction { try await $0.markMail(id, as: .queued, error: "the attachment \(file.filename) is missing", at: now) }
                throw StoreError.notFound
            }
            attachment = MailMessage.Attachment(filename: file.filename, contentType: "application/pdf", data: data)
        }
        let message = MailMessage(from: from, to: mail.recipient, subject: mail.subject, body: body, date: mail.createdAt,
                                  messageId: "\(mail.id)@\(Self.domain(of: from))", attachment: attachment)
        do {
            try await SMTPClient(settings: smtp, heloName: Self.domain(of: from))
                .send(from: MailAddress.address(of: from), to: [mail.recipient], message: message.rendered)
        } catch {
            try await services.database.transaction { try await $0.markMail(id, as: .queued, error: "\(error)", at: now) }
            throw error
        }
        try await services.database.transaction { try await $0.markMail(id, as: .sent, error: nil, at: services.clock()) }
    }

    /// `Paraphe <noreply@example.com>` → `noreply@example.com`.
    static func domain(of from: String) -> String {
        MailAddress.address(of: from).split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
