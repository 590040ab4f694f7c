import Foundation

public struct CRMRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String, url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct CRMResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Carries one HTTP exchange. The server gives the AsyncHTTPClient one; a connector never opens sockets itself, so
/// the same connector runs against the CRM, the sandbox, or a fault-injecting wrapper.
public struct CRMTransport: Sendable {
    public var send: @Sendable (CRMRequest) async throws -> CRMResponse

    public init(send: @escaping @Sendable (CRMRequest) async throws -> CRMResponse) {
        self.send = send
    }
}
