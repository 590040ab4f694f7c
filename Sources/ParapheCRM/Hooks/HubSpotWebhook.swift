import Crypto
import Foundation

/// A HubSpot webhook request: signature v3 (base64 HMAC-SHA256 keyed by the app secret, over method, full URI, body
/// and the millisecond timestamp), a timestamp at most five minutes from now, then a JSON array of events. Only the
/// ids of the deals it names are kept: a webhook is a hint, never data Paraphe trusts.
public struct HubSpotWebhook: Sendable {
    public var portalId: String
    public var dealIds: [String]

    public enum Refusal: Error, Sendable, CustomStringConvertible, Equatable {
        case unsigned, stale, forged, malformed(String)

        public var description: String {
            switch self {
            case .unsigned: "no X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp headers"
            case .stale: "the timestamp is more than five minutes from now: a replayed or delayed request"
            case .forged: "the signature does not match the app secret"
            case .malformed(let why): "not a HubSpot event batch: \(why)"
            }
        }
    }

    public static let maxAge: TimeInterval = 300
    public static let maxEvents = 1000

    public static func signature(secret: String, method: String, uri: String, body: Data, timestamp: String) -> String {
        var message = Data("\(method)\(uri)".utf8)
        message.append(body)
        message.append(Data(timestamp.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))).base64EncodedString()
    }

    /// Checks the signature before reading anything, then the events.
    public static func verify(body: Data, signature: String?, timestamp: String?, uri: String, secret: String, now: Date) throws(Refusal) -> HubSpotWebhook {
        guard let signature, let timestamp, let ms = Double(timestamp), timestamp.allSatisfy(\.isNumber) else { throw .unsigned }
        guard abs(now.timeIntervalSince1970 - ms / 1000) <= maxAge else { throw .stale }
        let expected = Data(Self.signature(secret: secret, method: "POST", uri: uri, body: body, timestamp: timestamp).utf8)
        guard let given = signature.data(using: .utf8), given.count == expected.count,
              zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .forged }
        guard let events = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] else { throw .malformed("the body is not a JSON array of objects") }
        guard events.count <= maxEvents else { throw .malformed("more than \(maxEvents) events") }
        var portals: Set<String> = []
        var deals: [String] = []
        for event in events {
            guard let portal = event["portalId"].map({ "\($0)" }), let type = event["subscriptionType"] as? String else {
                throw .malformed("an event without portalId or subscriptionType")
            }
            portals.insert(portal)
            if type.hasPrefix("deal."), let id = event["objectId"].map({ "\($0)" }), id.allSatisfy(\.isNumber), !deals.contains(id) { deals.append(id) }
        }
        guard portals.count == 1, let portal = portals.first else { throw .malformed("events from \(portals.count) portals") }
        return HubSpotWebhook(portalId: portal, dealIds: deals)
    }
}
