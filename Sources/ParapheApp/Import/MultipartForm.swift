import Foundation
import MultipartKit
import NIOCore

/// A parsed `multipart/form-data` body: fields by name, each with its filename when it is a file.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var body: Data
    }

    var parts: [Part]

    func part(_ name: String) -> Part? { parts.first { $0.name == name } }
    func text(_ name: String) -> String? { part(name).map { String(decoding: $0.body, as: UTF8.self) } }

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func parse(_ buffer: ByteBuffer, contentType: String) throws -> MultipartForm {
        guard contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(of: contentType) else {
            throw Problem.unsupportedMediaType("send multipart/form-data with a 'file' part")
        }
        guard headerNamesAreASCII(Array(buffer.readableBytesView), boundary: boundary) else {
            throw Problem.badRequest("the multipart body is malformed: a part header name is not ASCII")
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [String: String] = [:]
        var body = Data()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = Self.parameter("name", in: disposition) {
                parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), contentType: headers["content-type"], body: body))
            }
            headers = [:]
            body = Data()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw Problem.badRequest("the multipart body is malformed")
        }
        return MultipartForm(parts: parts)
    }

    /// multipart-kit 4.7.1 indexes a 128-entry table with each header-name byte and traps on any byte ≥ 0x80, so
    /// such a body would crash the server. Header names are ASCII tokens (RFC 7230), so refusing others loses nothing.
    static func headerNamesAreASCII(_ body: [UInt8], boundary: String) -> Bool {
        let delimiter = Array("--\(boundary)".utf8)
        var index = 0
        while let start = firstIndex(of: delimiter, in: body, from: index) {
            var line = start + delimiter.count
            if body[line...].starts(with: [13, 10]) { line += 2 }
            // Each header line up to the blank line that ends the part's headers.
            while line < body.count {
                let end = firstIndex(of: [13, 10], in: body, from: line) ?? body.count
                if end == line { break }
                let nameEnd = body[line..<end].firstIndex(of: UInt8(ascii: ":")) ?? end
                if body[line..<nameEnd].contains(where: { $0 >= 0x80 }) { return false }
                line = end + 2
            }
            index = start + delimiter.count
        }
        return true
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], Array(haystack[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func parameter(_ key: String, in header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
