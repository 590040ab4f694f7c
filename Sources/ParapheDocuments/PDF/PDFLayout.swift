import ParapheCore

/// Turns a document into pages of drawing operations on A4. Content is first cut into boxes (a line, a table row, a
/// signature row) and then paginated, so headings can be kept with what follows them and the page count is known
/// before the footers are drawn.
struct PDFLayout {
    static let pageWidth = 595.0
    static let pageHeight = 842.0
    private static let left = 72.0
    private static let right = 72.0
    private static let top = 72.0
    private static let bottom = 80.0
    private static let measure = pageWidth - left - right
    private static let bodySize = 10.5
    private static let leading = 1.35

    private struct Box {
        enum Kind { case content, space, pageBreak }
        var kind: Kind
        var height: Double
        /// Set on headings: the box moves to the next page unless the next content box fits with it.
        var keepWithNext = false
        /// Coordinates relative to the box's top-left corner, y pointing up (so mostly negative).
        var ops: [DrawOp] = []
    }

    let fonts: FontSet
    private var typesetter: PDFTypesetter { PDFTypesetter(fonts: fonts) }

    func pages(for document: DocumentModel) -> [[DrawOp]] {
        var pages = paginate(boxes(for: document))
        for index in pages.indices {
            pages[index] += footer(document.footerText, page: index + 1, of: pages.count)
        }
        return pages
    }

    // MARK: Boxes

    private func boxes(for document: DocumentModel) -> [Box] {
        var boxes: [Box] = []
        boxes += textBoxes([Run(document.title, bold: true)], size: 16, alignment: .center)
        if let subtitle = document.subtitle, !subtitle.isEmpty {
            boxes.append(space(4))
            boxes += textBoxes([Run(subtitle, italic: true)], size: 11, alignment: .center)
        }
        boxes.append(space(20))
        if !document.parties.isEmpty {
            boxes += heading([Run(DocumentWording.partiesHeading(document.language), bold: true)], size: Self.bodySize)
            boxes.append(space(6))
            for (index, party) in document.parties.enumerated() {
                let last = index == document.parties.count - 1
                boxes += paragraph([Run(party.name, bold: true), Run(DocumentWording.partyDetails(party, document.language, last: last))])
                if !last {
                    boxes += heading([Run(DocumentWording.partiesSeparator(document.language), bold: true)], size: Self.bodySize)
                    boxes.append(space(6))
                }
            }
            boxes.append(space(6))
        }
        boxes += document.preamble.flatMap(blockBoxes)
        for article in document.articles.flatMap(\.flattened) {
            boxes.append(space(article.level <= 1 ? 10 : 4))
            boxes += heading([Run(DocumentWording.articleHeading(article), bold: true)], size: article.level <= 1 ? 11.5 : Self.bodySize)
            boxes.append(space(4))
            boxes += article.blocks.flatMap(blockBoxes)
        }
        if let signature = document.signature {
            // A document that is only a signature page (the one a seal appends) keeps it under its title.
            if !document.articles.isEmpty || !document.parties.isEmpty || !document.preamble.isEmpty {
                boxes.append(Box(kind: .pageBreak, height: 0))
            }
            boxes += heading([Run(DocumentWording.signaturesHeading(document.language), bold: true)], size: 11.5)
            boxes.append(space(4))
            boxes += signatureBoxes(signature, language: document.language)
        }
        for (index, annex) in document.annexes.enumerated() {
            boxes.append(Box(kind: .pageBreak, height: 0))
            boxes += heading([Run(DocumentWording.annexHeading(index, annex, document.language), bold: true)], size: 13, alignment: .center)
            boxes.append(space(12))
            boxes += annex.blocks.flatMap(blockBoxes)
        }
        return boxes
    }

    private func blockBoxes(_ block: Block) -> [Box] {
        switch block {
        case .paragraph(let runs):
            return paragraph(runs)
        case let .list(ordered, items):
            var boxes: [Box] = []
            for (index, item) in items.enumerated() {
                let marker = ordered ? "\(index + 1)." : "•"
                var lines = typesetter.lines(item, width: Self.measure - 18, size: Self.bodySize, alignment: .justified)
                if lines.isEmpty { lines = [TextLine(x: 0, baseline: 0, size: Self.bodySize, spans: [], extraPerSpace: 0)] }
                for (number, line) in lines.enumerated() {
                    var box = lineBox(line, indent: 18)
                    if number == 0 {
                        let marker = typesetter.lines([Run(marker)], width: Self.measure, size: Self.bodySize, alignment: .left)
                        box.ops += marker.prefix(1).flatMap { lineBox($0, indent: 0).ops }
                    }
                    boxes.append(box)
                }
                boxes.append(space(2))
            }
            boxes.append(space(4))
            return boxes
        case let .table(header, rows):
            let columns = max(1, rows.map(\.count).max() ?? 1)
            var boxes = rows.enumerated().flatMap { index, row in
                tableRow(row, columns: columns, isHeader: header && index == 0)
            }
            if header, !boxes.isEmpty { boxes[0].keepWithNext = true }
            boxes.append(space(8))
            return boxes
        }
    }

