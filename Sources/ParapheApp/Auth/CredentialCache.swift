import Foundation
import ParapheCore
import ParapheStore
import Synchronization

/// Remembers recently checked credentials for a few seconds, sparing a database read on every API call.
/// Revoking on this node clears it at once; another node may honour a revoked token for at most `lifetime`.
final class CredentialCache: Sendable {
    struct Entry: Sendable {
        var token: AuthToken
        var user: User
        var checkedAt: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 5, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func lookup(_ secretHash: String, now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[secretHash] else { return nil }
            guard now.timeIntervalSince(entry.checkedAt) < lifetime, entry.token.expiresAt > now else {
                entries[secretHash] = nil
                return nil
            }
            return entry
        }
    }

    func store(_ secretHash: String, _ entry: Entry) {
        entries.withLock { entries in
            // Crude but bounded: a full cache starts over rather than tracking recency.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[secretHash] = entry
        }
    }

    /// After a revocation, a deactivation or a password change.
    func clear() {
        entries.withLock { $0.removeAll() }
    }
}
