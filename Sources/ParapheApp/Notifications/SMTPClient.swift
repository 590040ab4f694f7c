import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ParapheCore
import ParapheServices

/// A minimal SMTP submission client on SwiftNIO (RFC 5321): EHLO, STARTTLS (RFC 3207), AUTH PLAIN (RFC 4616),
/// one message per connection. No package provides one; this covers what a relay or a mail provider asks for.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    /// The name we greet with; the sender's domain is what relays expect.
    let heloName: String
    var timeout: Duration = .seconds(60)

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " / ") }
    }

    func send(from: String, to recipients: [String], message: String) async throws {
        let tls = try settings.security == .none ? nil : makeTLSContext()
        let settings = settings
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(settings.host)))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withDeadline(timeout) {
            try await channel.executeThenClose { inbound, outbound in
                var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                try await session.expect(220, after: nil)
                var capabilities = try await session.ehlo(heloName)
                if settings.security == .startTLS {
                    guard capabilities.contains("STARTTLS") else { throw Failure(description: "the server does not offer STARTTLS") }
                    try await session.command("STARTTLS", expect: 220)
                    // Bytes already received in clear would be read as the server's answers once TLS is up: someone
                    // on the path could have sent them (RFC 3207 §6).
                    guard session.pending.isEmpty else { throw Failure(description: "the server sent data after agreeing to STARTTLS") }
                    guard let tls else { throw Failure(description: "no TLS context") }
                    let host = Self.sniName(settings.host)
                    try await channel.channel.eventLoop.submit {
                        try channel.channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
                    }.get()
                    capabilities = try await session.ehlo(heloName)
                }
                if let user = settings.username {
                    guard capabilities.contains(where: { $0.hasPrefix("AUTH") && $0.split(separator: " ").contains("PLAIN") }) else {
                        throw Failure(description: "the server does not offer AUTH PLAIN")
                    }
                    let token = Data("\0\(user)\0\(settings.password ?? "")".utf8).base64EncodedString()
                    try await session.command("AUTH PLAIN \(token)", expect: 235, shown: "AUTH PLAIN ***")
                }
                try await session.command("MAIL FROM:<\(from)>", expect: 250)
                for recipient in recipients { try await session.command("RCPT TO:<\(recipient)>", expect: 250, or: 251) }
                try await session.command("DATA", expect: 354)
                try await session.write(Self.dotStuffed(message) + ".\r\n")
                try await session.expect(250, after: "message")
                try? await session.command("QUIT", expect: 221)
            }
        }
    }

    func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let ca = settings.caFile { configuration.trustRoots = .file(ca) }
        return try NIOSSLContext(configuration: configuration)
    }

    /// SNI takes host names only; an IP address is verified against the certificate without it.
    static func sniName(_ host: String) -> String? {
        NetworkAddress.isLiteral(host) ? nil : host
    }

    /// Lines starting with a dot get a second one (RFC 5321 §4.5.2); the message ends with CRLF.
    static func dotStuffed(_ message: String) -> String {
        var text = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        if text.hasPrefix(".") { text = "." + text }
        return text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }

    struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending = ""

        mutating func write(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        mutating func command(_ line: String, expect code: Int, or other: Int? = nil, shown: String? = nil) async throws {
            try await write(line + "\r\n")
            let reply = try await readReply()
            guard reply.code == code || reply.code == other else {
                throw Failure(description: "\(shown ?? line) → \(reply.code) \(reply.text)")
            }
        }

        mutating func expect(_ code: Int, after what: String?) async throws {
            let reply = try await readReply()
            guard reply.code == code else { throw Failure(description: "\(what ?? "greeting") → \(reply.code) \(reply.text)") }
        }

        /// The server's extensions, upper-cased (`STARTTLS`, `AUTH PLAIN LOGIN`, ...).
        mutating func ehlo(_ name: String) async throws -> [String] {
            try await write("EHLO \(name)\r\n")
            let reply = try await readReply()
            guard reply.code == 250 else { throw Failure(description: "EHLO → \(reply.code) \(reply.text)") }
            return reply.lines.dropFirst().map { $0.uppercased() }
        }

        /// One reply: lines `ddd-text` continue it, `ddd text` ends it.
        mutating func readReply() async throws -> Reply {
            var lines: [String] = []
            while true {
                while let range = pending.range(of: "\r\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending.removeSubrange(..<range.upperBound)
                    guard line.count >= 3, let code = Int(line.prefix(3)) else { throw Failure(description: "not an SMTP reply: \(line.prefix(200))") }
                    lines.append(String(line.dropFirst(4)))
                    if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return Reply(code: code, lines: lines) }
                }
                guard var buffer = try await inbound.next() else { throw Failure(description: "the server closed the connection") }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                if pending.utf8.count > 65536 { throw Failure(description: "reply too long") }
            }
        }
    }
}

/// Runs `body`, cancelling it after `limit`: a silent server must not hold a mail job forever.
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw SMTPClient.Failure(description: "no answer within \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
