/// A TrueType font reduced to the glyphs a document draws. Glyph ids stay as they are (the content streams use them
/// directly through Identity-H and CIDToGIDMap /Identity); unused glyphs just lose their outline and metrics, which
/// is what makes the file small.
struct FontSubset {
    /// Tables a PDF viewer needs to rasterise glyphs by id; cmap, name, post, kerning and layout tables are not.
    private static let keptTables = ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"]

    let bytes: [UInt8]
    /// Six capital letters derived from the glyph set, so equal subsets get equal names and different ones differ.
    let tag: String

    init(font: TrueTypeFont, glyphs used: Set<UInt16>) {
        let kept = Self.closure(of: used.union([0]), in: font)
        tag = Self.tag(for: kept.sorted())

        // A bitmap rather than the set: these loops visit every glyph of the font, thousands per face.
        var keeps = [Bool](repeating: false, count: font.numberOfGlyphs)
        for glyph in kept where Int(glyph) < keeps.count { keeps[Int(glyph)] = true }

        let glyf = font.tables["glyf"]!.offset
        var newGlyf: [UInt8] = []
        var loca: [UInt8] = []
        loca.reserveCapacity((font.numberOfGlyphs + 1) * 4)
        for glyph in 0..<font.numberOfGlyphs {
            loca.appendBigEndian(UInt32(newGlyf.count))
            guard keeps[glyph] else { continue }
            let start = font.glyphOffsets[glyph]
            let end = max(start, font.glyphOffsets[glyph + 1])
            newGlyf.append(contentsOf: font.bytes[glyf + start..<glyf + end])
            while newGlyf.count % 4 != 0 { newGlyf.append(0) }
        }
        loca.appendBigEndian(UInt32(newGlyf.count))

        let hmtxRecord = font.tables["hmtx"]!
        var hmtx = Array(font.bytes[hmtxRecord.offset..<hmtxRecord.offset + hmtxRecord.length])
        let metricsCount = Int(UInt16(font.bytes[font.tables["hhea"]!.offset + 34]) << 8
            | UInt16(font.bytes[font.tables["hhea"]!.offset + 35]))
        for glyph in 0..<min(metricsCount, hmtx.count / 4, keeps.count) where !keeps[glyph] {
            for byte in glyph * 4..<glyph * 4 + 4 { hmtx[byte] = 0 }
        }

        var tables: [(tag: String, data: [UInt8])] = []
        for tag in Self.keptTables {
            switch tag {
            case "glyf": tables.append((tag, newGlyf))
            case "loca": tables.append((tag, loca))
            case "hmtx": tables.append((tag, hmtx))
            default:
                guard let record = font.tables[tag] else { continue }
                var data = Array(font.bytes[record.offset..<record.offset + record.length])
                if tag == "head", data.count >= 54 {
                    data.replaceSubrange(8..<12, with: [0, 0, 0, 0])
                    data.replaceSubrange(50..<52, with: [0, 1])
                }
                tables.append((tag, data))
            }
        }
        bytes = Self.assemble(tables)
    }

    /// Composite glyphs draw other glyphs by id, so those must keep their outlines too.
    private static func closure(of used: Set<UInt16>, in font: TrueTypeFont) -> Set<UInt16> {
        let reader = ByteReader(bytes: font.bytes)
        let glyf = font.tables["glyf"]!.offset
        var kept: Set<UInt16> = []
        var pending = Array(used.filter { Int($0) < font.numberOfGlyphs })
        while let glyph = pending.popLast() {
            guard kept.insert(glyph).inserted else { continue }
            let start = glyf + font.glyphOffsets[Int(glyph)]
            guard font.glyphOffsets[Int(glyph) + 1] > font.glyphOffsets[Int(glyph)],
                  let contours = try? reader.i16(start), contours < 0 else { continue }
            var position = start + 10
            while let flags = try? reader.u16(position), let component = try? reader.u16(position + 2) {
                if Int(component) < font.numberOfGlyphs { pending.append(component) }
                position += 4 + (flags & 0x0001 != 0 ? 4 : 2)
                if flags & 0x0008 != 0 { position += 2 } else if flags & 0x0040 != 0 { position += 4 } else if flags & 0x0080 != 0 { position += 8 }
                if flags & 0x0020 == 0 { break }
            }
        }
        return kept
    }

    private static func tag(for glyphs: [UInt16]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for glyph in glyphs {
            for byte in [UInt8(glyph >> 8), UInt8(glyph & 0xFF)] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return letters
    }

    private static func assemble(_ tables: [(tag: String, data: [UInt8])]) -> [UInt8] {
        var searchRange = 1
        var entrySelector = 0
        while searchRange * 2 <= tables.count {
            searchRange *= 2
            entrySelector += 1
        }
        var font: [UInt8] = []
        font.appendBigEndian(UInt32(0x0001_0000))
        font.appendBigEndian(UInt16(tables.count))
        font.appendBigEndian(UInt16(searchRange * 16))
        font.appendBigEndian(UInt16(entrySelector))
        font.appendBigEndian(UInt16(tables.count * 16 - searchRange * 16))
        var offset = 12 + tables.count * 16
        for table in tables {
            font.append(contentsOf: Array(table.tag.utf8))
            font.appendBigEndian(checksum(table.data))
            font.appendBigEndian(UInt32(offset))
            font.appendBigEndian(UInt32(table.data.count))
            offset += (table.data.count + 3) & ~3
        }
        var headOffset: Int?
        for table in tables {
            if table.tag == "head" { headOffset = font.count }
            font.append(contentsOf: table.data)
            while font.count % 4 != 0 { font.append(0) }
        }
        if let headOffset, headOffset + 12 <= font.count {
            let adjustment = 0xB1B0_AFBA &- checksum(font)
            font.replaceSubrange(headOffset + 8..<headOffset + 12,
                                 with: [UInt8(adjustment >> 24), UInt8((adjustment >> 16) & 0xFF), UInt8((adjustment >> 8) & 0xFF), UInt8(adjustment & 0xFF)])
        }
        return font
    }

    private static func checksum(_ data: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0
        var index = 0
        while index < data.count {
            var word: UInt32 = 0
            for byte in 0..<4 {
                word = word << 8 | UInt32(index + byte < data.count ? data[index + byte] : 0)
            }
            sum &+= word
            index += 4
        }
        return sum
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
