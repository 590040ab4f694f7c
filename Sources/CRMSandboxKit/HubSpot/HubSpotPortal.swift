import Foundation

/// One HubSpot record: every property value is a string, as the API carries them.
struct HubSpotRecord: Codable, Sendable, Hashable {
    var id: String
    var properties: [String: String]
    var createdAt: Date
    var updatedAt: Date
}

/// Where the portal's app sends its webhooks, and the app secret that signs them.
struct HubSpotWebhookTarget: Codable, Sendable {
    var url: String
    var secret: String?
}

struct HubSpotEvent: Sendable {
    var body: Value
    var target: HubSpotWebhookTarget
    var attempts = 0
    var nextAt: Date
}

/// The HubSpot portal's state, kept in the sandbox's one actor beside the Salesforce org so both share its faults,
/// its call counter and its data file.
struct HubSpotData: Codable, Sendable {
    var schema = HubSpotSchema.objects
    /// type → id → record.
    var records: [String: [String: HubSpotRecord]] = [:]
    /// "fromType:fromId>toType" → associated ids.
    var associations: [String: [String]] = [:]
    var counter = 9_000_000
    var webhook: HubSpotWebhookTarget?
}

/// HubSpot's error body: `{"status": "error", "message", "correlationId", "category", "errors"?}`.
struct HubSpotError: Swift.Error, Sendable {
    var status: Int
    var category: String
    var message: String
    var errors: [Value] = []
    var errorType: String?
    var policyName: String?

    var body: Value {
        var o: [String: Value] = ["status": "error", "message": .string(message), "correlationId": .string(UUID().uuidString.lowercased()),
                                  "category": .string(category)]
        if !errors.isEmpty { o["errors"] = .array(errors) }
        if let errorType { o["errorType"] = .string(errorType) }
        if let policyName { o["policyName"] = .string(policyName) }
        return .object(o)
    }

    static func notFound(_ type: String, _ id: String) -> HubSpotError {
        HubSpotError(status: 404, category: "OBJECT_NOT_FOUND", message: "resource not found", errors: [["message": .string("Object \(type) \(id) not found"), "in": "id"]])
    }

    /// One or more property values refused, named as HubSpot names them (`PROPERTY_DOESNT_EXIST`, `INVALID_FLOAT`…).
    static func invalid(_ problems: [(name: String, error: String, message: String)]) -> HubSpotError {
        let detail: [Value] = problems.map { ["isValid": false, "message": .string($0.message), "error": .string($0.error), "name": .string($0.name)] }
        let text = String(decoding: JSONBody.encode(Value.array(detail)), as: UTF8.self)
        return HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "Property values were not valid: \(text)",
                            errors: problems.map { ["message": .string($0.message), "code": .string($0.error), "context": ["propertyName": .array([.string($0.name)])]] })
    }
}

