import Foundation

/// What an incremental update needs from the last revision of a PDF with a classic cross-reference table (as
/// Paraphe's writer makes): the trailer's entries, the catalog, the page tree and the first page (to rewrite them),
/// and where the previous cross-reference section starts.
public struct PDFTrailer: Sendable {
    public var size: Int
    public var root: Int
    public var info: Int?
    public var identifier: String?
    public var startxref: Int
    public var catalog: String
    public var pageTree: Int
    public var pageTreeDictionary: String
    public var firstPage: Int
    public var firstPageDictionary: String

    public enum ParseError: Error, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            switch self { case .malformed(let what): "not a PDF Paraphe can seal: \(what)" }
        }
    }

    public init(_ pdf: [UInt8]) throws {
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
        pageTree = pages
        pageTreeDictionary = try PDFBytes.objectBody(pages, in: pdf)
        guard let kids = pageTreeDictionary.range(of: "/Kids ["), let first = PDFBytes.leadingInteger(pageTreeDictionary[kids.upperBound...]) else {
            throw ParseError.malformed("page tree without /Kids")
        }
        firstPage = first
        firstPageDictionary = try PDFBytes.objectBody(first, in: pdf)
    }
}

public enum PDFBytes {
    public static func lastRange(of text: String, in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.endIndex - needle.count
        while index >= bytes.startIndex {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index -= 1
        }
        return nil
    }

    public static func firstRange(of text: String, in bytes: ArraySlice<UInt8>) -> Range<Int>? {
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
    public static func integer(after position: Int, in bytes: [UInt8]) -> (value: Int, end: Int)? {
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

    public static func leadingInteger(_ text: Substring) -> Int? {
        Int(text.drop { $0 == " " }.prefix { $0.isASCII && $0.isNumber })
    }

    public static func number(named name: String, in dictionary: String) -> Int? {
        dictionary.range(of: "/\(name) ").flatMap { leadingInteger(dictionary[$0.upperBound...]) }
    }

    public static func reference(named name: String, in dictionary: String) -> Int? {
        guard let range = dictionary.range(of: "/\(name) "), let number = leadingInteger(dictionary[range.upperBound...]) else { return nil }
        return dictionary[range.upperBound...].drop { $0 == " " }.drop { $0.isNumber }.hasPrefix(" 0 R") ? number : nil
    }

    /// The latest revision of object `number`'s dictionary, written as "N 0 obj\n<< … >>\nendobj" at the start of a
    /// line. Streams are refused: the catalog and page objects Paraphe rewrites are plain dictionaries.
    public static func objectBody(_ number: Int, in bytes: [UInt8]) throws -> String {
        guard let start = lastRange(of: "\n\(number) 0 obj\n", in: bytes[...]),
              let end = firstRange(of: "\nendobj", in: bytes[start.upperBound...])
        else { throw PDFTrailer.ParseError.malformed("object \(number) not found") }
        let body = String(decoding: bytes[start.upperBound..<end.lowerBound], as: UTF8.self)
        guard body.hasPrefix("<<"), body.hasSuffix(">>"), !body.contains("stream") else {
            throw PDFTrailer.ParseError.malformed("object \(number) is not a plain dictionary")
        }
        return body
    }
}
