import Foundation

/// A UUID typed by what it identifies, so a `Contract.ID` can never be passed where a `User.ID` is expected.
public struct Identifier<Subject>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let uuid: UUID

    public init(_ uuid: UUID = UUID()) { self.uuid = uuid }

    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }

    /// Lowercase, as stored in the database and shown in the API. Written by hand: Foundation's `uuidString` goes
    /// through `sprintf` and then needs lowercasing, and ids are turned into text on every row and every response.
    public var description: String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var i = 0
                for (n, byte) in bytes.enumerated() {
                    if n == 4 || n == 6 || n == 8 || n == 10 {
                        out[i] = UInt8(ascii: "-")
                        i += 1
                    }
                    out[i] = Self.hexDigit(byte >> 4)
                    out[i + 1] = Self.hexDigit(byte & 0x0F)
                    i += 2
                }
                return i
            }
        }
    }

    static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let uuid = UUID(uuidString: string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(string)")
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The order of the lowercase text, compared on the bytes: hex digits sort as their values do.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        withUnsafeBytes(of: lhs.uuid.uuid) { l in withUnsafeBytes(of: rhs.uuid.uuid) { r in l.lexicographicallyPrecedes(r) } }
    }
}
