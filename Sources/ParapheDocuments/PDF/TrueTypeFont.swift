import Foundation

/// The parts of a TrueType (glyf-outline) font that PDF embedding needs: metrics for layout and the FontDescriptor,
/// the Unicode → glyph map, and the raw tables the subsetter copies.
struct TrueTypeFont: Sendable {
    enum ParseError: Error {
        case truncated
        case missingTable(String)
        case unsupported(String)
    }

    struct TableRecord: Sendable {
        var offset: Int
        var length: Int
    }

    let bytes: [UInt8]
    let tables: [String: TableRecord]
    let postScriptName: String
    let unitsPerEm: Int
    let boundingBox: [Int]
    let ascent: Int
    let descent: Int
    let capHeight: Int
    let italicAngle: Double
    let isFixedPitch: Bool
    let isBold: Bool
    let numberOfGlyphs: Int
    /// Advance widths in font units, one per glyph.
    let advances: [Int]
    let characterMap: [UInt32: UInt16]
    /// Byte ranges of each glyph inside the glyf table (numberOfGlyphs + 1 offsets, relative to the table).
    let glyphOffsets: [Int]

    init(contentsOf url: URL) throws {
        try self.init(bytes: [UInt8](try Data(contentsOf: url)))
    }

    init(bytes: [UInt8]) throws {
        let reader = ByteReader(bytes: bytes)
        let version = try reader.u32(0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else {
            throw ParseError.unsupported("not a TrueType outline font")
        }
        var tables: [String: TableRecord] = [:]
        for index in 0..<Int(try reader.u16(4)) {
            let record = 12 + index * 16
            let tag = String(decoding: try reader.slice(record, 4), as: UTF8.self)
            let offset = Int(try reader.u32(record + 8))
            let length = Int(try reader.u32(record + 12))
            guard offset + length <= bytes.count else { throw ParseError.truncated }
            tables[tag] = TableRecord(offset: offset, length: length)
        }
        func table(_ tag: String) throws -> Int {
            guard let record = tables[tag] else { throw ParseError.missingTable(tag) }
            return record.offset
        }
        for tag in ["head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"] { _ = try table(tag) }

        let head = try table("head")
        unitsPerEm = max(16, Int(try reader.u16(head + 18)))
        boundingBox = try [36, 38, 40, 42].map { Int(try reader.i16(head + $0)) }
        let longOffsets = try reader.i16(head + 50) != 0
        isBold = try reader.u16(head + 44) & 1 != 0

        numberOfGlyphs = Int(try reader.u16(try table("maxp") + 4))
        let hhea = try table("hhea")
        let metricsCount = max(1, min(Int(try reader.u16(hhea + 34)), numberOfGlyphs))
        let hmtx = try table("hmtx")
        var advances: [Int] = []
        advances.reserveCapacity(numberOfGlyphs)
        for glyph in 0..<numberOfGlyphs {
            advances.append(Int(try reader.u16(hmtx + min(glyph, metricsCount - 1) * 4)))
        }
        self.advances = advances

        let loca = try table("loca")
        let glyfLength = tables["glyf"]!.length
        var glyphOffsets: [Int] = []
        glyphOffsets.reserveCapacity(numberOfGlyphs + 1)
        for glyph in 0...numberOfGlyphs {
            let offset = longOffsets ? Int(try reader.u32(loca + glyph * 4)) : Int(try reader.u16(loca + glyph * 2)) * 2
            glyphOffsets.append(min(offset, glyfLength))
        }
        self.glyphOffsets = glyphOffsets

        if let post = tables["post"]?.offset {
            italicAngle = Double(try reader.i32(post + 4)) / 65536
            isFixedPitch = try reader.u32(post + 12) != 0
        } else {
            italicAngle = 0
            isFixedPitch = false
        }

        var ascent = Int(try reader.i16(hhea + 4))
        var descent = Int(try reader.i16(hhea + 6))
        var capHeight = ascent
        if let os2 = tables["OS/2"], os2.length >= 78 {
            ascent = Int(try reader.i16(os2.offset + 68))
            descent = Int(try reader.i16(os2.offset + 70))
            if try reader.u16(os2.offset) >= 2, os2.length >= 90 {
                capHeight = Int(try reader.i16(os2.offset + 88))
            }
        }
        self.ascent = ascent
        self.descent = descent
        self.capHeight = capHeight

        characterMap = try Self.parseCharacterMap(reader, at: try table("cmap"), glyphCount: numberOfGlyphs)
        postScriptName = Self.parsePostScriptName(reader, at: tables["name"]?.offset) ?? "Embedded"
        self.bytes = bytes
        self.tables = tables
    }

    func glyph(for scalar: Unicode.Scalar) -> UInt16? {
        characterMap[scalar.value]
    }

    /// Width of a glyph in 1/1000 em, rounded: the same number goes into /W so layout and viewers agree.
    func width(ofGlyph glyph: UInt16) -> Int {
        let index = Int(glyph)
        guard index < advances.count else { return 0 }
        return Int((Double(advances[index]) * 1000 / Double(unitsPerEm)).rounded())
    }

    func scaled(_ value: Int) -> Int {
        Int((Double(value) * 1000 / Double(unitsPerEm)).rounded())
    }

    private static func parseCharacterMap(_ reader: ByteReader, at cmap: Int, glyphCount: Int) throws -> [UInt32: UInt16] {
        var best: (rank: Int, offset: Int)?
        for index in 0..<Int(try reader.u16(cmap + 2)) {
            let record = cmap + 4 + index * 8
            let platform = try reader.u16(record)
            let encoding = try reader.u16(record + 2)
            let offset = cmap + Int(try reader.u32(record + 4))
            let format = try reader.u16(offset)
            let rank: Int
            switch (platform, encoding, format) {
            case (3, 10, 12), (0, 4, 12), (0, 6, 12): rank = 3
            case (3, 1, 4), (0, 3, 4): rank = 2
            case (0, _, 4): rank = 1
            default: continue
            }
            if rank > (best?.rank ?? 0) { best = (rank, offset) }
        }
        guard let subtable = best?.offset else { throw ParseError.unsupported("no Unicode cmap subtable") }
        var map: [UInt32: UInt16] = [:]
        if try reader.u16(subtable) == 12 {
            for group in 0..<Int(try reader.u32(subtable + 12)) {
                let record = subtable + 16 + group * 12
                let start = try reader.u32(record)
                let end = try reader.u32(record + 4)
                let startGlyph = try reader.u32(record + 8)
                guard start <= end, end <= 0x10FFFF else { continue }
                for code in start...end {
                    let glyph = startGlyph + (code - start)
                    if glyph > 0, glyph < glyphCount { map[code] = UInt16(glyph) }
                }
            }
            return map
        }
        let segments = Int(try reader.u16(subtable + 6)) / 2
        let ends = subtable + 14
        let starts = ends + segments * 2 + 2
        let deltas = starts + segments * 2
        let rangeOffsets = deltas + segments * 2
        for segment in 0..<segments {
            let end = try reader.u16(ends + segment * 2)
            let start = try reader.u16(starts + segment * 2)
            let delta = try reader.u16(deltas + segment * 2)
            let rangeOffsetPosition = rangeOffsets + segment * 2
            let rangeOffset = Int(try reader.u16(rangeOffsetPosition))
            guard start <= end, start != 0xFFFF else { continue }
            for code in start...end {
                var glyph: UInt16
                if rangeOffset == 0 {
                    glyph = code &+ delta
                } else {
                    let position = rangeOffsetPosition + rangeOffset + Int(code - start) * 2
                    glyph = try reader.u16(position)
                    if glyph != 0 { glyph = glyph &+ delta }
                }
                if glyph != 0, Int(glyph) < glyphCount { map[UInt32(code)] = glyph }
            }
        }
        return map
    }

    /// nameID 6, reduced to the characters a PDF name and a subset tag may carry.
    private static func parsePostScriptName(_ reader: ByteReader, at name: Int?) -> String? {
        guard let name, let count = try? reader.u16(name + 2), let storage = try? reader.u16(name + 4) else { return nil }
        for index in 0..<Int(count) {
            let record = name + 6 + index * 12
            guard let platform = try? reader.u16(record), let nameID = try? reader.u16(record + 6),
                  let length = try? reader.u16(record + 8), let offset = try? reader.u16(record + 10),
                  nameID == 6, platform == 1 || platform == 3,
                  let raw = try? reader.slice(name + Int(storage) + Int(offset), Int(length)) else { continue }
            let text: String
            if platform == 3 {
                let units = stride(from: 0, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) }
                text = String(decoding: units, as: UTF16.self)
            } else {
                text = String(decoding: raw, as: UTF8.self)
            }
            let cleaned = String(text.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
            if !cleaned.isEmpty { return String(cleaned.prefix(63)) }
        }
        return nil
    }
}

/// Big-endian reads that throw instead of trapping, since font files come from the host and may be damaged.
struct ByteReader {
    let bytes: [UInt8]

    func slice(_ offset: Int, _ count: Int) throws -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else { throw TrueTypeFont.ParseError.truncated }
        return bytes[offset..<offset + count]
    }

    func u16(_ offset: Int) throws -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { throw TrueTypeFont.ParseError.truncated }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    func i16(_ offset: Int) throws -> Int16 {
        Int16(bitPattern: try u16(offset))
    }

    func u32(_ offset: Int) throws -> UInt32 {
        UInt32(try u16(offset)) << 16 | UInt32(try u16(offset + 2))
    }

    func i32(_ offset: Int) throws -> Int32 {
        Int32(bitPattern: try u32(offset))
    }
}
