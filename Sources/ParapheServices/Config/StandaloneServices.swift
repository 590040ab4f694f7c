import Foundation
import Logging
import ParapheStore
import ServiceLifecycle

extension AppServices {
    /// Opens the database for one-off work outside the server (CLI commands, test set-up), running the Postgres
    /// pool beside it while the work runs, then closes it.
    public static func standalone<T: Sendable>(_ config: AppConfig, migrate: Bool = true, logger: Logger,
                                               clock: @escaping @Sendable () -> Date = { Date() },
                                               _ body: @escaping @Sendable (AppServices) async throws -> T) async throws -> T {
        try config.prepareDataDirectory()
        let database = try await Database.open(config.database, logger: logger)
        database.crmPushDelay.withLock { $0 = config.crmPushDelay }
        let services = AppServices(config: config, database: database, clock: clock, logger: logger)
        // The database is closed on every path: SQLite asserts when a connection is dropped open.
        do {
            let result = try await run(body, services: services, migrate: migrate)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    private static func run<T: Sendable>(_ body: @escaping @Sendable (AppServices) async throws -> T, services: AppServices,
                                         migrate: Bool) async throws -> T {
        let database = services.database
        return try await withThrowingTaskGroup(of: T?.self) { group in
            if database.engine == .postgres {
                group.addTask {
                    try await database.run()
                    return nil
                }
            }
            group.addTask {
                if migrate { try await database.migrate() }
                return try await body(services)
            }
            var result: T?
            while let next = try await group.next() {
                if let next {
                    result = next
                    group.cancelAll()
                }
            }
            return result!
        }
    }
}
