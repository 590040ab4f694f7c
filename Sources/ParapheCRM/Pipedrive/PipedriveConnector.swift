import Foundation
import ParapheCore

/// The company's deal fields, read once and kept for ten minutes per integration: Pipedrive keys custom fields by a
/// hash, and Paraphe's map names them by their name, so each read and write translates through this.
public actor PipedriveFieldCache {
    public struct Field: Sendable, Hashable {
        public var key: String
        public var name: String
        public var type: String
        public var custom: Bool
    }

    var fields: [Field]?
    var loadedAt: Date?
    static let lifetime: TimeInterval = 600

    public init() {}

    func get(now: Date, load: () async throws -> [Field]) async throws -> [Field] {
        if let fields, let loadedAt, now.timeIntervalSince(loadedAt) < Self.lifetime { return fields }
        let loaded = try await load()
        fields = loaded
        loadedAt = now
        return loaded
    }

    func forget() {
        fields = nil
    }
}

/// Pipedrive's API v2 (v1 for `users/me` and `dealFields`) with an API token: changes by `updated_since` on deals,
/// reads by ids, writes one deal at a time (Pipedrive has neither batch updates nor upserts: a contract's values go to
/// the deal it came from, by its stored id). An API token is not refreshed: a 401 means an admin must paste a new one.
public struct PipedriveConnector: CRMConnector {
    public let system = CRMSystem.pipedrive
    let baseURL: String
    let token: String
    /// The Basic auth the company's webhooks carry.
    let webhookUser: String?
    let webhookPassword: String?
    let transport: CRMTransport
    let cache: PipedriveFieldCache
    let clock: @Sendable () -> Date
    let pause: @Sendable (Int) async -> Void
    public static let overlap: TimeInterval = 120
    static let page = 500

