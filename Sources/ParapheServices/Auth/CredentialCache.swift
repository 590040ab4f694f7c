import Foundation
import ParapheCore
import ParapheStore
import Synchronization

/// Remembers recently checked credentials for a few seconds, sparing a database read on every API call.
/// Revoking on this node clears it at once; another node may honour a revoked token for at most `lifetime`.
public final class CredentialCache: Sendable {
    public struct Entry: Sendable {
        public var token: AuthToken
        public var user: User
        public var checkedAt: Date

        public init(token: AuthToken, user: User, checkedAt: Date) {
            self.token = token
            self.user = user
            self.checkedAt = checkedAt
        }
    }

    private let entries = Mutex<[String: Entry]>([:])
    public let lifetime: TimeInterval
    public let capacity: Int

    public init(lifetime: TimeInterval = 5, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    public func lookup(_ secretHash: String, now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[secretHash] else { return nil }
            guard now.timeIntervalSince(entry.checkedAt) < lifetime, entry.token.expiresAt > now else {
                entries[secretHash] = nil
                return nil
            }
            return entry
        }
    }

    public func store(_ secretHash: String, _ entry: Entry) {
        entries.withLock { entries in
            // Crude but bounded: a full cache starts over rather than tracking recency.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[secretHash] = entry
        }
    }

    /// After a revocation, a deactivation or a password change.
    public func clear() {
        entries.withLock { $0.removeAll() }
    }
}
