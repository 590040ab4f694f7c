import ArgumentParser
import Foundation
import ParapheApp
import ParapheCore
import ParapheStore
import ParapheServices

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @OptionGroup var options: ServerOptions
        @Option var email: String
        @Option var name: String
        @Option(help: "At least 10 characters. Read from PARAPHE_PASSWORD when omitted, to keep it out of the shell history.") var password: String?
        @Option(name: .customLong("role"), help: "admin, legal, sales, finance or viewer; repeat for several.") var roles: [String] = []
        @Option(help: "fr or en") var language: String = "fr"

        func run() async throws {
            var parsed = Set<Role>()
            for name in roles {
                guard let role = Role(rawValue: name) else { throw ValidationError("unknown role '\(name)'; one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
                parsed.insert(role)
            }
            guard let lang = Language(rawValue: language) else { throw ValidationError("--language must be fr or en") }
            guard let password = password ?? ProcessInfo.processInfo.environment["PARAPHE_PASSWORD"] else {
                throw ValidationError("give --password or set PARAPHE_PASSWORD")
            }
            let input = NewUser(email: email, name: name, password: password, roles: parsed, language: lang)
            do {
                let user = try await CLIContext.with(options.config()) { try await UserWorkflow(services: $0).create(input, by: .system) }
                print("created \(user.email) (\(user.roles.sorted().map(\.rawValue).joined(separator: ", "))) id \(user.id)")
            } catch let failure as ValidationFailure {
                throw ValidationError(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
            } catch StoreError.conflict(let detail) {
                throw ValidationError(detail)
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the audit chains, the state they vouch for, the documents' bytes, the admin log and the signed checkpoints; exits 1 on any problem.")
        @OptionGroup var options: ServerOptions
        @Option(help: "Only this contract (id or reference).") var contract: String?

        func run() async throws {
            let target = contract
            let report = try await CLIContext.with(options.config()) { services -> AuditVerification.Report in
                var only: Contract.ID?
                if let target {
                    if let id = Contract.ID(target) { only = id } else if let c = try await services.database.read({ try await $0.contract(reference: target) }) { only = c.id } else {
                        throw ValidationError("no contract \(target)")
                    }
                }
                return try await AuditVerification(services: services).run(only: only)
            }
            report.lines.forEach { print($0) }
            if report.problems > 0 { throw ExitCode(1) }
        }
    }
}
