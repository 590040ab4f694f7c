import Crypto
import Foundation
import ParapheStore
import Synchronization

/// Server secrets read once from the database and kept for the process's life.
public final class SecretCache: Sendable {
    private let values = Mutex<[String: SymmetricKey]>([:])

    public func key(_ name: String, services: AppServices) async throws -> SymmetricKey {
        if let known = values.withLock({ $0[name] }) { return known }
        let fresh = services.newSecret()
        let now = services.clock()
        let stored = try await services.database.transaction { try await $0.appSecret(name, fresh: fresh, at: now) }
        let key = SymmetricKey(data: Data(stored.utf8))
        values.withLock { $0[name] = key }
        return key
    }
}
