import Foundation

/// A connection to one CRM: where it is, how Paraphe maps fields to it and what its stage rules are. Credentials
/// are kept apart (encrypted, write-only), and so is the sync state that the engine moves.
public struct Integration: Sendable, Hashable {
    public typealias ID = Identifier<Integration>
    public var id: ID
    public var name: String
    public var system: CRMSystem
    public var baseUrl: String
    public var allowPrivateNetwork: Bool
    public var fieldMap: [FieldMapping]
    public var rules: [StageRule]
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID = ID(), name: String, system: CRMSystem, baseUrl: String, allowPrivateNetwork: Bool, fieldMap: [FieldMapping],
                rules: [StageRule], active: Bool = true, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.system = system
        self.baseUrl = baseUrl
        self.allowPrivateNetwork = allowPrivateNetwork
        self.fieldMap = fieldMap
        self.rules = rules
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The objects whose changes Paraphe polls: those the rules watch and those it pulls fields from.
    public var watchedObjects: [String] {
        let names = rules.map(\.when.object) + fieldMap.filter { $0.direction != .push && !CRMProducts.isObject($0.crmObject) }.map(\.crmObject)
        var seen: Set<String> = []
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    public static func validateBaseURL(_ text: String?, allowPrivateNetwork: Bool) -> [FieldError] {
        guard let text, let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, text.count <= 500 else {
            return [FieldError("baseUrl", text == nil ? "is required" : "must be an http or https URL with a host, without credentials")]
        }
        if !allowPrivateNetwork, NetworkAddress.isInternalHost(host) {
            return [FieldError("baseUrl", "points to a private or loopback address; an admin may allow it with allowPrivateNetwork: true")]
        }
        return []
    }
}

/// What the engine knows of an integration's health, shown on the integrations page and in the banner.
public struct IntegrationState: Sendable, Hashable, Codable {
    public enum Token: String, Sendable, Codable, CaseIterable { case unknown, valid, refused }

    /// Calls are held until then after the CRM said its request limit is spent.
    public var circuitOpenUntil: Date?
    public var token: Token
    public var lastPollAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    /// The map's problems against the CRM's describe at the last check.
    public var mapErrors: [FieldError]
    public var mapCheckedAt: Date?
    /// Polling's high-water mark per object: the newest modification seen.
    public var watermarks: [String: Date]
    /// Records already handled at their modification time, within the overlap window: a record the next poll
    /// reads again is skipped.
    public var seen: [String: Date] = [:]
    /// What each seen record held: a CRM that stamps changes to the second (Pipedrive) can change a record twice in
    /// one stamp, and the second change must not pass for the first.
    public var fingerprints: [String: String]?
    /// The CRM's organisation (Salesforce org id), learnt at sign-in; inbound hints must name it.
    public var organisation: String?
    /// Progress of a running sync, for the page.
    public var progress: Progress?

    public struct Progress: Sendable, Hashable, Codable {
        public var done: Int
        public var total: Int
        public init(done: Int, total: Int) { self.done = done; self.total = total }
    }

    public init(circuitOpenUntil: Date? = nil, token: Token = .unknown, lastPollAt: Date? = nil, lastSuccessAt: Date? = nil, lastError: String? = nil,
                mapErrors: [FieldError] = [], watermarks: [String: Date] = [:], organisation: String? = nil, progress: Progress? = nil) {
        self.circuitOpenUntil = circuitOpenUntil
        self.token = token
        self.lastPollAt = lastPollAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.mapErrors = mapErrors
        self.watermarks = watermarks
        self.organisation = organisation
        self.progress = progress
    }

    /// Whether a record read again is news: modified since it was last handled, or holding other values at the same stamp.
    public func isFresh(_ id: String, modifiedAt: Date?, fingerprint: String) -> Bool {
        guard let handled = seen[id] else { return true }
        let stamp = modifiedAt ?? .distantFuture
        return stamp > handled || (stamp == handled && fingerprints?[id] != fingerprint)
    }

    public mutating func remember(_ id: String, modifiedAt: Date, fingerprint: String) {
        seen[id] = modifiedAt
        fingerprints = (fingerprints ?? [:]).merging([id: fingerprint]) { $1 }
    }

    /// Forgets what lies before the overlap window.
    public mutating func forgetSeen(before horizon: Date) {
        seen = seen.filter { $0.value >= horizon }
        fingerprints = fingerprints?.filter { seen[$0.key] != nil }
    }

    public func circuitOpen(at now: Date) -> Bool { circuitOpenUntil.map { $0 > now } ?? false }

    /// Whether an admin should be told now, in the banner.
    public func needsAttention(at now: Date) -> Bool { circuitOpen(at: now) || token == .refused || !mapErrors.isEmpty }
}

/// The secrets an integration signs in with, by system. Stored encrypted; never returned.
public struct CRMCredentials: Codable, Sendable, Hashable {
    /// Salesforce: the connected app's consumer key (client credentials and JWT bearer).
    public var clientId: String?
    public var clientSecret: String?
    /// Salesforce JWT bearer: the user to act as, and the PEM key whose certificate the connected app holds.
    public var username: String?
    public var privateKey: String?
    /// Salesforce: where to sign in, when not the instance (https://login.salesforce.com).
    public var loginUrl: String?
    /// HubSpot private app token; Pipedrive API token.
    public var accessToken: String?
    /// HubSpot: the app secret that signs webhooks (v3).
    public var webhookSecret: String?
    /// Pipedrive webhooks' Basic auth.
    public var webhookUser: String?
    public var webhookPassword: String?

    public init(clientId: String? = nil, clientSecret: String? = nil, username: String? = nil, privateKey: String? = nil, loginUrl: String? = nil,
                accessToken: String? = nil, webhookSecret: String? = nil, webhookUser: String? = nil, webhookPassword: String? = nil) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.username = username
        self.privateKey = privateKey
        self.loginUrl = loginUrl
        self.accessToken = accessToken
        self.webhookSecret = webhookSecret
        self.webhookUser = webhookUser
        self.webhookPassword = webhookPassword
    }

    public func validate(for system: CRMSystem) -> [FieldError] {
        func present(_ value: String?, _ name: String) -> [FieldError] {
            guard let value, !value.isEmpty else { return [FieldError("credentials.\(name)", "is required for \(system.rawValue)")] }
            return value.count > 10_000 ? [FieldError("credentials.\(name)", "is too long")] : []
        }
        switch system {
        case .salesforce:
            let jwt = privateKey != nil || username != nil
            return present(clientId, "clientId") + (jwt ? present(username, "username") + present(privateKey, "privateKey") : present(clientSecret, "clientSecret"))
        case .hubspot:
            return present(accessToken, "accessToken") + present(webhookSecret, "webhookSecret")
        case .pipedrive:
            return present(accessToken, "accessToken") + present(webhookUser, "webhookUser") + present(webhookPassword, "webhookPassword")
        }
    }
}
