import Foundation

/// One Salesforce org: its schema, records, sessions, planned faults and outbound-message subscriptions. Every
/// request goes through this actor, so the org changes one call at a time as a real one appears to.
actor Org {
    struct Stored: Codable {
        var schema: [ObjectSpec]
        var records: [String: [String: [String: Value]]]
        var counter: Int
        var hubspot: HubSpotData?
        var pipedrive: PipedriveData?
    }

    struct Error: Swift.Error {
        var status: Int
        var code: String
        var message: String
        var fields: [String] = []

        var body: Value { [["message": .string(message), "errorCode": .string(code), "fields": .array(fields.map(Value.string))]] }
    }

    private(set) var schema: [ObjectSpec]
    /// type → id → fields.
    var records: [String: [String: [String: Value]]]
    var counter: Int
    private let dataFile: URL?
    let clock: @Sendable () -> Date
    let integrationUser: String
    var faults = Faults()
    var accessTokens: [String: String] = [:]
    var refreshTokens: [String: String] = [:]
    var jwtCertificates: [String: Data] = [:]
    var apiCalls = 0
    var callsByRoute: [String: Int] = [:]
    let apiLimit = 15000
    var queryPageSize: Int
    var cursors: [String: [[String: Value]]] = [:]
    var outbound: [String: OutboundSubscription] = [:]
    var pendingNotifications: [OutboundNotification] = []
    var hubspot = HubSpotData()
    var hubSpotPending: [HubSpotPendingEvent] = []
    var hubSpotEventCounter = 0
    /// The private app tokens HubSpot calls may carry; the sessions fault revokes them until the next is issued.
    var hubSpotTokens: Set<String> = [HubSpotRoutes.defaultToken]
    var pipedrive = PipedriveData()
    var pipedrivePending: [PipedrivePendingEvent] = []
    var pipedriveTokens: Set<String> = [PipedriveRoutes.defaultToken]

    init(dataFile: URL?, pageSize: Int, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.dataFile = dataFile
        self.clock = clock
        self.queryPageSize = pageSize
        if let dataFile, let data = try? Data(contentsOf: dataFile), let stored = JSONBody.decode(Stored.self, data) {
            schema = stored.schema
            records = stored.records
            counter = stored.counter
            hubspot = stored.hubspot ?? HubSpotData()
            pipedrive = stored.pipedrive ?? PipedriveData()
        } else {
            schema = SalesforceSchema.objects
            records = [:]
            counter = 0
        }
        integrationUser = SalesforceId.make(prefix: "005", number: 1)
    }

    func spec(_ type: String) throws(Error) -> ObjectSpec {
        guard let spec = schema.first(where: { $0.name.caseInsensitiveCompare(type) == .orderedSame }) else {
            throw Error(status: 404, code: "NOT_FOUND", message: "The requested resource does not exist")
        }
        return spec
    }

    func save() {
        guard let dataFile else { return }
        try? JSONBody.encode(Stored(schema: schema, records: records, counter: counter, hubspot: hubspot, pipedrive: pipedrive)).write(to: dataFile, options: .atomic)
    }

    // MARK: records

    func get(_ type: String, id: String) throws(Error) -> [String: Value] {
        let spec = try spec(type)
        guard let record = records[spec.name]?[id] ?? records[spec.name]?.first(where: { $0.key.prefix(15) == id.prefix(15) })?.value else {
            throw Error(status: 404, code: "NOT_FOUND", message: "The requested resource does not exist")
        }
        return record
    }

    func all(_ type: String) throws(Error) -> [[String: Value]] {
        let spec = try spec(type)
        return (records[spec.name] ?? [:]).values.sorted { ($0["Id"]?.string ?? "") < ($1["Id"]?.string ?? "") }
    }

    /// Checks `fields` against the schema: names (case-insensitive, stored with their schema spelling) and types.
    func checked(_ fields: [String: Value], spec: ObjectSpec) throws(Error) -> [String: Value] {
        var out: [String: Value] = [:]
        for (name, value) in fields where name != "attributes" {
            guard let field = spec.field(name) else {
                throw Error(status: 400, code: "INVALID_FIELD", message: "No such column '\(name)' on sobject of type \(spec.name)", fields: [name])
            }
            guard !field.system else {
                throw Error(status: 400, code: "INVALID_FIELD_FOR_INSERT_UPDATE", message: "Unable to create/update fields: \(field.name). Please check the security settings of this field and verify that it is read/write for your profile or permission set.", fields: [field.name])
            }
            switch (field.type, value) {
            case (_, .null): break
            case ("date", .string(let s)) where SalesforceTime.isDay(s): break
            case ("datetime", .string(let s)) where SalesforceTime.parse(s) != nil: break
            case ("currency", .number), ("double", .number), ("boolean", .bool): break
            case ("int", .number(let n)) where n == n.rounded(): break
            case ("string", .string), ("textarea", .string), ("picklist", .string), ("url", .string), ("email", .string),
                 ("reference", .string): break
            default:
                throw Error(status: 400, code: "JSON_PARSER_ERROR", message: "Cannot deserialize instance of \(field.type) from \(value) for field \(field.name)", fields: [field.name])
            }
            out[field.name] = value
        }
        return out
    }

    func create(_ type: String, _ fields: [String: Value]) throws(Error) -> String {
        let spec = try spec(type)
        var record = try checked(fields, spec: spec)
        for field in spec.fields where field.required && (record[field.name] ?? .null).isNull {
            throw Error(status: 400, code: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [\(field.name)]", fields: [field.name])
        }
        counter += 1
        let id = SalesforceId.make(prefix: spec.keyPrefix, number: counter)
        let now = SalesforceTime.format(clock())
        record["Id"] = .string(id)
        record["CreatedDate"] = .string(now)
        record["LastModifiedDate"] = .string(now)
        record["SystemModstamp"] = .string(now)
        record["LastModifiedById"] = .string(integrationUser)
        record["IsDeleted"] = false
        derive(&record, spec: spec)
        records[spec.name, default: [:]][id] = record
        notify(spec.name, record: record)
        rollUp(record, spec: spec)
        save()
        return id
    }

    func update(_ type: String, id: String, _ fields: [String: Value]) throws(Error) {
        let spec = try spec(type)
        var record = try get(spec.name, id: id)
        if faults.takeLock() {
            throw Error(status: 400, code: "UNABLE_TO_LOCK_ROW", message: "unable to obtain exclusive access to this record")
        }
        let changes = try checked(fields, spec: spec)
        for (k, v) in changes { record[k] = v }
        derive(&record, spec: spec)
        let now = SalesforceTime.format(clock())
        record["LastModifiedDate"] = .string(now)
        record["SystemModstamp"] = .string(now)
        records[spec.name]![record["Id"]!.string!] = record
        notify(spec.name, record: record)
        rollUp(record, spec: spec)
        save()
    }

    /// The fields Salesforce computes on save: an opportunity product's total and its name (the opportunity's
    /// and the product's).
    func derive(_ record: inout [String: Value], spec: ObjectSpec) {
        guard spec.name == "OpportunityLineItem" else { return }
        if let quantity = record["Quantity"]?.number, let price = record["UnitPrice"]?.number { record["TotalPrice"] = .number(quantity * price) }
        let opportunity = record["OpportunityId"]?.string.flatMap { records["Opportunity"]?[$0]?["Name"]?.string }
        let product = record["Product2Id"]?.string.flatMap { records["Product2"]?[$0]?["Name"]?.string }
        record["Name"] = .string([opportunity, product].compactMap { $0 }.joined(separator: " "))
    }

    /// An opportunity with products has their total as its amount, and changes (so a poll sees it) when they do.
    func rollUp(_ line: [String: Value], spec: ObjectSpec) {
        guard spec.name == "OpportunityLineItem", let id = line["OpportunityId"]?.string, var opportunity = records["Opportunity"]?[id] else { return }
        let lines = (records["OpportunityLineItem"] ?? [:]).values.filter { $0["OpportunityId"]?.string == id }
        opportunity["Amount"] = .number(lines.compactMap { $0["TotalPrice"]?.number }.reduce(0, +))
        let now = SalesforceTime.format(clock())
        opportunity["LastModifiedDate"] = .string(now)
        opportunity["SystemModstamp"] = .string(now)
        records["Opportunity"]![id] = opportunity
        notify("Opportunity", record: opportunity)
    }

    enum Upserted { case created(String), updated(String), ambiguous([String]) }

    func upsert(_ type: String, field: String, value: String, _ fields: [String: Value]) throws(Error) -> Upserted {
        let spec = try spec(type)
        guard let key = spec.field(field), key.externalId || key.name == "Id" else {
            throw Error(status: 404, code: "NOT_FOUND", message: "Provided external ID field does not exist or is not accessible: \(field)")
        }
        var body = fields
        body.removeValue(forKey: key.name)
        let matches = (records[spec.name] ?? [:]).values.filter { $0[key.name]?.string == value }.compactMap { $0["Id"]?.string }.sorted()
        switch matches.count {
        case 0:
            if key.name != "Id" { body[key.name] = .string(value) }
            return .created(try create(spec.name, body))
        case 1:
            try update(spec.name, id: matches[0], body)
            return .updated(matches[0])
        default:
            return .ambiguous(matches)
        }
    }

    func query(_ soql: String) throws(Error) -> (records: [[String: Value]], total: Int, next: String?) {
        let query: SOQLQuery
        do { query = try SOQLQuery.parse(soql, today: clock()) } catch {
            throw Error(status: 400, code: "MALFORMED_QUERY", message: (error as? SOQLQuery.ParseError)?.message ?? "malformed query")
        }
        let spec: ObjectSpec
        do { spec = try self.spec(query.object) } catch {
            throw Error(status: 400, code: "INVALID_TYPE", message: "sObject type '\(query.object)' is not supported.")
        }
        for name in query.fields where spec.field(name) == nil && relationship(name, of: spec) == nil {
            throw Error(status: 400, code: "INVALID_FIELD", message: "No such column '\(name)' on entity '\(spec.name)'.", fields: [name])
        }
        for name in query.conditions.map(\.field) + query.order.map(\.field) where spec.field(name) == nil {
            throw Error(status: 400, code: "INVALID_FIELD", message: "No such column '\(name)' on entity '\(spec.name)'.", fields: [name])
        }
        var rows = (records[spec.name] ?? [:]).values.filter { query.matches($0, spec: spec) }
        rows.sort { a, b in
            for (name, descending) in query.order {
                let field = spec.field(name)!.name
                if case .number(let x) = a[field] ?? .null, case .number(let y) = b[field] ?? .null {
                    if x != y { return descending ? x > y : x < y }
                    continue
                }
                let x = a[field]?.string ?? "", y = b[field]?.string ?? ""
                if x != y { return descending ? x > y : x < y }
            }
            return (a["Id"]?.string ?? "") < (b["Id"]?.string ?? "")
        }
        if let limit = query.limit { rows = Array(rows.prefix(limit)) }
        let projected = rows.map { row in
            var out: [String: Value] = [:]
            for name in query.fields {
                if let f = spec.field(name) {
                    out[f.name] = row[f.name] ?? .null
                } else if let (reference, target, field) = relationship(name, of: spec) {
                    let related = row[reference.name]?.string.flatMap { records[target.name]?[$0] }
                    out[String(reference.name.dropLast(2))] = related.map { related in
                        ["attributes": ["type": .string(target.name), "url": .string("/services/data/v59.0/sobjects/\(target.name)/\(related["Id"]?.string ?? "")")],
                         field.name: related[field.name] ?? .null]
                    } ?? .null
                }
            }
            out["attributes"] = ["type": .string(spec.name), "url": .string("/services/data/v59.0/sobjects/\(spec.name)/\(row["Id"]?.string ?? "")")]
            return out
        }
        return page(projected)
    }

    /// A parent's field through a standard lookup (`Product2.Name` through `Product2Id`): the lookup, the object it
    /// refers to, and the field read there.
    func relationship(_ name: String, of spec: ObjectSpec) -> (reference: FieldSpec, target: ObjectSpec, field: FieldSpec)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let reference = spec.field(parts[0] + "Id"), let to = reference.referenceTo,
              let target = schema.first(where: { $0.name == to }), let field = target.field(String(parts[1])) else { return nil }
        return (reference, target, field)
    }

    func page(_ rows: [[String: Value]]) -> (records: [[String: Value]], total: Int, next: String?) {
        guard rows.count > queryPageSize else { return (rows, rows.count, nil) }
        counter += 1
        let locator = "01g5g\(counter)"
        cursors[locator] = Array(rows.dropFirst(queryPageSize))
        return (Array(rows.prefix(queryPageSize)), rows.count, "\(locator)-\(queryPageSize)")
    }

    func more(_ locator: String) throws(Error) -> (records: [[String: Value]], remaining: Int, next: String?) {
        let key = String(locator.split(separator: "-").first ?? "")
        guard let rest = cursors.removeValue(forKey: key) else {
            throw Error(status: 400, code: "INVALID_QUERY_LOCATOR", message: "invalid query locator")
        }
        let (records, _, next) = page(rest)
        return (records, rest.count, next)
    }

    func updated(_ type: String, start: Date, end: Date) throws(Error) -> [String] {
        try all(type).filter { record in
            guard let stamp = record["SystemModstamp"]?.string.flatMap(SalesforceTime.parse) else { return false }
            return stamp >= start && stamp <= end
        }.compactMap { $0["Id"]?.string }
    }

    // MARK: schema faults

    func rename(_ type: String, field: String, to newName: String?) throws(Error) {
        let spec = try spec(type)
        guard let index = schema.firstIndex(of: spec), let f = spec.field(field) else {
            throw Error(status: 404, code: "NOT_FOUND", message: "no field \(field) on \(type)")
        }
        schema[index].fields.removeAll { $0.name == f.name }
        if let newName {
            var renamed = f
            renamed.name = newName
            schema[index].fields.append(renamed)
        }
        for (id, var record) in records[spec.name] ?? [:] {
            let value = record.removeValue(forKey: f.name)
            if let newName, let value { record[newName] = value }
            records[spec.name]![id] = record
        }
        save()
    }

    // MARK: sessions

    func issueTokens(for client: String) -> (access: String, refresh: String) {
        let access = "00D5g000000SANDBOX!" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let refresh = "5Aep" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        accessTokens[access] = client
        refreshTokens[refresh] = client
        return (access, refresh)
    }

    /// Refresh-token rotation: the old refresh token dies with its use.
    func refresh(_ token: String) -> (access: String, refresh: String)? {
        guard let client = refreshTokens.removeValue(forKey: token) else { return nil }
        return issueTokens(for: client)
    }

    /// Counts the call, plays any planned fault, then checks the session.
    func admit(route: String, authorization: String?) -> (outcome: Result<Void, Error>, delay: Int, body: Value?) {
        apiCalls += 1
        callsByRoute[route, default: 0] += 1
        let (outcome, delay) = faults.admit(now: clock())
        switch outcome {
        case .fail(let failure):
            let (status, body): (Int, Value) = switch failure {
            case .down: (503, .string("Service Unavailable"))
            case .unavailable: (503, [["message": "Server is temporarily unavailable", "errorCode": "SERVER_UNAVAILABLE"]])
            case .requestLimit: (403, [["message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"]])
            }
            return (.failure(Error(status: status, code: "FAULT", message: "")), delay, body)
        case .expireSessions:
            accessTokens.removeAll()
        case .pass: break
        }
        let token = authorization.flatMap { $0.hasPrefix("Bearer ") || $0.hasPrefix("OAuth ") ? String($0.split(separator: " ", maxSplits: 1).last ?? "") : nil }
        guard let token, accessTokens[token] != nil else {
            return (.failure(Error(status: 401, code: "INVALID_SESSION_ID", message: "Session expired or invalid")), delay, nil)
        }
        return (.success(()), delay, nil)
    }

    func plan(_ plan: FaultPlan) throws(Error) {
        switch plan.kind {
        case "unavailable": faults.unavailable = plan.count ?? 1; faults.unavailableAfter = plan.after ?? 0
        case "expireSessions": faults.expireAfter = plan.after ?? 0
        case "requestLimit": faults.requestLimit = plan.count ?? 1
        case "lockRow": faults.lockRow = plan.count ?? 1
        case "latency": faults.latency = plan.milliseconds ?? 500; faults.latencyCalls = plan.count ?? 1
        case "down": faults.downUntil = clock().addingTimeInterval(plan.seconds ?? 10)
        case "renameField", "deleteField":
            guard let object = plan.object, let field = plan.field else {
                throw Error(status: 400, code: "MISSING_ARGUMENT", message: "object and field are required")
            }
            // HubSpot names its objects in lower case (`deals`), Salesforce capitalises them (`Opportunity`).
            let hubSpot = object == object.lowercased() && isHubSpotObject(object)
            let to = plan.kind == "renameField" ? (plan.to ?? field + (hubSpot ? "_old" : "_Old")) : nil
            if plan.crm == "pipedrive" {
                do { try pdRename(field, to: to) } catch { throw Error(status: error.status, code: "NOT_FOUND", message: error.message) }
            } else if hubSpot {
                do { try hsRename(object, property: field, to: to) } catch { throw Error(status: error.status, code: error.category, message: error.message) }
            } else {
                try rename(object, field: field, to: to)
            }
        case "clear": faults = Faults()
        default: throw Error(status: 400, code: "UNKNOWN_FAULT", message: "unknown fault kind \(plan.kind)")
        }
    }

    func stats() -> Value {
        ["apiCalls": .number(Double(apiCalls)), "byRoute": .object(callsByRoute.mapValues { .number(Double($0)) }),
         "pendingOutboundMessages": .number(Double(pendingNotifications.count)), "pendingHubSpotEvents": .number(Double(hubSpotPending.count)),
         "pendingPipedriveEvents": .number(Double(pipedrivePending.count))]
    }

    func resetStats() {
        apiCalls = 0
        callsByRoute = [:]
    }

    func setPageSize(_ size: Int) { queryPageSize = max(1, min(2000, size)) }
}

extension Org {
    func snapshot() -> (records: [String: [String: [String: Value]]], counter: Int, notifications: Int) {
        (records, counter, pendingNotifications.count)
    }

    func restore(_ s: (records: [String: [String: [String: Value]]], counter: Int, notifications: Int)) {
        records = s.records
        pendingNotifications = Array(pendingNotifications.prefix(s.notifications))
        save()
    }
}
