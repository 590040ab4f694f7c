import Foundation
import ParapheCore
import SQLKit

/// Column readers that behave the same on both engines (SQLite's loose typing and Postgres' strict one).
extension SQLRow {
    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalString(_ column: String) throws -> String? {
        try decode(column: column, as: String?.self)
    }

    func int(_ column: String) throws -> Int {
        try decode(column: column, as: Int.self)
    }

    func bool(_ column: String) throws -> Bool {
        try int(column) != 0
    }

    func date(_ column: String) throws -> Date {
        let text = try string(column)
        guard let date = Timestamp.parse(text) else { throw StoreError.corrupt("\(column): \(text)") }
        return date
    }

    func optionalDate(_ column: String) throws -> Date? {
        guard let text = try optionalString(column) else { return nil }
        guard let date = Timestamp.parse(text) else { throw StoreError.corrupt("\(column): \(text)") }
        return date
    }

    func day(_ column: String) throws -> Day? {
        try optionalString(column).flatMap(Day.init)
    }

    func id<T>(_ column: String) throws -> Identifier<T> {
        let text = try string(column)
        guard let id = Identifier<T>(text) else { throw StoreError.corrupt("\(column): \(text)") }
        return id
    }

    func optionalID<T>(_ column: String) throws -> Identifier<T>? {
        try optionalString(column).flatMap { Identifier<T>($0) }
    }

    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        try rowJSONDecoder.decode(T.self, from: Data(string(column).utf8))
    }
}

/// One decoder for every JSON column: making one per row costs more than decoding a small document, and a decoder
/// with fixed options is safe to share between threads.
let rowJSONDecoder = JSONDecoder()

/// Continues a newest-first list after `cursor` (the last row's `created_at` and `id`), in that order, at most `limit`.
func newestFirst(after cursor: (Date, String)?, limit: Int) -> SQLQueryString {
    var query: SQLQueryString = ""
    if let (at, id) = cursor {
        let text = Timestamp.format(at)
        query += " AND (created_at < \(bind: text) OR (created_at = \(bind: text) AND id < \(bind: id)))"
    }
    return query + " ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)"
}

public func jsonText<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
}

public enum StoreError: Error, Equatable, Sendable {
    case notFound
    case conflict(String)
    case corrupt(String)
    /// The database cannot be reached or opened at all: a configuration problem, not a bug.
    case unreachable(String)
}