extension Org {
    func hsSpec(_ type: String) throws(HubSpotError) -> HubSpotObjectSpec {
        let key = type.lowercased()
        guard let spec = hubspot.schema.first(where: { $0.name == key || $0.typeId == key || $0.aliases.contains(key) }) else {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "Unable to infer object type from: \(type)")
        }
        return spec
    }

    /// Values as HubSpot stores them (strings), each checked against its property; every refusal is reported at once.
    func hsChecked(_ properties: [String: Value], spec: HubSpotObjectSpec) throws(HubSpotError) -> [String: String?] {
        var out: [String: String?] = [:]
        var problems: [(String, String, String)] = []
        for (name, value) in properties {
            guard let property = spec.property(name) else {
                problems.append((name, "PROPERTY_DOESNT_EXIST", "Property \"\(name)\" does not exist"))
                continue
            }
            guard !property.readOnly else {
                problems.append((name, "READ_ONLY_VALUE", "\(name) is a read only property; its value cannot be set."))
                continue
            }
            let text: String
            switch value {
            case .null: out[name] = .some(nil); continue
            case .string(let s) where s.isEmpty: out[name] = .some(nil); continue
            case .string(let s): text = s
            case .number, .bool: text = value.string ?? ""
            default:
                problems.append((name, "INVALID_OPTION", "\(value) is not a valid value for \(name)"))
                continue
            }
            switch property.type {
            case "number":
                guard Double(text) != nil else { problems.append((name, "INVALID_FLOAT", "\(text) was not a valid number.")); continue }
                out[name] = text
            case "date":
                guard let day = HubSpotTime.parse(text), Calendar.utc.dateComponents([.hour, .minute, .second], from: day) == DateComponents(hour: 0, minute: 0, second: 0) else {
                    problems.append((name, "INVALID_DATE", "\(text) is not a valid date: use YYYY-MM-DD or midnight UTC in milliseconds"))
                    continue
                }
                out[name] = String(HubSpotTime.format(day).prefix(10))
            case "datetime":
                guard let instant = HubSpotTime.parse(text) else {
                    problems.append((name, "INVALID_DATETIME", "\(text) is not a valid datetime"))
                    continue
                }
                out[name] = HubSpotTime.format(instant)
            case "enumeration" where !property.options.isEmpty:
                guard property.options.contains(text) else {
                    problems.append((name, "INVALID_OPTION", "\(text) was not one of the allowed options: [\(property.options.joined(separator: ", "))]"))
                    continue
                }
                out[name] = text
            default:
                out[name] = text
            }
        }
        if !problems.isEmpty { throw HubSpotError.invalid(problems.sorted { $0.0 < $1.0 }) }
        return out
    }

    func hsRecord(_ spec: HubSpotObjectSpec, id: String, idProperty: String? = nil) -> HubSpotRecord? {
        if let idProperty, idProperty != "hs_object_id" {
            return hubspot.records[spec.name]?.values.first { $0.properties[idProperty] == id }
        }
        return hubspot.records[spec.name]?[id]
    }

    /// A unique property may hold a value once per object.
    func hsCheckUnique(_ values: [String: String?], spec: HubSpotObjectSpec, except id: String?) throws(HubSpotError) {
        for property in spec.properties where property.unique {
            guard case .some(.some(let value)) = values[property.name] else { continue }
            if let other = hubspot.records[spec.name]?.values.first(where: { $0.properties[property.name] == value && $0.id != id }) {
                throw HubSpotError(status: 409, category: "CONFLICT", message: "A \(spec.name) record with \(property.name) \(value) already exists (id \(other.id))")
            }
        }
    }

    @discardableResult
    func hsCreate(_ type: String, properties: [String: Value], associations: [(to: String, type: Int)] = []) throws(HubSpotError) -> HubSpotRecord {
        let spec = try hsSpec(type)
        let values = try hsChecked(properties, spec: spec)
        try hsCheckUnique(values, spec: spec, except: nil)
        for association in associations {
            guard let kind = HubSpotSchema.associationTypes[association.type], kind.from == spec.name else {
                throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "association type \(association.type) does not start at \(spec.name)")
            }
            guard hubspot.records[kind.to]?[association.to] != nil else { throw HubSpotError.notFound(kind.to, association.to) }
        }
        hubspot.counter += 1
        let id = String(hubspot.counter)
        let now = clock()
        var record = HubSpotRecord(id: id, properties: [:], createdAt: now, updatedAt: now)
        for (k, v) in values { if let v { record.properties[k] = v } }
        hsStamp(&record, spec: spec, created: true)
        hubspot.records[spec.name, default: [:]][id] = record
        for association in associations {
            let kind = HubSpotSchema.associationTypes[association.type]!
            hsAssociate(spec.name, id, kind.to, association.to)
        }
        hsNotify(spec.name, record: record, changed: nil)
        save()
        return record
    }

    func hsStamp(_ record: inout HubSpotRecord, spec: HubSpotObjectSpec, created: Bool) {
        let now = clock()
        record.updatedAt = now
        record.properties["hs_object_id"] = record.id
        record.properties["hs_lastmodifieddate"] = HubSpotTime.format(now)
        if spec.property("lastmodifieddate") != nil { record.properties["lastmodifieddate"] = HubSpotTime.format(now) }
        if created { record.properties["createdate"] = HubSpotTime.format(now) }
        if spec.name == "line_items" {
            let quantity = record.properties["quantity"].flatMap(Double.init) ?? 1
            record.properties["amount"] = record.properties["price"].flatMap(Double.init).flatMap { Value.number($0 * quantity).string }
        }
    }

    @discardableResult
    func hsUpdate(_ type: String, id: String, properties: [String: Value], idProperty: String? = nil) throws(HubSpotError) -> HubSpotRecord {
        let spec = try hsSpec(type)
        guard var record = hsRecord(spec, id: id, idProperty: idProperty) else { throw HubSpotError.notFound(spec.name, id) }
        let values = try hsChecked(properties, spec: spec)
        try hsCheckUnique(values, spec: spec, except: record.id)
        var changed: [String] = []
        for (k, v) in values where record.properties[k] != v {
            record.properties[k] = v
            changed.append(k)
        }
        hsStamp(&record, spec: spec, created: false)
        hubspot.records[spec.name]![record.id] = record
        hsNotify(spec.name, record: record, changed: changed)
        save()
        return record
    }

    func hsAll(_ type: String) throws(HubSpotError) -> [HubSpotRecord] {
        let spec = try hsSpec(type)
        return (hubspot.records[spec.name] ?? [:]).values.sorted { (Int($0.id) ?? 0) < (Int($1.id) ?? 0) }
    }

    // MARK: associations

    func hsAssociate(_ from: String, _ fromId: String, _ to: String, _ toId: String) {
        for (a, aId, b, bId) in [(from, fromId, to, toId), (to, toId, from, fromId)] {
            let key = "\(a):\(aId)>\(b)"
            if !(hubspot.associations[key] ?? []).contains(bId) { hubspot.associations[key, default: []].append(bId) }
        }
        save()
    }

    func hsAssociated(_ from: String, _ id: String, _ to: String) -> [String] {
        hubspot.associations["\(from):\(id)>\(to)"] ?? []
    }

    // MARK: rendering

    static let defaultProperties: [String: [String]] = [
        "deals": ["dealname", "amount", "closedate", "dealstage", "pipeline"], "contacts": ["firstname", "lastname", "email"],
        "companies": ["name", "domain"],
    ]

    /// A record as the API returns it: the asked properties that have a value (or a default set), and the asked
    /// associations.
    func hsJSON(_ record: HubSpotRecord, spec: HubSpotObjectSpec, properties asked: [String]?, associations: [String] = []) -> Value {
        let names = (asked?.isEmpty == false ? asked! : Self.defaultProperties[spec.name] ?? []) + ["hs_object_id", "createdate", "hs_lastmodifieddate"]
        var properties: [String: Value] = [:]
        for name in names { if let value = record.properties[name] { properties[name] = .string(value) } }
        var out: [String: Value] = ["id": .string(record.id), "properties": .object(properties), "createdAt": .string(HubSpotTime.format(record.createdAt)),
                                    "updatedAt": .string(HubSpotTime.format(record.updatedAt)), "archived": false]
        var linked: [String: Value] = [:]
        for name in associations {
            guard let other = try? hsSpec(name), let kind = HubSpotSchema.associationType(from: spec.name, to: other.name) else { continue }
            let ids = hsAssociated(spec.name, record.id, other.name)
            if !ids.isEmpty { linked[other.name] = ["results": .array(ids.map { ["id": .string($0), "type": .string(kind.name)] })] }
        }
        if !linked.isEmpty { out["associations"] = .object(linked) }
        return .object(out)
    }

    // MARK: schema faults

    func hsRename(_ type: String, property name: String, to newName: String?) throws(HubSpotError) {
        let spec = try hsSpec(type)
        guard let index = hubspot.schema.firstIndex(of: spec), let property = spec.property(name) else {
            throw HubSpotError(status: 404, category: "OBJECT_NOT_FOUND", message: "no property \(name) on \(type)")
        }
        hubspot.schema[index].properties.removeAll { $0.name == property.name }
        if let newName {
            var renamed = property
            renamed.name = newName
            hubspot.schema[index].properties.append(renamed)
        }
        for (id, var record) in hubspot.records[spec.name] ?? [:] {
            let value = record.properties.removeValue(forKey: property.name)
            if let newName, let value { record.properties[newName] = value }
            hubspot.records[spec.name]![id] = record
        }
        save()
    }

    func isHubSpotObject(_ type: String) -> Bool { (try? hsSpec(type)) != nil }
}

extension Calendar {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
