import SwiftASN1

/// Small DER helpers for the structures swift-asn1 has no type for.
extension DER.Serializer {
    /// An AlgorithmIdentifier. RSA algorithms carry an explicit NULL; SHA-2 digests and ECDSA carry nothing
    /// (RFC 5754, RFC 5758).
    mutating func algorithm(_ oid: ASN1ObjectIdentifier, nullParameters: Bool = false) throws {
        try appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(oid)
            if nullParameters { try coder.serialize(ASN1Null()) }
        }
    }

    /// A non-negative INTEGER from its big-endian magnitude (a certificate serial number): minimal, with a leading
    /// zero when the top bit is set, or it would read as negative.
    mutating func integer(magnitude: some Collection<UInt8>) {
        let trimmed = Array(magnitude.drop { $0 == 0 })
        appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: (trimmed.first ?? 0x80) >= 0x80 ? [0] + trimmed : trimmed) }
    }

    /// A CMS Attribute: its type and a one-value SET.
    mutating func attribute(_ type: ASN1ObjectIdentifier, value: [UInt8]) throws {
        try appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(type)
            coder.appendConstructedNode(identifier: .set) { $0.serializeRawBytes(value) }
        }
    }
}

enum DERBytes {
    static func of(_ build: (inout DER.Serializer) throws -> Void) rethrows -> [UInt8] {
        var serializer = DER.Serializer()
        try build(&serializer)
        return serializer.serializedBytes
    }

    /// DER orders a SET OF by the encodings of its elements, compared as octet strings.
    static func setOrder(_ elements: [[UInt8]]) -> [[UInt8]] {
        elements.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The length of the first DER element in `bytes`, header included; nil when the header is malformed. A PDF's
    /// /Contents is padded with zeros after the CMS, and a DER parser refuses trailing bytes.
    static func firstElementLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        guard bytes.count >= 2 else { return nil }
        index += 1
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count > 0, count <= 4, bytes.endIndex - index >= count else { return nil }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
        }
        let total = index - bytes.startIndex + length
        return total <= bytes.count ? total : nil
    }
}
