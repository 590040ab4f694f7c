import Foundation

/// Renders a document model to PDF 1.7 with our own writer. The output depends only on the document and the fonts:
/// no dates, no random identifiers, no dictionary iteration order.
public struct PDFRenderer: Sendable {
    public let fonts: FontSet

    public init(fonts: FontSet) {
        self.fonts = fonts
    }

    public func render(_ document: DocumentModel) -> Data {
        var writer = PDFObjectWriter()
        let catalog = writer.allocate()
        let pageTree = writer.allocate()
        let info = writer.allocate()
        let pages = writePages(of: document, parent: pageTree, into: &writer)
        writer.write(catalog, "<< /Type /Catalog /Pages \(pageTree) 0 R >>")
        writer.write(pageTree, "<< /Type /Pages /Kids [\(pages.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        writer.write(info, "<< /Title \(PDFObjectWriter.textString(document.title)) /Producer (Paraphe) >>")
        return writer.finish(root: catalog, info: info)
    }

    /// Adds `document`'s pages after those of `pdf` as an incremental update. Every byte of `pdf` stays as it was,
    /// so the pages people read and hashed are the very bytes of the result.
    public func append(_ document: DocumentModel, to pdf: Data) throws -> Data {
        let previous = [UInt8](pdf)
        let trailer = try PDFTrailer(previous)
        let tree = trailer.pageTreeDictionary
        guard let kidsStart = tree.range(of: "/Kids ["), let kidsEnd = tree[kidsStart.upperBound...].firstIndex(of: "]"),
              let countRange = tree.range(of: "/Count "), let count = PDFBytes.leadingInteger(tree[countRange.upperBound...])
        else { throw PDFTrailer.ParseError.malformed("page tree without /Kids or /Count") }
        var writer = PDFObjectWriter(updating: previous, size: trailer.size)
        let pages = writePages(of: document, parent: trailer.pageTree, into: &writer)
        let countEnd = tree[countRange.upperBound...].firstIndex { !$0.isNumber } ?? tree.endIndex
        let kids = tree[kidsStart.upperBound..<kidsEnd] + pages.map { " \($0) 0 R" }.joined()
        let rewritten = tree[..<kidsStart.upperBound] + kids + tree[kidsEnd..<countRange.upperBound] + String(count + pages.count) + tree[countEnd...]
        writer.rewrite(trailer.pageTree, String(rewritten))
        return writer.finishUpdate(trailer)
    }

    /// Writes the pages, their content streams, the fonts and the shared resources; returns the page objects.
    private func writePages(of document: DocumentModel, parent: Int, into writer: inout PDFObjectWriter) -> [Int] {
        let pages = PDFLayout(fonts: fonts).pages(for: document)

        // Which glyphs each face draws, and the character each stands for: an array indexed by glyph code, since a
        // dictionary lookup per drawn glyph cost more than the rest of the bookkeeping.
        var seen = [[Unicode.Scalar?]](repeating: [], count: FontFace.allCases.count)
        for case .text(let line) in pages.joined() {
            for span in line.spans {
                let face = span.face.rawValue
                for glyph in span.glyphs {
                    let code = Int(glyph.code)
                    if code >= seen[face].count { seen[face] += Array(repeating: nil, count: code + 1 - seen[face].count) }
                    if seen[face][code] == nil { seen[face][code] = glyph.scalar }
                }
            }
        }
        var used: [FontFace: [UInt16: Unicode.Scalar]] = [:]
        for face in FontFace.allCases where !seen[face.rawValue].isEmpty {
            var glyphs: [UInt16: Unicode.Scalar] = [:]
            for (code, scalar) in seen[face.rawValue].enumerated() { if let scalar { glyphs[UInt16(code)] = scalar } }
            used[face] = glyphs
        }

        let resources = writer.allocate()
        let pageObjects = pages.map { _ in (page: writer.allocate(), contents: writer.allocate()) }
        let width = PDFNumber.format(PDFLayout.pageWidth)
        let height = PDFNumber.format(PDFLayout.pageHeight)
        for (objects, ops) in zip(pageObjects, pages) {
            writer.write(objects.page, "<< /Type /Page /Parent \(parent) 0 R /MediaBox [0 0 \(width) \(height)] "
                + "/Resources \(resources) 0 R /Contents \(objects.contents) 0 R >>")
            writer.writeStream(objects.contents, data: Data(contentStream(ops)))
        }

        var fontEntries: [String] = []
        for face in FontFace.allCases {
            guard let glyphs = used[face] else { continue }
            let font = PDFFontObjects.write(face: face, fonts: fonts, glyphs: glyphs, into: &writer)
            fontEntries.append("/\(Self.resourceName(face)) \(font) 0 R")
        }
        writer.write(resources, "<< /Font << \(fontEntries.joined(separator: " ")) >> /ProcSet [/PDF /Text] >>")
        return pageObjects.map(\.page)
    }

    private static func resourceName(_ face: FontFace) -> String {
        "F\(face.rawValue + 1)"
    }

    /// One byte of a literal string: binary, half the size of hex, so half the bytes to deflate. The delimiters and
    /// the backslash are escaped, and so are line ends, which a reader would otherwise normalise.
    private static func appendLiteral(_ byte: UInt8, to stream: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
            stream.append(UInt8(ascii: "\\"))
            stream.append(byte)
        case 0x0D:
            stream.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x0A:
            stream.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        default:
            stream.append(byte)
        }
    }

