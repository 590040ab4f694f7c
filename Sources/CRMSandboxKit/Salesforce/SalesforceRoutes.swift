import Foundation
import HTTPTypes
import Hummingbird

/// The REST API under `/services/data/vNN.N/` and the OAuth token endpoint, in Salesforce's shapes: error arrays,
/// `Sforce-Limit-Info` on every answer, `+0000` datetimes, 201/200/300 upserts, `nextRecordsUrl` paging.
struct SalesforceRoutes {
    let org: Org
    let clientId: String
    let clientSecret: String
    /// How the sandbox is reached, for the `instance_url` it hands out.
    let scheme: String

    func register(_ router: Router<BasicRequestContext>) {
        router.post("services/oauth2/token", use: token)
        router.get("services/data") { _, _ in
            Self.json(200, [["label": "Winter '24", "url": "/services/data/v59.0", "version": "59.0"]])
        }
        let api = router.group("services/data/:version")
        api.get("sobjects/:type/describe") { r, c in try await call(r, c, "describe") { try await describe(c) } }
        api.get("sobjects/:type/updated") { r, c in try await call(r, c, "updated") { try await updated(r, c) } }
        api.post("sobjects/:type") { r, c in try await call(r, c, "create") { try await create(r, c) } }
        api.get("sobjects/:type/:id") { r, c in try await call(r, c, "get") { try await get(r, c) } }
        api.patch("sobjects/:type/:id") { r, c in try await call(r, c, "update") { try await update(r, c) } }
        api.patch("sobjects/:type/:id/:value") { r, c in try await call(r, c, "upsert") { try await upsert(r, c) } }
        api.get("query") { r, c in try await call(r, c, "query") { try await query(r, c) } }
        api.get("query/:locator") { r, c in try await call(r, c, "query") { try await more(c) } }
        api.post("composite") { r, c in try await call(r, c, "composite") { try await compositeRequest(r) } }
        api.post("composite/sobjects") { r, c in try await call(r, c, "composite") { try await composite(r, c, upsertField: nil) } }
        api.patch("composite/sobjects") { r, c in try await call(r, c, "composite") { try await composite(r, c, upsertField: "Id") } }
        api.patch("composite/sobjects/:type/:field") { r, c in
            try await call(r, c, "composite") { try await composite(r, c, upsertField: c.parameters.get("field")) }
        }
    }

    static func json(_ status: Int, _ body: Value, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json;charset=UTF-8"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(data: JSONBody.encode(body))))
    }

    /// Every API call: counted, exposed to planned faults, authenticated, then answered with the limit header.
    func call(_ request: Request, _ context: BasicRequestContext, _ route: String, _ body: () async throws -> Response) async throws -> Response {
        let version = context.parameters.get("version") ?? ""
        guard version.range(of: #"^v\d+\.\d$"#, options: .regularExpression) != nil else {
            return Self.json(404, [["errorCode": "NOT_FOUND", "message": "The requested resource does not exist"]])
        }
        let (outcome, delay, faultBody) = await org.admit(route: route, authorization: request.headers[.authorization])
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        var response: Response
        switch outcome {
        case .failure(let error) where faultBody != nil:
            response = Self.json(error.status, faultBody!)
        case .failure(let error):
            response = Self.json(error.status, error.body)
        case .success:
            do { response = try await body() } catch let error as Org.Error { response = Self.json(error.status, error.body) }
        }
        let used = await org.apiCalls
        response.headers[HTTPField.Name("Sforce-Limit-Info")!] = "api-usage=\(used)/\(org.apiLimit)"
        return response
    }

    func fields(_ request: Request) async throws -> [String: Value] {
        let data = Data(buffer: try await request.body.collect(upTo: 10 << 20))
        guard let object = JSONBody.decode([String: Value].self, data) else {
            throw Org.Error(status: 400, code: "JSON_PARSER_ERROR", message: "The request body is not a JSON object")
        }
        return object
    }

    func type(_ c: BasicRequestContext) -> String { c.parameters.get("type") ?? "" }

