import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import ServiceLifecycle

/// Events waiting to reach the app's webhook URL. HubSpot batches up to 100 events a request and retries a request
/// that is not answered 2xx.
struct HubSpotPendingEvent: Sendable {
    var event: Value
    var attempts = 0
    var nextAt: Date
}

extension Org {
    func hsSubscribe(_ target: HubSpotWebhookTarget) {
        hubspot.webhook = target
        save()
    }

    /// `deal.creation` for a new deal, `deal.propertyChange` for each property a change set, as an app subscribed to
    /// both receives them.
    func hsNotify(_ type: String, record: HubSpotRecord, changed: [String]?) {
        guard type == "deals", hubspot.webhook != nil else { return }
        let now = clock()
        func event(_ subscription: String, property: String? = nil) -> Value {
            hubSpotEventCounter += 1
            var o: [String: Value] = ["eventId": .number(Double(hubSpotEventCounter)), "subscriptionId": 1001, "portalId": .number(Double(HubSpotSchema.portalId)),
                                      "appId": 777, "occurredAt": .number((now.timeIntervalSince1970 * 1000).rounded()), "subscriptionType": .string(subscription),
                                      "attemptNumber": 0, "objectId": .number(Double(record.id) ?? 0), "changeSource": "CRM_UI"]
            if let property {
                o["propertyName"] = .string(property)
                o["propertyValue"] = .string(record.properties[property] ?? "")
            }
            return .object(o)
        }
        let events = changed.map { $0.sorted().map { event("deal.propertyChange", property: $0) } } ?? [event("deal.creation")]
        hubSpotPending += events.map { HubSpotPendingEvent(event: $0, nextAt: now) }
    }

    /// The due events, at most 100, for one request.
    func dueHubSpotEvents() -> (target: HubSpotWebhookTarget, events: [Value], count: Int)? {
        guard let target = hubspot.webhook else { return nil }
        let now = clock()
        let due = hubSpotPending.prefix { $0.nextAt <= now }.prefix(100)
        guard !due.isEmpty else { return nil }
        return (target, due.map { event in
            guard case .object(var o) = event.event else { return event.event }
            o["attemptNumber"] = .number(Double(event.attempts))
            return .object(o)
        }, due.count)
    }

    func hubSpotDelivered(_ count: Int, ok: Bool) {
        if ok {
            hubSpotPending.removeFirst(min(count, hubSpotPending.count))
        } else {
            let later = clock().addingTimeInterval(min(60, 0.5 * pow(2, Double((hubSpotPending.first?.attempts ?? 0) + 1))))
            for i in 0..<min(count, hubSpotPending.count) {
                hubSpotPending[i].attempts += 1
                hubSpotPending[i].nextAt = later
            }
        }
    }
}

/// HubSpot's v3 request signature: base64 HMAC-SHA256, keyed by the app's secret, of method, full URI, body and
/// the millisecond timestamp sent in `X-HubSpot-Request-Timestamp`.
enum HubSpotSignature {
    static func v3(secret: String, method: String, uri: String, body: Data, timestamp: String) -> String {
        var message = Data("\(method)\(uri)".utf8)
        message.append(body)
        message.append(Data(timestamp.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}

/// Delivers the portal's webhook events, signed, until each request is answered 2xx.
struct HubSpotWebhookDelivery: Service {
    let org: Org
    let client: HTTPClient
    /// The secret a new app signs with when the admin call names none.
    static let defaultSecret = "sandbox-app-secret"

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let (target, events, count) = await org.dueHubSpotEvents() {
                    await org.hubSpotDelivered(count, ok: await send(events, to: target))
                } else {
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
    }

    func send(_ events: [Value], to target: HubSpotWebhookTarget) async -> Bool {
        let body = JSONBody.encode(Value.array(events))
        let timestamp = HubSpotTime.milliseconds(Date())
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-HubSpot-Request-Timestamp", value: timestamp)
        request.headers.add(name: "X-HubSpot-Signature-Version", value: "v3")
        request.headers.add(name: "X-HubSpot-Signature-v3",
                            value: HubSpotSignature.v3(secret: target.secret ?? Self.defaultSecret, method: "POST", uri: target.url, body: body, timestamp: timestamp))
        request.body = .bytes(ByteBuffer(data: body))
        guard let response = try? await client.execute(request, timeout: .seconds(10)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return (200..<300).contains(Int(response.status.code))
    }
}
