import Foundation
import ParapheCore
import ParapheStore

/// What the people who run Paraphe read and do: the admin log and its chain (legal and admins), the job queue and
/// its replay, the mail outbox (admins).
public struct OperationsWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    func require(_ caller: Caller, _ roles: Role..., what: String) throws {
        guard roles.contains(where: { caller.holds($0) }) else { throw DomainError.forbidden("\(what) is for \(roles.map(\.rawValue).joined(separator: " and "))") }
    }

    /// Newest first, before the given sequence number.
    public func adminLog(before sequence: Int?, limit: Int, by caller: Caller) async throws -> [AuditEvent] {
        try require(caller, .admin, .legal, what: "the admin log")
        return try await services.database.read { try await $0.adminEvents(before: sequence, limit: limit) }
    }

    public func verifyAdminLog(by caller: Caller) async throws -> ChainVerdict {
        try require(caller, .admin, .legal, what: "the admin log")
        return try await services.database.read { try await $0.verifyAdminLog() }
    }

    public func jobs(state: Job.State?, limit: Int, by caller: Caller) async throws -> [Job] {
        try require(caller, .admin, what: "the job queue")
        return try await services.database.read { try await $0.jobs(state: state, limit: limit) }
    }

    /// Puts a dead job back in the queue.
    public func replay(_ id: Job.ID, by caller: Caller) async throws {
        try require(caller, .admin, what: "the job queue")
        let now = services.clock()
        try await services.database.transaction { s in
            guard let job = try await s.job(id), try await s.replayJob(id, now: now) else {
                throw DomainError.conflict("only a dead job can be replayed, and this id names none")
            }
            try await s.appendAdminEvent(.jobReplayed(id: id.description, kind: job.kind.rawValue), actor: caller.actor, at: now)
        }
    }

    public func mails(limit: Int, by caller: Caller) async throws -> [OutgoingMail] {
        try require(caller, .admin, what: "the mail outbox")
        return try await services.database.read { try await $0.mails(limit: limit) }
    }

    /// The caller's own inbox, newest first.
    public func inbox(of user: User, unreadOnly: Bool, before cursor: (Date, String)?, limit: Int) async throws -> [InboxItem] {
        try await services.database.read { try await $0.inbox(of: user.id, unreadOnly: unreadOnly, before: cursor, limit: limit) }
    }

    /// Marks one of the caller's unread notifications read.
    public func markRead(_ id: InboxItem.ID, of user: User) async throws {
        let now = services.clock()
        guard try await services.database.transaction({ try await $0.markInboxItemRead(id, of: user.id, at: now) }) else {
            throw DomainError.notFound("no unread notification of yours with this id")
        }
    }
}
