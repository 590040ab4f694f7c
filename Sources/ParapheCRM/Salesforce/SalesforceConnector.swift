import _CryptoExtras
import Crypto
import Foundation
import ParapheCore

/// Salesforce's REST API: client-credentials or JWT-bearer sign-in, SOQL polling on `SystemModstamp`, sObject
/// Collections for writes (200 records each, five collections to a Composite call), `Sforce-Call-Options: client=Paraphe`
/// on every call.
public struct SalesforceConnector: CRMConnector {
    public let system = CRMSystem.salesforce
    let baseURL: String
    let credentials: CRMCredentials
    let transport: CRMTransport
    let session: SalesforceSession
    let clock: @Sendable () -> Date
    /// Waits between retries of a busy CRM; tests may pass a shorter one.
    let pause: @Sendable (Int) async -> Void
    public static let apiVersion = "v59.0"
    /// SystemModstamp is stamped when a transaction starts, so a long one can commit a record "in the past": each
    /// poll looks this far behind its mark, and the engine drops what it has already seen.
    public static let overlap: TimeInterval = 120
    static let batch = 200

    public init(baseURL: String, credentials: CRMCredentials, transport: CRMTransport, session: SalesforceSession,
                clock: @escaping @Sendable () -> Date, pause: @escaping @Sendable (Int) async -> Void = SalesforceConnector.jitteredPause) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.transport = transport
        self.session = session
        self.clock = clock
        self.pause = pause
    }

    /// 200 ms, 400 ms, 800 ms…, each between half and all of it, so many clients do not retry in step.
    public static let jitteredPause: @Sendable (Int) async -> Void = { attempt in
        let full = 0.2 * pow(2, Double(attempt))
        try? await Task.sleep(for: .seconds(Double.random(in: full / 2 ... full)))
    }

    // MARK: calls

    func signIn(_ refreshToken: String?) async throws -> (SalesforceSession.Token, refreshToken: String?) {
        let login = (credentials.loginUrl ?? baseURL).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var form: [(String, String)]
        if let refreshToken {
            form = [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", credentials.clientId ?? "")]
            if let secret = credentials.clientSecret { form.append(("client_secret", secret)) }
        } else if let key = credentials.privateKey, let user = credentials.username {
            form = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                    ("assertion", try SalesforceJWT.assertion(clientId: credentials.clientId ?? "", username: user, audience: login, privateKeyPEM: key, now: clock()))]
        } else {
            form = [("grant_type", "client_credentials"), ("client_id", credentials.clientId ?? ""), ("client_secret", credentials.clientSecret ?? "")]
        }
        let body = form.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let response: CRMResponse
        do {
            response = try await transport.send(CRMRequest(method: "POST", url: login + "/services/oauth2/token",
                                                           headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                                                           body: Data(body.utf8)))
        } catch {
            throw CRMError.unavailable("cannot reach \(login): \(error)")
        }
        guard response.status == 200, let json = try? JSONDecoder().decode([String: JSONValue].self, from: response.body),
              let access = json["access_token"]?.stringValue else {
            if refreshToken != nil, (400..<500).contains(response.status) { return try await signIn(nil) }
            if response.status >= 500 { throw CRMError.unavailable("sign-in answered \(response.status)") }
            let why = (try? JSONDecoder().decode([String: String].self, from: response.body)).map { "\($0["error"] ?? ""): \($0["error_description"] ?? "")" }
            throw CRMError.unauthorized(why ?? "sign-in answered \(response.status)")
        }
        let instance = json["instance_url"]?.stringValue ?? baseURL
        let organisation = json["id"]?.stringValue.map { $0.split(separator: "/").dropLast().last.map(String.init) ?? "" } ?? ""
        let token = SalesforceSession.Token(access: access, instanceURL: instance, organisation: organisation)
        return (token, json["refresh_token"]?.stringValue)
    }

    static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// One API call: on a 401, one fresh sign-in (shared with every other caller) and the call again; on a busy or
    /// locked CRM, three retries with jittered pauses; on a spent allowance, no retry at all.
    func call(_ method: String, _ path: String, body: Data? = nil) async throws -> CRMResponse {
        var renewed = false
        var attempt = 0
        while true {
            let token = try await session.token { try await signIn($0) }
            let url = path.hasPrefix("/") ? token.instanceURL + path : token.instanceURL + "/services/data/\(Self.apiVersion)/" + path
            var headers = [("Authorization", "Bearer \(token.access)"), ("Accept", "application/json"), ("Sforce-Call-Options", "client=Paraphe")]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            let response: CRMResponse
            do {
                response = try await transport.send(CRMRequest(method: method, url: url, headers: headers, body: body))
            } catch {
                guard attempt < 3 else { throw CRMError.unavailable("\(error)") }
                await pause(attempt)
                attempt += 1
                continue
            }
            let problem = SalesforceProblem(response)
            switch (response.status, problem?.code) {
            case (401, _):
                await session.invalidate(token.access)
                guard !renewed else { throw CRMError.unauthorized(problem?.message ?? "session refused") }
                renewed = true
            case (403, "REQUEST_LIMIT_EXCEEDED"):
                throw CRMError.limitExceeded("REQUEST_LIMIT_EXCEEDED: \(problem?.message ?? "")", until: nil)
            case (500..., _), (_, "UNABLE_TO_LOCK_ROW"), (_, "SERVER_UNAVAILABLE"):
                guard attempt < 3 else {
                    throw CRMError.unavailable(problem.map { "\($0.code): \($0.message)" } ?? "HTTP \(response.status)")
                }
                await pause(attempt)
                attempt += 1
            case (200..<300, _), (300, _):
                return response
            default:
                throw CRMError.rejected(code: problem?.code ?? "HTTP_\(response.status)", message: problem?.message ?? "HTTP \(response.status)")
            }
        }
    }

    func json(_ response: CRMResponse) throws -> [String: JSONValue] {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: response.body) else {
            throw CRMError.rejected(code: "UNREADABLE", message: "Salesforce answered something that is not a JSON object")
        }
        return object
    }

    // MARK: CRMConnector

    public func authenticate() async throws -> CRMIdentity {
        let token = try await session.token { try await signIn($0) }
        return CRMIdentity(organisation: token.organisation)
    }

    public func describe(_ object: String) async throws -> CRMObjectDescription {
        guard CRMLink.isObjectName(object) else { throw CRMError.rejected(code: "INVALID_TYPE", message: "not an object name: \(object)") }
        let body = try json(try await call("GET", "sobjects/\(object)/describe"))
        guard case .array(let fields)? = body["fields"] else { throw CRMError.rejected(code: "UNREADABLE", message: "describe without fields") }
        return CRMObjectDescription(name: body["name"]?.stringValue ?? object, fields: fields.compactMap { f in
            guard case .object(let o) = f, let name = o["name"]?.stringValue else { return nil }
            return .init(name: name, type: o["type"]?.stringValue ?? "string", updateable: o["updateable"] == .bool(true),
                         externalId: o["externalIdField"] == .bool(true))
        })
    }

    public func query(_ soql: String) async throws -> (records: [[String: JSONValue]], calls: Int) {
        var page = try json(try await call("GET", "query?q=" + Self.formEncode(soql)))
        var calls = 1
        var rows: [[String: JSONValue]] = []
        while true {
            if case .array(let records)? = page["records"] {
                rows += records.compactMap { if case .object(let o) = $0 { return o } else { return nil } }
            }
            guard page["done"] != .bool(true), let next = page["nextRecordsUrl"]?.stringValue else { break }
            page = try json(try await call("GET", next))
            calls += 1
        }
        return (rows, calls)
    }

    static func fieldList(_ fields: [String], plus: [String]) -> String {
        var seen: Set<String> = []
        return (plus + fields).filter { CRMLink.isObjectName($0) && seen.insert($0.lowercased()).inserted }.joined(separator: ", ")
    }

    func record(_ object: String, _ row: [String: JSONValue]) -> CRMRecord? {
        guard let id = row["Id"]?.stringValue else { return nil }
        var fields = row
        fields.removeValue(forKey: "attributes")
        return CRMRecord(object: object, id: id, fields: fields, modifiedAt: row["SystemModstamp"]?.stringValue.flatMap(SalesforceDates.parse))
    }

    public func fetch(_ object: String, ids: [String], fields: [String]) async throws -> [CRMRecord] {
        guard CRMLink.isObjectName(object) else { throw CRMError.rejected(code: "INVALID_TYPE", message: "not an object name: \(object)") }
        var out: [CRMRecord] = []
        let valid = ids.filter(CRMLink.isRecordId)
        for start in stride(from: 0, to: valid.count, by: Self.batch) {
            let chunk = valid[start..<min(valid.count, start + Self.batch)].map { "'\($0)'" }.joined(separator: ", ")
            let soql = "SELECT \(Self.fieldList(fields, plus: ["Id", "SystemModstamp"])) FROM \(object) WHERE Id IN (\(chunk))"
            out += try await query(soql).records.compactMap { record(object, $0) }
        }
        return out
    }

    public func changes(_ object: String, since: Date?, fields: [String]) async throws -> CRMChanges {
        guard CRMLink.isObjectName(object) else { throw CRMError.rejected(code: "INVALID_TYPE", message: "not an object name: \(object)") }
        var soql = "SELECT \(Self.fieldList(fields, plus: ["Id", "SystemModstamp"])) FROM \(object)"
        if let since { soql += " WHERE SystemModstamp > \(SalesforceDates.soql(since.addingTimeInterval(-Self.overlap)))" }
        soql += " ORDER BY SystemModstamp, Id"
        let (rows, calls) = try await query(soql)
        let records = rows.compactMap { record(object, $0) }
        return CRMChanges(records: records, watermark: records.compactMap(\.modifiedAt).max() ?? since, calls: calls)
    }

    public func write(_ writes: [CRMWrite]) async throws -> CRMWriteBatch {
        var results = [CRMWriteResult?](repeating: nil, count: writes.count)
        // Upserts go by object and key field; updates by id can mix objects.
        var groups: [String: [Int]] = [:]
        for (i, w) in writes.enumerated() {
            switch w.key {
            case .externalId(let field, _): groups["\(w.object)/\(field)", default: []].append(i)
            case .recordId: groups["", default: []].append(i)
            }
        }
        var collections: [Collection] = []
        for key in groups.keys.sorted() {
            let indices = groups[key]!
            for start in stride(from: 0, to: indices.count, by: Self.batch) {
                let chunk = Array(indices[start..<min(indices.count, start + Self.batch)])
                let records: [JSONValue] = chunk.map { i in
                    var fields = writes[i].fields
                    fields["attributes"] = .object(["type": .string(writes[i].object)])
                    switch writes[i].key {
                    case .externalId(let field, let value): fields[field] = .string(value)
                    case .recordId(let id): fields["Id"] = .string(id)
                    }
                    return .object(fields)
                }
                collections.append(Collection(records: chunk, path: key.isEmpty ? "composite/sobjects" : "composite/sobjects/\(key)",
                                              body: .object(["allOrNone": .bool(false), "records": .array(records)])))
            }
        }
        var calls = 0
        for start in stride(from: 0, to: collections.count, by: Self.collectionsPerCall) {
            let group = Array(collections[start..<min(collections.count, start + Self.collectionsPerCall)])
            let answers = group.count == 1 ? [try await send(group[0])] : try await send(group)
            calls += 1
            for (collection, answer) in zip(group, answers) {
                for (i, result) in zip(collection.records, answer) { results[i] = result }
            }
        }
        return CRMWriteBatch(results: results.map { $0 ?? .retry(message: "not sent") }, calls: calls)
    }

    /// One sObject Collections request: up to 200 records of the write, by their indices.
    struct Collection {
        var records: [Int]
        var path: String
        var body: JSONValue
    }

    /// Salesforce takes at most five collections in one Composite request; a round that writes contract records and
    /// opportunities costs one call instead of two.
    static let collectionsPerCall = 5

    func send(_ collection: Collection) async throws -> [CRMWriteResult] {
        let response = try await call("PATCH", collection.path, body: try CanonicalJSON.encode(collection.body))
        return try Self.results(try? JSONDecoder().decode(JSONValue.self, from: response.body), status: response.status, count: collection.records.count)
    }

    func send(_ group: [Collection]) async throws -> [[CRMWriteResult]] {
        let subrequests: [JSONValue] = group.enumerated().map { n, c in
            .object(["method": .string("PATCH"), "url": .string("/services/data/\(Self.apiVersion)/\(c.path)"), "referenceId": .string("c\(n)"), "body": c.body])
        }
        let response = try await call("POST", "composite", body: try CanonicalJSON.encode(JSONValue.object(["allOrNone": .bool(false), "compositeRequest": .array(subrequests)])))
        guard case .array(let answers)? = (try? JSONDecoder().decode([String: JSONValue].self, from: response.body))?["compositeResponse"],
              answers.count == group.count else {
            throw CRMError.unavailable("Composite answered \(group.count) subrequests with something else")
        }
        return try zip(group, answers).map { collection, answer in
            guard case .object(let o) = answer, case .number(let status)? = o["httpStatusCode"] else {
                throw CRMError.unavailable("Composite answered a subrequest without its status")
            }
            return try Self.results(o["body"], status: NSDecimalNumber(decimal: status).intValue, count: collection.records.count)
        }
    }

    /// A collection's answer: one result per record, or for a refused collection the same refusal for each.
    static func results(_ body: JSONValue?, status: Int, count: Int) throws -> [CRMWriteResult] {
        if (200..<300).contains(status), case .array(let answers)? = body, answers.count == count { return answers.map(result) }
        guard status >= 400, case .array(let errors)? = body, case .object(let first)? = errors.first else {
            throw CRMError.unavailable("sObject Collections answered \(count) records with something else")
        }
        let code = first["errorCode"]?.stringValue ?? first["statusCode"]?.stringValue ?? "HTTP_\(status)"
        let message = first["message"]?.stringValue ?? "refused"
        let retry = ["UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "PROCESSING_HALTED"].contains(code) || status >= 500
        return Array(repeating: retry ? .retry(message: "\(code): \(message)") : .rejected(code: code, message: message), count: count)
    }

    static func result(_ answer: JSONValue) -> CRMWriteResult {
        guard case .object(let o) = answer else { return .retry(message: "unreadable result") }
        if o["success"] == .bool(true), let id = o["id"]?.stringValue { return .written(id: id) }
        var code = "UNKNOWN", message = "refused"
        if case .array(let errors)? = o["errors"], case .object(let first)? = errors.first {
            code = first["statusCode"]?.stringValue ?? first["errorCode"]?.stringValue ?? code
            message = first["message"]?.stringValue ?? message
        }
        return code == "UNABLE_TO_LOCK_ROW" || code == "ALL_OR_NONE_OPERATION_ROLLED_BACK" ? .retry(message: "\(code): \(message)") : .rejected(code: code, message: message)
    }

    public var dealFields: [String] { ["Name", "AccountId", "ContactId"] }

    public func party(of deal: CRMRecord) async throws -> CRMParty? {
        let fields = CRMPartyFields.salesforce
        guard let accountId = deal.fields["AccountId"]?.stringValue,
              let account = try await fetch("Account", ids: [accountId], fields: fields.company).first else { return nil }
        var contact: [String: JSONValue]?
        if let contactId = deal.fields["ContactId"]?.stringValue { contact = try await fetch("Contact", ids: [contactId], fields: fields.contact).first?.fields }
        return CRMParty(accountId: accountId, company: account.fields, contact: contact, fields: fields)
    }

    /// The opportunity's products in one query, each named by its product (an opportunity product's own `Name`
    /// prefixes the opportunity's).
    public func products(of deal: CRMRecord) async throws -> [CRMProductLine] {
        guard CRMLink.isRecordId(deal.id) else { return [] }
        let soql = "SELECT Id, Product2.Name, Quantity, UnitPrice, TotalPrice FROM OpportunityLineItem WHERE OpportunityId = '\(deal.id)' ORDER BY SortOrder, Id"
        return try await query(soql).records.compactMap { row in
            guard case .object(let product)? = row["Product2"], let name = product["Name"]?.stringValue else { return nil }
            return CRMProductLine(name: name, quantity: row["Quantity"]?.decimalValue ?? 1, unitPrice: row["UnitPrice"]?.decimalValue,
                                  total: row["TotalPrice"]?.decimalValue)
        }
    }

    public func recordURL(_ object: String, id: String) -> String {
        "\(baseURL)/lightning/r/\(object)/\(id)/view"
    }

    /// An Outbound Message: well-formed, without a DTD, from the org Paraphe signed in to (15-character ids compare).
    public func verify(_ inbound: CRMInbound, organisation: String?) throws -> [String] {
        let message: OutboundMessage
        do { message = try OutboundMessage.parse(inbound.body) } catch { throw CRMInboundRefusal("Outbound Message refused: \(error)") }
        guard let organisation, organisation.prefix(15) == message.organisation.prefix(15) else {
            throw CRMInboundRefusal("Outbound Message refused: organisation \(message.organisation.prefix(18)) is not the one this integration signs in to")
        }
        return message.recordIds
    }
}

