/// A run of glyphs in one face, drawn by one TJ operator.
struct TextSpan: Sendable {
    var face: FontFace
    var glyphs: [Glyph]
}

/// One line of text: `x`/`baseline` are page coordinates once placed, offsets from the box origin before.
/// `extraPerSpace` (points) is what justification adds after every U+0020 glyph.
struct TextLine: Sendable {
    var x: Double
    var baseline: Double
    var size: Double
    var spans: [TextSpan]
    var extraPerSpace: Double
}

enum DrawOp: Sendable {
    case text(TextLine)
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, width: Double)
    case fill(x: Double, y: Double, width: Double, height: Double, gray: Double)
    /// A pen stroke: a hand-drawn signature, kept as vectors.
    case path([(x: Double, y: Double)], width: Double)

    func offset(x dx: Double, y dy: Double) -> DrawOp {
        switch self {
        case .text(var line):
            line.x += dx
            line.baseline += dy
            return .text(line)
        case let .rule(x1, y1, x2, y2, width):
            return .rule(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, width: width)
        case let .fill(x, y, width, height, gray):
            return .fill(x: x + dx, y: y + dy, width: width, height: height, gray: gray)
        case let .path(points, width):
            return .path(points.map { (x: $0.x + dx, y: $0.y + dy) }, width: width)
        }
    }
}

enum Alignment {
    case justified, left, center, right
}

/// Greedy line breaking on U+0020 for styled runs; a word wider than the line is cut between characters.
struct PDFTypesetter {
    let fonts: FontSet

    private static let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}"]

    private struct StyledGlyph {
        var face: FontFace
        var glyph: Glyph
    }

    /// Lines with `x` relative to the left edge of the measure and `baseline` 0; the caller stacks them.
    /// Words are ranges into one glyph array, so breaking a paragraph allocates per line, not per word.
    func lines(_ runs: [Run], width: Double, size: Double, alignment: Alignment) -> [TextLine] {
        var all: [StyledGlyph] = []
        var words: [(space: Int?, glyphs: Range<Int>)] = []
        var wordStart: Int?
        var pendingSpace: Int?
        for run in runs {
            let face = FontFace(bold: run.bold, italic: run.italic)
            for glyph in fonts.glyphs(run.text, face: face) {
                if glyph.isSpace {
                    // A lone dash stays with the word after it: a line ending in "-" reads as a hyphenated word,
                    // and text extractors join it to the next line without the dash.
                    if let start = wordStart, all[start...].allSatisfy({ Self.dashes.contains($0.glyph.scalar) }) {
                        all.append(StyledGlyph(face: face, glyph: glyph))
                        continue
                    }
                    if let start = wordStart {
                        words.append((pendingSpace, start..<all.count))
                        wordStart = nil
                        all.append(StyledGlyph(face: face, glyph: glyph))
                        pendingSpace = all.count - 1
                    }
                } else {
                    if wordStart == nil { wordStart = all.count }
                    all.append(StyledGlyph(face: face, glyph: glyph))
                }
            }
        }
        if let start = wordStart { words.append((pendingSpace, start..<all.count)) }

        let scale = size / 1000
        func advance(_ index: Int) -> Double { Double(all[index].glyph.width) * scale }
        var result: [TextLine] = []
        var line: [Int] = []
        var lineWidth = 0.0
        func finish(stretch: Bool) {
            guard !line.isEmpty else { return }
            let spaces = line.count { all[$0].glyph.isSpace }
            let slack = max(0, width - lineWidth)
            let x: Double
            var extra = 0.0
            switch alignment {
            case .justified:
                x = 0
                if stretch, spaces > 0 { extra = slack / Double(spaces) }
            case .left: x = 0
            case .center: x = slack / 2
            case .right: x = slack
            }
            var spans: [TextSpan] = []
            for index in line {
                let glyph = all[index]
                if spans.last?.face == glyph.face {
                    spans[spans.count - 1].glyphs.append(glyph.glyph)
                } else {
                    spans.append(TextSpan(face: glyph.face, glyphs: [glyph.glyph]))
                }
            }
            result.append(TextLine(x: x, baseline: 0, size: size, spans: spans, extraPerSpace: extra))
            line.removeAll(keepingCapacity: true)
            lineWidth = 0
        }
        // Rounding in the width sums must not push a word that fits exactly onto the next line.
        let limit = width + 0.001
        for word in words {
            let wordWidth = word.glyphs.reduce(0) { $0 + advance($1) }
            if !line.isEmpty, let space = word.space, lineWidth + advance(space) + wordWidth <= limit {
                line.append(space)
                line.append(contentsOf: word.glyphs)
                lineWidth += advance(space) + wordWidth
                continue
            }
            finish(stretch: true)
            if wordWidth <= limit {
                line.append(contentsOf: word.glyphs)
                lineWidth = wordWidth
                continue
            }
            for index in word.glyphs {
                if !line.isEmpty, lineWidth + advance(index) > limit {
                    // Never cut a long word just after a dash, for the same reason.
                    var carried: [Int] = []
                    while line.count > 1, let last = line.last, Self.dashes.contains(all[last].glyph.scalar) {
                        carried.insert(line.removeLast(), at: 0)
                        lineWidth -= advance(last)
                    }
                    finish(stretch: false)
                    for moved in carried {
                        line.append(moved)
                        lineWidth += advance(moved)
                    }
                }
                line.append(index)
                lineWidth += advance(index)
            }
        }
        finish(stretch: false)
        return result
    }

    func width(of text: String, face: FontFace, size: Double) -> Double {
        Double(fonts.glyphs(text, face: face).reduce(0) { $0 + $1.width }) * size / 1000
    }
}
