import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// Pipedrive's API v2 for deals, persons and organizations, and the v1 calls v2 does not replace (`users/me`,
/// `dealFields`), in Pipedrive's shapes: `{"success", "data", "additional_data": {"next_cursor"}}`, custom fields
/// keyed by hash, an API token in `x-api-token` (or `api_token`), the rate-limit headers.
struct PipedriveRoutes {
    let org: Org
    static let defaultToken = "sandbox-pipedrive-token"

    func register(_ router: Router<BasicRequestContext>) {
        router.get("api/v1/users/me") { r, _ in
            try await call(r, "me") {
                Self.ok(["id": 1, "name": "Intégration Paraphe", "email": "integration@sandbox.example", "company_id": .number(Double(PipedriveData.companyId)),
                         "company_name": "Sandbox SAS", "company_domain": "sandbox", "locale": "fr_FR", "timezone_name": "Europe/Paris"])
            }
        }
        router.get("api/v1/dealFields") { r, _ in
            try await call(r, "dealFields") {
                let all = await org.pipedrive.dealFields
                let start = max(0, Int(r.uri.queryParameters.get("start") ?? "0") ?? 0), limit = min(500, max(1, Int(r.uri.queryParameters.get("limit") ?? "100") ?? 100))
                let fields = Array(all.enumerated().dropFirst(start).prefix(limit))
                let more = start + fields.count < all.count
                return Self.ok(.array(fields.map { i, f in
                    ["id": .number(Double(i + 1)), "key": .string(f.key), "name": .string(f.name), "field_type": .string(f.type),
                     "edit_flag": .bool(f.custom), "bulk_edit_allowed": .bool(f.editable), "mandatory_flag": false, "active_flag": true]
                }), additional: ["pagination": ["start": .number(Double(start)), "limit": .number(Double(limit)), "more_items_in_collection": .bool(more),
                                                "next_start": more ? .number(Double(start + fields.count)) : .null]])
            }
        }
        let v2 = router.group("api/v2/:entity")
        v2.get { r, c in try await call(r, "list") { try await list(r, c) } }
        v2.post { r, c in try await call(r, "create") { Self.ok(await org.pdJSON(try await org.pdCreate(entity(c), try await body(r)), entity: entity(c))) } }
        v2.get(":id") { r, c in try await call(r, "get") { Self.ok(await org.pdJSON(try await org.pdGet(entity(c), id: try id(c)), entity: entity(c))) } }
        v2.get(":id/products") { r, c in try await call(r, "dealProducts") { Self.ok(.array(try await org.pdDealProducts(entity(c), deal: try id(c)))) } }
        v2.post(":id/products") { r, c in
            try await call(r, "addDealProduct") { Self.ok(try await org.pdAddDealProduct(entity(c), deal: try id(c), try await body(r))) }
        }
        v2.patch(":id") { r, c in
            try await call(r, "update") { Self.ok(await org.pdJSON(try await org.pdUpdate(entity(c), id: try id(c), try await body(r)), entity: entity(c))) }
        }
    }

    static func ok(_ data: Value, additional: Value = .null) -> Response {
        SalesforceRoutes.json(200, ["success": true, "data": data, "additional_data": additional])
    }

    func entity(_ c: BasicRequestContext) -> String { c.parameters.get("entity") ?? "" }

    func id(_ c: BasicRequestContext) throws -> Int {
        guard let id = c.parameters.get("id").flatMap(Int.init) else { throw PipedriveError(status: 400, message: "id must be an integer") }
        return id
    }

    func body(_ r: Request) async throws -> [String: Value] {
        guard let object = JSONBody.decode([String: Value].self, Data(buffer: try await r.body.collect(upTo: 1 << 20))) else {
            throw PipedriveError(status: 400, message: "The request body is not a JSON object")
        }
        return object
    }

    /// Counts the call, plays any planned fault, checks the API token, and adds the rate-limit headers.
    func call(_ request: Request, _ route: String, _ body: () async throws -> Response) async throws -> Response {
        let token = request.headers[HTTPField.Name("x-api-token")!] ?? request.uri.queryParameters.get("api_token")
        let (outcome, delay) = await org.pdAdmit(route: route, token: token)
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        var response: Response
        switch outcome {
        case .failure(let error): response = SalesforceRoutes.json(error.status, error.body)
        case .success:
            do { response = try await body() } catch let error as PipedriveError { response = SalesforceRoutes.json(error.status, error.body) }
        }
        let exhausted = response.status.code == 429
        response.headers[HTTPField.Name("x-ratelimit-limit")!] = "80"
        response.headers[HTTPField.Name("x-ratelimit-remaining")!] = exhausted ? "0" : "79"
        response.headers[HTTPField.Name("x-daily-requests-left")!] = exhausted ? "0" : "10000"
        return response
    }

    func list(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let q = r.uri.queryParameters
        let ids = (q.get("ids") ?? "").split(separator: ",").compactMap { Int($0) }
        guard ids.count <= 100 else { throw PipedriveError(status: 400, message: "ids: at most 100") }
        var since: Date?
        if let text = q.get("updated_since") {
            guard let parsed = PipedriveTime.parse(text) else { throw PipedriveError(status: 400, message: "updated_since must be an RFC 3339 date-time") }
            since = parsed
        }
        let sort = q.get("sort_by") ?? "id"
        guard ["id", "update_time", "add_time"].contains(sort) else { throw PipedriveError(status: 400, message: "sort_by must be id, update_time or add_time") }
        let limit = min(500, Int(q.get("limit") ?? "100") ?? 100)
        let (items, next) = try await org.pdList(entity(c), ids: ids, updatedSince: since, sortByUpdate: sort == "update_time",
                                                 ascending: q.get("sort_direction") != "desc", limit: limit, cursor: q.get("cursor"))
        var data: [Value] = []
        for item in items { data.append(await org.pdJSON(item, entity: entity(c))) }
        return Self.ok(.array(data), additional: ["next_cursor": next.map(Value.string) ?? .null])
    }
}

extension Org {
    func pdAdmit(route: String, token: String?) -> (outcome: Result<Void, PipedriveError>, delay: Int) {
        apiCalls += 1
        callsByRoute["pipedrive/" + route, default: 0] += 1
        let (outcome, delay) = faults.admit(now: clock())
        switch outcome {
        case .fail(.down), .fail(.unavailable): return (.failure(PipedriveError(status: 503, message: "Service unavailable")), delay)
        case .fail(.requestLimit): return (.failure(PipedriveError(status: 429, message: "Request over limit", info: "daily budget spent")), delay)
        case .expireSessions: pipedriveTokens.removeAll()
        case .pass: break
        }
        guard let token, pipedriveTokens.contains(token) else { return (.failure(PipedriveError(status: 401, message: "unauthorized access")), delay) }
        return (.success(()), delay)
    }

    func pdRotateToken() -> String {
        let token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        pipedriveTokens = [token]
        return token
    }
}

/// Delivers Pipedrive webhooks (v2), with their Basic auth, until each is answered 2xx.
struct PipedriveWebhookDelivery: Service {
    let org: Org
    let client: HTTPClient

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let (target, body) = await org.duePipedriveEvent() {
                    await org.pipedriveDelivered(ok: await send(body, to: target))
                } else {
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
    }

    func send(_ body: Value, to target: PipedriveWebhookTarget) async -> Bool {
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(target.user):\(target.password)".utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(data: JSONBody.encode(body)))
        guard let response = try? await client.execute(request, timeout: .seconds(10)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return (200..<300).contains(Int(response.status.code))
    }
}
