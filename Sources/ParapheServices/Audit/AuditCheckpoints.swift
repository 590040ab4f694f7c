import Crypto
import Foundation
import ParapheCore
import ParapheStore

/// The daily checkpoint of every chain head (each contract's trail and the admin log), signed with the server's key
/// and written to the data folder. The chains are tamper-evident against edits; someone who can rewrite the whole
/// database could recompute them, but not these files, which the database does not hold, nor their signatures,
/// whose key is not in the database either. Verification then checks that every checkpointed event is still there,
/// with its hash.
public struct AuditCheckpoints: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public var folder: URL { URL(fileURLWithPath: services.config.dataDirectory).appendingPathComponent("checkpoints", isDirectory: true) }

    /// What a checkpoint file holds: the signed body, its signature, and the public key that checks it.
    public struct File: Codable {
        struct Body: Codable {
            var day: String
            var writtenAt: String
            var heads: [ChainHead]
        }
        var body: Body
        var signature: String
        var publicKey: String
    }

    /// Writes a checkpoint named for the moment it was taken (UTC), never over an earlier one: each stays a signed
    /// witness of the heads at its time.
    @discardableResult
    public func write() async throws -> URL {
        let key = try ServerKey.load(dataDirectory: services.config.dataDirectory)
        let now = services.clock()
        let heads = try await services.database.read { try await $0.chainHeads() }
        let body = File.Body(day: Day(now).description, writtenAt: Timestamp.format(now), heads: heads)
        let signature = try key.signature(for: CanonicalJSON.encode(body))
        let file = File(body: body, signature: signature.base64EncodedString(), publicKey: key.publicKey.rawRepresentation.base64EncodedString())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = Timestamp.format(now).prefix(19).replacingOccurrences(of: ":", with: "")
        let url = folder.appendingPathComponent("\(stamp)Z.json")
        guard !FileManager.default.fileExists(atPath: url.path) else { return url }
        try CanonicalJSON.encode(file).write(to: url, options: .atomic)
        return url
    }

    /// One problem found by `verify`.
    public struct Finding: Sendable, Equatable {
        var file: String
        var problem: String
    }

    /// Checks every checkpoint: its signature against this server's key, then each head against the database.
    public func verify() async throws -> (checked: Int, findings: [Finding]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { return (0, []) }
        let key: Curve25519.Signing.PrivateKey?
        do {
            key = try ServerKey.load(dataDirectory: services.config.dataDirectory, create: false)
        } catch {
            // Not a forgery: this user may not read the key (it is the server's, mode 0600), or it is damaged.
            return (names.count, [Finding(file: "keys/server-signing.key", problem: "cannot be read (\(error)); run the check as the server's user")])
        }
        var findings: [Finding] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let file = try? JSONDecoder().decode(File.self, from: data), let signature = Data(base64Encoded: file.signature) else {
                findings.append(Finding(file: name, problem: "cannot be read as a checkpoint"))
                continue
            }
            guard let key, file.publicKey == key.publicKey.rawRepresentation.base64EncodedString(),
                  key.publicKey.isValidSignature(signature, for: try CanonicalJSON.encode(file.body)) else {
                findings.append(Finding(file: name, problem: "its signature is not this server's: the file was altered or replaced"))
                continue
            }
            for head in file.body.heads where head.count > 0 {
                let stored = try await services.database.read { try await $0.chainHash(head.chain, at: head.count) }
                if stored != head.hash {
                    let what = head.chain == ChainHead.adminLog ? "the admin log" : "contract \(head.chain)"
                    findings.append(Finding(file: name, problem: stored == nil
                        ? "\(what) had \(head.count) events on \(file.body.day); event #\(head.count) is gone"
                        : "\(what): event #\(head.count) no longer has the hash checkpointed on \(file.body.day)"))
                }
            }
        }
        return (names.count, findings)
    }
}

/// The server's signing key (Ed25519), kept in the data folder, readable by the server's user only. It is not in
/// the database, so a database writer cannot sign a checkpoint.
public enum ServerKey {
    public static func url(dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/server-signing.key")
    }

    public static func load(dataDirectory: String) throws -> Curve25519.Signing.PrivateKey {
        guard let key = try load(dataDirectory: dataDirectory, create: true) else { throw CocoaError(.fileNoSuchFile) }
        return key
    }

    /// The key, created on first use when `create`; nil when absent and not created. A key that exists but cannot
    /// be read is an error, never replaced: every checkpoint signed with it would then look forged.
    public static func load(dataDirectory: String, create: Bool) throws -> Curve25519.Signing.PrivateKey? {
        let url = url(dataDirectory: dataDirectory)
        if FileManager.default.fileExists(atPath: url.path) {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw StoreError.corrupt("\(url.path) does not hold a base64 Ed25519 key")
            }
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        }
        guard create else { return nil }
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // Created with no permission for others before the secret is written.
        guard FileManager.default.createFile(atPath: url.path, contents: Data(key.rawRepresentation.base64EncodedString().utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.corrupt("cannot write \(url.path)")
        }
        return key
    }
}
