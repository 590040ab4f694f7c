import Crypto
import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The login form's anti-forgery check. Before any session there is nothing to bind a token to but a cookie, and a
/// sibling subdomain can plant a cookie; a token equal to the cookie (double submit) is one the attacker chooses.
/// So the server issues the pair: a random cookie value and a token, HMAC(key, value ‖ expiry), that only the
/// server can compute, valid for an hour; the key is a server secret shared by every node. A sibling could still
/// fetch a pair of its own and plant it, so: behind https the cookie is `__Host-` (no other host may set it), and a
/// POST that the browser says came from elsewhere (`Sec-Fetch-Site` other than same-origin, or an `Origin` that is
/// not this site's) is refused. Pages cannot forge either header.
enum LoginForgery {
    static func cookie(secure: Bool) -> String { secure ? "__Host-paraphe_login_csrf" : "paraphe_login_csrf" }
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

    /// Whether the browser says the form was posted from anywhere but this site's own pages.
    static func isForeign(_ request: Request, publicURL: String) -> Bool {
        if let site = request.headers[.init("Sec-Fetch-Site")!]?.lowercased(), site != "same-origin", site != "none" { return true }
        guard let sent = request.headers[.origin]?.lowercased(), sent != "null" else { return false }
        let host = request.head.authority.map { $0.lowercased() }
        let own = [origin(of: publicURL)] + (host.map { ["http://\($0)", "https://\($0)"] } ?? [])
        return !own.contains(sent)
    }

    /// `scheme://host[:port]` of a URL, as browsers write `Origin`.
    static func origin(of url: String) -> String {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else { return url.lowercased() }
        return "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")".lowercased()
    }
}
