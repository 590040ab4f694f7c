import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices

extension Request {
    /// Reads and decodes a JSON body, refusing non-JSON media types, bodies over the limit and malformed JSON with
    /// the problem each deserves.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: AppContext, limit: Int, keys: KeyShape? = nil) async throws -> T {
        // A missing type is refused too: it is what a cross-site form or a typeless fetch sends.
        guard let contentType = headers[.contentType], contentType.lowercased().hasPrefix("application/json") else {
            throw Problem.unsupportedMediaType("send the body as application/json")
        }
        let buffer = try await collectBody(limit: limit)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; a JSON object is expected") }
        let data = Data(buffer: buffer)
        guard let text = String(validating: data, as: UTF8.self) else { throw Problem.badRequest("the body is not valid UTF-8") }
        // PostgreSQL stores no U+0000 in text; refused here, it never reaches a query.
        if text.unicodeScalars.contains("\u{0}") || text.range(of: "\\u0000", options: .caseInsensitive) != nil {
            throw Problem.badRequest("the body contains a NUL character (U+0000), which no field accepts")
        }
        let decoder = JSONDecoder()
        do {
            if let keys, let value = try? decoder.decode(JSONValue.self, from: data) {
                let unknown = keys.unknown(in: value, at: "")
                guard unknown.isEmpty else { throw ValidationFailure(unknown) }
            }
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.decodingProblem(error)
        }
    }
}

/// The keys a JSON body may hold, nested. Where a typo would silently change meaning (a policy rule missing a
/// condition matches more contracts), an unknown key is a 422 naming it.
indirect enum KeyShape: Sendable {
    case object([String: KeyShape])
    case array(KeyShape)
    case any

    func unknown(in value: JSONValue, at path: String) -> [FieldError] {
        switch (self, value) {
        case (.object(let fields), .object(let object)):
            return object.keys.sorted().flatMap { key -> [FieldError] in
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let shape = fields[key] else {
                    return [FieldError(String(field.prefix(200)), "unknown field; expected one of \(fields.keys.sorted().joined(separator: ", "))")]
                }
                return shape.unknown(in: object[key]!, at: field)
            }
        case (.array(let item), .array(let items)):
            return items.enumerated().flatMap { item.unknown(in: $1, at: "\(path)[\($0)]") }
        default:
            return []
        }
    }
}

/// A JSON response with the API's one encoding.
struct JSON<T: Encodable & Sendable>: ResponseGenerator {
    var value: T
    var status: HTTPResponse.Status = .ok

    init(_ value: T, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try CanonicalJSON.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// `{"items": [...], "nextCursor": ... | null}`, the shape of every list.
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}

/// The cursor of a newest-first list: the last item's time (as text, so it reads back exactly) and id.
struct TimeCursor: Codable {
    var at: String
    var id: String

    init(at: Date, id: String) {
        self.at = Timestamp.format(at)
        self.id = id
    }

    /// The cursor's position, or a 422 when it is not one this API wrote.
    func position() throws -> (Date, String) {
        guard let date = Timestamp.parse(at), id.count <= 64 else { throw Problem.validation([FieldError("cursor", "is not a cursor this API returned")]) }
        return (date, id)
    }
}

/// Parses `?limit=` and `?cursor=`; cursors are opaque base64url JSON.
struct PageRequest {
    var limit: Int
    var cursor: String?

    init(_ request: Request) throws {
        let params = request.uri.queryParameters
        if let text = params.get("limit") {
            guard let value = Int(text), (1...500).contains(value) else {
                throw Problem.validation([FieldError("limit", "must be a whole number from 1 to 500")])
            }
            limit = value
        } else {
            limit = 50
        }
        cursor = params.get("cursor")
    }

    func decodeCursor<C: Decodable>(_ type: C.Type) throws -> C? {
        guard let cursor else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let value = try? JSONDecoder().decode(C.self, from: data) else {
            throw Problem.validation([FieldError("cursor", "is not a cursor this API returned")])
        }
        return value
    }

    static func encodeCursor<C: Encodable>(_ value: C) -> String {
        let data = (try? CanonicalJSON.encode(value)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Builds the page from `limit + 1` fetched rows: the extra row only says whether there is more.
    static func page<Row, Item>(_ rows: [Row], limit: Int, item: (Row) throws -> Item, cursor: (Row) -> String) rethrows -> Page<Item> {
        let hasMore = rows.count > limit
        let shown = Array(rows.prefix(limit))
        return Page(items: try shown.map(item), nextCursor: hasMore ? shown.last.map(cursor) : nil)
    }
}

extension Request {
    var userAgent: String? { headers[.userAgent] }

    /// Reads the body up to this route's limit; past it, a 413 that states this route's limit, not the server's.
    mutating func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.tooLarge(limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge(limit)
        }
    }
}
