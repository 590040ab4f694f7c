import Foundation
import Hummingbird

/// Test and demo controls, outside the CRM's API surface and uncounted: `/__sandbox/…`.
struct AdminRoutes {
    let org: Org

    func register(_ router: Router<BasicRequestContext>) {
        let admin = router.group("__sandbox")
        admin.get("health") { _, _ in SalesforceRoutes.json(200, ["status": "ok"]) }
        admin.get("stats") { _, _ in SalesforceRoutes.json(200, await org.stats()) }
        admin.post("stats/reset") { _, _ in await org.resetStats(); return SalesforceRoutes.json(200, ["reset": true]) }
        admin.post("faults") { r, _ in try await perform { try await org.plan(try await decode(FaultPlan.self, r)) } }
        admin.post("outbound") { r, _ in try await perform { try await org.subscribe(try await decode(OutboundSubscription.self, r)) } }
        admin.post("page-size") { r, _ in
            try await perform { await org.setPageSize(try await decode([String: Int].self, r)["size"] ?? 2000) }
        }
        admin.post("jwt") { r, _ in
            try await perform {
                let body = try await decode([String: String].self, r)
                try await org.registerJWT(clientId: body["clientId"] ?? "", certificatePEM: body["certificate"] ?? "")
            }
        }
        admin.get("records/:type") { _, c in
            try await answer(value: { .array(try await org.all(c.parameters.get("type") ?? "").map(Value.object)) })
        }
        admin.post("hubspot/webhooks") { r, _ in try await perform { await org.hsSubscribe(try await decode(HubSpotWebhookTarget.self, r)) } }
        admin.post("pipedrive/webhooks") { r, _ in try await perform { await org.pdSubscribe(try await decode(PipedriveWebhookTarget.self, r)) } }
        admin.post("pipedrive/token") { _, _ in try await answer(value: { ["token": .string(await org.pdRotateToken())] }) }
        admin.get("pipedrive/records/:entity") { _, c in
            do {
                let (items, _) = try await org.pdList(c.parameters.get("entity") ?? "", ids: [], updatedSince: nil, sortByUpdate: false, ascending: true,
                                                      limit: 100_000, cursor: nil)
                var out: [Value] = []
                for item in items { out.append(await org.pdJSON(item, entity: c.parameters.get("entity") ?? "")) }
                return SalesforceRoutes.json(200, .array(out))
            } catch let error as PipedriveError {
                return SalesforceRoutes.json(error.status, error.body)
            }
        }
        admin.post("hubspot/token") { _, _ in try await answer(value: { ["token": .string(await org.hsRotateToken())] }) }
        admin.get("hubspot/records/:type") { _, c in
            do {
                return SalesforceRoutes.json(200, .array(try await org.hsAll(c.parameters.get("type") ?? "").map { record in
                    var properties = record.properties.mapValues(Value.string)
                    properties["id"] = .string(record.id)
                    return .object(properties)
                }))
            } catch let error as HubSpotError {
                return SalesforceRoutes.json(error.status, error.body)
            }
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        guard let value = JSONBody.decode(type, Data(buffer: try await request.body.collect(upTo: 1 << 20))) else {
            throw Org.Error(status: 400, code: "JSON_PARSER_ERROR", message: "unreadable body")
        }
        return value
    }

    func perform(_ body: () async throws -> Void) async throws -> Response {
        try await answer(value: { try await body(); return ["ok": true] })
    }

    func answer(value body: () async throws -> Value) async throws -> Response {
        do { return SalesforceRoutes.json(200, try await body()) } catch let error as Org.Error { return SalesforceRoutes.json(error.status, error.body) }
    }
}