    private func paragraph(_ runs: [Run]) -> [Box] {
        textBoxes(runs, size: Self.bodySize, alignment: .justified) + [space(6)]
    }

    private func heading(_ runs: [Run], size: Double, alignment: Alignment = .left) -> [Box] {
        textBoxes(runs, size: size, alignment: alignment).map { box in
            var box = box
            box.keepWithNext = true
            return box
        }
    }

    private func textBoxes(_ runs: [Run], size: Double, alignment: Alignment) -> [Box] {
        typesetter.lines(runs, width: Self.measure, size: size, alignment: alignment).map { lineBox($0, indent: 0) }
    }

    private func lineBox(_ line: TextLine, indent: Double) -> Box {
        var placed = line
        placed.x += indent
        placed.baseline = -line.size
        return Box(kind: .content, height: line.size * Self.leading, ops: [.text(placed)])
    }

    private func space(_ height: Double) -> Box {
        Box(kind: .space, height: height)
    }

    /// A row taller than a page would run off it: it is cut into slices of at most `linesPerSlice` lines, each a
    /// box with its own rules, which pagination then places like any other box.
    private static let linesPerSlice = 40

    private func tableRow(_ cells: [[Run]], columns: Int, isHeader: Bool) -> [Box] {
        let size = 9.5
        let padding = 4.0
        let columnWidth = Self.measure / Double(columns)
        let lineHeight = size * Self.leading
        let columnLines = (0..<columns).map { column -> [TextLine] in
            var runs = column < cells.count ? cells[column] : []
            if isHeader { runs = runs.map { Run($0.text, bold: true, italic: $0.italic) } }
            return typesetter.lines(runs, width: columnWidth - 2 * padding, size: size, alignment: .left)
        }
        let tallest = max(1, columnLines.map(\.count).max() ?? 1)
        var boxes: [Box] = []
        for first in stride(from: 0, to: tallest, by: Self.linesPerSlice) {
            let count = min(Self.linesPerSlice, tallest - first)
            var ops: [DrawOp] = []
            for (column, lines) in columnLines.enumerated() where first < lines.count {
                for (number, line) in lines[first..<min(lines.count, first + count)].enumerated() {
                    var placed = line
                    placed.x += Double(column) * columnWidth + padding
                    placed.baseline = -padding - Double(number) * lineHeight - size
                    ops.append(.text(placed))
                }
            }
            let height = Double(count) * lineHeight + 2 * padding
            var rules: [DrawOp] = [
                .rule(x1: 0, y1: 0, x2: Self.measure, y2: 0, width: 0.5),
                .rule(x1: 0, y1: -height, x2: Self.measure, y2: -height, width: 0.5),
            ]
            for column in 0...columns {
                let x = Double(column) * columnWidth
                rules.append(.rule(x1: x, y1: 0, x2: x, y2: -height, width: 0.5))
            }
            let shading: [DrawOp] = isHeader ? [.fill(x: 0, y: -height, width: Self.measure, height: height, gray: 0.9)] : []
            boxes.append(Box(kind: .content, height: height, ops: shading + rules + ops))
        }
        return boxes
    }

    private func signatureBoxes(_ signature: SignaturePage, language: Language) -> [Box] {
        let labels = DocumentWording.signatureLabels(language)
        var boxes = paragraph([Run(signature.closing)])
        boxes.append(space(18))
        let gap = 24.0
        let columnWidth = (Self.measure - gap) / 2
        var index = 0
        while index < signature.signatories.count {
            let pair = signature.signatories[index..<min(index + 2, signature.signatories.count)]
            var ops: [DrawOp] = []
            var height = 0.0
            for (column, signatory) in pair.enumerated() {
                var runs: [[Run]] = [
                    [Run(signatory.party, bold: true)],
                    [Run(labels.name + " "), Run(signatory.name ?? "")],
                    [Run(labels.capacity + " "), Run(signatory.capacity ?? "")],
                    [Run(labels.signature)],
                ]
                if let signedOn = signatory.signedOn { runs.insert([Run(signedOn, italic: true)], at: 3) }
                var y = 0.0
                for line in runs.flatMap({ typesetter.lines($0, width: columnWidth, size: Self.bodySize, alignment: .left) }) {
                    var placed = line
                    placed.x += Double(column) * (columnWidth + gap)
                    placed.baseline = -y - line.size
                    ops.append(.text(placed))
                    y += line.size * Self.leading
                }
                if let mark = signatory.mark {
                    ops += markOps(mark, x: Double(column) * (columnWidth + gap), top: -y - 4, width: min(columnWidth, 200), height: 56)
                }
                height = max(height, y)
            }
            // Room for the handwritten signature itself.
            boxes.append(Box(kind: .content, height: height + 70, ops: ops))
            boxes.append(space(12))
            index += 2
        }
        return boxes
    }

