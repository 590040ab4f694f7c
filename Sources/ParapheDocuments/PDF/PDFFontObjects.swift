import Foundation

/// The font dictionaries for one face. Embedded faces become Type0/CIDFontType2 with Identity-H (two-byte glyph ids
/// in the content streams), a subset font file, and a ToUnicode CMap so text can be copied and extracted; standard
/// faces are a one-line Type1 dictionary.
enum PDFFontObjects {
    /// Returns the object number of the font dictionary the page resources point at.
    static func write(face: FontFace, fonts: FontSet, glyphs: [UInt16: Unicode.Scalar], into writer: inout PDFObjectWriter) -> Int {
        let fontObject = writer.allocate()
        guard case .trueType(let faces) = fonts.faces else {
            writer.write(fontObject, "<< /Type /Font /Subtype /Type1 /BaseFont /\(face.standardName) /Encoding /WinAnsiEncoding >>")
            return fontObject
        }
        let font = faces[face.rawValue]
        let codes = glyphs.keys.sorted()
        let subset = FontSubset(font: font, glyphs: Set(codes))
        let baseFont = "\(subset.tag)+\(font.postScriptName)"
        let cidFont = writer.allocate()
        let descriptor = writer.allocate()
        let fontFile = writer.allocate()
        let toUnicode = writer.allocate()

        writer.write(fontObject, "<< /Type /Font /Subtype /Type0 /BaseFont /\(baseFont) /Encoding /Identity-H "
            + "/DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        writer.write(cidFont, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(baseFont) "
            + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            + "/FontDescriptor \(descriptor) 0 R /DW \(font.width(ofGlyph: 0)) /W \(widths(codes, font: font)) /CIDToGIDMap /Identity >>")

        // Nonsymbolic (32) since the text is Latin; italic (64) and fixed pitch (1) from the font itself.
        let flags = 32 | (font.italicAngle != 0 || face.isItalic ? 64 : 0) | (font.isFixedPitch ? 1 : 0)
        let box = font.boundingBox.map { String(font.scaled($0)) }.joined(separator: " ")
        // StemV is not stored in TrueType files; these are the customary estimates for regular and bold weights.
        let stem = font.isBold || face.isBold ? 140 : 80
        writer.write(descriptor, "<< /Type /FontDescriptor /FontName /\(baseFont) /Flags \(flags) /FontBBox [\(box)] "
            + "/ItalicAngle \(PDFNumber.format(font.italicAngle)) /Ascent \(font.scaled(font.ascent)) "
            + "/Descent \(font.scaled(font.descent)) /CapHeight \(font.scaled(font.capHeight)) /StemV \(stem) "
            + "/FontFile2 \(fontFile) 0 R >>")
        writer.writeStream(fontFile, dictionary: "/Length1 \(subset.bytes.count)", data: Data(subset.bytes))
        writer.writeStream(toUnicode, data: Data(unicodeMap(codes.map { ($0, glyphs[$0]!) }).utf8))
        return fontObject
    }

    /// `[first [w1 w2 …] first [w …]]`, one group per run of consecutive glyph ids.
    private static func widths(_ codes: [UInt16], font: TrueTypeFont) -> String {
        var groups: [String] = []
        var index = 0
        while index < codes.count {
            var end = index
            while end + 1 < codes.count, codes[end + 1] == codes[end] + 1 { end += 1 }
            let values = codes[index...end].map { String(font.width(ofGlyph: $0)) }.joined(separator: " ")
            groups.append("\(codes[index]) [\(values)]")
            index = end + 1
        }
        return "[" + groups.joined(separator: " ") + "]"
    }

    private static func unicodeMap(_ entries: [(code: UInt16, scalar: Unicode.Scalar)]) -> String {
        var cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        // A bfchar block may hold at most 100 entries.
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            cmap += "\(block.count) beginbfchar\n"
            for entry in block {
                let code = PDFObjectWriter.hexadecimal([UInt8(entry.code >> 8), UInt8(entry.code & 0xFF)])
                let text = PDFObjectWriter.hexadecimal(String(entry.scalar).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
                cmap += "<\(code)> <\(text)>\n"
            }
            cmap += "endbfchar\n"
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return cmap
    }
}
