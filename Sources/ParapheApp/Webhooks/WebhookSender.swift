import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOPosix
import ParapheCore
import ParapheServices
import ParapheStore
#if canImport(Glibc)
import Glibc
#endif

/// The `webhook.deliver` job: POSTs one delivery, signed, and records the attempt. A refused target fails at once;
/// any other failure is retried by the job queue with backoff.
struct WebhookSender: Sendable {
    let services: AppServices

    /// No redirects: a 30x could point at an address the target check never saw.
    static let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10)))
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)

    /// A target refused for good: it is not retried.
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// A failure worth retrying: an HTTP error status, or a name that does not resolve (yet).
    struct Failed: Error, CustomStringConvertible {
        var description: String
        var status: Int?
    }

    /// Where to connect: the name and the addresses the check accepted. The client connects to those addresses rather
    /// than resolving the name again, which a hostile DNS server could answer differently (DNS rebinding).
    struct Pin {
        var host: String
        var addresses: [String]
    }

    /// `t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`: the receiver recomputes it and rejects old timestamps.
    static func signature(secret: String, timestamp: Int, body: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    func deliver(_ payload: WebhookJob, job: Job) async throws {
        let id = payload.deliveryId
        guard let (delivery, hook) = try await services.database.read({ s -> (WebhookDelivery, Webhook)? in
                  guard let d = try await s.webhookDelivery(id), let h = try await s.webhook(d.webhookId) else { return nil }
                  return (d, h)
              }),
              delivery.status != .delivered, delivery.status != .failed else { return }
        let now = services.clock()
        func record(_ status: WebhookDelivery.Status, code: Int?, error: String?) async throws {
            try await services.database.transaction { try await $0.recordDeliveryAttempt(id, status: status, responseStatus: code, error: error, at: now) }
        }
        guard hook.active else { return try await record(.failed, code: nil, error: "webhook removed") }
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
            let code = try await Self.send(request, pinning: try await pin(hook))
            guard (200..<300).contains(code) else { throw Failed(description: "HTTP \(code)", status: code) }
            try await record(.delivered, code: code, error: nil)
        } catch let refused as Refused {
            try await record(.failed, code: nil, error: refused.description)
        } catch {
            try await record(lastAttempt ? .failed : .retrying, code: (error as? Failed)?.status, error: "\(error)")
            throw error
        }
    }

    /// Sends on the shared client, or, for a pinned name, on a client that connects to a pinned address while still
    /// asking for (and checking the certificate of) the name; the next address is tried when one cannot be reached,
    /// as the client would do with the addresses it resolved itself (an IPv6 answer first on a host without IPv6).
    static func send(_ request: HTTPClientRequest, pinning pin: Pin?) async throws -> Int {
        guard let pin else { return try await execute(request, on: client) }
        var failure: any Error = Failed(description: "\(pin.host) does not resolve")
        for address in pin.addresses {
            var pinned = configuration
            pinned.dnsOverride = [pin.host: address]
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: pinned)
            do {
                let code = try await execute(request, on: client)
                // The answer counts even if closing the client fails: sending again would deliver twice.
                try? await client.shutdown()
                return code
            } catch {
                try? await client.shutdown()
                // Once the request may have reached the receiver, another address would deliver it twice.
                guard Self.neverConnected(error) else { throw error }
                failure = error
            }
        }
        throw failure
    }

    /// Whether the connection failed before any byte of the request was sent.
    static func neverConnected(_ error: any Error) -> Bool {
        switch error {
        case is NIOConnectionError: true
        case let http as HTTPClientError: http == .connectTimeout
        case ChannelError.connectTimeout: true
        case let io as IOError: [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(io.errnoCode)
        default: false
        }
    }

    static func execute(_ request: HTTPClientRequest, on client: HTTPClient) async throws -> Int {
        let response = try await client.execute(request, timeout: .seconds(15))
        _ = try? await response.body.collect(upTo: 65_536)
        return Int(response.status.code)
    }

    /// Checks the target and says where to connect: nil for an address literal, else the name's addresses.
    /// Refuses a target that is, or resolves to, a private or loopback address, unless an admin allowed it.
    func pin(_ hook: Webhook) async throws -> Pin? {
        guard let host = URL(string: hook.url)?.host else { throw Refused(description: "the URL has no host") }
        let bare = NetworkAddress.bare(host)
        let allowed = hook.allowPrivateNetwork
        if !allowed, NetworkAddress.isInternalHost(host) {
            throw Refused(description: "\(host) is a private or loopback address; an admin may allow it with allowPrivateNetwork")
        }
        if NetworkAddress.isLiteral(bare) { return nil }
        // The system resolver blocks its thread: it runs on the I/O thread pool, not on a concurrency thread.
        let resolve = services.resolveHost
        let addresses = try await NIOThreadPool.singleton.runIfActive { resolve(bare) }
        guard !addresses.isEmpty else { throw Failed(description: "\(host) does not resolve") }
        if !allowed, let inside = addresses.first(where: NetworkAddress.isInternal) {
            throw Refused(description: "\(host) resolves to \(inside), a private or loopback address; an admin may allow it with allowPrivateNetwork")
        }
        return Pin(host: bare, addresses: addresses)
    }
}