/// Salesforce's error body: `[{"message", "errorCode", "fields"}]`.
struct SalesforceProblem {
    var code: String
    var message: String

    init?(_ response: CRMResponse) {
        guard response.status >= 300, case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: response.body),
              case .object(let first)? = items.first else { return nil }
        code = first["errorCode"]?.stringValue ?? first["statusCode"]?.stringValue ?? "UNKNOWN"
        message = first["message"]?.stringValue ?? ""
    }
}

enum SalesforceDates {
    static func parse(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX"] {
            f.dateFormat = pattern
            if let d = f.date(from: text) { return d }
        }
        return nil
    }

    /// A SOQL datetime literal, in UTC.
    static func soql(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: date)
    }
}

enum SalesforceJWT {
    static func assertion(clientId: String, username: String, audience: String, privateKeyPEM: String, now: Date) throws -> String {
        guard let key = try? _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM) else {
            throw CRMError.unauthorized("credentials.privateKey is not a PEM RSA private key")
        }
        func b64(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let header = b64(Data(#"{"alg":"RS256"}"#.utf8))
        let claims = b64(try CanonicalJSON.encode(JSONValue.object([
            "iss": .string(clientId), "sub": .string(username), "aud": .string(audience),
            "exp": .number(Decimal(Int(now.timeIntervalSince1970) + 180)),
        ])))
        let signature = try key.signature(for: Data("\(header).\(claims)".utf8), padding: .insecurePKCS1v1_5)
        return "\(header).\(claims).\(b64(signature.rawRepresentation))"
    }
}
