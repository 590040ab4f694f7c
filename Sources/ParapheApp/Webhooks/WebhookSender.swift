import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import ParapheCore
import ParapheStore
#if canImport(Glibc)
import Glibc
#endif

/// The `webhook.deliver` job: POSTs one delivery, signed, and records the attempt. A refused target fails at once;
/// any other failure is retried by the job queue with backoff.
struct WebhookSender: Sendable {
    let services: AppServices

    /// No redirects: a 30x could point at an address the target check never saw.
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                   configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// `t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`: the receiver recomputes it and rejects old timestamps.
    static func signature(secret: String, timestamp: Int, body: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    func deliver(_ job: Job) async throws {
        guard let id = WebhookDelivery.ID(job.payload),
              let (delivery, hook) = try await services.database.read({ s -> (WebhookDelivery, Webhook)? in
                  guard let d = try await s.webhookDelivery(id), let h = try await s.webhook(d.webhookId) else { return nil }
                  return (d, h)
              }),
              delivery.status != .delivered, delivery.status != .failed else { return }
        let now = services.clock()
        guard hook.active else {
            try await services.database.transaction { try await $0.recordDeliveryAttempt(id, status: .failed, responseStatus: nil, error: "webhook removed", at: now) }
            return
        }
        do {
            try Self.checkTarget(hook)
        } catch {
            try await services.database.transaction { try await $0.recordDeliveryAttempt(id, status: .failed, responseStatus: nil, error: "\(error)", at: now) }
            return
        }
        let body = Data(delivery.payload.utf8)
        var request = HTTPClientRequest(url: hook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Paraphe-Webhooks/1")
        request.headers.add(name: "X-Paraphe-Event", value: delivery.eventType)
        request.headers.add(name: "X-Paraphe-Delivery", value: delivery.id.description)
        request.headers.add(name: "X-Paraphe-Signature", value: Self.signature(secret: hook.secret, timestamp: Int(now.timeIntervalSince1970), body: body))
        request.body = .bytes(ByteBuffer(data: body))
        let lastAttempt = job.attempts >= job.maxAttempts
        do {
            let response = try await Self.client.execute(request, timeout: .seconds(15))
            _ = try? await response.body.collect(upTo: 65_536)
            let code = Int(response.status.code)
            guard (200..<300).contains(code) else {
                try await services.database.transaction {
                    try await $0.recordDeliveryAttempt(id, status: lastAttempt ? .failed : .retrying, responseStatus: code, error: "HTTP \(code)", at: now)
                }
                throw Refused(description: "the receiver answered HTTP \(code)")
            }
            try await services.database.transaction { try await $0.recordDeliveryAttempt(id, status: .delivered, responseStatus: code, error: nil, at: now) }
        } catch let refused as Refused {
            throw refused
        } catch {
            try await services.database.transaction {
                try await $0.recordDeliveryAttempt(id, status: lastAttempt ? .failed : .retrying, responseStatus: nil, error: "\(error)", at: now)
            }
            throw error
        }
    }

    /// Refuses a target that is, or resolves to, a private or loopback address, unless an admin allowed it.
    static func checkTarget(_ hook: Webhook) throws {
        guard !hook.allowPrivateNetwork else { return }
        guard let host = URL(string: hook.url)?.host else { throw Refused(description: "the URL has no host") }
        let bare = WebhookTarget.bare(host)
        if WebhookTarget.isInternalLiteral(host) { throw Refused(description: "\(host) is a private or loopback address; an admin may allow it with allowPrivateNetwork") }
        let addresses = NetworkAddress.isLiteral(bare) ? [bare] : resolve(bare)
        if let inside = addresses.first(where: NetworkAddress.isInternal) {
            throw Refused(description: "\(host) resolves to \(inside), a private or loopback address; an admin may allow it with allowPrivateNetwork")
        }
    }

    static func resolve(_ host: String) -> [String] { WebhookTarget.addresses(host) }
}

/// Name resolution for the target check, through the system resolver (so `/etc/hosts` counts, as it does for the
/// HTTP client).
public enum WebhookTarget {
    static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Refused without asking DNS: `localhost` names and internal address literals.
    static func isInternalLiteral(_ host: String) -> Bool {
        let lower = host.lowercased()
        return lower == "localhost" || lower.hasSuffix(".localhost") || NetworkAddress.isInternal(bare(host))
    }

    public static func addresses(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var result: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                result.append(String(cString: buffer))
            }
            cursor = info.pointee.ai_next
        }
        return result
    }
}
