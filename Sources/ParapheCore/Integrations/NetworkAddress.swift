import Foundation

/// Whether an address is one a webhook must not reach unless an admin allows it: loopback, private, link-local,
/// carrier-grade NAT, unspecified, or unique-local. Outbound calls to them could reach the server itself or the
/// internal network (SSRF).
public enum NetworkAddress {
    public static func isInternal(_ text: String) -> Bool {
        if let v4 = ipv4(text) { return isInternal(v4: v4) }
        if let v6 = ipv6(text) { return isInternal(v6: v6) }
        return false
    }

    /// An IP literal (not a name), as URLs hold it: `10.0.0.1` or `[::1]`.
    public static func isLiteral(_ host: String) -> Bool {
        let bare = bare(host)
        return ipv4(bare) != nil || ipv6(bare) != nil
    }

    /// A URL's host without the brackets of an IPv6 literal.
    public static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Refused without asking DNS: `localhost` names and internal address literals.
    public static func isInternalHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        return lower == "localhost" || lower.hasSuffix(".localhost") || isInternal(bare(host))
    }

    static func isInternal(v4 b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): true
        case (100, 64...127): true
        case (169, 254): true
        case (172, 16...31): true
        case (192, 168): true
        case (198, 18...19): true
        case (224...255, _): true
        default: false
        }
    }

    static func isInternal(v6 b: [UInt8]) -> Bool {
        if b.allSatisfy({ $0 == 0 }) { return true }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }
        if b[0] & 0xFE == 0xFC { return true }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }
        if b[0] == 0xFF { return true }
        // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
        if b[0..<10].allSatisfy({ $0 == 0 }) && (b[10] == 0xFF && b[11] == 0xFF || b[10] == 0 && b[11] == 0) { return isInternal(v4: Array(b[12..<16])) }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }) { return isInternal(v4: Array(b[12..<16])) }
        return false
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            // A leading zero is octal to the system resolver (012 is 10): not a literal we can judge, so it goes to
            // the resolver, whose answer is checked.
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part == "0" || part.first != "0", let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        let bare = text.split(separator: "%").first.map(String.init) ?? text
        guard bare.contains(":"), bare.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        var head: [UInt16] = [], tail: [UInt16] = []
        var v4: [UInt8] = []
        let halves = bare.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            guard !s.isEmpty else { return [] }
            var result: [UInt16] = []
            for piece in s.split(separator: ":", omittingEmptySubsequences: false) {
                if piece.contains(".") {
                    guard let bytes = ipv4(String(piece)) else { return nil }
                    v4 = bytes
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let h = groups(halves[0]) else { return nil }
        head = h
        if halves.count == 2 {
            guard let t = groups(halves[1]) else { return nil }
            tail = t
        }
        let v4Groups = v4.isEmpty ? 0 : 2
        let missing = 8 - head.count - tail.count - v4Groups
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + Array(repeating: 0, count: halves.count == 2 ? missing : 0) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + v4
    }
}
