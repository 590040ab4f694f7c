import HummingbirdBcrypt
import NIOPosix

/// bcrypt is slow on purpose; it runs on the thread pool so it never stalls the event loops.
enum Passwords {
    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Verified against when the email is unknown, so response time does not reveal which emails exist.
    static let decoyHash = Bcrypt.hash("paraphe-decoy-password", cost: 12)
}
