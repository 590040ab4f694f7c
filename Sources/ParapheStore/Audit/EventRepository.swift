import Foundation
import ParapheCore
import SQLKit

public enum AuditDigest {
    public static let sha256: AuditChain.Digest = { SHA256Hex.of($0) }
}

extension Session {
    /// Seals and appends an event after the contract's last one. Call it in the transaction that made the change,
    /// after locking the contract row, so the chain grows one event at a time.
    @discardableResult
    /// `first` says the contract was created in this transaction, so there is no previous event to read.
    /// `state` is the contract row as the caller just wrote it, when it has it in hand; otherwise the row is read.
    public func appendEvent(contractId: Contract.ID, change: ContractChange, actor: Actor, reason: String?, at now: Date,
                            first isFirst: Bool = false, state written: Contract? = nil) async throws -> AuditEvent {
        let last = isFirst ? nil : try await first("SELECT * FROM events WHERE contract_id = \(bind: contractId.description) ORDER BY sequence DESC LIMIT 1")
            .map(Self.decodeEvent)
        // The caller wrote the contract row first: the event vouches for the state the change left it in.
        let found: Contract? = if let written { written } else { try await contract(contractId) }
        guard let contract = found else { throw StoreError.notFound }
        var data = change.data
        data["state"] = ContractState(contract, digest: AuditDigest.sha256).json
        let event = AuditChain.seal(
            AuditEvent(contractId: contractId, sequence: 0, at: now, actor: actor, type: change.type, data: data,
                       reason: reason, previousHash: ""),
            after: last, digest: AuditDigest.sha256)
        try await run("""
            INSERT INTO events (id, contract_id, sequence, at, actor, type, data, reason, previous_hash, hash)
            VALUES (\(bind: event.id.description), \(bind: contractId.description), \(bind: event.sequence), \(bind: Timestamp.format(event.at)),
                    \(bind: try jsonText(event.actor)), \(bind: event.type), \(bind: try jsonText(event.data)), \(bind: event.reason),
                    \(bind: event.previousHash), \(bind: event.hash))
            """)
        try await run("UPDATE contracts SET event_count = \(bind: event.sequence), audit_head = \(bind: event.hash) WHERE id = \(bind: contractId.description)")
        if let link = contract.crm {
            try await queueCRMPush(link, contract: contractId, at: now)
            // Whatever approved it (the last decision, or a policy that asks for none), a rule's auto-send follows.
            if case .statusChanged(_, .approved) = change { try await queueAutoSend(contractId, at: now) }
        }
        try await queueWebhookDeliveries(type: event.type, payload: [
            "id": .string(event.id.description), "type": .string(event.type), "occurredAt": .string(Timestamp.format(event.at)),
            "contractId": .string(contractId.description), "sequence": .number(Decimal(event.sequence)), "data": .object(event.data),
            "reason": event.reason.map { .string($0) } ?? .null,
        ], at: now)
        return event
    }

    /// The state the contract's trail vouches for now: the last event's, or nil for a trail written before states were
    /// recorded.
    public func recordedState(of contractId: Contract.ID) async throws -> ContractState? {
        let row = try await first("SELECT data FROM events WHERE contract_id = \(bind: contractId.description) ORDER BY sequence DESC LIMIT 1")
        return try row.flatMap { ContractState(try $0.json("data", as: [String: JSONValue].self)["state"]) }
    }

    /// The trail in stored order (by sequence); verification then catches any gap or swap.
    public func events(of contractId: Contract.ID) async throws -> [AuditEvent] {
        try await all("SELECT * FROM events WHERE contract_id = \(bind: contractId.description) ORDER BY sequence ASC, id ASC")
            .map(Self.decodeEvent)
    }

    public func contractIdsWithEvents(after: String?, limit: Int) async throws -> [Contract.ID] {
        try await all("SELECT id FROM contracts WHERE id > \(bind: after ?? "") ORDER BY id LIMIT \(bind: limit)").map { try $0.id("id") }
    }

    /// Verifies one contract's chain against the head recorded on the contract row, then replays it to the state it
    /// vouches for and compares that with the row: terms, status and owner edited behind the application's back
    /// break it too. Head and events are two reads; an event committed between them shows as a mismatch, so a
    /// mismatch is read once more before it is called tampering.
    public func verifyChain(of contractId: Contract.ID) async throws -> (ChainVerdict, [AuditEvent]) {
        var verdict = ChainVerdict.valid(count: 0)
        var events: [AuditEvent] = []
        for _ in 0..<2 {
            // The head and the state come from one read of the row, then the events: a change committed in between
            // shows as a count mismatch, which is read once more before it is called tampering.
            guard let row = try await first("SELECT * FROM contracts WHERE id = \(bind: contractId.description)") else {
                return (.valid(count: 0), [])
            }
            let head = AuditChain.Head(count: try row.int("event_count"), hash: try row.optionalString("audit_head") ?? "")
            let contract = try Self.decodeContract(row)
            events = try await self.events(of: contractId)
            verdict = AuditChain.verify(events, head: head, digest: AuditDigest.sha256)
            if verdict.isValid, let replayed = ContractState.replay(events) {
                let differs = replayed.differences(from: ContractState(contract, digest: AuditDigest.sha256))
                if !differs.isEmpty {
                    verdict = .broken(sequence: events.count, reason: "the contract's \(differs.joined(separator: ", ")) differ from what the trail records: changed outside Paraphe")
                }
            }
            if verdict.isValid { break }
        }
        return (verdict, events)
    }

    static func decodeEvent(_ row: any SQLRow) throws -> AuditEvent {
        AuditEvent(id: try row.id("id"), contractId: try row.id("contract_id"), sequence: try row.int("sequence"), at: try row.date("at"),
                   actor: try row.json("actor", as: Actor.self), type: try row.string("type"),
                   data: try row.json("data", as: [String: JSONValue].self), reason: try row.optionalString("reason"),
                   previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }
}

extension Database {
    /// Verifies every contract's chain (or one), reading page by page so memory stays flat.
    public func verifyAuditChains(only: Contract.ID? = nil) async throws -> [(Contract.ID, ChainVerdict)] {
        if let only {
            return [(only, try await read { try await $0.verifyChain(of: only).0 })]
        }
        var results: [(Contract.ID, ChainVerdict)] = []
        var after: String?
        while true {
            let cursor = after
            let ids = try await read { try await $0.contractIdsWithEvents(after: cursor, limit: 500) }
            if ids.isEmpty { break }
            for id in ids {
                results.append((id, try await read { try await $0.verifyChain(of: id).0 }))
            }
            after = ids.last?.description
        }
        return results
    }
}
