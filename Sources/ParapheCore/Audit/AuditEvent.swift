import Foundation

/// One entry of a contract's audit trail. Append-only; `hash = SHA-256(previousHash ‖ canonical JSON of the rest)`.
public struct AuditEvent: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<AuditEvent>
    public var id: ID
    public var contractId: Contract.ID
    public var sequence: Int
    public var at: Date
    public var actor: Actor
    public var type: String
    public var data: [String: JSONValue]
    public var reason: String?
    public var previousHash: String
    public var hash: String

    public init(id: ID = ID(), contractId: Contract.ID, sequence: Int, at: Date, actor: Actor, type: String,
                data: [String: JSONValue], reason: String?, previousHash: String, hash: String = "") {
        self.id = id
        self.contractId = contractId
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.type = type
        self.data = data
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hashed body: everything but the hash itself. The sequence is inside, so reordering breaks the chain.
    struct Body: Encodable {
        let id: String
        let contractId: String
        let sequence: Int
        let at: String
        let actor: Actor
        let type: String
        let data: [String: JSONValue]
        let reason: String?
    }

    public func canonicalBody() -> Data {
        let body = Body(id: id.description, contractId: contractId.description, sequence: sequence, at: Timestamp.format(at),
                        actor: actor, type: type, data: data, reason: reason)
        return (try? CanonicalJSON.encode(body)) ?? Data()
    }
}

public enum AuditChain {
    /// The chain starts from 64 zeros, so the first event's previous hash is explicit too.
    public static let genesis = String(repeating: "0", count: 64)

    public typealias Digest = @Sendable (Data) -> String

    /// Fills in sequence, previous hash and hash for the next event after `last`.
    public static func seal(_ event: AuditEvent, after last: AuditEvent?, digest: Digest) -> AuditEvent {
        var sealed = event
        sealed.sequence = (last?.sequence ?? 0) + 1
        sealed.previousHash = last?.hash ?? genesis
        sealed.hash = hash(sealed, digest: digest)
        return sealed
    }

    public static func hash(_ event: AuditEvent, digest: Digest) -> String {
        digest(Data(event.previousHash.utf8) + event.canonicalBody())
    }

    /// The last link as recorded beside the contract, so that deleting the newest events is caught too.
    public struct Head: Hashable, Sendable {
        public var count: Int
        public var hash: String
        public init(count: Int, hash: String) {
            self.count = count
            self.hash = hash
        }
    }

    /// Walks the events in stored order; any edited, deleted, inserted or reordered event breaks it.
    public static func verify(_ events: [AuditEvent], head: Head? = nil, digest: Digest) -> ChainVerdict {
        var previous = genesis
        for (index, event) in events.enumerated() {
            if event.sequence != index + 1 {
                return .broken(sequence: event.sequence, reason: "expected event #\(index + 1), found #\(event.sequence): an event was deleted or reordered")
            }
            if event.previousHash != previous {
                return .broken(sequence: event.sequence, reason: "previous hash does not match event #\(index)")
            }
            if hash(event, digest: digest) != event.hash {
                return .broken(sequence: event.sequence, reason: "content does not match its hash: the event was edited")
            }
            previous = event.hash
        }
        if let head, head.count != events.count || (head.count > 0 && head.hash != previous) {
            return .broken(sequence: events.count, reason: "the contract records \(head.count) events ending in \(head.hash.prefix(12)), the trail has \(events.count): events were removed or replaced")
        }
        return .valid(count: events.count)
    }
}

public enum ChainVerdict: Hashable, Sendable {
    case valid(count: Int)
    case broken(sequence: Int, reason: String)

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
