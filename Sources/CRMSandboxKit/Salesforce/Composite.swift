import Foundation

/// The Composite resource (`POST /services/data/vNN.N/composite`): up to 25 subrequests in one API call, at most 5 of
/// them sObject Collections or queries, each answered in `compositeResponse` under its `referenceId`. The sandbox runs
/// sObject Collections subrequests (create, update by Id, upsert by external id); any other URL answers 404 in its
/// own subresponse, as a resource Salesforce does not have would.
extension Org {
    struct Subrequest: Sendable {
        var method: String
        var url: String
        var referenceId: String
        var body: Value?

        /// `/services/data/vNN.N/composite/sobjects[/Type/Field]`: the collection's type and key field, if it is one.
        var collection: (type: String?, field: String?)? {
            let parts = (url.split(separator: "?").first ?? "").split(separator: "/").map(String.init)
            guard parts.count >= 5, parts[0] == "services", parts[1] == "data", parts[2].range(of: #"^v\d+\.\d$"#, options: .regularExpression) != nil,
                  parts[3] == "composite", parts[4] == "sobjects" else { return nil }
            switch (method, parts.count) {
            case ("POST", 5): return (nil, nil)
            case ("PATCH", 5): return (nil, "Id")
            case ("PATCH", 7): return (parts[5], parts[6])
            default: return nil
            }
        }

        var countsAsCollectionOrQuery: Bool { url.contains("/composite/sobjects") || url.contains("/query") }
    }

    static let maxSubrequests = 25
    static let maxCollectionsOrQueries = 5

    /// With `allOrNone`, a failed subrequest rolls back every other and they answer PROCESSING_HALTED.
    func composite(_ subrequests: [Subrequest], allOrNone: Bool) -> [Value] {
        let before = snapshot()
        var answers: [(status: Int, body: Value)] = []
        for sub in subrequests {
            guard let (type, field) = sub.collection else {
                answers.append((404, Error(status: 404, code: "NOT_FOUND", message: "The requested resource does not exist").body))
                continue
            }
            guard case .array(let items)? = sub.body?.object?["records"] else {
                answers.append((400, Error(status: 400, code: "JSON_PARSER_ERROR", message: "records is required").body))
                continue
            }
            guard items.count <= 200 else {
                answers.append((400, Error(status: 400, code: "EXCEEDED_ID_LIMIT", message: "record limit reached. cannot submit more than 200 records into this call").body))
                continue
            }
            do {
                let results = try collection(items.map { $0.object ?? [:] }, routeType: type, field: field, allOrNone: sub.body?.object?["allOrNone"] == .bool(true))
                answers.append((200, .array(results)))
            } catch {
                answers.append((error.status, error.body))
            }
        }
        if allOrNone, answers.contains(where: { $0.status >= 400 }) {
            restore(before)
            let halted = Error(status: 400, code: "PROCESSING_HALTED",
                               message: "The transaction was rolled back since another operation in the same transaction failed.").body
            answers = answers.map { $0.status >= 400 ? $0 : (400, halted) }
        }
        return zip(subrequests, answers).map { sub, answer in
            ["body": answer.body, "httpHeaders": .object([:]), "httpStatusCode": .number(Double(answer.status)), "referenceId": .string(sub.referenceId)]
        }
    }
}
