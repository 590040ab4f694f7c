import Foundation
import HTTPTypes
import Hummingbird

/// HubSpot's CRM API v3 (and the v4 associations it needs), in HubSpot's shapes: string property values, ISO
/// timestamps with milliseconds, `{"status": "error", "category", …}` errors, 207 for partly failed batches, the
/// daily-limit headers, private app tokens.
struct HubSpotRoutes {
    let org: Org
    static let defaultToken = "pat-eu1-sandbox"
    static let dailyLimit = 250_000

    func register(_ router: Router<BasicRequestContext>) {
        router.get("account-info/v3/details") { r, _ in
            try await call(r, "account") {
                Self.json(200, ["portalId": .number(Double(HubSpotSchema.portalId)), "accountType": "STANDARD", "timeZone": "Europe/Paris",
                                "companyCurrency": "EUR", "additionalCurrencies": [], "utcOffset": "+01:00", "utcOffsetMilliseconds": 3_600_000,
                                "uiDomain": "app-eu1.hubspot.com", "dataHostingLocation": "eu1"])
            }
        }
        router.get("crm/v3/properties/:objectType") { r, c in try await call(r, "properties") { try await properties(c) } }
        let objects = router.group("crm/v3/objects/:objectType")
        objects.get { r, c in try await call(r, "list") { try await list(r, c) } }
        objects.post { r, c in try await call(r, "create") { try await create(r, c) } }
        objects.get(":objectId") { r, c in try await call(r, "get") { try await get(r, c) } }
        objects.patch(":objectId") { r, c in try await call(r, "update") { try await update(r, c) } }
        objects.post("batch/read") { r, c in try await call(r, "batch/read") { try await batchRead(r, c) } }
        objects.post("batch/upsert") { r, c in try await call(r, "batch/upsert") { try await batchUpsert(r, c) } }
        objects.post("batch/update") { r, c in try await call(r, "batch/update") { try await batchUpdate(r, c) } }
        objects.post("search") { r, c in try await call(r, "search") { try await search(r, c) } }
        let associations = router.group("crm/v4/objects/:objectType/:objectId/associations")
        associations.put("default/:toObjectType/:toObjectId") { r, c in try await call(r, "associate") { try await associate(c) } }
        associations.get(":toObjectType") { r, c in try await call(r, "associations") { try await associated(r, c) } }
        router.get("contacts/:portal/record/:typeId/:objectId") { _, c in try await recordPage(c) }
    }

    static func json(_ status: Int, _ body: Value) -> Response {
        SalesforceRoutes.json(status, body)
    }

    /// Every API call: counted, exposed to the planned faults, checked for a live token, answered with the limit
    /// headers.
    func call(_ request: Request, _ route: String, _ body: () async throws -> Response) async throws -> Response {
        let (outcome, delay) = await org.hsAdmit(route: route, authorization: request.headers[.authorization])
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        var response: Response
        switch outcome {
        case .failure(let error): response = Self.json(error.status, error.body)
        case .success:
            do { response = try await body() } catch let error as HubSpotError { response = Self.json(error.status, error.body) }
        }
        let used = await org.apiCalls
        response.headers[HTTPField.Name("X-HubSpot-RateLimit-Daily")!] = String(Self.dailyLimit)
        response.headers[HTTPField.Name("X-HubSpot-RateLimit-Daily-Remaining")!] = String(max(0, Self.dailyLimit - used))
        return response
    }

