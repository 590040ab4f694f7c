import Foundation
import Logging
import ParapheCore
import SQLKit

/// A numbered schema step. Append-only: an applied migration is never edited; a new one follows it.
struct Migration: Sendable {
    let id: Int
    let note: String
    let statements: @Sendable (Dialect) -> [SQLQueryString]
}

enum Migrations {
    /// Every migration, in order, each with its one-line note.
    static let all: [Migration] = [
        m0001_Core,
        m0002_Search,
        m0003_Templates,
        m0004_Approvals,
        m0005_SignatureAuthorities,
        m0006_ApprovalRequests,
        m0007_Webhooks,
        m0008_Signatories,
    ]
}

extension Database {
    /// Applies pending migrations in one transaction each; returns the ids applied.
    @discardableResult
    public func migrate(now: Date = Date()) async throws -> [Int] {
        do {
            try await transaction { s in
                try await s.run("CREATE TABLE IF NOT EXISTS schema_migrations (id BIGINT PRIMARY KEY, note TEXT NOT NULL, applied_at TEXT NOT NULL)")
            }
        } catch {
            throw StoreError.unreachable(String(String(reflecting: error).prefix(300)))
        }
        var applied: [Int] = []
        for migration in Migrations.all {
            let done = try await transaction { s -> Bool in
                // Postgres: serialise nodes starting together; the second one then sees the migration applied.
                if s.dialect.engine == .postgres { try await s.run("LOCK TABLE schema_migrations IN EXCLUSIVE MODE") }
                if try await s.first("SELECT id FROM schema_migrations WHERE id = \(bind: migration.id)") != nil { return true }
                for statement in migration.statements(s.dialect) { try await s.run(statement) }
                try await s.run("INSERT INTO schema_migrations (id, note, applied_at) VALUES (\(bind: migration.id), \(bind: migration.note), \(bind: Timestamp.format(now)))")
                return false
            }
            if !done {
                applied.append(migration.id)
                logger.info("applied migration \(migration.id): \(migration.note)")
            }
        }
        return applied
    }
}
