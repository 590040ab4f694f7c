import Foundation
import ParapheCore

/// A kind of background work, named once as a constant here: handlers and queues name the payload type, never a
/// loose string.
public struct JobKind: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let housekeeping = JobKind(rawValue: "housekeeping")
    public static let approvalReminders = JobKind(rawValue: "approvals.remind")
    public static let auditCheckpoint = JobKind(rawValue: "audit.checkpoint")
    public static let mail = JobKind(rawValue: "mail.send")
    public static let webhookDelivery = JobKind(rawValue: "webhook.deliver")
    public static let signatureReminders = JobKind(rawValue: "signatures.remind")
    public static let seal = JobKind(rawValue: "signatures.seal")
    public static let crmPush = JobKind(rawValue: "crm.push")
    public static let crmPoll = JobKind(rawValue: "crm.poll")
    public static let crmPollAll = JobKind(rawValue: "crm.poll-all")
    public static let crmAutoSend = JobKind(rawValue: "crm.auto-send")
    public static let renewalAlert = JobKind(rawValue: "renewals.alert")
    public static let renewalAlertScan = JobKind(rawValue: "renewals.scan")
    public static let renewalRoll = JobKind(rawValue: "renewals.roll")
    public static let obligationReminders = JobKind(rawValue: "obligations.remind")
}

/// What a job carries, typed: enqueued and handled through the same type, so a mistyped kind or payload fails to
/// compile. Stored as JSON in `jobs.payload`.
public protocol JobPayload: Codable, Sendable {
    static var kind: JobKind { get }
    /// Payloads written before they were JSON (a bare id), or nil.
    static func legacy(_ payload: String) -> Self?
}

extension JobPayload {
    public static func legacy(_ payload: String) -> Self? { nil }

    static func decode(_ payload: String) throws -> Self {
        do {
            return try JSONDecoder().decode(Self.self, from: Data(payload.utf8))
        } catch {
            guard let old = legacy(payload) else { throw UnreadablePayload(kind: kind, error: "\(error)") }
            return old
        }
    }
}

struct UnreadablePayload: Error, CustomStringConvertible {
    let kind: JobKind
    let error: String
    var description: String { "the payload of a \(kind.rawValue) job cannot be read: \(error)" }
}

/// Work with nothing to carry: the periodic jobs.
public struct Housekeeping: JobPayload {
    public static let kind = JobKind.housekeeping
    public init() {}
}

public struct ApprovalReminders: JobPayload {
    public static let kind = JobKind.approvalReminders
    public init() {}
}

public struct AuditCheckpoint: JobPayload {
    public static let kind = JobKind.auditCheckpoint
    public init() {}
}

/// Send one outbox mail.
public struct MailJob: JobPayload {
    public static let kind = JobKind.mail
    public var mailId: OutgoingMail.ID

    public init(mailId: OutgoingMail.ID) { self.mailId = mailId }
    public static func legacy(_ payload: String) -> MailJob? { OutgoingMail.ID(payload).map(MailJob.init) }
}

/// Make one webhook delivery.
public struct WebhookJob: JobPayload {
    public static let kind = JobKind.webhookDelivery
    public var deliveryId: WebhookDelivery.ID

    public init(deliveryId: WebhookDelivery.ID) { self.deliveryId = deliveryId }
    public static func legacy(_ payload: String) -> WebhookJob? { WebhookDelivery.ID(payload).map(WebhookJob.init) }
}

extension Session {
    /// Queues work in the caller's transaction: it runs only if the change that caused it commits. A `dedupeKey`
    /// makes the enqueue idempotent.
    public func enqueue<P: JobPayload>(_ payload: P, runAt: Date, now: Date, maxAttempts: Int = 8, dedupeKey: String? = nil) async throws {
        let text = String(decoding: try CanonicalJSON.encode(payload), as: UTF8.self)
        try await enqueueJob(kind: P.kind, payload: text, runAt: runAt, now: now, maxAttempts: maxAttempts, dedupeKey: dedupeKey)
    }
}

extension Session {
    /// Queues work unless the same work is already waiting: at most one queued job per key. Once a worker starts it,
    /// the key is free again, so a change that lands during the run queues the next one and is never missed.
    public func enqueueCoalesced<P: JobPayload>(_ payload: P, key: String, runAt: Date, now: Date, maxAttempts: Int = 8) async throws {
        try await enqueue(payload, runAt: runAt, now: now, maxAttempts: maxAttempts, dedupeKey: "~" + key)
    }
}

extension JobHandler {
    /// Runs jobs of `P`'s kind with their decoded payload, and the job itself (its attempts, for a handler that
    /// gives up before the queue does).
    public static func on<P: JobPayload>(_ type: P.Type, run: @escaping @Sendable (P, Job) async throws -> Void) -> JobHandler {
        JobHandler(kind: P.kind) { job in try await run(try P.decode(job.payload), job) }
    }
}

/// Send an integration's pending contract changes to its CRM.
public struct CRMPushJob: JobPayload {
    public static let kind = JobKind.crmPush
    public var integrationId: Integration.ID
    public init(integrationId: Integration.ID) { self.integrationId = integrationId }
}

/// Read an integration's changes now (an inbound hint, a manual sync, a replay).
public struct CRMPollJob: JobPayload {
    public static let kind = JobKind.crmPoll
    public var integrationId: Integration.ID
    /// Records a hint named, fetched by id whatever the watermark says.
    public var recordIds: [String]
    public init(integrationId: Integration.ID, recordIds: [String] = []) {
        self.integrationId = integrationId
        self.recordIds = recordIds
    }
}

/// The periodic poll of every active integration.
public struct CRMPollAll: JobPayload {
    public static let kind = JobKind.crmPollAll
    public init() {}
}

/// Send for signature a contract a stage rule made with `autoSend`, now that it is approved.
public struct CRMAutoSendJob: JobPayload {
    public static let kind = JobKind.crmAutoSend
    public var contractId: Contract.ID
    public init(contractId: Contract.ID) { self.contractId = contractId }
}
