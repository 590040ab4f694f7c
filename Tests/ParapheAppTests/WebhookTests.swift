import Crypto
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

/// A real HTTP receiver (a Hummingbird server on a local port) that fails its first call, then records the others.
actor Receiver {
    struct Call: Sendable {
        var signature: String
        var event: String
        var body: Data
    }
    var calls: [Call] = []
    var failuresLeft: Int

    init(failures: Int) { failuresLeft = failures }

    func receive(_ call: Call) -> HTTPResponse.Status {
        if failuresLeft > 0 {
            failuresLeft -= 1
            return .internalServerError
        }
        calls.append(call)
        return .noContent
    }

    static func serve(failures: Int, _ body: @escaping @Sendable (Receiver, Int) async throws -> Void) async throws {
        let receiver = Receiver(failures: failures)
        let router = Router()
        router.post("hook") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1_000_000)
            let status = await receiver.receive(Call(signature: request.headers[HTTPField.Name("X-Paraphe-Signature")!] ?? "",
                                                     event: request.headers[HTTPField.Name("X-Paraphe-Event")!] ?? "", body: Data(buffer: body)))
            return Response(status: status)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(receiver, try #require(client.port)) }
    }
}

@Suite struct WebhookTests {
    @Test(arguments: TestEngine.all)
    func eventsAreSignedRetriedAndLogged(engine: TestEngine) async throws {
        try await Receiver.serve(failures: 1) { receiver, port in
            try await TestApp.run(engine) { app in
                let url = "http://127.0.0.1:\(port)/hook"
                // a loopback target needs an admin's explicit allowance; only admins manage webhooks
                let refused = try await app.call(.post, "/api/v1/webhooks", as: "admin", json: #"{"url": "\#(url)", "events": ["contract.*"]}"#)
                #expect(refused.status == 422)
                #expect(refused.fields == ["url"])
                #expect(try await app.call(.post, "/api/v1/webhooks", as: "legal", json: #"{"url": "https://crm.example.com/hook", "events": ["*"]}"#).status == 403)
                let bad = try await app.call(.post, "/api/v1/webhooks", as: "admin", json: #"{"url": "ftp://x", "events": ["contract.signd"], "secret": "court"}"#)
                #expect(Set(bad.fields) == ["url", "events[0]", "secret"])

                let secret = "un secret partagé de test"
                let created = try await app.call(.post, "/api/v1/webhooks", as: "admin", json: """
                    {"url": "\(url)", "events": ["contract.created", "approval.*"], "secret": "\(secret)", "allowPrivateNetwork": true}
                    """)
                #expect(created.status == 201, "\(created.text)")
                #expect(created.json["secret"]?.string == secret)
                let hook = try #require(created.json["id"]?.string)
                #expect(try await app.call(.get, "/api/v1/webhooks", as: "admin").json["items"]?[0]?["secret"] == nil, "the secret is shown once")

                let contract = try #require(try await app.createContract()["id"]?.string)
                _ = try await ApprovalFlowTests.submit(app, contract)
                // first attempt: the receiver fails; the delivery is kept for a retry
                try await app.runJobs()
                var log = try await app.call(.get, "/api/v1/webhooks/\(hook)/deliveries", as: "admin").json["items"]?.array ?? []
                #expect(Set(log.compactMap { $0["eventType"]?.string }) == ["approval.requested", "contract.created"], "contract.transitioned was not asked for")
                #expect(log.contains { $0["status"]?.string == "retrying" && $0["responseStatus"]?.int == 500 })
                // after the backoff, everything is delivered
                app.clock.advance(10)
                try await app.runJobs()
                log = try await app.call(.get, "/api/v1/webhooks/\(hook)/deliveries", as: "admin").json["items"]?.array ?? []
                #expect(log.allSatisfy { $0["status"]?.string == "delivered" }, "\(log)")
                let calls = await receiver.calls
                #expect(Set(calls.map(\.event)) == ["contract.created", "approval.requested"])

                // each body is signed: t=<unix>,v1=HMAC-SHA256(secret, t + "." + body)
                for call in calls {
                    let parts = Dictionary(uniqueKeysWithValues: call.signature.split(separator: ",").map { pair in
                        let kv = pair.split(separator: "=", maxSplits: 1)
                        return (String(kv[0]), String(kv[1]))
                    })
                    let t = try #require(parts["t"])
                    let mac = HMAC<SHA256>.authenticationCode(for: Data("\(t).".utf8) + call.body, using: SymmetricKey(data: Data(secret.utf8)))
                    #expect(parts["v1"] == mac.map { String(format: "%02x", $0) }.joined())
                    let payload = try JSONDecoder().decode(JSONValue.self, from: call.body)
                    #expect(payload["contractId"]?.string == contract)
                    #expect(payload["type"]?.string == call.event)
                }

                // removed, it receives nothing more
                #expect(try await app.call(.delete, "/api/v1/webhooks/\(hook)", as: "admin").status == 204)
                _ = try await app.createContract(title: "Autre")
                try await app.runJobs()
                #expect(await receiver.calls.count == calls.count)
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func aNameResolvingToLoopbackIsRefusedAtDelivery(engine: TestEngine) async throws {
        // The machine's own name resolves to one of its own addresses, loopback or private: a name, so creation cannot
        // tell; delivery resolves it.
        let host = ProcessInfo.processInfo.hostName
        let addresses = WebhookTarget.addresses(host)
        try #require(!addresses.isEmpty && addresses.allSatisfy(NetworkAddress.isInternal), "\(host) resolves to \(addresses)")
        try await TestApp.run(engine) { app in
            let created = try await app.call(.post, "/api/v1/webhooks", as: "admin", json: #"{"url": "http://\#(host):9/hook", "events": ["*"]}"#)
            #expect(created.status == 201, "\(created.text)")
            let hook = try #require(created.json["id"]?.string)
            _ = try await app.createContract()
            try await app.runJobs()
            let log = try await app.call(.get, "/api/v1/webhooks/\(hook)/deliveries", as: "admin").json["items"]?.array ?? []
            #expect(log.first?["status"]?.string == "failed")
            #expect(log.first?["lastError"]?.string?.contains("private or loopback") == true)
            #expect(log.first?["attempts"]?.int == 1, "a refused target is not retried")
        }
    }

    /// The delivery connects to the address the check accepted, not to whatever a second lookup of the name says:
    /// here the name resolves only through the check's resolver (`.invalid` never resolves in DNS), so the receiver
    /// is reached only if the client used the pinned address. The resolver is the injected fault: a DNS server
    /// whose answers the system resolver never sees.
    @Test(arguments: TestEngine.all)
    func deliveryConnectsToTheAddressItChecked(engine: TestEngine) async throws {
        try await Receiver.serve(failures: 0) { receiver, port in
            try await TestApp.run(engine) { app in
                let created = try await app.call(.post, "/api/v1/webhooks", as: "admin", json: """
                    {"url": "http://hooks.paraphe.invalid:\(port)/hook", "events": ["contract.created"], "allowPrivateNetwork": true}
                    """)
                #expect(created.status == 201, "\(created.text)")
                let hook = try #require(created.json["id"]?.string)
                _ = try await app.createContract()
                func deliver(_ resolve: @escaping @Sendable (String) -> [String]) async throws {
                    try await app.withServices { services in
                        var services = services
                        services.resolveHost = resolve
                        let worker = JobWorker.paraphe(services)
                        while try await worker.runNext() {}
                    }
                }
                // unresolvable: retried, not dropped
                try await deliver { _ in [] }
                var log = try await app.call(.get, "/api/v1/webhooks/\(hook)/deliveries", as: "admin").json["items"]?.array ?? []
                #expect(log.first?["status"]?.string == "retrying")
                #expect(log.first?["lastError"]?.string == "hooks.paraphe.invalid does not resolve")
                #expect(await receiver.calls.isEmpty)

                // the first answer cannot be reached (nothing listens on IPv6 there): the next checked one is tried
                app.clock.advance(3600)
                try await deliver { $0 == "hooks.paraphe.invalid" ? ["::1", "127.0.0.1"] : [] }
                log = try await app.call(.get, "/api/v1/webhooks/\(hook)/deliveries", as: "admin").json["items"]?.array ?? []
                #expect(log.first?["status"]?.string == "delivered", "\(log)")
                #expect(await receiver.calls.map(\.event) == ["contract.created"])
            }
        }
    }

    /// Without the admin's allowance, one internal address among a name's answers is enough to refuse it.
    @Test func aNameWithOneInternalAnswerIsRefused() async throws {
        try await TestApp.run(.sqlite) { app in
            let created = try await app.call(.post, "/api/v1/webhooks", as: "admin", json: #"{"url": "https://crm.paraphe.invalid/hook", "events": ["*"]}"#)
            let hook = try #require(created.json["id"]?.string)
            _ = try await app.createContract()
            try await app.withServices { services in
                var services = services
                services.resolveHost = { _ in ["93.184.216.34", "10.1.2.3"] }
                let worker = JobWorker.paraphe(services)
                while try await worker.runNext() {}
            }
            let log = try await app.call(.get, "/api/v1/webhooks/\(hook)/deliveries", as: "admin").json["items"]?.array ?? []
            #expect(log.first?["status"]?.string == "failed")
            #expect(log.first?["lastError"]?.string == "crm.paraphe.invalid resolves to 10.1.2.3, a private or loopback address; an admin may allow it with allowPrivateNetwork")
        }
    }
}
