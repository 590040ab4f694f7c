import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import ServiceLifecycle
import Synchronization

/// The database, on either engine. Repositories receive a `Session`: an `SQLDatabase` and its `Dialect`.
public final class Database: Sendable {
    public let engine: Engine
    public let dialect: Dialect
    let backend: Backend
    let logger: Logger
    /// Rung after a transaction that queued a job commits.
    public let jobSignal = JobSignal()
    /// How long a contract change waits before its CRM push, so the changes of a busy moment go out in one batch
    /// (PARAPHE_CRM_PUSH_DELAY_MS). Set once at start.
    public let crmPushDelay = Mutex<TimeInterval>(2)

    enum Backend: Sendable {
        case sqlite(SQLiteBackend)
        case postgres(PostgresClient)
    }

    private init(backend: Backend, engine: Engine, logger: Logger) {
        self.backend = backend
        self.engine = engine
        self.dialect = Dialect(engine: engine)
        self.logger = logger
    }

    /// Opens the database. With Postgres, `run()` must be running (it is a Service) before any query.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqlite(let path):
            return Database(backend: .sqlite(try await SQLiteBackend.open(path: path, logger: logger)), engine: .sqlite, logger: logger)
        case .postgres(let url):
            var config = PostgresClient.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: url.requireTLS ? .require(.makeClientConfiguration()) : .disable)
            config.options.maximumConnections = 16
            return Database(backend: .postgres(PostgresClient(configuration: config, backgroundLogger: logger)), engine: .postgres, logger: logger)
        }
    }

    /// Reads outside a transaction (SQLite: on a reader connection, seeing only committed data).
    public func read<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let sqlite):
            return try await sqlite.read { try await body(Session(sql: $0, dialect: dialect)) }
        case .postgres(let client):
            return try await client.withConnection { connection in
                try await body(Session(sql: connection.sql(queryLogLevel: nil), dialect: self.dialect))
            }
        }
    }

    /// One transaction: everything `body` writes commits together or not at all. Two writers racing for the same
    /// unique key (a user's email, a file's hash) end with `StoreError.conflict` for the loser, not a raw SQL error.
    public func transaction<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        do {
            return try await rawTransaction(body)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw {
            throw StoreError.conflict("this already exists (\(error.serverInfo?[.constraintName] ?? "unique key")); reload and try again")
        } catch let error as SQLiteError where error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed {
            throw StoreError.conflict("this already exists; reload and try again")
        } catch let error as PSQLError where [PostgresError.Code.deadlockDetected.raw, PostgresError.Code.serializationFailure.raw]
                    .contains(error.serverInfo?[.sqlState]) {
            // Rolled back whole; nothing was written, and the same request sent again normally goes through.
            throw StoreError.conflict("another change to the same records ran at the same moment; try again")
        }
    }

    /// Commits, then wakes the worker if the transaction queued a job: before the commit it would find nothing.
    private func rawTransaction<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        let queued = QueuedJobs()
        let result = try await uncommitted(queued, body)
        if queued.any { jobSignal.notify() }
        return result
    }

    private func uncommitted<T: Sendable>(_ queued: QueuedJobs, _ body: @Sendable (Session) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let sqlite):
            let delay = crmPushDelay.withLock { $0 }
            return try await sqlite.write { try await body(Session(sql: $0, dialect: dialect, queued: queued, crmPushDelay: delay)) }
        case .postgres(let client):
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(Session(sql: connection.sql(queryLogLevel: nil), dialect: self.dialect, queued: queued,
                                           crmPushDelay: self.crmPushDelay.withLock { $0 }))
                }
            } catch let error as PostgresTransactionError {
                // Callers speak in their own errors; the wrapper only says the transaction was rolled back.
                if let inner = error.closureError { throw inner }
                throw error
            }
        }
    }

    public func close() async throws {
        if case .sqlite(let sqlite) = backend { try await sqlite.close() }
    }
}

/// Whether a transaction queued a job. A class, shared by the session's copies; read after the transaction ends.
final class QueuedJobs: Sendable {
    private let flag = Mutex(false)
    var any: Bool { flag.withLock { $0 } }
    func mark() { flag.withLock { $0 = true } }
}

extension Database: Service {
    /// Postgres' connection pool runs as long as the application; SQLite needs nothing running.
    public func run() async throws {
        switch backend {
        case .postgres(let client):
            await client.run()
        case .sqlite(let sqlite):
            try? await gracefulShutdown()
            try await sqlite.close()
        }
    }
}

/// What repositories work with: one connection (inside a transaction when writing) and the dialect.
public struct Session: Sendable {
    public let sql: any SQLDatabase
    public let dialect: Dialect
    /// Set by a transaction's session, so that queuing a job wakes the worker once the transaction commits.
    let queued: QueuedJobs?
    let crmPushDelay: TimeInterval

    init(sql: any SQLDatabase, dialect: Dialect, queued: QueuedJobs? = nil, crmPushDelay: TimeInterval = 0) {
        self.sql = sql
        self.dialect = dialect
        self.queued = queued
        self.crmPushDelay = crmPushDelay
    }

    @discardableResult
    func all(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await sql.raw(query).all()
    }

    func first(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await sql.raw(query).all().first
    }

    func run(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }
}

/// One writer connection behind a lock, and reader connections that WAL lets run beside it.
final class SQLiteBackend: Sendable {
    let writer: SQLiteConnection
    let readers: [SQLiteConnection]
    let lock = AsyncLock()
    let next = Atomic<Int>(0)

    init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    static func open(path: String, logger: Logger) async throws -> SQLiteBackend {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        // WAL: readers never block the writer. synchronous=NORMAL survives a killed process (only a power cut can
        // lose the last commits), which is the durability the API promises.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"] {
            _ = try await writer.query(pragma)
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<3 {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            _ = try await reader.query("PRAGMA busy_timeout = 10000")
            readers.append(reader)
        }
        return SQLiteBackend(writer: writer, readers: readers)
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let reader = readers[next.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max % readers.count]
        return try await body(reader.sql(queryLogLevel: nil))
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await lock.lock()
        do {
            let db = writer.sql(queryLogLevel: nil)
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                await lock.unlock()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        } catch {
            await lock.unlock()
            throw error
        }
    }

    func close() async throws {
        for reader in readers { try? await reader.close() }
        try? await writer.close()
    }
}
