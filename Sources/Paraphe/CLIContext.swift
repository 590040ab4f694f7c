import Foundation
import Logging
import ParapheApp
import ParapheStore
import ServiceLifecycle

/// Opens the database for a one-off command, running the Postgres pool beside it while the command works.
enum CLIContext {
    static func with<T: Sendable>(_ config: AppConfig, migrate: Bool = true, _ body: @escaping @Sendable (AppServices) async throws -> T) async throws -> T {
        do {
            try config.prepareDataDirectory()
        } catch {
            FileHandle.standardError.write(Data("paraphe: \(error)\n".utf8))
            Foundation.exit(78)
        }
        let logger = makeLogger()
        let database = try await Database.open(config.database, logger: logger)
        let services = AppServices(config: config, database: database, logger: logger)
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
            try await database.close()
            return result!
        }
    }
}
