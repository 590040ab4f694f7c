/// Which SQL server holds the data. Everything that differs between them is in `Dialect`.
public enum Engine: String, Sendable, Codable, CaseIterable {
    case sqlite, postgres
}

/// Where the data lives, read from `--database-url` / `DATABASE_URL` or the data directory.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public var engine: Engine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }
}

public struct PostgresURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool

    /// Parses `postgres://user:pass@host:port/db[?sslmode=require]`; `nil` with the reason otherwise.
    public static func parse(_ text: String) -> Result<PostgresURL, DatabaseURLError> {
        guard let url = URLComponentsLite(text), url.scheme == "postgres" || url.scheme == "postgresql" else {
            return .failure(.init(reason: "must look like postgres://user:password@host:5432/database"))
        }
        guard let host = url.host, !host.isEmpty else { return .failure(.init(reason: "names no host")) }
        guard let user = url.user, !user.isEmpty else { return .failure(.init(reason: "names no user")) }
        let database = url.path.trimmingPrefix("/")
        guard !database.isEmpty else { return .failure(.init(reason: "names no database")) }
        return .success(PostgresURL(host: host, port: url.port ?? 5432, user: user, password: url.password,
                                    database: String(database), requireTLS: url.query.contains("sslmode=require")))
    }
}

public struct DatabaseURLError: Error, Sendable, Equatable {
    public var reason: String
}

/// Just enough URL parsing for connection strings; Foundation's `URLComponents` rejects some valid passwords.
struct URLComponentsLite {
    var scheme: String
    var user: String?
    var password: String?
    var host: String?
    var port: Int?
    var path: String
    var query: String

    init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        var rest = Substring(text[schemeEnd.upperBound...])
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        } else {
            query = ""
        }
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        } else {
            path = ""
        }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = String(credentials[..<colon]).removingPercentEncoding
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
            } else {
                user = String(credentials).removingPercentEncoding
            }
        }
        if let colon = rest.lastIndex(of: ":") {
            guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            port = p
            host = String(rest[..<colon])
        } else {
            host = String(rest)
        }
    }
}

import Foundation
