import Foundation
import ParapheCore
import ZIPFoundation

/// A WordprocessingML package for negotiation in Word: real heading styles bound to a multi-level list, so Word
/// numbers the articles as we do, and every clause inside a content control tagged with its clause key, so a
/// redlined copy maps back to clauses. Byte-identical for the same document.
public struct DOCXWriter: Sendable {
    public static let mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    public init() {}

    public func render(_ document: DocumentModel) throws -> Data {
        let archive = try Archive(accessMode: .create)
        // Zip entries carry a modification time; a fixed one keeps the output deterministic.
        let epoch = Date(timeIntervalSince1970: 315_532_800)
        for (path, content) in parts(document) {
            let data = Data(content.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: epoch,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    func parts(_ document: DocumentModel) -> [(String, String)] {
        [
            ("[Content_Types].xml", DOCXParts.contentTypes),
            ("_rels/.rels", DOCXParts.packageRelationships),
            ("docProps/core.xml", DOCXParts.coreProperties(title: document.title)),
            ("word/_rels/document.xml.rels", DOCXParts.documentRelationships),
            ("word/styles.xml", DOCXParts.styles),
            ("word/numbering.xml", DOCXParts.numbering),
            ("word/settings.xml", DOCXParts.settings(document.language)),
            ("word/footer1.xml", DOCXParts.footer(document.footerText)),
            ("word/document.xml", DOCXBody(document: document).render()),
        ]
    }
}

/// The body: paragraphs, tables and content controls in document order.
struct DOCXBody {
    var document: DocumentModel
    private var out = ""
    private var controlId = 1

    init(document: DocumentModel) { self.document = document }

    func render() -> String {
        var body = self
        body.write()
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body.out)<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>
        """
    }

    private mutating func write() {
        let language = document.language
        paragraph(style: "Title", [Run(document.title)])
        if let subtitle = document.subtitle { paragraph(style: "Subtitle", [Run(subtitle)]) }
        if !document.parties.isEmpty {
            paragraph(style: nil, [Run(DocumentWording.partiesHeading(language), bold: true)])
            for (index, party) in document.parties.enumerated() {
                if index > 0 { paragraph(style: nil, [Run(DocumentWording.partiesSeparator(language), bold: true)]) }
                let details = DocumentWording.partyDetails(party, language, last: index == document.parties.count - 1)
                paragraph(style: nil, [Run(party.name, bold: true), Run(details)])
            }
        }
        blocks(document.preamble)
        for article in document.articles { self.article(article) }
        if let signature = document.signature {
            pageBreak()
            paragraph(style: "Heading1Unnumbered", [Run(DocumentWording.signaturesHeading(language))])
            paragraph(style: nil, [Run(signature.closing)])
            let labels = DocumentWording.signatureLabels(language)
            // One column per signatory; each cell stacks the name, capacity and room for the signature.
            let cells = signature.signatories.map { s -> [[Run]] in
                [[Run(s.party, bold: true)], [Run("\(labels.name) \(s.name ?? "")")], [Run("\(labels.capacity) \(s.capacity ?? "")")],
                 [Run(labels.signature)], [], [], []]
            }
            if !cells.isEmpty { table(header: false, rows: [cells]) }
        }
        for (index, annex) in document.annexes.enumerated() {
            pageBreak()
            paragraph(style: "Heading1Unnumbered", [Run(DocumentWording.annexHeading(index, annex, language))])
            blocks(annex.blocks)
        }
    }

    private mutating func article(_ article: Article) {
        if let key = article.clauseKey {
            out += "<w:sdt><w:sdtPr><w:alias w:val=\"\(XML.escape(article.title))\"/><w:tag w:val=\"\(XML.escape(key))\"/><w:id w:val=\"\(controlId)\"/></w:sdtPr><w:sdtContent>"
            controlId += 1
        }
        paragraph(style: "Heading\(min(article.level, 3))", [Run(article.title)])
        blocks(article.blocks)
        for child in article.children { self.article(child) }
        if article.clauseKey != nil { out += "</w:sdtContent></w:sdt>" }
    }

    private mutating func blocks(_ blocks: [Block]) {
        for block in blocks {
            switch block {
            case .paragraph(let runs): paragraph(style: "BodyText", runs)
            case .list(let ordered, let items):
                for (index, item) in items.enumerated() {
                    if ordered {
                        paragraph(style: "ListNumbered", [Run("\(index + 1).\t")] + item)
                    } else {
                        paragraph(style: "ListBullet", item)
                    }
                }
            case .table(let header, let rows):
                table(header: header, rows: rows.map { $0.map { [$0] } })
            }
        }
    }

    /// Each cell is a stack of paragraphs.
    private mutating func table(header: Bool, rows: [[[[Run]]]]) {
        let columns = rows.map(\.count).max() ?? 1
        let width = 9070 / max(columns, 1)
        out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        out += String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns)
        out += "</w:tblGrid>"
        for (index, row) in rows.enumerated() {
            out += "<w:tr>" + (header && index == 0 ? "<w:trPr><w:tblHeader/></w:trPr>" : "")
            for column in 0..<columns {
                out += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>"
                let stack = column < row.count ? row[column] : []
                if stack.isEmpty { out += "<w:p/>" }
                for runs in stack {
                    out += "<w:p>\(XML.runs(runs.map { header && index == 0 ? Run($0.text, bold: true, italic: $0.italic) : $0 }))</w:p>"
                }
                out += "</w:tc>"
            }
            out += "</w:tr>"
        }
        out += "</w:tbl>"
    }

    private mutating func paragraph(style: String?, _ runs: [Run]) {
        out += "<w:p>"
        if let style { out += "<w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>" }
        out += XML.runs(runs) + "</w:p>"
    }

    private mutating func pageBreak() {
        out += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
    }
}

enum XML {
    /// Escapes markup and drops the characters XML 1.0 forbids, so any user text makes a well-formed part.
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape; checking the bytes first avoids rebuilding it scalar by scalar.
        let clean = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != 0xEF
        }
        if clean { return text }
        var kept = String.UnicodeScalarView()
        for ch in text.unicodeScalars {
            switch ch {
            case "\t", "\n", "\r": kept.append(" ")
            default:
                if ch.value < 0x20 || ch.value == 0xFFFE || ch.value == 0xFFFF { continue }
                kept.append(ch)
            }
        }
        return HTMLText.escape(String(kept))
    }

    static func runs(_ runs: [Run]) -> String {
        runs.map { run in
            var properties = ""
            if run.bold { properties += "<w:b/>" }
            if run.italic { properties += "<w:i/>" }
            let text = run.text.utf8.contains(UInt8(ascii: "\t"))
                ? run.text.split(separator: "\t", omittingEmptySubsequences: false).map { "<w:t xml:space=\"preserve\">\(escape(String($0)))</w:t>" }
                    .joined(separator: "<w:tab/>")
                : "<w:t xml:space=\"preserve\">\(escape(run.text))</w:t>"
            return "<w:r>\(properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")\(text)</w:r>"
        }.joined()
    }
}
