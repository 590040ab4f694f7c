import Foundation

extension Org {
    /// One sObject Collections call. Per-record results carry `statusCode` (not `errorCode`), as Salesforce's do.
    func collection(_ items: [[String: Value]], routeType: String?, field: String?, allOrNone: Bool) throws(Error) -> [Value] {
        let before = snapshot()
        var results: [Value] = []
        var failed = false
        // Salesforce takes at most 12 updates of one record in a call; the 13th and later fail.
        var updates: [String: Int] = [:]
        for item in items {
            do throws(Error) {
                guard let type = routeType ?? item["attributes"]?.object?["type"]?.string else {
                    throw Error(status: 400, code: "INVALID_TYPE", message: "No SObject Type defined in attributes")
                }
                switch field {
                case nil:
                    let id = try create(type, item)
                    results.append(["id": .string(id), "success": true, "errors": []])
                case "Id":
                    guard let id = item["Id"]?.string else { throw Error(status: 400, code: "MISSING_ARGUMENT", message: "Id not specified in an update call") }
                    updates[id, default: 0] += 1
                    guard updates[id]! <= 12 else {
                        throw Error(status: 400, code: "DUPLICATE_VALUE",
                                    message: "Maximum number of duplicate updates in one batch (12 allowed). Attempt to update Id more than once in this Api call: \(id)")
                    }
                    var body = item
                    body.removeValue(forKey: "Id")
                    try update(type, id: id, body)
                    results.append(["id": .string(id), "success": true, "errors": []])
                case let key?:
                    guard let value = item[key]?.string ?? item.first(where: { $0.key.caseInsensitiveCompare(key) == .orderedSame })?.value.string else {
                        throw Error(status: 400, code: "MISSING_ARGUMENT", message: "\(key) not specified")
                    }
                    switch try upsert(type, field: key, value: value, item) {
                    case .created(let id): results.append(["id": .string(id), "success": true, "errors": [], "created": true])
                    case .updated(let id): results.append(["id": .string(id), "success": true, "errors": [], "created": false])
                    case .ambiguous:
                        throw Error(status: 300, code: "DUPLICATE_EXTERNAL_ID", message: "\(key): more than one record found for external id field")
                    }
                }
            } catch {
                failed = true
                results.append(["success": false, "errors": [["statusCode": .string(error.code), "message": .string(error.message),
                                                               "fields": .array(error.fields.map(Value.string))]]])
            }
        }
        if allOrNone && failed {
            restore(before)
            return results.map { result in
                if result.object?["success"] == .bool(false) { return result }
                return ["success": false, "errors": [["statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                                      "message": "Record rolled back because not all records were valid and the request was using AllOrNone header",
                                                      "fields": []]]]
            }
        }
        return results
    }
}
