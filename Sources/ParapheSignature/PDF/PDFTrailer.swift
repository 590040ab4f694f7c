import Foundation

/// What an incremental update needs from the last revision of a PDF written by Paraphe's own writer: the trailer's
/// entries, the catalog's and first page's dictionaries (to rewrite them with the signature field), and where the
/// previous cross-reference section starts.
struct PDFTrailer {
    var size: Int
    var root: Int
    var info: Int?
    var identifier: String?
    var startxref: Int
    var catalog: String
    var firstPage: Int
    var firstPageDictionary: String

    enum ParseError: Error, CustomStringConvertible {
        case malformed(String)
        var description: String {
            switch self { case .malformed(let what): "not a PDF Paraphe can seal: \(what)" }
        }
    }

    init(_ pdf: [UInt8]) throws {
        guard let startPosition = PDFBytes.lastRange(of: "startxref", in: pdf[...]),
              let offset = PDFBytes.integer(after: startPosition.upperBound, in: pdf)
        else { throw ParseError.malformed("no startxref") }
        startxref = offset.value
        guard let trailerPosition = PDFBytes.lastRange(of: "trailer", in: pdf[..<startPosition.lowerBound]) else {
            throw ParseError.malformed("no classic trailer")
        }
        let trailer = String(decoding: pdf[trailerPosition.upperBound..<startPosition.lowerBound], as: UTF8.self)
        guard let size = PDFBytes.number(named: "Size", in: trailer), let root = PDFBytes.reference(named: "Root", in: trailer) else {
            throw ParseError.malformed("trailer without /Size or /Root")
        }
        self.size = size
        self.root = root
        info = PDFBytes.reference(named: "Info", in: trailer)
        identifier = trailer.range(of: "/ID [<").flatMap { start in
            trailer[start.upperBound...].firstIndex(of: ">").map { String(trailer[start.upperBound..<$0]) }
        }
        catalog = try PDFBytes.objectBody(root, in: pdf)
        guard let pages = PDFBytes.reference(named: "Pages", in: catalog) else { throw ParseError.malformed("catalog without /Pages") }
        let pageTree = try PDFBytes.objectBody(pages, in: pdf)
        guard let kids = pageTree.range(of: "/Kids ["), let first = PDFBytes.leadingInteger(pageTree[kids.upperBound...]) else {
            throw ParseError.malformed("page tree without /Kids")
        }
        firstPage = first
        firstPageDictionary = try PDFBytes.objectBody(first, in: pdf)
    }
}

enum PDFBytes {
    static func lastRange(of text: String, in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.endIndex - needle.count
        while index >= bytes.startIndex {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index -= 1
        }
        return nil
    }

    static func firstRange(of text: String, in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.startIndex
        while index <= bytes.endIndex - needle.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index += 1
        }
        return nil
    }

    /// The integer after optional whitespace at `position`, and the index just past it.
    static func integer(after position: Int, in bytes: [UInt8]) -> (value: Int, end: Int)? {
        var index = position
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        var value = 0, digits = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]), digits < 15 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            digits += 1
        }
        return digits == 0 ? nil : (value, index)
    }

    static func leadingInteger(_ text: Substring) -> Int? {
        Int(text.drop { $0 == " " }.prefix { $0.isASCII && $0.isNumber })
    }

    static func number(named name: String, in dictionary: String) -> Int? {
        dictionary.range(of: "/\(name) ").flatMap { leadingInteger(dictionary[$0.upperBound...]) }
    }

    static func reference(named name: String, in dictionary: String) -> Int? {
        guard let range = dictionary.range(of: "/\(name) "), let number = leadingInteger(dictionary[range.upperBound...]) else { return nil }
        return dictionary[range.upperBound...].drop { $0 == " " }.drop { $0.isNumber }.hasPrefix(" 0 R") ? number : nil
    }

    /// The dictionary of object `number`, written as "N 0 obj\n<< … >>\nendobj" at the start of a line. Streams are
    /// refused: the catalog and page objects Paraphe rewrites are plain dictionaries.
    static func objectBody(_ number: Int, in bytes: [UInt8]) throws -> String {
        guard let start = firstRange(of: "\n\(number) 0 obj\n", in: bytes[...]),
              let end = firstRange(of: "\nendobj", in: bytes[start.upperBound...])
        else { throw PDFTrailer.ParseError.malformed("object \(number) not found") }
        let body = String(decoding: bytes[start.upperBound..<end.lowerBound], as: UTF8.self)
        guard body.hasPrefix("<<"), body.hasSuffix(">>"), !body.contains("stream") else {
            throw PDFTrailer.ParseError.malformed("object \(number) is not a plain dictionary")
        }
        return body
    }
}
