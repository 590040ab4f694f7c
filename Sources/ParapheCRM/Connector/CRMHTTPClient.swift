import AsyncHTTPClient
import Foundation
import NIOCore


/// The CRM connectors' HTTP: AsyncHTTPClient, no redirects (a CRM never needs one, and a redirect could carry the
/// bearer token elsewhere), bounded answers.
public enum CRMHTTPClient {
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                   configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(30))))

    public static let transport = CRMTransport { request in
        var r = HTTPClientRequest(url: request.url)
        r.method = .init(rawValue: request.method)
        for (name, value) in request.headers { r.headers.add(name: name, value: value) }
        if let body = request.body { r.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(r, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 32 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name] = header.value }
        return CRMResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }
}
