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
