import Foundation

/// The four faces the PDF renderer draws with: an embedded TrueType family when the host has one, otherwise the
/// standard PDF Times fonts, which every viewer has but which only cover WinAnsi.
public struct FontSet: Sendable, CustomStringConvertible {
    enum Faces: Sendable {
        /// Indexed by `FontFace.rawValue`; a missing bold or italic face repeats the regular one.
        case trueType([TrueTypeFont])
        case standard
    }

    let faces: Faces
    public let description: String
    /// Per face, the glyph of every scalar below `cachedScalars` (nil: a control character, dropped), looked up once:
    /// layout asks for every character of the contract, and a cmap lookup per character dominated rendering.
    private var cache: [[Glyph?]]
    private static let cachedScalars: UInt32 = 0x2200

    init(faces: Faces, description: String) {
        self.faces = faces
        self.description = description
        cache = []
        let uncached = self
        cache = FontFace.allCases.map { face in
            (0..<Self.cachedScalars).map { value in uncached.slowGlyph(Unicode.Scalar(value) ?? "?", face: face) }
        }
    }

    public var isEmbedded: Bool {
        if case .trueType = faces { return true }
        return false
    }

    /// The standard-font fallback, without looking at the file system; what `load` returns when no font is found.
    public static let standard = FontSet(faces: .standard, description: "Times (standard PDF fonts, not embedded)")

    private static let families: [(name: String, files: [String])] = [
        ("DejaVu Serif", ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"]),
        ("Liberation Serif", ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"]),
    ]

    /// Looks in `PARAPHE_PDF_FONT_DIR` first, then the Debian DejaVu and Liberation directories unless
    /// `PARAPHE_PDF_SYSTEM_FONTS` is `off`, and falls back to the standard fonts.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> FontSet {
        var candidates: [(directory: String, family: (name: String, files: [String]))] = []
        if let directory = environment["PARAPHE_PDF_FONT_DIR"], !directory.isEmpty {
            candidates += families.map { (directory, $0) }
        }
        if environment["PARAPHE_PDF_SYSTEM_FONTS"]?.lowercased() != "off" {
            candidates.append(("/usr/share/fonts/truetype/dejavu", families[0]))
            // Not Liberation 1.x (fonts-liberation): it draws U+00A0 and U+0020 with one glyph, so extracted text
            // would lose the no-break spaces of French amounts.
            candidates.append(("/usr/share/fonts/truetype/liberation2", families[1]))
        }
        for candidate in candidates {
            let directory = URL(fileURLWithPath: candidate.directory)
            let fonts = candidate.family.files.map { try? TrueTypeFont(contentsOf: directory.appendingPathComponent($0)) }
            guard let regular = fonts[0] else { continue }
            return FontSet(faces: .trueType(fonts.map { $0 ?? regular }),
                           description: "\(candidate.family.name) (embedded, subset)")
        }
        return FontSet(faces: .standard,
                       description: "Times (standard PDF fonts, not embedded: no TrueType font found)")
    }

    /// The glyphs that draw `text`: control characters are dropped (line breaks and tabs count as spaces), and a
    /// character the face lacks is drawn as "?" rather than as an invisible .notdef box.
    func glyphs(_ text: String, face: FontFace) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.utf8.count)
        let cached = cache[face.rawValue]
        for scalar in text.unicodeScalars {
            if scalar.value < Self.cachedScalars {
                if let glyph = cached[Int(scalar.value)] { glyphs.append(glyph) }
            } else if let glyph = slowGlyph(scalar, face: face) {
                glyphs.append(glyph)
            }
        }
        return glyphs
    }

    private func slowGlyph(_ original: Unicode.Scalar, face: FontFace) -> Glyph? {
        var scalar = original
        if scalar.properties.generalCategory == .control {
            guard scalar.properties.isWhitespace else { return nil }
            scalar = " "
        }
        return glyph(for: scalar, face: face)
    }

    /// Whether the regular face draws `scalar` itself rather than a substitute.
    func covers(_ scalar: Unicode.Scalar) -> Bool {
        glyph(for: scalar, face: .regular).scalar == scalar
    }

    private func glyph(for scalar: Unicode.Scalar, face: FontFace) -> Glyph {
        // Other space separators (thin, narrow no-break) are French typography's non-breaking spaces.
        let substitutes: [Unicode.Scalar] = scalar.properties.generalCategory == .spaceSeparator && scalar != " "
            ? [scalar, "\u{00A0}", " "] : [scalar, "?"]
        switch faces {
        case .trueType(let fonts):
            let font = fonts[face.rawValue]
            for candidate in substitutes {
                if let id = font.glyph(for: candidate) {
                    return Glyph(code: id, width: font.width(ofGlyph: id), scalar: candidate, isSpace: scalar == " ")
                }
            }
            return Glyph(code: 0, width: font.width(ofGlyph: 0), scalar: "?", isSpace: false)
        case .standard:
            let widths = [StandardFontMetrics.regular, StandardFontMetrics.bold, StandardFontMetrics.italic,
                          StandardFontMetrics.boldItalic][face.rawValue]
            for candidate in substitutes {
                if let code = WinAnsiEncoding.code(for: candidate) {
                    return Glyph(code: UInt16(code), width: Int(widths[Int(code) - 32]), scalar: candidate,
                                 isSpace: scalar == " ")
                }
            }
            return Glyph(code: 0x3F, width: Int(widths[0x3F - 32]), scalar: "?", isSpace: false)
        }
    }
}

enum FontFace: Int, CaseIterable, Sendable {
    case regular, bold, italic, boldItalic

    init(bold: Bool, italic: Bool) {
        self = bold ? (italic ? .boldItalic : .bold) : (italic ? .italic : .regular)
    }

    var isBold: Bool { self == .bold || self == .boldItalic }
    var isItalic: Bool { self == .italic || self == .boldItalic }

    var standardName: String {
        ["Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"][rawValue]
    }
}

/// One drawn glyph: `code` is the glyph id for embedded fonts and the WinAnsi byte for standard ones; `width` is in
/// 1/1000 em; `scalar` is what the ToUnicode map gives back for it.
struct Glyph: Hashable, Sendable {
    var code: UInt16
    var width: Int
    var scalar: Unicode.Scalar
    /// Only U+0020 is a break opportunity and stretches when a line is justified.
    var isSpace: Bool
}
