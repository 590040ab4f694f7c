import Crypto
import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The login form's anti-forgery check. Before any session there is nothing to bind a token to but a cookie, and a
/// sibling subdomain can plant a cookie; a token equal to the cookie (double submit) is one the attacker chooses.
/// So the server issues the pair: a random cookie value and a token, HMAC(key, value ‖ expiry), that only the
/// server can compute, valid for an hour. The key is a server secret shared by every node. A browser's cross-site
/// POST is also refused on `Sec-Fetch-Site`, which pages cannot set.
enum LoginForgery {
    static let cookie = "paraphe_login_csrf"
    static let lifetime: TimeInterval = 3600

    static func token(for value: String, key: SymmetricKey, expiresAt: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("login|\(value)|\(expiresAt)".utf8), using: key)
        return "\(expiresAt).\(mac.map { String(format: "%02x", $0) }.joined())"
    }

    static func issue(value: String, key: SymmetricKey, now: Date) -> String {
        token(for: value, key: key, expiresAt: Int(now.timeIntervalSince1970 + lifetime))
    }

    static func isValid(_ sent: String?, cookie value: String?, key: SymmetricKey, now: Date) -> Bool {
        guard let sent, let value, !value.isEmpty, value.count <= 100, sent.count <= 200,
              let expiresAt = sent.split(separator: ".").first.flatMap({ Int($0) }), Double(expiresAt) > now.timeIntervalSince1970 else { return false }
        let expected = token(for: value, key: key, expiresAt: expiresAt)
        return sent.utf8.count == expected.utf8.count && zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
    }

    /// Whether the browser says the form was posted from another site.
    static func isCrossSite(_ request: Request) -> Bool {
        request.headers[.init("Sec-Fetch-Site")!]?.lowercased() == "cross-site"
    }
}
