import Foundation
import ParapheCore
import ParapheStore

/// Everything the server needs to start, read once from flags and the environment (flags win).
public struct AppConfig: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var dataDirectory: String = "./data"
    public var database: DatabaseLocation = .sqlite(path: "./data/paraphe.sqlite")
    public var publicURL: String = "http://127.0.0.1:8080"
    /// Largest request body accepted, in bytes; larger ones get a 413.
    public var maxBodyBytes: Int = 25 * 1024 * 1024
    /// bcrypt cost; 12 in production, lower only where a test needs many logins.
    public var bcryptCost: UInt8 = 12
    public var sessionLifetime: TimeInterval = 12 * 3600
    public var apiTokenLifetime: TimeInterval = 90 * 86400
    /// Failed logins allowed per email and per address within `loginWindow` before refusing further attempts.
    public var maxLoginFailures: Int = 5
    public var loginWindow: TimeInterval = 15 * 60
    public var runJobWorker: Bool = true
    /// Without it, mails stay in the outbox (status `held`) for an admin to read.
    public var smtp: SMTPSettings?
    public var mailFrom: String = "Paraphe <paraphe@localhost>"
    /// Working days a pending approval waits before its approvers are reminded, and between reminders.
    public var approvalReminderDays: Int = 2
    /// Days before each notice deadline on which the owner and legal are alerted.
    public var renewalAlertWindows: RenewalAlertWindows = .standard
    /// Days before a commitment falls due on which its owner is reminded (once per due date).
    public var obligationReminderDays: Int = 7
    /// Reverse proxies whose `X-Forwarded-For` names the client: behind one, every request would otherwise come from
    /// its address, and the login brake would count the whole company as one client.
    public var trustedProxies: Set<String> = []
    /// The currencies contracts may be written in, first the usual one.
    public var currencies: [String] = CurrencyCode.defaultAccepted
    /// The organisation's seal (PEM files): certificate chain, leaf first, and its private key. Without them a seal
    /// is generated under `dataDirectory/keys` at first start.
    public var sealCertificatePath: String?
    public var sealKeyPath: String?
    /// The name on a generated seal.
    public var organisation: String = "Paraphe"
    /// An RFC 3161 time-stamp authority, for PAdES-B-T seals.
    public var timestampURL: String?
    /// PEM certificates of the time-stamp authorities to trust; without them a time-stamp is shown as not verified.
    public var timestampRootsPath: String?
    /// How long a job stays claimed by a worker that stopped answering (killed, or its machine gone) before another
    /// worker takes it up.
    public var jobLease: TimeInterval = 300
    /// Days a signature request's links stay valid.
    public var signatureLinkDays: Int = SignatureRequest.defaultLifetimeDays
    /// Encrypts CRM credentials at rest: 32 bytes in base64. Without it, a key is made in `dataDirectory/keys`.
    /// Nodes that share a Postgres database must share this key.
    public var secretKey: String?
    /// How often every active CRM integration is polled for changes.
    public var crmPollInterval: TimeInterval = 60
    /// How long a contract change waits for others before it is pushed to the CRM, so they share API calls.
    public var crmPushDelay: TimeInterval = 2

    public init() {}

    /// Reads `PARAPHE_*` and `DATABASE_URL`, overridden by any flag given. A bad value stops the start with one
    /// line naming the setting.
    public static func load(environment: [String: String], host: String?, port: String?, dataDirectory: String?,
                            databaseURL: String?, publicURL: String? = nil) throws(ConfigError) -> AppConfig {
        var config = AppConfig()
        config.host = host ?? environment["PARAPHE_HOST"] ?? config.host
        if let text = port ?? environment["PARAPHE_PORT"] {
            guard let value = Int(text), (0...65535).contains(value) else {
                throw ConfigError(setting: port != nil ? "--port" : "PARAPHE_PORT", problem: "must be a port number 0–65535, got '\(text)'")
            }
            config.port = value
        }
        config.dataDirectory = dataDirectory ?? environment["PARAPHE_DATA_DIR"] ?? config.dataDirectory
        if let text = databaseURL ?? environment["DATABASE_URL"], !text.isEmpty {
            let setting = databaseURL != nil ? "--database-url" : "DATABASE_URL"
            switch PostgresURL.parse(text) {
            case .success(let url): config.database = .postgres(url)
            case .failure(let error): throw ConfigError(setting: setting, problem: error.reason)
            }
        } else {
            config.database = .sqlite(path: config.dataDirectory + "/paraphe.sqlite")
        }
        config.publicURL = publicURL ?? environment["PARAPHE_PUBLIC_URL"] ?? "http://\(config.host):\(config.port)"
        if let text = environment["PARAPHE_MAX_BODY_BYTES"] {
            guard let value = Int(text), value >= 1024 else {
                throw ConfigError(setting: "PARAPHE_MAX_BODY_BYTES", problem: "must be a byte count of at least 1024, got '\(text)'")
            }
            config.maxBodyBytes = value
        }
        if let text = environment["PARAPHE_SMTP_URL"], !text.isEmpty {
            switch SMTPSettings.parse(text) {
            case .success(let smtp): config.smtp = smtp
            case .failure(let invalid): throw ConfigError(setting: "PARAPHE_SMTP_URL", problem: invalid.reason)
            }
        }
        if let text = environment["PARAPHE_MAIL_FROM"] {
            guard MailAddress.address(of: text).contains("@"), !text.contains(where: \.isNewline) else {
                throw ConfigError(setting: "PARAPHE_MAIL_FROM", problem: "must be an address like 'Paraphe <contrats@example.com>', got '\(text)'")
            }
            config.mailFrom = text
        }
        if let text = environment["PARAPHE_APPROVAL_REMINDER_DAYS"] {
            guard let value = Int(text), (1...30).contains(value) else {
                throw ConfigError(setting: "PARAPHE_APPROVAL_REMINDER_DAYS", problem: "must be a number of working days from 1 to 30, got '\(text)'")
            }
            config.approvalReminderDays = value
        }
        if let text = environment["PARAPHE_RENEWAL_ALERT_DAYS"] {
            guard let windows = RenewalAlertWindows(text) else {
                throw ConfigError(setting: "PARAPHE_RENEWAL_ALERT_DAYS", problem: "must list up to 10 numbers of days from 0 to 366 separated by commas, such as 90,30,7, got '\(text)'")
            }
            config.renewalAlertWindows = windows
        }
        if let text = environment["PARAPHE_OBLIGATION_REMINDER_DAYS"] {
            guard let value = Int(text), (0...366).contains(value) else {
                throw ConfigError(setting: "PARAPHE_OBLIGATION_REMINDER_DAYS", problem: "must be a number of days from 0 to 366, got '\(text)'")
            }
            config.obligationReminderDays = value
        }
        if let text = environment["PARAPHE_BCRYPT_COST"] {
            guard let value = UInt8(text), (4...31).contains(value) else {
                throw ConfigError(setting: "PARAPHE_BCRYPT_COST", problem: "must be 4–31, got '\(text)'")
            }
            config.bcryptCost = value
        }
        if let text = environment["PARAPHE_TRUSTED_PROXIES"] {
            let addresses = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard addresses.allSatisfy({ $0.count <= 45 && $0.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" } }) else {
                throw ConfigError(setting: "PARAPHE_TRUSTED_PROXIES", problem: "must list IP addresses separated by commas, got '\(text)'")
            }
            config.trustedProxies = Set(addresses)
        }
        if let text = environment["PARAPHE_CURRENCIES"] {
            let codes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            guard !codes.isEmpty, codes.count <= 50, codes.allSatisfy({ CurrencyCode.isValid($0) }) else {
                throw ConfigError(setting: "PARAPHE_CURRENCIES", problem: "must list ISO 4217 codes separated by commas, such as EUR,USD, got '\(text)'")
            }
            config.currencies = codes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        config.sealCertificatePath = environment["PARAPHE_SEAL_CERT"].flatMap { $0.isEmpty ? nil : $0 }
        config.sealKeyPath = environment["PARAPHE_SEAL_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if (config.sealCertificatePath == nil) != (config.sealKeyPath == nil) {
            throw ConfigError(setting: config.sealKeyPath == nil ? "PARAPHE_SEAL_KEY" : "PARAPHE_SEAL_CERT",
                              problem: "must be set together with \(config.sealKeyPath == nil ? "PARAPHE_SEAL_CERT" : "PARAPHE_SEAL_KEY")")
        }
        if let text = environment["PARAPHE_ORGANISATION"], !text.isEmpty {
            guard text.count <= 120, !text.contains(where: \.isNewline) else {
                throw ConfigError(setting: "PARAPHE_ORGANISATION", problem: "must be one line of at most 120 characters")
            }
            config.organisation = text
        }
        if let text = environment["PARAPHE_TSA_URL"], !text.isEmpty {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigError(setting: "PARAPHE_TSA_URL", problem: "must be an http(s) URL of an RFC 3161 time-stamp authority, got '\(text)'")
            }
            config.timestampURL = text
        }
        if let text = environment["PARAPHE_JOB_LEASE_SECONDS"] {
            guard let seconds = Int(text), (5...3600).contains(seconds) else {
                throw ConfigError(setting: "PARAPHE_JOB_LEASE_SECONDS", problem: "must be a number of seconds from 5 to 3600, got '\(text)'")
            }
            config.jobLease = TimeInterval(seconds)
        }
        config.timestampRootsPath = environment["PARAPHE_TSA_CERT"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = environment["PARAPHE_SIGNATURE_LINK_DAYS"] {
            guard let days = Int(text), (1...90).contains(days) else {
                throw ConfigError(setting: "PARAPHE_SIGNATURE_LINK_DAYS", problem: "must be a number of days from 1 to 90, got '\(text)'")
            }
            config.signatureLinkDays = days
        }
        if let text = environment["PARAPHE_SECRET_KEY"], !text.isEmpty {
            guard let key = Data(base64Encoded: text), key.count == 32 else {
                throw ConfigError(setting: "PARAPHE_SECRET_KEY", problem: "must be 32 random bytes in base64 (openssl rand -base64 32)")
            }
            config.secretKey = text
        }
        if let text = environment["PARAPHE_CRM_POLL_SECONDS"] {
            guard let seconds = Int(text), (1...86400).contains(seconds) else {
                throw ConfigError(setting: "PARAPHE_CRM_POLL_SECONDS", problem: "must be a number of seconds from 1 to 86400, got '\(text)'")
            }
            config.crmPollInterval = TimeInterval(seconds)
        }
        if let text = environment["PARAPHE_CRM_PUSH_DELAY_MS"] {
            guard let ms = Int(text), (0...600_000).contains(ms) else {
                throw ConfigError(setting: "PARAPHE_CRM_PUSH_DELAY_MS", problem: "must be a number of milliseconds from 0 to 600000, got '\(text)'")
            }
            config.crmPushDelay = TimeInterval(ms) / 1000
        }
        return config
    }

    /// Creates the data directory and checks it is writable, so a bad path fails at start, not at the first upload.
    public func prepareDataDirectory() throws(ConfigError) {
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw ConfigError(setting: "PARAPHE_DATA_DIR", problem: "cannot create \(dataDirectory): \(error.localizedDescription)")
        }
        guard FileManager.default.isWritableFile(atPath: dataDirectory) else {
            throw ConfigError(setting: "PARAPHE_DATA_DIR", problem: "\(dataDirectory) is not writable")
        }
    }
}

public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var setting: String
    public var problem: String
    public var description: String { "configuration error: \(setting) \(problem)" }

    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }
}
