import Foundation
import ParapheCore
import SQLKit

/// One chain's head: which trail, how many events, the last hash.
public struct ChainHead: Hashable, Sendable, Codable {
    public var chain: String
    public var count: Int
    public var hash: String

    public init(chain: String, count: Int, hash: String) {
        self.chain = chain
        self.count = count
        self.hash = hash
    }

    /// The admin log's name among the heads; contracts are named by id.
    public static let adminLog = "admin-log"
}

extension Session {
    /// Every chain's head: each contract's, then the admin log's.
    public func chainHeads() async throws -> [ChainHead] {
        var heads = try await all("SELECT id, event_count, audit_head FROM contracts WHERE event_count > 0 ORDER BY id").map { row in
            ChainHead(chain: try row.string("id"), count: try row.int("event_count"), hash: try row.optionalString("audit_head") ?? "")
        }
        if let last = try await first("SELECT sequence, hash FROM admin_events ORDER BY sequence DESC LIMIT 1") {
            heads.append(ChainHead(chain: ChainHead.adminLog, count: try last.int("sequence"), hash: try last.string("hash")))
        }
        return heads
    }

    /// The hash of a chain's event number `sequence`, or nil when there is none.
    public func chainHash(_ chain: String, at sequence: Int) async throws -> String? {
        let row = chain == ChainHead.adminLog
            ? try await first("SELECT hash FROM admin_events WHERE sequence = \(bind: sequence)")
            : try await first("SELECT hash FROM events WHERE contract_id = \(bind: chain) AND sequence = \(bind: sequence)")
        return try row?.string("hash")
    }
}
