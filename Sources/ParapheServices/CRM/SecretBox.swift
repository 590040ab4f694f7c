import Crypto
import Foundation
import Synchronization

/// Seals secrets at rest (CRM credentials) with AES-GCM. The key is PARAPHE_SECRET_KEY, or one made once under
/// `keys/secret.key` in the data folder (mode 0600), so a copy of the database alone does not give them away.
public final class SecretBox: Sendable {
    private let key = Mutex<SymmetricKey?>(nil)

    public init() {}

    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String { "a stored secret cannot be opened: PARAPHE_SECRET_KEY or keys/secret.key changed since it was saved" }
    }

    func key(_ config: AppConfig) throws -> SymmetricKey {
        try key.withLock { cached in
            if let cached { return cached }
            let made: SymmetricKey
            if let text = config.secretKey, let data = Data(base64Encoded: text) {
                made = SymmetricKey(data: data)
            } else {
                made = try Self.fileKey(URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("keys/secret.key"))
            }
            cached = made
            return made
        }
    }

    static func fileKey(_ url: URL) throws -> SymmetricKey {
        if let text = try? String(contentsOf: url, encoding: .utf8), let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
           data.count == 32 {
            return SymmetricKey(data: data)
        }
        let fresh = SymmetricKey(size: .bits256)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let text = fresh.withUnsafeBytes { Data($0).base64EncodedString() }
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError(setting: "PARAPHE_DATA_DIR", problem: "cannot write \(url.path)")
        }
        return fresh
    }

    public func seal(_ plain: Data, config: AppConfig) throws -> String {
        guard let combined = try AES.GCM.seal(plain, using: key(config)).combined else { throw Unreadable() }
        return "v1:" + combined.base64EncodedString()
    }

    public func open(_ sealed: String, config: AppConfig) throws -> Data {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))),
              let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key(config)) else { throw Unreadable() }
        return plain
    }
}
