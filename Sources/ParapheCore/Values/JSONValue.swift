import Foundation

/// Free-form JSON (contract metadata, audit details), kept as a value so it stays `Sendable` and canonical.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let d = try? c.decode(Decimal.self) { self = .number(d) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else if let o = try? c.decode([String: JSONValue].self) { self = .object(o) }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not JSON") }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The strings inside, for full-text indexing of metadata.
    public var searchableText: [String] {
        switch self {
        case .null, .bool: []
        case .number(let d): ["\(d)"]
        case .string(let s): [s]
        case .array(let a): a.flatMap(\.searchableText)
        case .object(let o): o.keys.sorted().flatMap { [$0] + o[$0]!.searchableText }
        }
    }

    /// Nesting depth, so that absurdly deep documents can be refused before they are stored.
    public var depth: Int {
        switch self {
        case .array(let a): 1 + (a.map(\.depth).max() ?? 0)
        case .object(let o): 1 + (o.values.map(\.depth).max() ?? 0)
        default: 0
        }
    }
}

/// One JSON encoding for everything that is hashed or compared: sorted keys, ISO 8601 dates, no escaped slashes.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        return try encoder.encode(value)
    }
}

/// RFC 3339 UTC timestamps with millisecond precision, the API's and the database's only time format.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms / 1000
        let millis = Int(ms % 1000)
        let day = Day(Date(timeIntervalSince1970: TimeInterval(seconds)))
        let secOfDay = Int(seconds % 86400 + (seconds % 86400 < 0 ? 86400 : 0))
        return String(format: "%@T%02d:%02d:%02d.%03dZ", day.description, secOfDay / 3600, secOfDay / 60 % 60, secOfDay % 60, millis)
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