    public init(baseURL: String, credentials: CRMCredentials, transport: CRMTransport, cache: PipedriveFieldCache, clock: @escaping @Sendable () -> Date,
                pause: @escaping @Sendable (Int) async -> Void = SalesforceConnector.jitteredPause) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = credentials.accessToken ?? ""
        self.webhookUser = credentials.webhookUser
        self.webhookPassword = credentials.webhookPassword
        self.transport = transport
        self.cache = cache
        self.clock = clock
        self.pause = pause
    }

    /// One API call: 5xx and the burst limit are retried three times with jittered pauses; the spent daily budget
    /// opens the circuit; a 401 is final.
    func call(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> [String: JSONValue] {
        var headers = [("x-api-token", token), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = CRMRequest(method: method, url: "\(baseURL)/\(path)", headers: headers, body: try body.map { try CanonicalJSON.encode($0) })
        return try await transport.json(request, pause: pause) { response, json in
            let message = [json["error"]?.stringValue, json["error_info"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            switch response.status {
            case 200..<300:
                return .accept
            case 401:
                throw CRMError.unauthorized(message.isEmpty ? "unauthorized access" : message)
            case 429 where response.header("x-daily-requests-left") == "0":
                throw CRMError.limitExceeded("daily request budget spent: \(message)", until: nil)
            case 429, 500...:
                return .retry(extraPause: response.status == 429 ? 2 : 0, reason: "HTTP \(response.status): \(message)")
            case 404:
                throw CRMError.rejected(code: "NOT_FOUND", message: message)
            default:
                throw CRMError.rejected(code: "INVALID_FIELD", message: message.isEmpty ? "HTTP \(response.status)" : message)
            }
        }.json
    }

    func dealFields() async throws -> [PipedriveFieldCache.Field] {
        try await cache.get(now: clock()) {
            // v1 pages its field list.
            var items: [JSONValue] = []
            var start = 0
            while true {
                let page = try await call("GET", "api/v1/dealFields?start=\(start)&limit=500")
                if case .array(let more)? = page["data"] { items += more }
                guard case .object(let extra)? = page["additional_data"], case .object(let pagination)? = extra["pagination"],
                      pagination["more_items_in_collection"] == .bool(true), let next = pagination["next_start"].flatMap(Self.number).flatMap(Int.init),
                      next > start else { break }
                start = next
            }
            return items.compactMap { item in
                guard case .object(let o) = item, let key = o["key"]?.stringValue, let name = o["name"]?.stringValue else { return nil }
                // Custom fields have a 40-character hash as their key.
                let custom = key.count == 40 && key.allSatisfy(\.isHexDigit)
                return .init(key: key, name: name, type: o["field_type"]?.stringValue ?? "varchar", custom: custom)
            }
        }
    }

    static func entity(_ object: String) throws -> String {
        guard ["deals", "persons", "organizations"].contains(object) else {
            throw CRMError.rejected(code: "INVALID_TYPE", message: "Pipedrive objects are deals, persons and organizations, not \(object)")
        }
        return object
    }

    /// A v2 record with its custom fields under their names.
    func record(_ object: String, _ value: JSONValue, fields: [PipedriveFieldCache.Field]) -> CRMRecord? {
        guard case .object(var o) = value, let id = o["id"].flatMap(Self.number) else { return nil }
        if case .object(let custom)? = o.removeValue(forKey: "custom_fields") {
            for (key, v) in custom { o[fields.first { $0.key == key }?.name ?? key] = v }
        }
        return CRMRecord(object: object, id: id, fields: o, modifiedAt: o["update_time"]?.stringValue.flatMap(Self.parse))
    }

    static func number(_ value: JSONValue) -> String? {
        if case .number(let n) = value { return NSDecimalNumber(decimal: n).stringValue }
        return value.stringValue
    }

    static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }

    // MARK: CRMConnector

    public func authenticate() async throws -> CRMIdentity {
        guard case .object(let me)? = try await call("GET", "api/v1/users/me")["data"], let company = me["company_id"].flatMap(Self.number) else {
            throw CRMError.unavailable("users/me names no company")
        }
        await cache.forget()
        return CRMIdentity(organisation: company)
    }

    /// Deal fields as Paraphe names them: a custom field by its name, a standard one by its key.
    public func describe(_ object: String) async throws -> CRMObjectDescription {
        guard try Self.entity(object) == "deals" else { return CRMObjectDescription(name: object, fields: []) }
        await cache.forget()
        let types = ["stage": "enumeration", "status": "enumeration", "enum": "enumeration", "people": "reference", "org": "reference", "user": "reference"]
        return CRMObjectDescription(name: object, fields: try await dealFields().map { f in
            .init(name: f.custom ? f.name : f.key, type: types[f.type] ?? f.type, updateable: !["id", "add_time", "update_time"].contains(f.key))
        })
    }

    public func fetch(_ object: String, ids: [String], fields: [String]) async throws -> [CRMRecord] {
        let entity = try Self.entity(object)
        let known = entity == "deals" ? try await dealFields() : []
        let valid = ids.filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        var out: [CRMRecord] = []
        for start in stride(from: 0, to: valid.count, by: 100) {
            let chunk = valid[start..<min(valid.count, start + 100)].joined(separator: ",")
            if case .array(let items)? = try await call("GET", "api/v2/\(entity)?ids=\(chunk)&limit=100")["data"] {
                out += items.compactMap { record(object, $0, fields: known) }
            }
        }
        return out
    }

    /// Every page of a v2 listing, by its cursor; a cursor given twice ends it.
    func list(_ path: String) async throws -> (items: [JSONValue], calls: Int) {
        var items: [JSONValue] = []
        var calls = 0
        var cursor: String?
        repeat {
            let json = try await call("GET", path + (cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""))
            calls += 1
            if case .array(let page)? = json["data"] { items += page }
            let previous = cursor
            cursor = nil
            if case .object(let more)? = json["additional_data"], let next = more["next_cursor"]?.stringValue, next != previous { cursor = next }
        } while cursor != nil
        return (items, calls)
    }

    public func changes(_ object: String, since: Date?, fields: [String]) async throws -> CRMChanges {
        let entity = try Self.entity(object)
        let known = entity == "deals" ? try await dealFields() : []
        var query = "sort_by=update_time&sort_direction=asc&limit=\(Self.page)"
        if let since {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            query += "&updated_since=" + (f.string(from: since.addingTimeInterval(-Self.overlap)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        let (items, calls) = try await list("api/v2/\(entity)?\(query)")
        let records = items.compactMap { record(object, $0, fields: known) }
        return CRMChanges(records: records, watermark: records.compactMap(\.modifiedAt).max() ?? since, calls: calls)
    }

    /// One `PATCH` per deal: standard fields at the top, custom ones under `custom_fields` by their key. A field the
    /// company no longer has is refused before any call, named as the map names it.
    public func write(_ writes: [CRMWrite]) async throws -> CRMWriteBatch {
        let known = try await dealFields()
        var results: [CRMWriteResult] = []
        var calls = 0
        for w in writes {
            guard case .recordId(let id) = w.key, w.object == "deals", id.allSatisfy(\.isNumber) else {
                results.append(.rejected(code: "UNSUPPORTED", message: "Pipedrive has no upsert: map the contract's fields onto the deal it came from"))
                continue
            }
            var top: [String: JSONValue] = [:], custom: [String: JSONValue] = [:]
            var missing: String?
            for (name, value) in w.fields {
                if let field = known.first(where: { $0.custom && $0.name == name }) { custom[field.key] = value }
                else if known.contains(where: { !$0.custom && $0.key == name }) { top[name] = value }
                else { missing = name }
            }
            if let missing {
                results.append(.rejected(code: "INVALID_FIELD", message: "deals has no field \(missing)"))
                continue
            }
            if !custom.isEmpty { top["custom_fields"] = .object(custom) }
            calls += 1
            do {
                _ = try await call("PATCH", "api/v2/deals/\(id)", body: .object(top))
                results.append(.written(id: id))
            } catch CRMError.rejected(let code, let message) {
                if code == "INVALID_FIELD" { await cache.forget() }
                results.append(.rejected(code: code, message: message))
            }
        }
        return CRMWriteBatch(results: results, calls: calls)
    }

    public var dealFields: [String] { ["title", "org_id", "person_id"] }

    public func party(of deal: CRMRecord) async throws -> CRMParty? {
        guard let orgId = deal.fields["org_id"].flatMap(Self.number), orgId.allSatisfy(\.isNumber),
              case .object(let organization)? = try await call("GET", "api/v2/organizations/\(orgId)")["data"],
              let name = organization["name"]?.stringValue, !name.isEmpty else { return nil }
        var address: String?
        if case .object(let a)? = organization["address"] { address = a["value"]?.stringValue }
        var party = CRMParty(accountId: orgId, name: name, address: address, contactName: nil, contactEmail: nil, contactTitle: nil)
        if let personId = deal.fields["person_id"].flatMap(Self.number), personId.allSatisfy(\.isNumber),
           case .object(let person)? = try await call("GET", "api/v2/persons/\(personId)")["data"] {
            party.contactName = person["name"]?.stringValue
            if case .array(let emails)? = person["emails"] {
                let all = emails.compactMap { e -> (String, Bool)? in
                    guard case .object(let o) = e, let value = o["value"]?.stringValue else { return nil }
                    return (value, o["primary"] == .bool(true))
                }
                party.contactEmail = (all.first { $0.1 } ?? all.first)?.0
            }
            party.contactTitle = person["job_title"]?.stringValue
        }
        return party
    }

    /// The deal's products as attached, with Pipedrive's `sum` (after the line's discount); disabled lines are not
    /// part of the deal's value, nor of the contract.
    public func products(of deal: CRMRecord) async throws -> [CRMProductLine] {
        // Only a deal has products; another record's id would name some deal's.
        guard deal.object == "deals", !deal.id.isEmpty, deal.id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return [] }
        return try await list("api/v2/deals/\(deal.id)/products?limit=500").items.compactMap { item in
            guard case .object(let line) = item, line["is_enabled"] != .bool(false), let name = line["name"]?.stringValue else { return nil }
            return CRMProductLine(name: name, quantity: line["quantity"]?.decimalValue ?? 1, unitPrice: line["item_price"]?.decimalValue,
                                  total: line["sum"]?.decimalValue)
        }
    }

    public func recordURL(_ object: String, id: String) -> String {
        "\(baseURL)/\(object == "deals" ? "deal" : object == "persons" ? "person" : "organization")/\(id)"
    }

    /// A webhook: the Basic auth set on it, then the company Paraphe signed in to.
    public func verify(_ inbound: CRMInbound, organisation: String?) throws -> [String] {
        guard let user = webhookUser, let password = webhookPassword else {
            throw CRMInboundRefusal("webhook refused: this integration has no webhook user and password")
        }
        let webhook: PipedriveWebhook
        do {
            webhook = try PipedriveWebhook.verify(body: inbound.body, authorization: inbound.header("Authorization"), user: user, password: password)
        } catch {
            throw CRMInboundRefusal("webhook refused: \(error)")
        }
        guard webhook.companyId == organisation else {
            throw CRMInboundRefusal("webhook refused: company \(webhook.companyId.prefix(20)) is not the one this integration signs in to")
        }
        return webhook.dealId.map { [$0] } ?? []
    }
}
