import Foundation

/// `PARAPHE_SMTP_URL`: `smtp://[user:pass@]host:port[?starttls=true][&ca=/path/ca.pem]`, or `smtps://` for TLS from
/// the first byte (port 465).
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable { case none, startTLS, implicitTLS }
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    /// A PEM file of certificates to trust instead of the system's, for a server with a private CA.
    public var caFile: String?

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, security: Security = .none, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.caFile = caFile
    }

    public struct Invalid: Error, Equatable {
        public var reason: String
    }

    public static func parse(_ text: String) -> Result<SMTPSettings, Invalid> {
        guard let url = URLComponents(string: text), let scheme = url.scheme, scheme == "smtp" || scheme == "smtps" else {
            return .failure(Invalid(reason: "must look like smtp://[user:pass@]host:port[?starttls=true], got '\(text)'"))
        }
        guard let host = url.host, !host.isEmpty else { return .failure(Invalid(reason: "names no host")) }
        var security: Security = scheme == "smtps" ? .implicitTLS : .none
        var caFile: String?
        for item in url.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("starttls", "true"?): if security == .none { security = .startTLS }
            case ("starttls", "false"?): break
            case ("ca", let path?) where !path.isEmpty: caFile = path
            default: return .failure(Invalid(reason: "has an unknown option '\(item.name)'; known: starttls=true|false, ca=<file>"))
            }
        }
        let settings = SMTPSettings(host: host, port: url.port ?? (security == .implicitTLS ? 465 : 25),
                                    username: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding,
                                    security: security, caFile: caFile)
        if settings.username != nil, settings.security == .none {
            return .failure(Invalid(reason: "has credentials but no TLS: they would cross the network in clear; add ?starttls=true or use smtps://"))
        }
        return .success(settings)
    }
}
