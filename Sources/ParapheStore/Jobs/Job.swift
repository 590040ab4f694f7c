import Foundation
import ParapheCore
import SQLKit

public struct Job: Sendable, Hashable {
    public typealias ID = Identifier<Job>
    public enum State: String, Sendable, CaseIterable { case queued, running, done, dead }
    public var id: ID
    public var kind: JobKind
    public var payload: String
    public var state: State
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var lastError: String?
}

/// Retry timing: exponential from 5 s, capped at one hour, so a remote outage is waited out without hammering it.
public enum Backoff {
    public static func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 5 * pow(2, Double(max(0, attempt - 1))))
    }
}

extension Session {
    /// Writes a job row; `enqueue` is the typed door.
    func enqueueJob(kind: JobKind, payload: String, runAt: Date, now: Date, maxAttempts: Int = 8, dedupeKey: String? = nil) async throws {
        queued?.mark()
        try await run("""
            INSERT INTO jobs (id, kind, payload, dedupe_key, state, attempts, max_attempts, run_at, created_at, updated_at)
            VALUES (\(bind: Job.ID().description), \(bind: kind.rawValue), \(bind: payload), \(bind: dedupeKey), 'queued', 0, \(bind: maxAttempts),
                    \(bind: Timestamp.format(runAt)), \(bind: Timestamp.format(now)), \(bind: Timestamp.format(now)))
            ON CONFLICT (dedupe_key) DO NOTHING
            """)
    }

    /// Claims the next due job for `worker`: queued and due, or running past its lease (its worker died).
    public func claimJob(worker: String, now: Date, lease: TimeInterval) async throws -> Job? {
        let nowText = Timestamp.format(now)
        guard let row = try await first("""
            SELECT id FROM jobs
            WHERE (state = 'queued' AND run_at <= \(bind: nowText)) OR (state = 'running' AND locked_until < \(bind: nowText))
            ORDER BY run_at LIMIT 1\(dialect.forUpdateSkipLocked)
            """) else { return nil }
        let id = try row.string("id")
        let claimed = try await first("""
            UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = \(bind: worker),
              dedupe_key = CASE WHEN dedupe_key LIKE '~%' THEN NULL ELSE dedupe_key END,
              locked_until = \(bind: Timestamp.format(now.addingTimeInterval(lease))), updated_at = \(bind: nowText)
            WHERE id = \(bind: id)
            RETURNING *
            """)
        return try claimed.map(Self.decodeJob)
    }

    public func completeJob(_ id: Job.ID, worker: String, now: Date) async throws {
        try await run("""
            UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = \(bind: Timestamp.format(now))
            WHERE id = \(bind: id.description) AND locked_by = \(bind: worker)
            """)
    }

    /// Schedules a retry with backoff, or marks the job dead once its attempts are spent.
    public func failJob(_ job: Job, worker: String, error: String, now: Date) async throws {
        let dead = job.attempts >= job.maxAttempts
        let runAt = now.addingTimeInterval(Backoff.delay(afterAttempt: job.attempts))
        try await run("""
            UPDATE jobs SET state = \(bind: dead ? "dead" : "queued"), run_at = \(bind: Timestamp.format(runAt)), locked_by = NULL,
              locked_until = NULL, last_error = \(bind: String(error.prefix(2000))), updated_at = \(bind: Timestamp.format(now))
            WHERE id = \(bind: job.id.description) AND locked_by = \(bind: worker)
            """)
    }

    /// Puts a dead job back in the queue, as the admin UI's replay does.
    public func replayJob(_ id: Job.ID, now: Date) async throws -> Bool {
        guard try await first("SELECT id FROM jobs WHERE id = \(bind: id.description) AND state = 'dead'") != nil else { return false }
        try await run("""
            UPDATE jobs SET state = 'queued', attempts = 0, run_at = \(bind: Timestamp.format(now)), updated_at = \(bind: Timestamp.format(now))
            WHERE id = \(bind: id.description)
            """)
        return true
    }

    public func job(_ id: Job.ID) async throws -> Job? {
        try await first("SELECT * FROM jobs WHERE id = \(bind: id.description)").map(Self.decodeJob)
    }

    public func jobs(state: Job.State?, limit: Int) async throws -> [Job] {
        if let state {
            return try await all("SELECT * FROM jobs WHERE state = \(bind: state.rawValue) ORDER BY run_at DESC LIMIT \(bind: limit)").map(Self.decodeJob)
        }
        return try await all("SELECT * FROM jobs ORDER BY run_at DESC LIMIT \(bind: limit)").map(Self.decodeJob)
    }

    static func decodeJob(_ row: any SQLRow) throws -> Job {
        Job(id: try row.id("id"), kind: JobKind(rawValue: try row.string("kind")), payload: try row.string("payload"),
            state: Job.State(rawValue: try row.string("state")) ?? .queued, attempts: try row.int("attempts"),
            maxAttempts: try row.int("max_attempts"), runAt: try row.date("run_at"), lastError: try row.optionalString("last_error"))
    }
}