    /// Built as bytes: a 17-page contract has some 100,000 glyphs, and string appends per glyph were the slowest part.
    private func contentStream(_ ops: [DrawOp]) -> [UInt8] {
        let twoByteCodes = fonts.isEmbedded
        var stream: [UInt8] = []
        stream.reserveCapacity(ops.count * 64)
        func put(_ text: String) { stream.append(contentsOf: text.utf8) }
        for op in ops {
            switch op {
            case let .fill(x, y, width, height, gray):
                put("\(PDFNumber.format(gray)) g \(PDFNumber.format(x)) \(PDFNumber.format(y)) \(PDFNumber.format(width)) \(PDFNumber.format(height)) re f 0 g\n")
            case let .rule(x1, y1, x2, y2, width):
                put("\(PDFNumber.format(width)) w \(PDFNumber.format(x1)) \(PDFNumber.format(y1)) m \(PDFNumber.format(x2)) \(PDFNumber.format(y2)) l S\n")
            case let .path(points, width):
                guard let start = points.first else { continue }
                put("\(PDFNumber.format(width)) w 1 J 1 j \(PDFNumber.format(start.x)) \(PDFNumber.format(start.y)) m\n")
                for point in points.dropFirst() { put("\(PDFNumber.format(point.x)) \(PDFNumber.format(point.y)) l\n") }
                put("S 0 J 0 j\n")
            case .text(let line):
                guard !line.spans.isEmpty else { continue }
                put("BT 1 0 0 1 \(PDFNumber.format(line.x)) \(PDFNumber.format(line.baseline)) Tm\n")
                // TJ adjustments are in thousandths of the font size and negative values move right.
                let adjustment: [UInt8]? = line.extraPerSpace > 0 ? Array(" \(PDFNumber.format(-line.extraPerSpace * 1000 / line.size)) ".utf8) : nil
                for span in line.spans {
                    put("/\(Self.resourceName(span.face)) \(PDFNumber.format(line.size)) Tf [(")
                    for glyph in span.glyphs {
                        if twoByteCodes { Self.appendLiteral(UInt8(glyph.code >> 8), to: &stream) }
                        Self.appendLiteral(UInt8(glyph.code & 0xFF), to: &stream)
                        if glyph.isSpace, let adjustment {
                            stream.append(UInt8(ascii: ")"))
                            stream.append(contentsOf: adjustment)
                            stream.append(UInt8(ascii: "("))
                        }
                    }
                    put(")] TJ\n")
                }
                put("ET\n")
            }
        }
        return stream
    }
}

/// Numbers as PDF wants them: at most two decimals, no exponent, no locale.
enum PDFNumber {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        let magnitude = hundredths.magnitude
        var text = (hundredths < 0 ? "-" : "") + String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }
}