    /// The signature scaled into its box, keeping its proportions; y flips from screen to page coordinates.
    private func markOps(_ mark: SignatureMark, x: Double, top: Double, width: Double, height: Double) -> [DrawOp] {
        switch mark {
        case .typed(let text):
            // The largest size at which the whole name fits three lines of the space left for it: printed whole, always.
            let sizes: [Double] = [14, 11, 9, 7]
            var lines: [TextLine] = []
            var size = sizes[0]
            for candidate in sizes {
                size = candidate
                lines = typesetter.lines([Run(text, italic: true)], width: width, size: size, alignment: .left)
                if lines.count <= 3 { break }
            }
            return lines.enumerated().map { index, line in
                var placed = line
                placed.x += x
                placed.baseline = top - 8 - size - Double(index) * size * 1.2
                return .text(placed)
            }
        case .drawn(let strokes):
            let points = strokes.joined()
            guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
                  let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return [] }
            let scale = min(width / max(maxX - minX, 1), height / max(maxY - minY, 1))
            return strokes.filter { !$0.isEmpty }.map { stroke in
                .path(stroke.map { (x: x + ($0.x - minX) * scale, y: top - ($0.y - minY) * scale) }, width: 1.2)
            }
        }
    }

    // MARK: Pages

    private func paginate(_ boxes: [Box]) -> [[DrawOp]] {
        let top = Self.pageHeight - Self.top
        var pages: [[DrawOp]] = []
        var page: [DrawOp] = []
        var pageHasContent = false
        var y = top
        func newPage() {
            pages.append(page)
            page = []
            pageHasContent = false
            y = top
        }
        for (index, box) in boxes.enumerated() {
            switch box.kind {
            case .pageBreak:
                if pageHasContent { newPage() }
            case .space:
                guard pageHasContent else { continue }
                y -= box.height
            case .content:
                var needed = box.height
                var next = index
                while boxes[next].keepWithNext || (next != index && boxes[next].kind == .space),
                      next + 1 < boxes.count, boxes[next + 1].kind != .pageBreak {
                    next += 1
                    needed += boxes[next].height
                }
                if pageHasContent, y - needed < Self.bottom { newPage() }
                page += box.ops.map { $0.offset(x: Self.left, y: y) }
                pageHasContent = true
                y -= box.height
            }
        }
        if pageHasContent || pages.isEmpty { pages.append(page) }
        return pages
    }

    private func footer(_ text: String, page: Int, of count: Int) -> [DrawOp] {
        let size = 8.5
        let baseline = 46.0
        let number = typesetter.lines([Run("Page \(page) / \(count)")], width: Self.measure, size: size, alignment: .right)
        let numberWidth = number.first.map { Self.measure - $0.x } ?? 0
        var ops: [DrawOp] = [.rule(x1: Self.left, y1: 60, x2: Self.pageWidth - Self.right, y2: 60, width: 0.4)]
        ops += number.prefix(1).map { DrawOp.text(TextLine(x: Self.left + $0.x, baseline: baseline, size: size, spans: $0.spans, extraPerSpace: 0)) }
        let room = Self.measure - numberWidth - 12
        let glyphs = fonts.glyphs(text, face: .regular)
        var kept: [Glyph] = []
        var width = 0.0
        let total = Double(glyphs.reduce(0) { $0 + $1.width }) * size / 1000
        // A long list of party names is cut with an ellipsis rather than running into the page number.
        let ellipsis = fonts.glyphs("…", face: .regular)
        let ellipsisWidth = Double(ellipsis.reduce(0) { $0 + $1.width }) * size / 1000
        for glyph in glyphs {
            let advance = Double(glyph.width) * size / 1000
            if total > room, width + advance + ellipsisWidth > room { kept += ellipsis; break }
            kept.append(glyph)
            width += advance
        }
        if !kept.isEmpty {
            ops.append(.text(TextLine(x: Self.left, baseline: baseline, size: size, spans: [TextSpan(face: .regular, glyphs: kept)], extraPerSpace: 0)))
        }
        return ops
    }
}
