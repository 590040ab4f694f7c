import Foundation
import ParapheCore

/// HubSpot's CRM API v3 with a private app token: search on `hs_lastmodifieddate` for changes, batch reads, batch
/// upserts by a unique property for the contract object and batch updates for deals (100 inputs a call), the
/// properties API as describe. A private app token cannot be refreshed: a 401 means an admin must paste a new one.
public struct HubSpotConnector: CRMConnector {
    public let system = CRMSystem.hubspot
    let baseURL: String
    let token: String
    /// The app secret that signs webhooks.
    let webhookSecret: String?
    /// The portal, once known, for the links to records in HubSpot's UI.
    let portalId: String?
    let transport: CRMTransport
    let pause: @Sendable (Int) async -> Void
    /// HubSpot's search index trails writes by a few seconds: each poll looks this far behind its mark, and the
    /// engine drops what it has already seen.
    public static let overlap: TimeInterval = 120
    static let batch = 100
    static let searchPage = 200
    /// The search API returns at most this many results for one query; the next poll goes on from the last mark.
    static let searchCap = 10_000

    public init(baseURL: String, credentials: CRMCredentials, portalId: String?, transport: CRMTransport,
                pause: @escaping @Sendable (Int) async -> Void = SalesforceConnector.jitteredPause) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = credentials.accessToken ?? ""
        self.webhookSecret = credentials.webhookSecret
        self.portalId = portalId
        self.transport = transport
        self.pause = pause
    }

    // MARK: calls

    /// One API call: on 5xx and on HubSpot's per-second limits, three retries with jittered pauses; the daily limit
    /// opens the circuit; a 401 is final.
    func call(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> (status: Int, json: [String: JSONValue]) {
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = CRMRequest(method: method, url: "\(baseURL)/\(path)", headers: headers, body: try body.map { try CanonicalJSON.encode($0) })
        return try await transport.json(request, pause: pause) { response, json in
            let message = json["message"]?.stringValue ?? "HTTP \(response.status)"
            switch response.status {
            case 200..<300:
                return .accept
            case 401, 403 where json["category"]?.stringValue != "VALIDATION_ERROR":
                throw CRMError.unauthorized("\(json["category"]?.stringValue ?? "HTTP_\(response.status)"): \(message)")
            case 429:
                let policy = json["policyName"]?.stringValue ?? "DAILY"
                guard policy != "DAILY" else { throw CRMError.limitExceeded("RATE_LIMIT (\(policy)): \(message)", until: nil) }
                return .retry(extraPause: 2, reason: "RATE_LIMIT (\(policy)): \(message)")
            case 500...:
                return .retry(extraPause: 0, reason: "HTTP \(response.status): \(message)")
            default:
                throw CRMError.rejected(code: Self.code(json) ?? "HTTP_\(response.status)", message: message)
            }
        }
    }

    /// The most precise code HubSpot gives: a property error's (`PROPERTY_DOESNT_EXIST`, `INVALID_FLOAT`…) or the
    /// category.
    static func code(_ json: [String: JSONValue]) -> String? {
        if case .array(let errors)? = json["errors"], case .object(let first)? = errors.first, let code = first["code"]?.stringValue { return code }
        return json["category"]?.stringValue
    }

    static func path(_ object: String) throws -> String {
        guard CRMLink.isObjectName(object) else { throw CRMError.rejected(code: "INVALID_TYPE", message: "not an object name: \(object)") }
        return "crm/v3/objects/\(object)"
    }

    static func names(_ fields: [String], plus: [String] = ["hs_lastmodifieddate"]) -> JSONValue {
        var seen: Set<String> = []
        return .array((plus + fields).filter { CRMLink.isObjectName($0) && seen.insert($0).inserted }.map(JSONValue.string))
    }

    func record(_ object: String, _ value: JSONValue) -> CRMRecord? {
        guard case .object(let o) = value, let id = o["id"]?.stringValue else { return nil }
        var fields: [String: JSONValue] = [:]
        if case .object(let properties)? = o["properties"] { fields = properties }
        let modified = fields["hs_lastmodifieddate"]?.stringValue ?? o["updatedAt"]?.stringValue
        return CRMRecord(object: object, id: id, fields: fields, modifiedAt: modified.flatMap(HubSpotDates.parse))
    }

    // MARK: CRMConnector

    public func authenticate() async throws -> CRMIdentity {
        let (_, json) = try await call("GET", "account-info/v3/details")
        guard case .number(let number)? = json["portalId"] else { throw CRMError.unavailable("the account details name no portal") }
        let portal = NSDecimalNumber(decimal: number).stringValue
        return CRMIdentity(organisation: portal)
    }

    public func describe(_ object: String) async throws -> CRMObjectDescription {
        guard CRMLink.isObjectName(object) else { throw CRMError.rejected(code: "INVALID_TYPE", message: "not an object name: \(object)") }
        let (_, json) = try await call("GET", "crm/v3/properties/\(object)")
        guard case .array(let results)? = json["results"] else { throw CRMError.rejected(code: "UNREADABLE", message: "properties without results") }
        return CRMObjectDescription(name: object, fields: results.compactMap { p in
            guard case .object(let o) = p, let name = o["name"]?.stringValue else { return nil }
            var readOnly = false
            if case .object(let meta)? = o["modificationMetadata"] { readOnly = meta["readOnlyValue"] == .bool(true) }
            return .init(name: name, type: o["type"]?.stringValue ?? "string", updateable: !readOnly, externalId: o["hasUniqueValue"] == .bool(true))
        })
    }

    public func fetch(_ object: String, ids: [String], fields: [String]) async throws -> [CRMRecord] {
        let path = try Self.path(object)
        let valid = ids.filter(CRMLink.isRecordId)
        var out: [CRMRecord] = []
        for start in stride(from: 0, to: valid.count, by: Self.batch) {
            let chunk = valid[start..<min(valid.count, start + Self.batch)]
            let (_, json) = try await call("POST", "\(path)/batch/read", body: .object([
                "properties": Self.names(fields), "propertiesWithHistory": .array([]),
                "inputs": .array(chunk.map { .object(["id": .string($0)]) }),
            ]))
            if case .array(let results)? = json["results"] { out += results.compactMap { record(object, $0) } }
        }
        return out
    }

    public func changes(_ object: String, since: Date?, fields: [String]) async throws -> CRMChanges {
        let path = try Self.path(object)
        var filters: [JSONValue] = []
        if let since {
            filters = [.object(["filters": .array([.object(["propertyName": .string("hs_lastmodifieddate"), "operator": .string("GT"),
                                                            "value": .string(HubSpotDates.milliseconds(since.addingTimeInterval(-Self.overlap)))])])])]
        }
        var records: [CRMRecord] = []
        var calls = 0
        var after = 0
        while after < Self.searchCap {
            let (_, json) = try await call("POST", "\(path)/search", body: .object([
                "filterGroups": .array(filters), "sorts": .array([.object(["propertyName": .string("hs_lastmodifieddate"), "direction": .string("ASCENDING")])]),
                "properties": Self.names(fields), "limit": .number(Decimal(Self.searchPage)), "after": .string(String(after)),
            ]))
            calls += 1
            if case .array(let results)? = json["results"] { records += results.compactMap { record(object, $0) } }
            guard case .object(let paging)? = json["paging"], case .object(let next)? = paging["next"],
                  let text = next["after"]?.stringValue, let position = Int(text), position > after else { break }
            after = position
        }
        return CRMChanges(records: records, watermark: records.compactMap(\.modifiedAt).max() ?? since, calls: calls)
    }

    public func write(_ writes: [CRMWrite]) async throws -> CRMWriteBatch {
        var results = [CRMWriteResult?](repeating: nil, count: writes.count)
        var groups: [String: [Int]] = [:]
        for (i, w) in writes.enumerated() {
            switch w.key {
            case .externalId(let field, _): groups["\(w.object)/upsert/\(field)", default: []].append(i)
            case .recordId: groups["\(w.object)/update", default: []].append(i)
            }
        }
        var calls = 0
        for key in groups.keys.sorted() {
            let indices = groups[key]!
            let object = String(key.split(separator: "/")[0])
            let upsert = key.contains("/upsert/")
            for start in stride(from: 0, to: indices.count, by: Self.batch) {
                let chunk = Array(indices[start..<min(indices.count, start + Self.batch)])
                let inputs: [JSONValue] = chunk.map { i in
                    var values = writes[i].fields.mapValues { JSONValue.string(Self.text($0)) }
                    // The key goes in the properties too, so every result names it, new or updated.
                    if case .externalId(let field, let value) = writes[i].key { values[field] = .string(value) }
                    let properties = JSONValue.object(values)
                    switch writes[i].key {
                    case .externalId(let field, let value): return .object(["idProperty": .string(field), "id": .string(value), "properties": properties])
                    case .recordId(let id): return .object(["id": .string(id), "properties": properties])
                    }
                }
                calls += 1
                let answer: [String: JSONValue]
                do {
                    answer = try await call("POST", "\(try Self.path(object))/batch/\(upsert ? "upsert" : "update")", body: .object(["inputs": .array(inputs)])).json
                } catch CRMError.rejected(let code, let message) {
                    // HubSpot refuses a batch with an invalid value whole: each of its records carries the refusal.
                    for i in chunk { results[i] = .rejected(code: code, message: message) }
                    continue
                }
                var missing: Set<String> = []
                if case .array(let errors)? = answer["errors"] {
                    for case .object(let error) in errors {
                        if case .object(let context)? = error["context"], case .array(let ids)? = context["ids"] {
                            missing.formUnion(ids.compactMap(\.stringValue))
                        }
                    }
                }
                var written: [String: String] = [:]
                if case .array(let done)? = answer["results"] {
                    for case .object(let o) in done {
                        guard let id = o["id"]?.stringValue else { continue }
                        written[id] = id
                        if upsert, case .object(let properties)? = o["properties"], case .externalId(let field, _) = writes[chunk[0]].key,
                           let value = properties[field]?.stringValue { written[value] = id }
                    }
                }
                for i in chunk {
                    let key: String = switch writes[i].key {
                    case .externalId(_, let value): value
                    case .recordId(let id): id
                    }
                    if let id = written[key] { results[i] = .written(id: id) }
                    else if missing.contains(key) { results[i] = .rejected(code: "OBJECT_NOT_FOUND", message: "\(object) \(key) does not exist in HubSpot") }
                    else { results[i] = .retry(message: "HubSpot did not answer for \(key)") }
                }
            }
        }
        return CRMWriteBatch(results: results.map { $0 ?? .retry(message: "not sent") }, calls: calls)
    }

    /// HubSpot carries every property value as a string; an empty one clears the property.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): NSDecimalNumber(decimal: n).stringValue
        case .bool(let b): b ? "true" : "false"
        default: ""
        }
    }

    public var dealFields: [String] { ["dealname"] }

    /// The deal's first associated company and contact.
    public func party(of deal: CRMRecord) async throws -> CRMParty? {
        let (_, json) = try await call("GET", "\(try Self.path(deal.object))/\(deal.id)?properties=dealname&associations=companies,contacts")
        func first(_ kind: String) -> String? {
            guard case .object(let associations)? = json["associations"], case .object(let group)? = associations[kind],
                  case .array(let results)? = group["results"], case .object(let o)? = results.first else { return nil }
            return o["id"]?.stringValue
        }
        let fields = CRMPartyFields.hubspot
        guard let companyId = first("companies"), let company = try await fetch("companies", ids: [companyId], fields: fields.company).first else { return nil }
        var contact: [String: JSONValue]?
        if let contactId = first("contacts") { contact = try await fetch("contacts", ids: [contactId], fields: fields.contact).first?.fields }
        return CRMParty(accountId: companyId, company: company.fields, contact: contact, fields: fields)
    }

    /// The deal's line items: their ids from the v4 associations, then one batch read, in their order on the quote.
    public func products(of deal: CRMRecord) async throws -> [CRMProductLine] {
        guard CRMLink.isRecordId(deal.id), CRMLink.isObjectName(deal.object) else { return [] }
        var ids: [String] = []
        var after: String?
        var cursors: Set<String> = []
        repeat {
            let page = after.map { "&after=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
            let (_, json) = try await call("GET", "crm/v4/objects/\(deal.object)/\(deal.id)/associations/line_items?limit=500" + page)
            if case .array(let results)? = json["results"] {
                ids += results.compactMap { result -> String? in
                    guard case .object(let o) = result, let id = o["toObjectId"]?.decimalValue else { return nil }
                    return "\(id)"
                }
            }
            after = nil
            // A cursor given twice would loop: the listing ends there.
            if case .object(let paging)? = json["paging"], case .object(let next)? = paging["next"], let cursor = next["after"]?.stringValue,
               cursors.insert(cursor).inserted {
                after = cursor
            }
        } while after != nil
        guard !ids.isEmpty else { return [] }
        let items = try await fetch("line_items", ids: ids, fields: ["name", "quantity", "price", "amount", "hs_position_on_quote"])
        return items.sorted { ($0.fields["hs_position_on_quote"]?.decimalValue ?? 0, Int($0.id) ?? 0) < ($1.fields["hs_position_on_quote"]?.decimalValue ?? 0, Int($1.id) ?? 0) }
            .compactMap { item in
                guard let name = item.fields["name"]?.stringValue else { return nil }
                return CRMProductLine(name: name, quantity: item.fields["quantity"]?.decimalValue ?? 1, unitPrice: item.fields["price"]?.decimalValue,
                                      total: item.fields["amount"]?.decimalValue)
            }
    }

    /// `https://app.hubspot.com/contacts/{portal}/record/0-3/{id}` for a deal; a sandbox or a proxy serves the same
    /// path itself.
    public func recordURL(_ object: String, id: String) -> String {
        let typeId = ["contacts": "0-1", "companies": "0-2", "deals": "0-3"][object] ?? object
        let host = URL(string: baseURL)?.host ?? ""
        let ui = host == "api.hubapi.com" ? "https://app.hubspot.com"
            : host.hasPrefix("api-") && host.hasSuffix(".hubapi.com") ? "https://app-\(host.dropFirst(4).prefix { $0 != "." }).hubspot.com" : baseURL
        return "\(ui)/contacts/\(portalId ?? "0")/record/\(typeId)/\(id)"
    }

    /// A webhook batch: signed with the app secret (v3), recent, from the portal Paraphe signed in to.
    public func verify(_ inbound: CRMInbound, organisation: String?) throws -> [String] {
        guard let secret = webhookSecret, !secret.isEmpty else {
            throw CRMInboundRefusal("webhook refused: this integration has no app secret to check signatures with")
        }
        let webhook: HubSpotWebhook
        do {
            webhook = try HubSpotWebhook.verify(body: inbound.body, signature: inbound.header("X-HubSpot-Signature-v3"),
                                                timestamp: inbound.header("X-HubSpot-Request-Timestamp"), uri: inbound.uri, secret: secret, now: inbound.now)
        } catch {
            throw CRMInboundRefusal("webhook refused: \(error)")
        }
        guard webhook.portalId == organisation else {
            throw CRMInboundRefusal("webhook refused: portal \(webhook.portalId.prefix(20)) is not the one this integration signs in to")
        }
        return webhook.dealIds
    }
}

enum HubSpotDates {
    static func parse(_ text: String) -> Date? {
        if text.allSatisfy(\.isNumber), let ms = Double(text) { return Date(timeIntervalSince1970: ms / 1000) }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
}