    func describe(_ c: BasicRequestContext) async throws -> Response {
        let spec = try await org.spec(type(c))
        let fields: [Value] = spec.fields.map { f in
            ["name": .string(f.name), "type": .string(f.type), "label": .string(f.label), "externalIdField": .bool(f.externalId),
             "custom": .bool(f.custom), "createable": .bool(!f.system), "updateable": .bool(!f.system), "nillable": .bool(!f.required),
             "referenceTo": .array(f.referenceTo.map { [.string($0)] } ?? [])]
        }
        return Self.json(200, ["name": .string(spec.name), "label": .string(spec.name), "keyPrefix": .string(spec.keyPrefix),
                               "custom": .bool(spec.name.hasSuffix("__c")), "queryable": true, "fields": .array(fields)])
    }

    func updated(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        guard let start = r.uri.queryParameters.get("start").flatMap(SalesforceTime.parse),
              let end = r.uri.queryParameters.get("end").flatMap(SalesforceTime.parse) else {
            throw Org.Error(status: 400, code: "MISSING_ARGUMENT", message: "start and end are required datetimes")
        }
        let ids = try await org.updated(type(c), start: start, end: end)
        return Self.json(200, ["ids": .array(ids.map(Value.string)), "latestDateCovered": .string(SalesforceTime.format(end))])
    }

    func create(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let id = try await org.create(type(c), try await fields(r))
        return Self.json(201, ["id": .string(id), "success": true, "errors": []])
    }

    func get(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let spec = try await org.spec(type(c))
        var record = try await org.get(spec.name, id: c.parameters.get("id") ?? "")
        if let wanted = r.uri.queryParameters.get("fields") {
            let names = wanted.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            record = Dictionary(uniqueKeysWithValues: names.compactMap { n in spec.field(n).map { ($0.name, record[$0.name] ?? .null) } })
        }
        record["attributes"] = ["type": .string(spec.name), "url": .string(r.uri.path)]
        return Self.json(200, .object(record))
    }

    func update(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        try await org.update(type(c), id: c.parameters.get("id") ?? "", try await fields(r))
        return Response(status: .noContent)
    }

    func upsert(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        let result = try await org.upsert(type(c), field: c.parameters.get("id") ?? "", value: c.parameters.get("value") ?? "", try await fields(r))
        switch result {
        case .created(let id): return Self.json(201, ["id": .string(id), "success": true, "errors": [], "created": true])
        case .updated(let id): return Self.json(200, ["id": .string(id), "success": true, "errors": [], "created": false])
        case .ambiguous(let ids):
            return Self.json(300, .array(ids.map { .string("/services/data/v59.0/sobjects/\(type(c))/\($0)") }))
        }
    }

    func query(_ r: Request, _ c: BasicRequestContext) async throws -> Response {
        guard let soql = Self.form(r.uri.query ?? "")["q"], !soql.isEmpty else {
            throw Org.Error(status: 400, code: "MALFORMED_QUERY", message: "A query string is required (q)")
        }
        let (records, total, next) = try await org.query(soql)
        return page(records: records, total: total, next: next, version: c.parameters.get("version")!)
    }

    func more(_ c: BasicRequestContext) async throws -> Response {
        let (records, remaining, next) = try await org.more(c.parameters.get("locator") ?? "")
        return page(records: records, total: remaining, next: next, version: c.parameters.get("version")!)
    }

    func page(records: [[String: Value]], total: Int, next: String?, version: String) -> Response {
        var body: [String: Value] = ["totalSize": .number(Double(total)), "done": .bool(next == nil), "records": .array(records.map(Value.object))]
        if let next { body["nextRecordsUrl"] = .string("/services/data/\(version)/query/\(next)") }
        return Self.json(200, .object(body))
    }

