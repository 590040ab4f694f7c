import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import PostgresNIO
import Synchronization
import Testing
import ParapheServices

/// The engines every repository and API test runs on. Postgres joins when the test script started a cluster
/// (PARAPHE_TEST_POSTGRES_URL); with PARAPHE_REQUIRE_POSTGRES=1, its absence fails the run instead of shrinking it.
enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var all: [TestEngine] {
        let env = ProcessInfo.processInfo.environment
        if env["PARAPHE_TEST_POSTGRES_URL"] != nil || env["PARAPHE_REQUIRE_POSTGRES"] == "1" { return [.sqlite, .postgres] }
        return [.sqlite]
    }
}

/// A clock tests can move.
final class TestClock: Sendable {
    private let now: Mutex<Date>

    init(_ start: Date = Timestamp.parse("2026-03-02T09:00:00Z")!) { now = Mutex(start) }

    func read() -> Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var closure: @Sendable () -> Date { { self.read() } }
}

enum TestDatabase {
    static let logger: Logger = {
        var logger = Logger(label: "paraphe-test")
        logger.logLevel = .warning
        return logger
    }()

    /// A fresh, empty database and data directory for one test.
    static func config(_ engine: TestEngine) async throws -> AppConfig {
        var config = AppConfig()
        config.dataDirectory = NSTemporaryDirectory() + "paraphe-test-\(UUID().uuidString)"
        config.bcryptCost = 4
        config.runJobWorker = false
        config.crmPushDelay = 0
        config.port = 0
        switch engine {
        case .sqlite:
            config.database = .sqlite(path: config.dataDirectory + "/paraphe.sqlite")
        case .postgres:
            guard let text = ProcessInfo.processInfo.environment["PARAPHE_TEST_POSTGRES_URL"], case .success(var url) = PostgresURL.parse(text) else {
                Issue.record("PARAPHE_TEST_POSTGRES_URL is not set: the Postgres tests need the cluster that scripts/test starts")
                throw CancellationError()
            }
            let name = "paraphe_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            let admin = try await PostgresConnection.connect(
                configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable),
                id: 1, logger: logger)
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            try await admin.close()
            url.database = name
            config.database = .postgres(url)
        }
        return config
    }
}

/// Users every API test starts with, one per role, plus a second sales rep.
enum TestUsers {
    static let password = "correct horse battery"
    static let all: [(key: String, roles: Set<Role>)] = [
        ("admin", [.admin]), ("legal", [.legal]), ("sales", [.sales]), ("sales2", [.sales]), ("finance", [.finance]), ("viewer", [.viewer]),
    ]
}

struct TestApp: Sendable {
    let client: any TestClientProtocol
    let tokens: [String: String]
    let users: [String: User]
    let config: AppConfig
    let clock: TestClock
    let engine: TestEngine

    /// Sends JSON (or raw bytes) and decodes the reply as JSON when there is one.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, as who: String? = "admin", json: String? = nil, raw: ByteBuffer? = nil,
              headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let who { headers[.authorization] = "Bearer \(tokens[who]!)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let body = raw ?? json.map { ByteBuffer(string: $0) }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        return Reply(status: Int(response.status.code), headers: response.headers, body: response.body)
    }

    /// Runs `body` against an app on a fresh database, with the test users signed in.
    static func run(_ engine: TestEngine, clock: TestClock = TestClock(), configure: (inout AppConfig) -> Void = { _ in },
                    _ body: @Sendable (TestApp) async throws -> Void) async throws {
        var config = try await TestDatabase.config(engine)
        configure(&config)
        let frozen = config
        let users = try await AppServices.standalone(frozen, logger: TestDatabase.logger, clock: clock.closure) { services in
            var users: [String: User] = [:]
            for (key, roles) in TestUsers.all {
                users[key] = try await UserWorkflow(services: services)
                    .create(NewUser(email: "\(key)@paraphe.test", name: key.capitalized, password: TestUsers.password, roles: roles), by: .system)
            }
            return users
        }
        let app = try await buildApplication(frozen, services: { $0.clock = clock.closure }, logger: TestDatabase.logger)
        try await app.test(.router) { client in
            var tokens: [String: String] = [:]
            for (key, _) in TestUsers.all {
                let response = try await client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: #"{"email":"\#(key)@paraphe.test","password":"\#(TestUsers.password)"}"#))
                let reply = Reply(status: Int(response.status.code), headers: response.headers, body: response.body)
                tokens[key] = try #require(reply.json["token"]?.string)
            }
            try await body(TestApp(client: client, tokens: tokens, users: users, config: frozen, clock: clock, engine: engine))
        }
        try? FileManager.default.removeItem(atPath: frozen.dataDirectory)
    }

