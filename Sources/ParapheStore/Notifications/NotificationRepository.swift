import Foundation
import ParapheCore
import SQLKit

/// What an inbox entry asks of its reader, named once.
public enum NotificationKind: String, Sendable, CaseIterable, Codable {
    case approvalNeeded = "approval.needed"
    case approvalReminder = "approval.reminder"
    case approvalApproved = "approval.approved"
    case approvalRejected = "approval.rejected"
    case renewalNotice = "renewal.notice"
    case obligationDue = "obligation.due"
}

/// One entry of a person's in-app inbox.
public struct InboxItem: Sendable, Hashable {
    public typealias ID = Identifier<InboxItem>
    public var id: ID
    public var userId: User.ID
    public var kind: NotificationKind
    public var title: String
    public var link: String
    public var contractId: Contract.ID?
    public var createdAt: Date
    public var readAt: Date?

    public init(id: ID = ID(), userId: User.ID, kind: NotificationKind, title: String, link: String, contractId: Contract.ID?, createdAt: Date, readAt: Date? = nil) {
        self.id = id
        self.userId = userId
        self.kind = kind
        self.title = title
        self.link = link
        self.contractId = contractId
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

/// A mail in the outbox. It is written with the change that causes it, then sent by the `mail.send` job.
public struct OutgoingMail: Sendable, Hashable {
    public typealias ID = Identifier<OutgoingMail>
    public enum Status: String, Sendable, CaseIterable {
        case queued, sent
        /// No SMTP server is configured: the mail stays in the outbox for an admin to read.
        case held
    }
    public var id: ID
    public var recipient: String
    public var subject: String
    public var body: String
    public var status: Status
    public var createdAt: Date
    public var sentAt: Date?
    public var lastError: String?
    /// Names a secret (a signing link, a one-time code) minted only when the mail is sent and put where the body
    /// says `secretPlaceholder`: the outbox, and whoever reads it, never holds the secret.
    public var secret: String?
    public var attachment: Attachment?

    public struct Attachment: Sendable, Hashable {
        public var sha256: String
        public var filename: String

        public init(sha256: String, filename: String) {
            self.sha256 = sha256
            self.filename = filename
        }
    }

    public static let secretPlaceholder = "{{secret}}"

    public init(id: ID = ID(), recipient: String, subject: String, body: String, status: Status = .queued, createdAt: Date,
                sentAt: Date? = nil, lastError: String? = nil, secret: String? = nil, attachment: Attachment? = nil) {
        self.secret = secret
        self.attachment = attachment
        self.id = id
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = status
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.lastError = lastError
    }
}

extension Session {
    public func insertInboxItem(_ item: InboxItem) async throws {
        try await run("""
            INSERT INTO notifications (id, user_id, kind, title, link, contract_id, created_at, read_at)
            VALUES (\(bind: item.id.description), \(bind: item.userId.description), \(bind: item.kind.rawValue), \(bind: item.title), \(bind: item.link),
                    \(bind: item.contractId?.description), \(bind: Timestamp.format(item.createdAt)), NULL)
            """)
    }

    /// Newest first; the cursor is the last item's `createdAt|id`.
    public func inbox(of user: User.ID, unreadOnly: Bool, before cursor: (Date, String)?, limit: Int) async throws -> [InboxItem] {
        var query: SQLQueryString = "SELECT * FROM notifications WHERE user_id = \(bind: user.description)"
        if unreadOnly { query += " AND read_at IS NULL" }
        query += newestFirst(after: cursor, limit: limit)
        // A kind this build does not know (written by a newer one) is left out rather than failing the whole inbox.
        return try await all(query).compactMap { row in
            guard let kind = NotificationKind(rawValue: try row.string("kind")) else { return nil }
            return InboxItem(id: try row.id("id"), userId: try row.id("user_id"), kind: kind, title: try row.string("title"),
                      link: try row.string("link"), contractId: try row.optionalID("contract_id"), createdAt: try row.date("created_at"),
                      readAt: try row.optionalDate("read_at"))
        }
    }

    /// Whether the item was the user's and unread.
    public func markInboxItemRead(_ id: InboxItem.ID, of user: User.ID, at now: Date) async throws -> Bool {
        guard try await first("""
            SELECT id FROM notifications WHERE id = \(bind: id.description) AND user_id = \(bind: user.description) AND read_at IS NULL
            """) != nil else { return false }
        try await run("UPDATE notifications SET read_at = \(bind: Timestamp.format(now)) WHERE id = \(bind: id.description)")
        return true
    }

    /// Puts the mail in the outbox and queues its sending, in the caller's transaction.
    public func queueMail(_ mail: OutgoingMail) async throws {
        try await run("""
            INSERT INTO mails (id, recipient, subject, body, status, created_at, secret, attachment_sha256, attachment_name)
            VALUES (\(bind: mail.id.description), \(bind: mail.recipient), \(bind: mail.subject), \(bind: mail.body), \(bind: mail.status.rawValue),
                    \(bind: Timestamp.format(mail.createdAt)), \(bind: mail.secret), \(bind: mail.attachment?.sha256),
                    \(bind: mail.attachment?.filename))
            """)
        // Retries for about three weeks (backoff is capped at an hour): an SMTP outage over a long weekend delays
        // mail, it does not drop it.
        try await enqueue(MailJob(mailId: mail.id), runAt: mail.createdAt, now: mail.createdAt, maxAttempts: 500,
                             dedupeKey: "mail:\(mail.id)")
    }

    public func mail(_ id: OutgoingMail.ID) async throws -> OutgoingMail? {
        try await first("SELECT * FROM mails WHERE id = \(bind: id.description)").map(Self.decodeMail)
    }

    public func mails(limit: Int) async throws -> [OutgoingMail] {
        try await all("SELECT * FROM mails ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)").map(Self.decodeMail)
    }

    public func markMail(_ id: OutgoingMail.ID, as status: OutgoingMail.Status, error: String?, at now: Date) async throws {
        try await run("""
            UPDATE mails SET status = \(bind: status.rawValue), sent_at = \(bind: status == .sent ? Timestamp.format(now) : nil),
              last_error = \(bind: error.map { String($0.prefix(2000)) }) WHERE id = \(bind: id.description)
            """)
    }

    static func decodeMail(_ row: any SQLRow) throws -> OutgoingMail {
        OutgoingMail(id: try row.id("id"), recipient: try row.string("recipient"), subject: try row.string("subject"), body: try row.string("body"),
                     status: OutgoingMail.Status(rawValue: try row.string("status")) ?? .queued, createdAt: try row.date("created_at"),
                     sentAt: try row.optionalDate("sent_at"), lastError: try row.optionalString("last_error"),
                     secret: try row.optionalString("secret"),
                     attachment: try row.optionalString("attachment_sha256").map { OutgoingMail.Attachment(sha256: $0, filename: try row.string("attachment_name")) })
    }
}