    /// sObject Collections: create (POST), update by Id (PATCH) or upsert by an external id, up to 200 records, with
    /// `allOrNone` rolling back every record when one fails.
    func composite(_ r: Request, _ c: BasicRequestContext, upsertField: String?) async throws -> Response {
        let body = try await fields(r)
        guard case .array(let items) = body["records"] ?? .null else {
            throw Org.Error(status: 400, code: "JSON_PARSER_ERROR", message: "records is required")
        }
        guard items.count <= 200 else {
            throw Org.Error(status: 400, code: "EXCEEDED_ID_LIMIT", message: "record limit reached. cannot submit more than 200 records into this call")
        }
        let allOrNone = body["allOrNone"] == .bool(true)
        let results = try await org.collection(items.map { $0.object ?? [:] }, routeType: c.parameters.get("type"), field: upsertField, allOrNone: allOrNone)
        return Self.json(200, .array(results))
    }

    /// The Composite resource: one API call for up to 25 subrequests (5 of them collections or queries).
    func compositeRequest(_ r: Request) async throws -> Response {
        let body = try await fields(r)
        guard case .array(let items) = body["compositeRequest"] ?? .null, !items.isEmpty else {
            throw Org.Error(status: 400, code: "JSON_PARSER_ERROR", message: "compositeRequest is required")
        }
        guard items.count <= Org.maxSubrequests else {
            throw Org.Error(status: 400, code: "LIMIT_EXCEEDED", message: "Composite API: exceeded max limit of subrequests allowed (\(Org.maxSubrequests))")
        }
        var subrequests: [Org.Subrequest] = []
        for item in items {
            guard let o = item.object, let method = o["method"]?.string, let url = o["url"]?.string, let reference = o["referenceId"]?.string else {
                throw Org.Error(status: 400, code: "INVALID_INPUT", message: "each subrequest needs method, url and referenceId")
            }
            subrequests.append(.init(method: method.uppercased(), url: url, referenceId: reference, body: o["body"]))
        }
        guard subrequests.filter(\.countsAsCollectionOrQuery).count <= Org.maxCollectionsOrQueries else {
            throw Org.Error(status: 400, code: "LIMIT_EXCEEDED",
                            message: "Composite API: exceeded max limit of sObject Collections or query subrequests allowed (\(Org.maxCollectionsOrQueries))")
        }
        let answers = await org.composite(subrequests, allOrNone: body["allOrNone"] == .bool(true))
        return Self.json(200, ["compositeResponse": .array(answers)])
    }

    func token(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let form = Self.form(String(buffer: try await request.body.collect(upTo: 1 << 16)))
        func refused(_ error: String, _ description: String) -> Response { Self.json(400, ["error": .string(error), "error_description": .string(description)]) }
        let issued: (access: String, refresh: String)
        switch form["grant_type"] {
        case "client_credentials":
            guard form["client_id"] == clientId, form["client_secret"] == clientSecret else { return refused("invalid_client", "invalid client credentials") }
            issued = await org.issueTokens(for: clientId)
        case "refresh_token":
            guard let old = form["refresh_token"], let fresh = await org.refresh(old) else { return refused("invalid_grant", "expired access/refresh token") }
            issued = fresh
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            guard let assertion = form["assertion"] else { return refused("invalid_request", "assertion is required") }
            switch await org.acceptJWT(assertion, audience: "https://login.salesforce.com") {
            case .success(let client): issued = await org.issueTokens(for: client)
            case .failure(let reason): return refused("invalid_grant", reason.message)
            }
        default:
            return refused("unsupported_grant_type", "grant type not supported")
        }
        let host = request.head.authority ?? "127.0.0.1"
        var body: Value = ["access_token": .string(issued.access), "instance_url": .string("\(scheme)://\(host)"),
                           "id": .string("\(scheme)://\(host)/id/00D5g000000SANDBOX/\(org.integrationUser)"), "token_type": "Bearer",
                           "issued_at": .string(String(Int(Date().timeIntervalSince1970 * 1000))), "signature": "c2FuZGJveA=="]
        if form["grant_type"] == "refresh_token" || form["grant_type"] == "client_credentials", case .object(var o) = body {
            o["refresh_token"] = .string(issued.refresh)
            body = .object(o)
        }
        return Self.json(200, body)
    }
}

extension SalesforceRoutes {
    /// `application/x-www-form-urlencoded`, where `+` is a space (Hummingbird's query parser leaves it).
    static func form(_ text: String) -> [String: String] {
        var form: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        return form
    }
}
