import Foundation

/// A notification as a CRM posted it to `/hooks/{system}/{integrationId}`. Nothing in it is trusted: its connector
/// verifies it, and even then it only names records to read again.
public struct CRMInbound: Sendable {
    public var body: Data
    /// Header names in lower case.
    public var headers: [String: String]
    /// The full address the CRM posted to (Paraphe's public URL, the path and the query): HubSpot signs it.
    public var uri: String
    public var now: Date

    public init(body: Data, headers: [String: String], uri: String, now: Date) {
        self.body = body
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
        self.uri = uri
        self.now = now
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a notification was refused, in words the sync log keeps.
public struct CRMInboundRefusal: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
