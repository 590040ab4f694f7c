import Foundation
import ParapheCore

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

/// What a CRM's answer means to a caller that may try again.
enum CRMVerdict: Sendable {
    case accept
    /// Busy: try again after a longer pause (`extraPause` steps of the backoff) unless the tries are spent.
    case retry(extraPause: Int, reason: String)
}

extension CRMTransport {
    /// One JSON call for the token-authenticated CRMs (HubSpot, Pipedrive): a network failure, or an answer `judge`
    /// calls busy, is tried again three times with `pause`; `judge` throws for an answer that is final.
    func json(_ request: CRMRequest, pause: @Sendable (Int) async -> Void,
              judge: (CRMResponse, [String: JSONValue]) throws -> CRMVerdict) async throws -> (status: Int, json: [String: JSONValue]) {
        var attempt = 0
        while true {
            let response: CRMResponse
            do {
                response = try await send(request)
            } catch {
                guard attempt < 3 else { throw CRMError.unavailable("\(error)") }
                await pause(attempt)
                attempt += 1
                continue
            }
            let json = (try? JSONDecoder().decode([String: JSONValue].self, from: response.body)) ?? [:]
            switch try judge(response, json) {
            case .accept:
                return (response.status, json)
            case .retry(let extra, let reason):
                guard attempt < 3 else { throw CRMError.unavailable(reason) }
                await pause(attempt + extra)
                attempt += 1
            }
        }
    }
}
