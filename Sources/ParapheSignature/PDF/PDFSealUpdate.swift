import Foundation
import ParapheDocuments

/// Appends an incremental update to a PDF: a signature field and its /Sig dictionary, the evidence as an embedded
/// JSON file, and new revisions of the catalog (with /AcroForm and /EmbeddedFiles) and of the first page (with the
/// field in /Annots). The /Contents hole and the /ByteRange are left as placeholders of fixed width, to be filled
/// once the whole file is known.
struct PDFSealUpdate {
    var bytes: [UInt8]
    /// From the "<" to just past the ">" of /Contents: the only bytes the signature does not cover.
    var contents: Range<Int>
    var byteRange: Range<Int>

    static let evidenceName = "paraphe-evidence.json"
    static let evidenceMarker = "/Type /EmbeddedFile /Subtype /application#2Fjson /Filter /ASCIIHexDecode /Length "
    private static let byteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"

    init(_ original: [UInt8], trailer: PDFTrailer, evidence: [UInt8], signedAt: Date, reason: String, contentsCapacity: Int) {
        var output = original
        if output.last != 0x0A { output.append(0x0A) }
        var offsets: [Int: Int] = [:]
        func object(_ number: Int, _ body: String) {
            offsets[number] = output.count
            output += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let field = trailer.size, signature = trailer.size + 1, file = trailer.size + 2, specification = trailer.size + 3
        object(field, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Paraphe) /V \(signature) 0 R /F 132 /Rect [0 0 0 0] /P \(trailer.firstPage) 0 R >>")

        offsets[signature] = output.count
        output += Array("\(signature) 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ".utf8)
        let rangeStart = output.count
        output += Array(Self.byteRangePlaceholder.utf8)
        let rangeEnd = output.count
        output += Array(" /Contents ".utf8)
        let contentsStart = output.count
        output.append(UInt8(ascii: "<"))
        output += [UInt8](repeating: UInt8(ascii: "0"), count: contentsCapacity * 2)
        output.append(UInt8(ascii: ">"))
        let contentsEnd = output.count
        output += Array(" /M \(Self.date(signedAt)) /Reason \(Self.textString(reason)) >>\nendobj\n".utf8)

        // In hex (ending with the filter's ">"): the evidence holds text signers chose, which must not read as PDF syntax.
        let hex = Self.hex(evidence) + [UInt8(ascii: ">")]
        offsets[file] = output.count
        output += Array("\(file) 0 obj\n<< \(Self.evidenceMarker)\(hex.count) /Params << /Size \(evidence.count) /ModDate \(Self.date(signedAt)) >> >>\nstream\n".utf8)
        output += hex
        output += Array("\nendstream\nendobj\n".utf8)
        object(specification, "<< /Type /Filespec /F (\(Self.evidenceName)) /UF (\(Self.evidenceName)) /EF << /F \(file) 0 R >> /AFRelationship /Supplement /Desc (Paraphe evidence) >>")

        let catalog = trailer.catalog.dropLast(2)
        object(trailer.root, catalog + "/AcroForm << /Fields [\(field) 0 R] /SigFlags 3 >> /Names << /EmbeddedFiles << /Names [(\(Self.evidenceName)) \(specification) 0 R] >> >> /AF [\(specification) 0 R] >>")
        object(trailer.firstPage, trailer.firstPageDictionary.dropLast(2) + "/Annots [\(field) 0 R] >>")

        let xref = output.count
        var table = "xref\n"
        var numbers = offsets.keys.sorted()[...]
        while let first = numbers.first {
            var run = 1
            while numbers.dropFirst(run).first == first + run { run += 1 }
            table += "\(first) \(run)\n"
            for number in numbers.prefix(run) {
                let digits = String(offsets[number]!)
                table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
            }
            numbers = numbers.dropFirst(run)
        }
        let identifier = trailer.identifier.map { " /ID [<\($0)> <\($0)>]" } ?? ""
        let info = trailer.info.map { " /Info \($0) 0 R" } ?? ""
        table += "trailer\n<< /Size \(trailer.size + 4) /Root \(trailer.root) 0 R\(info) /Prev \(trailer.startxref)\(identifier) >>\n"
        table += "startxref\n\(xref)\n%%EOF\n"
        output += Array(table.utf8)

        bytes = output
        contents = contentsStart..<contentsEnd
        byteRange = rangeStart..<rangeEnd
    }

    /// Writes the real /ByteRange over the placeholder, padded with spaces so no offset moves, and returns the two
    /// signed ranges.
    mutating func fillByteRange() -> [Range<Int>] {
        let text = "[0 \(contents.lowerBound) \(contents.upperBound) \(bytes.count - contents.upperBound)]"
        let padded = Array(text.utf8) + [UInt8](repeating: 0x20, count: byteRange.count - text.utf8.count)
        bytes.replaceSubrange(byteRange, with: padded)
        return [0..<contents.lowerBound, contents.upperBound..<bytes.count]
    }

    /// Fails when the CMS does not fit, rather than cutting it.
    mutating func fillContents(_ cms: [UInt8]) -> Bool {
        guard cms.count * 2 <= contents.count - 2 else { return false }
        let hex = Self.hex(cms)
        bytes.replaceSubrange(contents.lowerBound + 1..<contents.lowerBound + 1 + hex.count, with: hex)
        return true
    }

    static func hex(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return hex
    }

    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "(D:\(String(format: "%04d", c.year ?? 0))\(two(c.month))\(two(c.day))\(two(c.hour))\(two(c.minute))\(two(c.second))Z)"
    }

    /// UTF-16BE with a byte-order mark, in hex, so no character can end the string early.
    static func textString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }
}
