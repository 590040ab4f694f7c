import AsyncHTTPClient
import Foundation
import NIOCore

/// RFC 3161 over HTTP (RFC 3161 §3.4): POST the DER request as application/timestamp-query, read the DER answer.
enum TimestampClient {
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                   configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(15))))

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func exchange(url: String) -> @Sendable ([UInt8]) async throws -> [UInt8] {
        { query in
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/timestamp-query")
            request.body = .bytes(ByteBuffer(bytes: query))
            let response = try await client.execute(request, timeout: .seconds(20))
            guard response.status == .ok else { throw Failed(description: "HTTP \(response.status.code)") }
            let body = try await response.body.collect(upTo: 1 << 20)
            return Array(buffer: body)
        }
    }
}
