import Foundation

/// A UUID typed by what it identifies, so a `Contract.ID` can never be passed where a `User.ID` is expected.
public struct Identifier<Subject>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let uuid: UUID

    public init(_ uuid: UUID = UUID()) { self.uuid = uuid }

    /// Parses the 36-character form, in either case. By hand: `UUID(uuidString:)` goes through `sscanf`, and every
    /// id of every row read comes through here.
    public init?(_ string: String) {
        var text = string
        guard let uuid = text.withUTF8(Self.parse) else { return nil }
        self.uuid = uuid
    }

    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard text.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var i = 0
            for n in 0..<16 {
                if n == 4 || n == 6 || n == 8 || n == 10 {
                    guard text[i] == UInt8(ascii: "-") else { return false }
                    i += 1
                }
                guard let high = hexValue(text[i]), let low = hexValue(text[i + 1]) else { return false }
                out[n] = high << 4 | low
                i += 2
            }
            return true
        }
        return valid ? UUID(uuid: bytes) : nil
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
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
        var string = try container.decode(String.self)
        guard let uuid = string.withUTF8(Self.parse) else {
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
