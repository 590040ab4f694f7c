import Foundation
import Logging
import ParapheCore
import ServiceLifecycle

/// What a job kind does. Throwing schedules a retry.
public struct JobHandler: Sendable {
    public var kind: JobKind
    public var run: @Sendable (Job) async throws -> Void

    init(kind: JobKind, run: @escaping @Sendable (Job) async throws -> Void) {
        self.kind = kind
        self.run = run
    }
}

/// Claims and runs jobs until the application stops. Several workers (on several nodes) may share one Postgres
/// database: `SKIP LOCKED` claims hand each job to exactly one of them.
public struct JobWorker: Service {
    let database: Database
    let handlers: [JobKind: JobHandler]
    let name: String
    let clock: @Sendable () -> Date
    let pollInterval: Duration
    let lease: TimeInterval
    let logger: Logger
    /// Work that recurs, enqueued once per period (dedupe key = kind + period start).
    let periodic: [(kind: JobKind, every: TimeInterval)]

    public init(database: Database, handlers: [JobHandler], name: String = "worker-\(UUID().uuidString.prefix(8))",
                clock: @escaping @Sendable () -> Date, pollInterval: Duration = .milliseconds(500), lease: TimeInterval = 300,
                periodic: [(kind: JobKind, every: TimeInterval)] = [], logger: Logger) {
        self.database = database
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        self.name = name
        self.clock = clock
        self.pollInterval = pollInterval
        self.lease = lease
        self.periodic = periodic
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await scheduleRecurring()
                    if try await runNext() { continue }
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("job worker: \(error)")
                }
                await database.jobSignal.wait(upTo: pollInterval)
            }
        }
    }

    public func scheduleRecurring() async throws {
        guard !periodic.isEmpty else { return }
        let now = clock()
        try await database.transaction { s in
            for p in periodic {
                let slot = (now.timeIntervalSince1970 / p.every).rounded(.down) * p.every
                try await s.enqueueJob(kind: p.kind, payload: "{}", runAt: Date(timeIntervalSince1970: slot), now: now,
                                       maxAttempts: 3, dedupeKey: "\(p.kind.rawValue):\(Int(slot))")
            }
        }
    }

    /// Runs one due job, if any. Returns whether one ran.
    @discardableResult
    public func runNext() async throws -> Bool {
        let now = clock()
        guard let job = try await database.transaction({ try await $0.claimJob(worker: name, now: now, lease: lease) }) else {
            return false
        }
        do {
            guard let handler = handlers[job.kind] else { throw UnknownJobKind(kind: job.kind) }
            try await handler.run(job)
            try await database.transaction { try await $0.completeJob(job.id, worker: name, now: clock()) }
        } catch {
            logger.warning("job \(job.kind) \(job.id) attempt \(job.attempts) failed: \(error)")
            try await database.transaction { try await $0.failJob(job, worker: name, error: "\(error)", now: clock()) }
        }
        return true
    }
}

struct UnknownJobKind: Error, CustomStringConvertible {
    let kind: JobKind
    var description: String { "no handler for job kind \(kind.rawValue)" }
}
