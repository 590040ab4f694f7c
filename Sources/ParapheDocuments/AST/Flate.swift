import Foundation
import ZIPFoundation

/// zlib-wrapped deflate (RFC 1950), as PDF's FlateDecode expects. ZIPFoundation deflates raw (RFC 1951) through the
/// system zlib; the two-byte header and the Adler-32 trailer are added here.
public enum Flate {
    public static func zlib(_ data: Data) -> Data {
        var output = Data([0x78, 0x9C])
        _ = try? Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            let start = Int(position)
            return data.subdata(in: data.startIndex + start..<data.startIndex + min(start + size, data.count))
        }, consumer: { chunk in
            output.append(chunk)
        })
        var a: UInt32 = 1
        var b: UInt32 = 0
        data.withUnsafeBytes { bytes in
            // 5552 is the most bytes the sums can take before they must be reduced (RFC 1950).
            for chunk in stride(from: 0, to: bytes.count, by: 5552) {
                for index in chunk..<min(chunk + 5552, bytes.count) {
                    a &+= UInt32(bytes[index])
                    b &+= a
                }
                a %= 65521
                b %= 65521
            }
        }
        let adler = (b << 16) | a
        output.append(contentsOf: [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)])
        return output
    }
}
