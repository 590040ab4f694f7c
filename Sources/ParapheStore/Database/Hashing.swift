import Crypto
import Foundation

/// SHA-256 as lowercase hex: the one spelling of a hash the store, the audit chain and token lookups share.
/// Written without `String(format:)`, which costs more than the hash itself and runs on every API call.
public enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func of(_ data: Data) -> String {
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
