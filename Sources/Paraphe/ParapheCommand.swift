import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ParapheApp
import ParapheCore
import ParapheStore
import ParapheServices

@main
struct ParapheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paraphe",
        abstract: "Paraphe, the contract lifecycle manager wired into your CRM.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, AuditCommand.self, ImportCommand.self, VerifyCommand.self]
    )
}

/// Where to find the server and its data; every subcommand that touches the database takes these.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (PARAPHE_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (PARAPHE_PORT, default 8080).") var port: String?
    @Option(name: .customLong("data-dir"), help: "SQLite file, blobs and keys (PARAPHE_DATA_DIR, default ./data).") var dataDir: String?
    @Option(name: .customLong("database-url"), help: "postgres://user:pass@host:port/db to use PostgreSQL (DATABASE_URL).") var databaseURL: String?

    /// The configuration, or exit with one line naming the bad setting.
    func config() -> AppConfig {
        do {
            return try AppConfig.load(environment: ProcessInfo.processInfo.environment, host: host, port: port, dataDirectory: dataDir, databaseURL: databaseURL)
        } catch {
            FileHandle.standardError.write(Data("paraphe: \(error)\n".utf8))
            Foundation.exit(78)
        }
    }
}

func makeLogger() -> Logger {
    var logger = Logger(label: "paraphe")
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
    return logger
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let config = options.config()
        try await startupGuard {
            let app = try await buildApplication(config, logger: makeLogger())
            try await app.runService()
        }
    }
}

/// Turns a configuration error thrown while building into one clear line and exit code 78 (EX_CONFIG).
func startupGuard<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ConfigError {
        FileHandle.standardError.write(Data("paraphe: \(error)\n".utf8))
        Foundation.exit(78)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let config = options.config()
        let applied = try await CLIContext.with(config) { services in try await services.database.migrate() }
        print(applied.isEmpty ? "database is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}

enum CLIContext {
    /// Runs `body` against the configured database; a configuration error ends the command with one line.
    static func with<T: Sendable>(_ config: AppConfig, _ body: @escaping @Sendable (AppServices) async throws -> T) async throws -> T {
        try await startupGuard { try await AppServices.standalone(config, logger: makeLogger(), body) }
    }
}
