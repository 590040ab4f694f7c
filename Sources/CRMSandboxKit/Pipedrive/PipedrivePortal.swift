import Crypto
import Foundation

/// A Pipedrive field as `GET /api/v1/dealFields` describes it. Custom fields are keyed by a 40-character hash, as
/// Pipedrive keys them; their `name` is what a person typed.
struct PipedriveField: Codable, Sendable, Hashable {
    var key: String
    var name: String
    /// `varchar`, `text`, `double`, `monetary`, `date`, `enum`, `int`, `stage`, `org`, `people`, `user`, `status`.
    var type: String
    var editable = true
    var custom = false
}

/// Where the company's webhooks go, and the Basic auth credentials they carry.
struct PipedriveWebhookTarget: Codable, Sendable {
    var url: String
    var user: String
    var password: String
}

struct PipedrivePendingEvent: Sendable {
    var body: Value
    var attempts = 0
    var nextAt: Date
}

/// The Pipedrive company's state, kept in the sandbox's one actor beside Salesforce and HubSpot.
struct PipedriveData: Codable, Sendable {
    static let companyId = 7_654_321
    static let customFields = [
        ("paraphe_status", "varchar"), ("paraphe_signed_date", "date"), ("paraphe_renewal_date", "date"), ("paraphe_notice_deadline", "date"),
        ("paraphe_derogations", "text"), ("paraphe_document_url", "varchar"),
    ]

    var dealFields: [PipedriveField] = [
        PipedriveField(key: "id", name: "ID", type: "int", editable: false), PipedriveField(key: "title", name: "Title", type: "varchar"),
        PipedriveField(key: "value", name: "Value", type: "monetary"), PipedriveField(key: "currency", name: "Currency", type: "varchar"),
        PipedriveField(key: "stage_id", name: "Stage", type: "stage"), PipedriveField(key: "pipeline_id", name: "Pipeline", type: "int"),
        PipedriveField(key: "status", name: "Status", type: "status"), PipedriveField(key: "expected_close_date", name: "Expected close date", type: "date"),
        PipedriveField(key: "person_id", name: "Contact person", type: "people"), PipedriveField(key: "org_id", name: "Organization", type: "org"),
        PipedriveField(key: "add_time", name: "Deal created", type: "date", editable: false),
        PipedriveField(key: "update_time", name: "Update time", type: "date", editable: false),
    ] + customFields.map { name, type in PipedriveField(key: PipedriveData.hashKey(name), name: name, type: type, custom: true) }
    /// entity (`deals`, `persons`, `organizations`) → id → record.
    var records: [String: [Int: [String: Value]]] = [:]
    var counter = 0
    var webhook: PipedriveWebhookTarget?

