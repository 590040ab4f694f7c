import Foundation
import ParapheSignature
import Synchronization
import SwiftASN1
import X509

/// The organisation's seal: from PARAPHE_SEAL_CERT and PARAPHE_SEAL_KEY when given, otherwise generated at first
/// start under `keys/` in the data folder (mode 0600) and read from there afterwards. Read once per process.
public final class SealKeys: Sendable {
    private let cached = Mutex<SealIdentity?>(nil)

    public init() {}

    public func identity(_ config: AppConfig, now: Date) throws -> SealIdentity {
        if let known = cached.withLock({ $0 }) { return known }
        let identity = try Self.load(config, now: now)
        cached.withLock { $0 = identity }
        return identity
    }

    /// The time-stamp authorities to trust (PARAPHE_TSA_CERT), read on each call: a file, not a secret.
    public func timestampRoots(_ config: AppConfig) throws -> [Certificate] {
        guard let path = config.timestampRootsPath else { return [] }
        do {
            return try PEMDocument.parseMultiple(pemString: String(contentsOfFile: path, encoding: .utf8)).map { try Certificate(derEncoded: $0.derBytes) }
        } catch {
            throw ConfigError(setting: "PARAPHE_TSA_CERT", problem: "cannot be read as PEM certificates: \(error)")
        }
    }

    public static func keyURL(dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/seal-key.pem")
    }

    public static func chainURL(dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/seal-chain.pem")
    }

    static func load(_ config: AppConfig, now: Date) throws -> SealIdentity {
        if let certificate = config.sealCertificatePath, let key = config.sealKeyPath {
            do {
                return try SealIdentity(keyPEM: String(contentsOfFile: key, encoding: .utf8), chainPEM: String(contentsOfFile: certificate, encoding: .utf8))
            } catch let error as SealIdentity.LoadError {
                throw ConfigError(setting: "PARAPHE_SEAL_KEY", problem: error.description)
            } catch {
                throw ConfigError(setting: "PARAPHE_SEAL_CERT", problem: "cannot be read: \(error.localizedDescription)")
            }
        }
        let keyURL = keyURL(dataDirectory: config.dataDirectory), chainURL = chainURL(dataDirectory: config.dataDirectory)
        if FileManager.default.fileExists(atPath: keyURL.path) {
            // A seal that exists but cannot be read is an error, never replaced: every document sealed with it would
            // then look sealed by a stranger.
            do {
                return try SealIdentity(keyPEM: String(contentsOf: keyURL, encoding: .utf8), chainPEM: String(contentsOf: chainURL, encoding: .utf8))
            } catch {
                throw ConfigError(setting: "PARAPHE_DATA_DIR", problem: "the seal in \(keyURL.deletingLastPathComponent().path) cannot be read: \(error)")
            }
        }
        let identity = try SealIdentity.generate(organisation: config.organisation, now: now)
        try FileManager.default.createDirectory(at: keyURL.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        for (url, text) in [(chainURL, try identity.chainPEM), (keyURL, try identity.keyPEM)] {
            guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ConfigError(setting: "PARAPHE_DATA_DIR", problem: "cannot write \(url.path)")
            }
        }
        return identity
    }
}