    /// Signs `who` in through the login form; returns the session cookie and the session's CSRF token.
    func webSession(as who: String) async throws -> (cookie: String, csrf: String) {
        let (loginCookie, loginToken) = try await loginForm()
        let ok = try await call(.post, "/login", as: nil,
                                raw: ByteBuffer(string: "_csrf=\(loginToken)&email=\(who)%40paraphe.test&password=correct+horse+battery"),
                                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: loginCookie])
        let session = try #require(ok.headers[values: .setCookie].first { $0.hasPrefix("paraphe_session=") })
        let cookie = String(session.split(separator: ";")[0])
        let page = try await call(.get, "/contracts/new", as: nil, headers: [.cookie: cookie]).text
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        let csrf = String(page[start...].prefix { $0 != "\"" })
        return (cookie, csrf)
    }

    /// The login page's anti-forgery cookie (`name=value`) and the token its form carries.
    func loginForm() async throws -> (cookie: String, token: String) {
        let form = try await call(.get, "/login", as: nil)
        let cookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("paraphe_login_csrf=") })
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(form.text.range(of: marker)).upperBound
        return (String(cookie.split(separator: ";")[0]), String(form.text[start...].prefix { $0 != "\"" }))
    }

    /// Opens the same database directly, for checks and tampering behind the API's back.
    func withServices<T: Sendable>(_ body: @escaping @Sendable (AppServices) async throws -> T) async throws -> T {
        try await AppServices.standalone(config, migrate: false, logger: TestDatabase.logger, clock: clock.closure, body)
    }

    /// Posts a signed-in user's web form.
    func postForm(_ path: String, _ fields: [(String, String)], cookie: String) async throws -> Reply {
        let body = fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        return try await call(.post, path, as: nil, raw: ByteBuffer(string: body), headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie])
    }

    /// Runs every due job (mail, webhooks, reminders, housekeeping) as the server's worker would.
    func runJobs(recurring: Bool = false) async throws {
        try await withServices { services in
            let worker = JobWorker.paraphe(services)
            if recurring { try await worker.scheduleRecurring() }
            while try await worker.runNext() {}
        }
    }

    /// Creates a contract through the API and returns its JSON.
    @discardableResult
    func createContract(as who: String = "sales", title: String = "Contrat-cadre", endDate: String = "2027-01-30", extra: String = "") async throws -> JSONValue {
        let reply = try await call(.post, "/api/v1/contracts", as: who, json: """
            {"title": "\(title)", "type": "msa", "amount": {"amount": "48000.00", "currency": "EUR"},
             "startDate": "2026-01-31", "endDate": "\(endDate)", "renewal": {"mode": "tacit", "period": "P12M", "notice": "P3M"}\(extra)}
            """)
        #expect(reply.status == 201, "\(reply.text)")
        return reply.json
    }
}

struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: ByteBuffer

    var text: String { String(buffer: body) }
    var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))) ?? .null }
    var fields: [String] { json["errors"]?.array?.compactMap { $0["field"]?.string } ?? [] }
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    subscript(_ index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var int: Int? { if case .number(let d) = self { NSDecimalNumber(decimal: d).intValue } else { nil } }
    var number: Double? { if case .number(let d) = self { NSDecimalNumber(decimal: d).doubleValue } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
}
