import Foundation

/// An outbound webhook: where events are POSTed, which ones, and the secret that signs them.
public struct Webhook: Sendable, Hashable {
    public typealias ID = Identifier<Webhook>
    public var id: ID
    public var url: String
    /// Event types (`contract.transitioned`), families (`approval.*`) or `*`.
    public var events: [String]
    public var secret: String
    /// Set by an admin to reach a private or loopback address (an internal CRM, a test receiver).
    public var allowPrivateNetwork: Bool
    public var active: Bool
    public var createdBy: User.ID?
    public var createdAt: Date

    public init(id: ID = ID(), url: String, events: [String], secret: String, allowPrivateNetwork: Bool, active: Bool = true, createdBy: User.ID?,
                createdAt: Date) {
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.allowPrivateNetwork = allowPrivateNetwork
        self.active = active
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public func wants(_ type: String) -> Bool {
        events.contains { Self.pattern($0, matches: type) }
    }

    static func pattern(_ pattern: String, matches type: String) -> Bool {
        pattern == "*" || pattern == type || (pattern.hasSuffix(".*") && type.hasPrefix(pattern.dropLast(1)))
    }

    /// What one can subscribe to: the audit trail's event types and the admin log's.
    public static let eventTypes = ContractChange.Kind.allCases.map(\.rawValue) + AdminChange.Kind.allCases.map(\.rawValue)

    /// Every rule on a subscription, with the API's field names. An internal address is refused here only when the
    /// URL holds it literally; a name is resolved and checked at each delivery.
    public static func validate(url text: String?, events: [String], secret: String?, allowPrivateNetwork: Bool) -> [FieldError] {
        var errors = [FieldError]()
        let url = text.flatMap { URLComponents(string: $0) }
        if let url, let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty,
           (text?.count ?? 0) <= 2000, url.user == nil {
            if !allowPrivateNetwork, NetworkAddress.isInternalHost(host) {
                errors.append(FieldError("url", "points to a private or loopback address; an admin may allow it with allowPrivateNetwork: true"))
            }
        } else {
            errors.append(FieldError("url", text == nil ? "is required" : "must be an http or https URL with a host, without credentials, at most 2000 characters"))
        }
        if events.isEmpty { errors.append(FieldError("events", "list at least one event type, a family such as approval.*, or *")) }
        for (i, event) in events.enumerated() where !eventTypes.contains(where: { pattern(event, matches: $0) }) {
            errors.append(FieldError("events[\(i)]", "unknown event type; one of *, a family such as contract.*, or \(eventTypes.joined(separator: ", "))"))
        }
        if let secret, secret.count < 16 || secret.count > 256 {
            errors.append(FieldError("secret", "must have 16 to 256 characters; leave it out to get a generated one"))
        }
        return errors
    }
}
