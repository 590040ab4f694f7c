import Foundation

/// Batch reads and writes (100 inputs a call) and the search API, as `/crm/v3/objects/{type}/batch/*` and
/// `/search` answer them: `{"status": "COMPLETE", "results", "errors"?}`, 207 when some inputs failed.
extension Org {
    static let hubSpotBatchLimit = 100

    func hsBatchLimit(_ count: Int) throws(HubSpotError) {
        guard count <= Self.hubSpotBatchLimit else {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "Batch input limit exceeded: at most \(Self.hubSpotBatchLimit) inputs, got \(count)")
        }
    }

    func hsBatchRead(_ type: String, ids: [String], idProperty: String?, properties: [String]) throws(HubSpotError) -> (results: [Value], missing: [String]) {
        try hsBatchLimit(ids.count)
        let spec = try hsSpec(type)
        if let idProperty, idProperty != "hs_object_id", spec.property(idProperty)?.unique != true {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "\(idProperty) is not a unique property of \(spec.name)")
        }
        var results: [Value] = []
        var missing: [String] = []
        for id in ids {
            if let record = hsRecord(spec, id: id, idProperty: idProperty) {
                results.append(hsJSON(record, spec: spec, properties: properties))
            } else {
                missing.append(id)
            }
        }
        return (results, missing)
    }

    /// Upsert by a unique property: creates the records whose value is new, updates the others; `new` says which.
    /// Every input is checked before any is written, as HubSpot refuses a batch with an invalid value whole.
    func hsBatchUpsert(_ type: String, inputs: [(idProperty: String, id: String, properties: [String: Value])]) throws(HubSpotError) -> [Value] {
        try hsBatchLimit(inputs.count)
        let spec = try hsSpec(type)
        for input in inputs {
            guard spec.property(input.idProperty)?.unique == true else {
                throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "\(input.idProperty) is not a unique property of \(spec.name)")
            }
            _ = try hsChecked(input.properties, spec: spec)
        }
        var results: [Value] = []
        for input in inputs {
            if hsRecord(spec, id: input.id, idProperty: input.idProperty) != nil {
                let record = try hsUpdate(spec.name, id: input.id, properties: input.properties, idProperty: input.idProperty)
                results.append(hsWithNew(hsJSON(record, spec: spec, properties: Array(input.properties.keys) + [input.idProperty]), new: false))
            } else {
                var properties = input.properties
                properties[input.idProperty] = .string(input.id)
                let record = try hsCreate(spec.name, properties: properties)
                results.append(hsWithNew(hsJSON(record, spec: spec, properties: Array(properties.keys)), new: true))
            }
        }
        return results
    }

    func hsWithNew(_ value: Value, new: Bool) -> Value {
        guard case .object(var o) = value else { return value }
        o["new"] = .bool(new)
        return .object(o)
    }

    /// Updates by id; ids that do not exist are errors of their own (207), the others are written.
    func hsBatchUpdate(_ type: String, inputs: [(id: String, properties: [String: Value])]) throws(HubSpotError) -> (results: [Value], missing: [String]) {
        try hsBatchLimit(inputs.count)
        let spec = try hsSpec(type)
        for input in inputs { _ = try hsChecked(input.properties, spec: spec) }
        var results: [Value] = []
        var missing: [String] = []
        for input in inputs {
            guard hsRecord(spec, id: input.id) != nil else { missing.append(input.id); continue }
            let record = try hsUpdate(spec.name, id: input.id, properties: input.properties)
            results.append(hsJSON(record, spec: spec, properties: Array(input.properties.keys)))
        }
        return (results, missing)
    }

    // MARK: search

    struct HubSpotFilter: Sendable {
        var property: String
        var op: String
        var value: String?
        var values: [String]
    }

    /// `filterGroups` are ORed, the filters in a group ANDed; one sort; `after` is an offset; at most 200 a page and
    /// 10,000 results in all, as HubSpot caps them.
    func hsSearch(_ type: String, groups: [[HubSpotFilter]], sort: (property: String, ascending: Bool)?, properties: [String], limit: Int,
                  after: Int) throws(HubSpotError) -> (total: Int, results: [Value], next: Int?) {
        let spec = try hsSpec(type)
        guard limit <= 200 else { throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "limit must be 200 or less") }
        guard groups.count <= 5, groups.allSatisfy({ $0.count <= 6 }) else {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "at most 5 filterGroups of 6 filters each")
        }
        for filter in groups.flatMap({ $0 }) where spec.property(filter.property) == nil {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "There was a problem with the request.",
                               errors: [["message": .string("Property \(filter.property) does not exist on \(spec.name)"), "code": "PROPERTY_DOESNT_EXIST"]])
        }
        var rows = try hsAll(spec.name).filter { record in
            groups.isEmpty || groups.contains { group in group.allSatisfy { hsMatches(record, $0, spec: spec) } }
        }
        if let sort {
            rows.sort { a, b in
                let order = hsCompare(a.properties[sort.property], b.properties[sort.property], type: spec.property(sort.property)?.type)
                return order == .orderedSame ? (Int(a.id) ?? 0) < (Int(b.id) ?? 0) : (order == .orderedAscending) == sort.ascending
            }
        }
        guard after < 10_000 else {
            throw HubSpotError(status: 400, category: "VALIDATION_ERROR", message: "the search API returns at most 10,000 results")
        }
        let page = Array(rows.dropFirst(after).prefix(limit))
        let next = after + page.count < min(rows.count, 10_000) ? after + page.count : nil
        return (rows.count, page.map { hsJSON($0, spec: spec, properties: properties) }, next)
    }

    func hsMatches(_ record: HubSpotRecord, _ filter: HubSpotFilter, spec: HubSpotObjectSpec) -> Bool {
        let value = record.properties[filter.property]
        let type = spec.property(filter.property)?.type
        switch filter.op {
        case "HAS_PROPERTY": return value != nil
        case "NOT_HAS_PROPERTY": return value == nil
        case "IN": return value.map { v in filter.values.contains { hsCompare(v, $0, type: type) == .orderedSame } } ?? false
        case "NOT_IN": return value.map { v in !filter.values.contains { hsCompare(v, $0, type: type) == .orderedSame } } ?? true
        default: break
        }
        guard let value, let wanted = filter.value else { return filter.op == "NEQ" }
        let order = hsCompare(value, wanted, type: type)
        switch filter.op {
        case "EQ": return order == .orderedSame
        case "NEQ": return order != .orderedSame
        case "GT": return order == .orderedDescending
        case "GTE": return order != .orderedAscending
        case "LT": return order == .orderedAscending
        case "LTE": return order != .orderedDescending
        case "CONTAINS_TOKEN": return value.lowercased().contains(wanted.lowercased().replacingOccurrences(of: "*", with: ""))
        default: return false
        }
    }

    /// Dates and datetimes compare as instants (filters give them in milliseconds), numbers as numbers, the rest as
    /// case-insensitive text.
    func hsCompare(_ a: String?, _ b: String?, type: String?) -> ComparisonResult {
        guard let a, let b else { return a == nil ? (b == nil ? .orderedSame : .orderedAscending) : .orderedDescending }
        switch type {
        case "date", "datetime":
            if let x = HubSpotTime.parse(a), let y = HubSpotTime.parse(b) { return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending) }
        case "number":
            if let x = Double(a), let y = Double(b) { return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending) }
        default: break
        }
        return a.lowercased().compare(b.lowercased())
    }
}
