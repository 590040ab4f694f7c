import Foundation
import Logging
import ParapheCore
import SQLKit

/// A numbered schema step, as fixed SQL text in `Migrations/sql/`: `NNNN_name.sql` runs on both engines, then
/// `NNNN_name.sqlite.sql` or `NNNN_name.postgres.sql` where the engines differ. The text is history: an applied
/// migration is never edited, a new one follows it. Its checksum is recorded when it is applied, and a database
/// whose applied migrations no longer match the code's is refused at start.
public struct Migration: Sendable, Equatable {
    public let id: Int
    /// The file name without its extensions: `0001_core`.
    public let name: String

    /// The one-line note: the first line of the common file (or of the engine's file), after `-- `.
    public func note(for engine: Engine) throws -> String {
        let text = try sql(for: engine)
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return first.hasPrefix("-- ") ? String(first.dropFirst(3)) : name
    }

    /// The whole text this engine runs: the common part, then its own.
    public func sql(for engine: Engine) throws -> String {
        let common = try Self.read("\(name).sql")
        let own = try Self.read("\(name).\(engine.rawValue).sql")
        guard common != nil || own != nil else { throw StoreError.corrupt("migration \(name) has no SQL file for \(engine.rawValue)") }
        return [common, own].compactMap { $0 }.joined(separator: "\n")
    }

    public func checksum(for engine: Engine) throws -> String {
        SHA256Hex.of(Data(try sql(for: engine).utf8))
    }

    func statements(for engine: Engine) throws -> [String] {
        MigrationSQL.statements(in: try sql(for: engine))
    }

    static func read(_ file: String) throws -> String? {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "sql") else { return nil }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw StoreError.corrupt("cannot read migration file \(file): \(error.localizedDescription)")
        }
    }
}

public enum Migrations {
    /// Every migration, in order.
    public static let all: [Migration] = [
        Migration(id: 1, name: "0001_core"),
        Migration(id: 2, name: "0002_search"),
        Migration(id: 3, name: "0003_templates"),
        Migration(id: 4, name: "0004_approvals"),
        Migration(id: 5, name: "0005_signature_authorities"),
        Migration(id: 6, name: "0006_approval_requests"),
        Migration(id: 7, name: "0007_webhooks"),
        Migration(id: 8, name: "0008_signatories"),
        Migration(id: 9, name: "0009_app_secrets"),
        Migration(id: 10, name: "0010_signatures"),
        Migration(id: 11, name: "0011_crm"),
        Migration(id: 12, name: "0012_user_time_zone"),
        Migration(id: 13, name: "0013_derogation_index"),
        Migration(id: 14, name: "0014_renewals"),
        Migration(id: 15, name: "0015_saved_views"),
        Migration(id: 16, name: "0016_obligations"),
    ]
}

/// Splits a migration file into statements: each ends with `;` at the end of a line, outside a `$$` body, and
/// comment lines are dropped.
enum MigrationSQL {
    static func statements(in text: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inBody, trimmed.hasPrefix("--") || (trimmed.isEmpty && current.isEmpty) { continue }
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, trimmed.hasSuffix(";") {
                let statement = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                statements.append(String(statement.dropLast()))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}

/// An applied migration whose recorded checksum is not the code's, or one the code does not know: the schema is not
/// the one this build was written for.
public struct MigrationMismatch: Error, CustomStringConvertible, Sendable {
    public var changed: [Int]
    public var unknown: [Int]

    public var description: String {
        var parts: [String] = []
        if !changed.isEmpty { parts.append("applied migrations \(changed.map(String.init).joined(separator: ", ")) differ from this build's") }
        if !unknown.isEmpty { parts.append("migrations \(unknown.map(String.init).joined(separator: ", ")) were applied by a newer build") }
        return parts.joined(separator: "; ") + "; refusing to start on this database"
    }
}

extension Database {
    /// Applies pending migrations in one transaction each, after checking the applied ones; returns the ids applied.
    @discardableResult
    public func migrate(now: Date = Date()) async throws -> [Int] {
        do {
            try await transaction { s in
                try await s.run("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (id BIGINT PRIMARY KEY, note TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT)
                    """)
            }
        } catch {
            throw StoreError.unreachable(String(String(reflecting: error).prefix(300)))
        }
        try await addChecksumColumn()
        try await checkApplied()
        var applied: [Int] = []
        for migration in Migrations.all {
            let statements = try migration.statements(for: engine)
            let note = try migration.note(for: engine)
            let checksum = try migration.checksum(for: engine)
            let done = try await transaction { s -> Bool in
                // Postgres: serialise nodes starting together; the second one then sees the migration applied.
                if s.dialect.engine == .postgres { try await s.run("LOCK TABLE schema_migrations IN EXCLUSIVE MODE") }
                if try await s.first("SELECT id FROM schema_migrations WHERE id = \(bind: migration.id)") != nil { return true }
                for statement in statements { try await s.run(SQLQueryString(statement)) }
                try await s.run("""
                    INSERT INTO schema_migrations (id, note, applied_at, checksum)
                    VALUES (\(bind: migration.id), \(bind: note), \(bind: Timestamp.format(now)), \(bind: checksum))
                    """)
                return false
            }
            if !done {
                applied.append(migration.id)
                logger.info("applied migration \(migration.id): \(note)")
            }
        }
        return applied
    }

    /// Databases made before checksums were kept get the column, and their migrations adopt the current checksums
    /// then, once (they were applied from the same text, which was only moved to files). Afterwards a missing checksum
    /// is a mismatch like any other: blanking one must not let an edited migration through.
    private func addChecksumColumn() async throws {
        let hasColumn = (try? await read { s in try await s.all("SELECT checksum FROM schema_migrations WHERE 1 = 0") }) != nil
        guard !hasColumn else { return }
        do {
            try await transaction { s in try await s.run("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT") }
        } catch {
            // Another node starting at the same moment added it first; it adopts the checksums.
            logger.debug("schema_migrations.checksum: \(error)")
            return
        }
        let checksums = try Migrations.all.map { ($0.id, try $0.checksum(for: engine)) }
        try await transaction { s in
            for (id, checksum) in checksums {
                try await s.run("UPDATE schema_migrations SET checksum = \(bind: checksum) WHERE id = \(bind: id) AND checksum IS NULL")
            }
        }
    }

    /// Refuses a database whose applied migrations are not this build's.
    public func checkApplied() async throws {
        let rows = try await read { s in try await s.all("SELECT id, checksum FROM schema_migrations ORDER BY id") }
        var changed: [Int] = [], unknown: [Int] = []
        let known = Dictionary(uniqueKeysWithValues: Migrations.all.map { ($0.id, $0) })
        for row in rows {
            let id = try row.int("id")
            guard let migration = known[id] else { unknown.append(id); continue }
            let recorded = try row.decode(column: "checksum", as: String?.self)
            if recorded != (try migration.checksum(for: engine)) { changed.append(id) }
        }
        guard changed.isEmpty, unknown.isEmpty else { throw MigrationMismatch(changed: changed, unknown: unknown) }
    }
}
