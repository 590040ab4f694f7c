import Foundation
import ParapheCore

extension Database {
    /// Deletes what has expired (sessions and tokens past their end, old failed-login records, finished jobs older
    /// than 30 days). Contracts' terms, events and documents are never touched.
    public func housekeeping(now: Date) async throws {
        try await transaction { s in
            let monthAgo = Timestamp.format(now.addingTimeInterval(-30 * 86400))
            try await s.run("DELETE FROM auth_tokens WHERE expires_at < \(bind: monthAgo)")
            try await s.run("DELETE FROM login_failures WHERE at < \(bind: Timestamp.format(now.addingTimeInterval(-86400)))")
            try await s.run("DELETE FROM jobs WHERE state = 'done' AND updated_at < \(bind: monthAgo)")
        }
    }
}
