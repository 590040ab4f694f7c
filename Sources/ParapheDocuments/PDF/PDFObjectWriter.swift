import Foundation

/// Serialises numbered indirect objects and records their byte offsets for the cross-reference table. Objects are
/// allocated first and written later, so dictionaries can point at objects that do not exist yet.
struct PDFObjectWriter {
    private var output: [UInt8]
    private var offsets: [Int?] = []
    /// The number of the first object this writer allocates: 1 for a new file, the previous /Size for an update.
    private let first: Int
    /// Objects of the previous revision written again by an incremental update, with their new offsets.
    private var rewritten: [(object: Int, offset: Int)] = []

    init() {
        // The binary comment tells transfer tools the file is not text.
        output = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        first = 1
    }

    /// An incremental update: the previous bytes stay as they are and new objects follow them.
    init(updating previous: [UInt8], size: Int) {
        output = previous
        if output.last != 0x0A { output.append(0x0A) }
        first = size
    }

    mutating func allocate() -> Int {
        offsets.append(nil)
        return first + offsets.count - 1
    }

    /// A new revision of an object of the previous revision.
    mutating func rewrite(_ object: Int, _ body: String) {
        rewritten.append((object, output.count))
        output += Array("\(object) 0 obj\n\(body)\nendobj\n".utf8)
    }

    mutating func write(_ object: Int, _ body: String) {
        begin(object)
        output += Array(body.utf8)
        output += Array("\nendobj\n".utf8)
    }

    /// Writes a FlateDecode stream; `dictionary` holds any entries besides /Length and /Filter.
    mutating func writeStream(_ object: Int, dictionary: String = "", data: Data) {
        let compressed = Flate.zlib(data)
        begin(object)
        let extra = dictionary.isEmpty ? "" : " " + dictionary
        output += Array("<< /Length \(compressed.count) /Filter /FlateDecode\(extra) >>\nstream\n".utf8)
        output += compressed
        output += Array("\nendstream\nendobj\n".utf8)
    }

    private mutating func begin(_ object: Int) {
        offsets[object - first] = output.count
        output += Array("\(object) 0 obj\n".utf8)
    }

    /// Appends the xref table and trailer. The /ID is a hash of everything written so far, so it is stable for equal
    /// documents without reading the clock.
    consuming func finish(root: Int, info: Int) -> Data {
        let identifier = Self.hexadecimal(Self.digest(output))
        let xref = output.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset ?? 0)
            table += String(repeating: "0", count: max(0, 10 - digits.count)) + digits + (offset == nil ? " 65535 f \n" : " 00000 n \n")
        }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root \(root) 0 R /Info \(info) 0 R /ID [<\(identifier)> <\(identifier)>] >>\n"
        table += "startxref\n\(xref)\n%%EOF\n"
        output += Array(table.utf8)
        return Data(output)
    }

    /// Appends the update's cross-reference section (one subsection per rewritten object, one for the new ones) and
    /// a trailer pointing back at the previous one.
    consuming func finishUpdate(_ previous: PDFTrailer) -> Data {
        let xref = output.count
        func entry(_ offset: Int) -> String {
            let digits = String(offset)
            return String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        var table = "xref\n"
        for (object, offset) in rewritten.sorted(by: { $0.object < $1.object }) { table += "\(object) 1\n" + entry(offset) }
        if !offsets.isEmpty {
            table += "\(first) \(offsets.count)\n" + offsets.map { entry($0 ?? 0) }.joined()
        }
        let info = previous.info.map { " /Info \($0) 0 R" } ?? ""
        let identifier = previous.identifier.map { " /ID [<\($0)> <\($0)>]" } ?? ""
        table += "trailer\n<< /Size \(first + offsets.count) /Root \(previous.root) 0 R\(info) /Prev \(previous.startxref)\(identifier) >>\n"
        table += "startxref\n\(xref)\n%%EOF\n"
        output += Array(table.utf8)
        return Data(output)
    }

    /// Two FNV-1a passes with different offsets: 16 bytes, enough to tell documents apart; not a security feature.
    private static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        for seed: UInt64 in [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4] {
            var hash = seed
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8((hash >> UInt64(shift)) & 0xFF)) }
        }
        return result
    }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        appendHexadecimal(bytes, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    static func appendHexadecimal(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// A text string for the document information dictionary: UTF-16BE with a byte-order mark, in hex, so no input
    /// character can end the string early.
    static func textString(_ text: String) -> String {
        "<FEFF" + hexadecimal(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) + ">"
    }
}
