import Foundation
import ParapheCore
import SQLKit

/// Content-addressed file storage. With SQLite, files under the data directory; with Postgres, a table, so that
/// every app node sees the same files.
public struct BlobStore: Sendable {
    public enum Location: Sendable { case directory(String), database }
    public let location: Location

    public init(engine: Engine, dataDirectory: String) {
        location = engine == .sqlite ? .directory(dataDirectory + "/blobs") : .database
    }

    public static func sha256(_ data: Data) -> String {
        SHA256Hex.of(data)
    }

    /// Stores the bytes (idempotent) and returns their SHA-256. On disk the file is written before the transaction
    /// commits; a rollback leaves at most an unreferenced file, never a reference to a missing one.
    public func put(_ data: Data, in session: Session) async throws -> String {
        let sha = Self.sha256(data)
        switch location {
        case .database:
            try await session.run("INSERT INTO blobs (sha256, size, content) VALUES (\(bind: sha), \(bind: data.count), \(bind: data)) ON CONFLICT (sha256) DO NOTHING")
        case .directory(let root):
            let path = Self.path(root: root, sha: sha)
            if !FileManager.default.fileExists(atPath: path) {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let temporary = path + ".tmp-\(UUID().uuidString)"
                try data.write(to: URL(fileURLWithPath: temporary))
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
                try handle.synchronize()
                try handle.close()
                _ = rename(temporary, path)
            }
        }
        return sha
    }

    public func get(_ sha: String, in session: Session) async throws -> Data? {
        switch location {
        case .database:
            return try await session.first("SELECT content FROM blobs WHERE sha256 = \(bind: sha)").map { try $0.decode(column: "content", as: Data.self) }
        case .directory(let root):
            return FileManager.default.contents(atPath: Self.path(root: root, sha: sha))
        }
    }

    static func path(root: String, sha: String) -> String {
        "\(root)/\(sha.prefix(2))/\(sha)"
    }
}
