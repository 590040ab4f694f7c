import Foundation
import ParapheCore
import Testing

@Suite struct AuditChainTests {
    /// A deterministic stand-in digest: the chain logic does not depend on which hash is used.
    let digest: AuditChain.Digest = { data in
        var h: UInt64 = 1469598103934665603
        for b in data { h = (h ^ UInt64(b)) &* 1099511628211 }
        return String(h, radix: 16)
    }

    func chain(_ n: Int) -> [AuditEvent] {
        let id = Contract.ID()
        var events: [AuditEvent] = []
        for i in 0..<n {
            let e = AuditEvent(contractId: id, sequence: 0, at: Date(timeIntervalSince1970: Double(i)), actor: .system, type: "t\(i)",
                               data: ["i": .number(Decimal(i))], reason: nil, previousHash: "")
            events.append(AuditChain.seal(e, after: events.last, digest: digest))
        }
        return events
    }

    @Test func intactChainVerifies() {
        #expect(AuditChain.verify(chain(5), digest: digest) == .valid(count: 5))
        #expect(chain(1)[0].previousHash == AuditChain.genesis)
    }

    @Test func editedEventBreaks() {
        var events = chain(5)
        events[2].reason = "changed"
        #expect(AuditChain.verify(events, digest: digest) == .broken(sequence: 3, reason: "content does not match its hash: the event was edited"))
    }

    @Test func deletedEventBreaks() {
        var events = chain(5)
        events.remove(at: 1)
        #expect(!AuditChain.verify(events, digest: digest).isValid)
        let full = chain(5)
        let head = AuditChain.Head(count: 5, hash: full.last!.hash)
        #expect(AuditChain.verify(full, head: head, digest: digest).isValid)
        #expect(!AuditChain.verify(Array(full.dropLast()), head: head, digest: digest).isValid)
    }

    @Test func reorderedEventsBreak() {
        var events = chain(4)
        events.swapAt(1, 2)
        #expect(!AuditChain.verify(events, digest: digest).isValid)
    }

    @Test func canonicalBodyIsStable() {
        let e = chain(1)[0]
        #expect(e.canonicalBody() == e.canonicalBody())
        #expect(String(decoding: e.canonicalBody(), as: UTF8.self).contains("\"sequence\":1"))
    }
}