    /// Pipedrive keys a custom field by a hash; the sandbox derives it from the name, so it is stable across runs.
    static func hashKey(_ name: String) -> String {
        Insecure.SHA1.hash(data: Data("sandbox-field:\(name)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The default pipeline's stages, by id.
    static let stages = [1: "Qualified", 2: "Contact Made", 3: "Proposal Made", 4: "Negotiations Started", 5: "Contract Sent"]
}

/// Pipedrive's error body: `{"success": false, "error", "error_info"}`.
struct PipedriveError: Swift.Error, Sendable {
    var status: Int
    var message: String
    var info: String?

    var body: Value {
        var o: [String: Value] = ["success": false, "error": .string(message), "data": .null, "additional_data": .null]
        if let info { o["error_info"] = .string(info) }
        if status == 401 { o["errorCode"] = 401 }
        return .object(o)
    }
}

extension Org {
    static let pipedriveEntities = ["deals", "persons", "organizations", "products"]

    func pdEntity(_ name: String) throws(PipedriveError) -> String {
        guard Self.pipedriveEntities.contains(name) else { throw PipedriveError(status: 404, message: "Unknown method .") }
        return name
    }

    func pdField(_ key: String) -> PipedriveField? { pipedrive.dealFields.first { $0.key == key } }

    /// Top-level values and `custom_fields` checked against the deal fields (unknown keys are refused, as v2 does).
    func pdChecked(_ input: [String: Value], entity: String) throws(PipedriveError) -> [String: Value] {
        var out: [String: Value] = [:]
        for (key, value) in input where key != "custom_fields" {
            if entity == "deals" {
                guard let field = pdField(key), !field.custom else { throw PipedriveError(status: 400, message: "Invalid field: \(key)") }
                guard field.editable else { throw PipedriveError(status: 400, message: "Field \(key) is read-only") }
                try pdCheckType(value, field: field)
                if key == "stage_id", let stage = value.string.flatMap(Int.init), PipedriveData.stages[stage] == nil {
                    throw PipedriveError(status: 400, message: "Stage not found", info: "stage_id \(stage) does not exist")
                }
            }
            out[key] = value
        }
        if case .object(let custom)? = input["custom_fields"] {
            guard entity == "deals" else { throw PipedriveError(status: 400, message: "Invalid field: custom_fields") }
            for (key, value) in custom {
                guard let field = pdField(key), field.custom else { throw PipedriveError(status: 400, message: "Invalid custom field: \(key)") }
                try pdCheckType(value, field: field)
                out["custom:" + key] = value
            }
        }
        return out
    }

    func pdCheckType(_ value: Value, field: PipedriveField) throws(PipedriveError) {
        switch (field.type, value) {
        case (_, .null): return
        case ("double", .number), ("monetary", .number), ("int", .number), ("stage", .number), ("people", .number), ("org", .number): return
        case ("date", .string(let s)) where s.count == 10 && HubSpotTime.parse(s) != nil: return
        case ("varchar", .string), ("text", .string), ("status", .string), ("enum", .string): return
        default: throw PipedriveError(status: 400, message: "Invalid value for field \(field.key)", info: "\(field.type) expected")
        }
    }

    @discardableResult
    func pdCreate(_ entity: String, _ input: [String: Value]) throws(PipedriveError) -> [String: Value] {
        let entity = try pdEntity(entity)
        var record = try pdChecked(input, entity: entity)
        pipedrive.counter += 1
        let id = pipedrive.counter
        let now = PipedriveTime.format(clock())
        record["id"] = .number(Double(id))
        record["add_time"] = .string(now)
        record["update_time"] = .string(now)
        if entity == "deals" {
            record["status"] = record["status"] ?? "open"
            record["currency"] = record["currency"] ?? "EUR"
            record["pipeline_id"] = record["pipeline_id"] ?? 1
        }
        pipedrive.records[entity, default: [:]][id] = record
        pdNotify(entity, action: "create", record: record, previous: nil)
        save()
        return record
    }

    @discardableResult
    func pdUpdate(_ entity: String, id: Int, _ input: [String: Value]) throws(PipedriveError) -> [String: Value] {
        let entity = try pdEntity(entity)
        guard var record = pipedrive.records[entity]?[id] else { throw PipedriveError(status: 404, message: "\(Self.singular(entity)) not found") }
        let previous = record
        for (k, v) in try pdChecked(input, entity: entity) { record[k] = v }
        record["update_time"] = .string(PipedriveTime.format(clock()))
        pipedrive.records[entity]![id] = record
        pdNotify(entity, action: "change", record: record, previous: previous)
        save()
        return record
    }

    func pdGet(_ entity: String, id: Int) throws(PipedriveError) -> [String: Value] {
        guard let record = pipedrive.records[try pdEntity(entity)]?[id] else { throw PipedriveError(status: 404, message: "\(Self.singular(entity)) not found") }
        return record
    }

    /// v2 list: by ids, or updated since a moment; sorted by id or update time; `limit` up to 500 and an opaque cursor.
    func pdList(_ entity: String, ids: [Int], updatedSince: Date?, sortByUpdate: Bool, ascending: Bool, limit: Int,
                cursor: String?) throws(PipedriveError) -> (items: [[String: Value]], next: String?) {
        var rows = Array((pipedrive.records[try pdEntity(entity)] ?? [:]).values)
        if !ids.isEmpty { rows = rows.filter { ids.contains(Int($0["id"]?.string ?? "") ?? -1) } }
        if let updatedSince {
            rows = rows.filter { ($0["update_time"]?.string.flatMap(PipedriveTime.parse) ?? .distantPast) >= updatedSince }
        }
        rows.sort { a, b in
            let key = sortByUpdate ? "update_time" : "id"
            let x = a[key]?.string ?? "", y = b[key]?.string ?? ""
            let ix = Int(a["id"]?.string ?? "") ?? 0, iy = Int(b["id"]?.string ?? "") ?? 0
            if sortByUpdate, x != y { return ascending ? x < y : x > y }
            return ascending ? ix < iy : ix > iy
        }
        let offset = cursor.flatMap { Data(base64Encoded: $0) }.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        let page = Array(rows.dropFirst(offset).prefix(limit))
        let next = offset + page.count < rows.count ? Data(String(offset + page.count).utf8).base64EncodedString() : nil
        return (page, next)
    }

    /// The products attached to a deal, in their order (`GET /api/v2/deals/{id}/products`); `sum` is quantity ×
    /// item price less the discount, as Pipedrive computes it.
    func pdDealProducts(_ entity: String, deal: Int) throws(PipedriveError) -> [Value] {
        guard entity == "deals" else { throw PipedriveError(status: 404, message: "Unknown method .") }
        _ = try pdGet("deals", id: deal)
        return (pipedrive.records["deal_products"] ?? [:]).values
            .filter { $0["deal_id"] == .number(Double(deal)) }
            .sorted { ($0["order_nr"]?.number ?? 0, $0["id"]?.number ?? 0) < ($1["order_nr"]?.number ?? 0, $1["id"]?.number ?? 0) }
            .map(Value.object)
    }

    /// Attaches a product of the catalogue to a deal at a price (`POST /api/v2/deals/{id}/products`).
    func pdAddDealProduct(_ entity: String, deal: Int, _ input: [String: Value]) throws(PipedriveError) -> Value {
        guard entity == "deals" else { throw PipedriveError(status: 404, message: "Unknown method .") }
        _ = try pdGet("deals", id: deal)
        guard let productId = input["product_id"]?.number, let product = pipedrive.records["products"]?[Int(productId)] else {
            throw PipedriveError(status: 400, message: "product_id: a product of the catalogue is required")
        }
        guard let price = input["item_price"]?.number else { throw PipedriveError(status: 400, message: "item_price is required") }
        guard let quantity = input["quantity"]?.number, quantity > 0 else { throw PipedriveError(status: 400, message: "quantity is required") }
        let discount = input["discount"]?.number ?? 0
        let percentage = input["discount_type"]?.string != "amount"
        pipedrive.counter += 1
        let line: [String: Value] = [
            "id": .number(Double(pipedrive.counter)), "deal_id": .number(Double(deal)), "product_id": .number(productId),
            "name": product["name"] ?? .null, "item_price": .number(price), "quantity": .number(quantity), "discount": .number(discount),
            "discount_type": .string(percentage ? "percentage" : "amount"), "currency": pipedrive.records["deals"]?[deal]?["currency"] ?? "EUR",
            "sum": .number(percentage ? price * quantity * (1 - discount / 100) : price * quantity - discount),
            "order_nr": .number(Double((pipedrive.records["deal_products"] ?? [:]).values.filter { $0["deal_id"] == .number(Double(deal)) }.count)),
            "is_enabled": input["is_enabled"] ?? true, "add_time": .string(PipedriveTime.format(clock())),
        ]
        pipedrive.records["deal_products", default: [:]][pipedrive.counter] = line
        save()
        return .object(line)
    }

    /// A record as API v2 returns it: custom fields under `custom_fields`, by key.
    func pdJSON(_ record: [String: Value], entity: String) -> Value {
        var out: [String: Value] = [:]
        var custom: [String: Value] = [:]
        for (k, v) in record {
            if k.hasPrefix("custom:") { custom[String(k.dropFirst(7))] = v } else { out[k] = v }
        }
        if entity == "deals" {
            for field in pipedrive.dealFields where field.custom && custom[field.key] == nil { custom[field.key] = .null }
            out["custom_fields"] = .object(custom)
        }
        return .object(out)
    }

    func pdRename(_ name: String, to newName: String?) throws(PipedriveError) {
        guard let index = pipedrive.dealFields.firstIndex(where: { $0.custom && ($0.name == name || $0.key == name) }) else {
            throw PipedriveError(status: 404, message: "no custom deal field \(name)")
        }
        let field = pipedrive.dealFields.remove(at: index)
        if let newName {
            pipedrive.dealFields.append(PipedriveField(key: PipedriveData.hashKey(newName), name: newName, type: field.type, custom: true))
        }
        for (id, var record) in pipedrive.records["deals"] ?? [:] {
            let value = record.removeValue(forKey: "custom:" + field.key)
            if let newName, let value { record["custom:" + PipedriveData.hashKey(newName)] = value }
            pipedrive.records["deals"]![id] = record
        }
        save()
    }

    static func singular(_ entity: String) -> String {
        ["deals": "Deal", "persons": "Person", "organizations": "Organization"][entity] ?? entity
    }

    // MARK: webhooks

    func pdSubscribe(_ target: PipedriveWebhookTarget) {
        pipedrive.webhook = target
        save()
    }

    /// Webhooks v2: one request per change, `meta` naming the entity and the action, `data` and `previous`.
    func pdNotify(_ entity: String, action: String, record: [String: Value], previous: [String: Value]?) {
        guard entity == "deals", pipedrive.webhook != nil else { return }
        let now = clock()
        let body: Value = ["meta": ["action": .string(action), "entity": "deal", "entity_id": .string(record["id"]?.string ?? ""),
                                    "company_id": .string(String(PipedriveData.companyId)), "user_id": "1", "version": "2.0",
                                    "timestamp": .string(PipedriveTime.format(now)), "correlation_id": .string(UUID().uuidString.lowercased()),
                                    "change_source": "app"],
                           "data": pdJSON(record, entity: entity), "previous": previous.map { pdJSON($0, entity: entity) } ?? .null]
        pipedrivePending.append(PipedrivePendingEvent(body: body, nextAt: now))
    }

    func duePipedriveEvent() -> (target: PipedriveWebhookTarget, body: Value)? {
        guard let target = pipedrive.webhook, let first = pipedrivePending.first, first.nextAt <= clock() else { return nil }
        return (target, first.body)
    }

    func pipedriveDelivered(ok: Bool) {
        guard !pipedrivePending.isEmpty else { return }
        if ok {
            pipedrivePending.removeFirst()
        } else {
            pipedrivePending[0].attempts += 1
            pipedrivePending[0].nextAt = clock().addingTimeInterval(min(60, 0.5 * pow(2, Double(pipedrivePending[0].attempts))))
        }
    }
}

/// Pipedrive's v2 timestamps: RFC 3339 in UTC, without fractions.
enum PipedriveTime {
    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