    func body(_ request: Request) async throws -> [String: Value] {
        let data = Data(buffer: try await request.body.collect(upTo: 10 << 20))
        guard let object = JSONBody.decode([String: Value].self, data) else {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "Invalid input JSON on line 1: the body is not a JSON object")
        }
        return object
    }

    func type(_ c: BasicRequestContext) -> String { c.parameters.get("objectType") ?? "" }

    /// A list parameter, given comma-separated (`properties=a,b`) or repeated (`properties=a&properties=b`), as
    /// clients do either.
    static func list(_ query: Parameters, _ name: String) -> [String] {
        query.getAll(name).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func strings(_ value: Value?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap(\.string)
    }

    func properties(_ c: BasicRequestContext) async throws -> Response {
        let spec = try await org.hsSpec(type(c))
        let results: [Value] = spec.properties.map { p in
            ["name": .string(p.name), "label": .string(p.label), "type": .string(p.type), "fieldType": .string(p.fieldType),
             "groupName": .string(p.custom ? "paraphe" : "\(spec.name.dropLast())information"), "description": "",
             "hasUniqueValue": .bool(p.unique), "hidden": false, "calculated": false, "externalOptions": false,
             "formField": .bool(!p.readOnly), "createdUserId": p.custom ? "1" : .null,
             "modificationMetadata": ["archivable": .bool(p.custom), "readOnlyDefinition": .bool(!p.custom), "readOnlyValue": .bool(p.readOnly)],
             "options": .array(p.options.enumerated().map { i, o in ["label": .string(o), "value": .string(o), "displayOrder": .number(Double(i)), "hidden": false] })]
        }
        return Self.json(200, ["results": .array(results)])
    }

    func list(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let query = r.uri.queryParameters
        let limit = min(100, Int(query.get("limit") ?? "10") ?? 10)
        let after = Int(query.get("after") ?? "0") ?? 0
        let spec = try await org.hsSpec(type(c))
        let rows = try await org.hsAll(spec.name)
        let page = rows.drop { (Int($0.id) ?? 0) <= after }.prefix(limit)
        var results: [Value] = []
        for record in page {
            results.append(await org.hsJSON(record, spec: spec, properties: Self.list(query, "properties"), associations: Self.list(query, "associations")))
        }
        var out: [String: Value] = ["results": .array(results)]
        if page.count == limit, let last = page.last, rows.contains(where: { (Int($0.id) ?? 0) > (Int(last.id) ?? 0) }) {
            out["paging"] = ["next": ["after": .string(last.id), "link": .string("?after=\(last.id)")]]
        }
        return Self.json(200, .object(out))
    }

    func create(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let input = try await body(r)
        var links: [(to: String, type: Int)] = []
        if case .array(let items)? = input["associations"] {
            for item in items {
                guard let to = item.object?["to"]?.object?["id"]?.string, case .array(let types)? = item.object?["types"],
                      let kind = types.first?.object?["associationTypeId"]?.string.flatMap(Int.init) else {
                    throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "each association needs to.id and types[].associationTypeId")
                }
                links.append((to, kind))
            }
        }
        let record = try await org.hsCreate(type(c), properties: input["properties"]?.object ?? [:], associations: links)
        let spec = try await org.hsSpec(type(c))
        return Self.json(201, await org.hsJSON(record, spec: spec, properties: Array((input["properties"]?.object ?? [:]).keys)))
    }

    func get(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let query = r.uri.queryParameters
        let spec = try await org.hsSpec(type(c))
        let id = c.parameters.get("objectId") ?? ""
        guard let record = await org.hsRecord(spec, id: id, idProperty: query.get("idProperty")) else { throw HubSpotError.notFound(spec.name, id) }
        return Self.json(200, await org.hsJSON(record, spec: spec, properties: Self.list(query, "properties"), associations: Self.list(query, "associations")))
    }

    func update(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let input = try await body(r)
        let spec = try await org.hsSpec(type(c))
        let record = try await org.hsUpdate(spec.name, id: c.parameters.get("objectId") ?? "", properties: input["properties"]?.object ?? [:],
                                            idProperty: r.uri.queryParameters.get("idProperty"))
        return Self.json(200, await org.hsJSON(record, spec: spec, properties: Array((input["properties"]?.object ?? [:]).keys)))
    }

    func inputs(_ input: [String: Value]) throws -> [[String: Value]] {
        guard case .array(let items)? = input["inputs"] else { throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "inputs is required") }
        return items.map { $0.object ?? [:] }
    }

    static func batchAnswer(_ results: [Value], missing: [String], type: String) -> Response {
        let now = HubSpotTime.format(Date())
        var body: [String: Value] = ["status": "COMPLETE", "results": .array(results), "startedAt": .string(now), "completedAt": .string(now)]
        guard !missing.isEmpty else { return json(200, .object(body)) }
        body["numErrors"] = .number(Double(missing.count))
        body["errors"] = [["status": "error", "category": "OBJECT_NOT_FOUND", "message": .string("Could not get some \(type) objects, they may be deleted or not exist."),
                           "context": ["ids": .array(missing.map(Value.string))]]]
        return json(207, .object(body))
    }

    func batchRead(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let input = try await body(r)
        let ids = try inputs(input).compactMap { $0["id"]?.string }
        let spec = try await org.hsSpec(type(c))
        let (results, missing) = try await org.hsBatchRead(spec.name, ids: ids, idProperty: input["idProperty"]?.string, properties: Self.strings(input["properties"]))
        return Self.batchAnswer(results, missing: missing, type: spec.name)
    }

    func batchUpsert(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let items = try inputs(try await body(r))
        let parsed: [(idProperty: String, id: String, properties: [String: Value])] = try items.map { item in
            guard let key = item["idProperty"]?.string, let id = item["id"]?.string else {
                throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "each input needs idProperty and id")
            }
            return (key, id, item["properties"]?.object ?? [:])
        }
        return Self.batchAnswer(try await org.hsBatchUpsert(type(c), inputs: parsed), missing: [], type: type(c))
    }

    func batchUpdate(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let items = try inputs(try await body(r))
        let parsed: [(id: String, properties: [String: Value])] = try items.map { item in
            guard let id = item["id"]?.string else { throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "each input needs an id") }
            return (id, item["properties"]?.object ?? [:])
        }
        let spec = try await org.hsSpec(type(c))
        let (results, missing) = try await org.hsBatchUpdate(spec.name, inputs: parsed)
        return Self.batchAnswer(results, missing: missing, type: spec.name)
    }

    func search(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let input = try await body(r)
        var groups: [[Org.HubSpotFilter]] = []
        if case .array(let items)? = input["filterGroups"] {
            for group in items {
                guard case .array(let filters)? = group.object?["filters"] else { continue }
                groups.append(filters.compactMap { f in
                    guard let o = f.object, let name = o["propertyName"]?.string else { return nil }
                    return Org.HubSpotFilter(property: name, op: o["operator"]?.string ?? "EQ", value: o["value"]?.string, values: Self.strings(o["values"]))
                })
            }
        }
        var sort: (String, Bool)?
        if case .array(let sorts)? = input["sorts"], let first = sorts.first {
            if let text = first.string { sort = (text.hasPrefix("-") ? String(text.dropFirst()) : text, !text.hasPrefix("-")) }
            else if let o = first.object, let name = o["propertyName"]?.string { sort = (name, o["direction"]?.string != "DESCENDING") }
        }
        let limit = input["limit"]?.string.flatMap(Int.init) ?? 10
        let after = input["after"]?.string.flatMap(Int.init) ?? 0
        let (total, results, next) = try await org.hsSearch(type(c), groups: groups, sort: sort, properties: Self.strings(input["properties"]),
                                                            limit: limit, after: after)
        var out: [String: Value] = ["total": .number(Double(total)), "results": .array(results)]
        if let next { out["paging"] = ["next": ["after": .string(String(next))]] }
        return Self.json(200, .object(out))
    }

    func associate(_ c: BasicRequestContext) async throws -> Response {
        let from = try await org.hsSpec(type(c)), to = try await org.hsSpec(c.parameters.get("toObjectType") ?? "")
        let fromId = c.parameters.get("objectId") ?? "", toId = c.parameters.get("toObjectId") ?? ""
        guard await org.hsRecord(from, id: fromId) != nil else { throw HubSpotError.notFound(from.name, fromId) }
        guard await org.hsRecord(to, id: toId) != nil else { throw HubSpotError.notFound(to.name, toId) }
        guard let kind = HubSpotSchema.associationType(from: from.name, to: to.name) else {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "\(from.name) cannot be associated with \(to.name)")
        }
        await org.hsAssociate(from.name, fromId, to.name, toId)
        let now = HubSpotTime.format(Date())
        return Self.json(200, ["status": "COMPLETE", "startedAt": .string(now), "completedAt": .string(now), "results": [
            ["from": ["id": .string(fromId)], "to": ["id": .string(toId)], "associationSpec": ["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": .number(Double(kind.id))]],
        ]])
    }

    /// v4 associations, paged as HubSpot pages them: `limit` (at most 500) and the opaque `after` of `paging.next`.
    func associated(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let from = try await org.hsSpec(type(c)), to = try await org.hsSpec(c.parameters.get("toObjectType") ?? "")
        let id = c.parameters.get("objectId") ?? ""
        guard await org.hsRecord(from, id: id) != nil else { throw HubSpotError.notFound(from.name, id) }
        let kind = HubSpotSchema.associationType(from: from.name, to: to.name)
        let limit = min(500, max(1, Int(r.uri.queryParameters.get("limit") ?? "") ?? 500))
        let offset = max(0, Int(r.uri.queryParameters.get("after") ?? "") ?? 0)
        let all = await org.hsAssociated(from.name, id, to.name)
        let page = all.dropFirst(offset).prefix(limit)
        let results: [Value] = page.map { other in
            ["toObjectId": .number(Double(other) ?? 0),
             "associationTypes": [["category": "HUBSPOT_DEFINED", "typeId": .number(Double(kind?.id ?? 0)), "label": .null]]]
        }
        var body: [String: Value] = ["results": .array(results)]
        if offset + page.count < all.count { body["paging"] = ["next": ["after": .string(String(offset + page.count))]] }
        return Self.json(200, .object(body))
    }

    /// Where the CRM's UI would show the record: here, its properties.
    func recordPage(_ c: BasicRequestContext) async throws -> Response {
        let typeId = c.parameters.get("typeId") ?? "", id = c.parameters.get("objectId") ?? ""
        guard let spec = try? await org.hsSpec(typeId), let record = await org.hsRecord(spec, id: id) else {
            return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "no such record")))
        }
        let rows = record.properties.keys.sorted().map { "<tr><th>\(OutboundEnvelope.escape($0))</th><td>\(OutboundEnvelope.escape(record.properties[$0] ?? ""))</td></tr>" }
        let html = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>\(spec.name) \(id)</title><h1>\(spec.name) \(id)</h1><table>\(rows.joined())</table></html>"
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension Org {
    /// Counts the call, plays any planned fault, then checks the private app token.
    func hsAdmit(route: String, authorization: String?) -> (outcome: Result<Void, HubSpotError>, delay: Int) {
        apiCalls += 1
        callsByRoute["hubspot/" + route, default: 0] += 1
        let (outcome, delay) = faults.admit(now: clock())
        switch outcome {
        case .fail(.down), .fail(.unavailable):
            return (.failure(HubSpotError(status: 503, category: "SERVICE_UNAVAILABLE", message: "Service Unavailable")), delay)
        case .fail(.requestLimit):
            return (.failure(HubSpotError(status: 429, category: "RATE_LIMITS", message: "You have reached your daily limit.", errorType: "RATE_LIMIT",
                                                 policyName: "DAILY")), delay)
        case .expireSessions:
            hubSpotTokens.removeAll()
        case .pass: break
        }
        let token = authorization.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let token, hubSpotTokens.contains(token) else {
            return (.failure(HubSpotError(status: 401, category: "INVALID_AUTHENTICATION",
                                          message: "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")), delay)
        }
        return (.success(()), delay)
    }

    /// A new private app token, as an admin rotating it gets; the old ones stop working.
    func hsRotateToken() -> String {
        let token = "pat-eu1-" + UUID().uuidString.lowercased()
        hubSpotTokens = [token]
        return token
    }
}
