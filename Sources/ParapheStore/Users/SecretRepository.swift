import Foundation
import ParapheCore
import SQLKit

extension Session {
    /// The named server secret, created from `fresh` the first time: every node reads the same one.
    public func appSecret(_ name: String, fresh: String, at now: Date) async throws -> String {
        try await run("""
            INSERT INTO app_secrets (name, value, created_at) VALUES (\(bind: name), \(bind: fresh), \(bind: Timestamp.format(now)))
            ON CONFLICT (name) DO NOTHING
            """)
        guard let row = try await first("SELECT value FROM app_secrets WHERE name = \(bind: name)") else { throw StoreError.notFound }
        return try row.string("value")
    }
}
