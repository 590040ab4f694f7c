import Foundation
import ParapheCore

/// A clause body as legal writes it: paragraphs separated by blank lines, `- ` and `1. ` lists, `|` tables,
/// `**bold**` and `*italic*`, `{{ expression | formatter }}` placeholders and `{{ ref:articleId }}` cross-references.
/// Values filled into placeholders are never parsed again, so whatever a user types renders literally.
public struct TextTemplate: Hashable, Sendable {
    public enum Segment: Hashable, Sendable {
        case text(String, bold: Bool, italic: Bool)
        case placeholder(Expression, formatter: String?, bold: Bool, italic: Bool)
        case reference(String, bold: Bool, italic: Bool)
    }

    public enum BlockTemplate: Hashable, Sendable {
        case paragraph([Segment])
        case list(ordered: Bool, items: [[Segment]])
        case table(header: Bool, rows: [[[Segment]]])
    }

    public var blocks: [BlockTemplate]
    public var source: String

    /// Errors carry the line within `source` (0-based) so the manifest parser can point at the manifest line.
    public struct ParseError: Error, Hashable, Sendable {
        public var line: Int
        public var message: String
    }

    public static func parse(_ source: String) throws(ParseError) -> TextTemplate {
        var blocks = [BlockTemplate]()
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.isEmpty { index += 1; continue }
            if line.hasPrefix("- ") || orderedItem(line) != nil {
                let ordered = !line.hasPrefix("- ")
                var items = [[Segment]]()
                while index < lines.count {
                    let item = lines[index].trimmingCharacters(in: .whitespaces)
                    let content: String? = ordered ? orderedItem(item) : (item.hasPrefix("- ") ? String(item.dropFirst(2)) : nil)
                    guard let content else { break }
                    items.append(try inline(content, line: index))
                    index += 1
                }
                blocks.append(.list(ordered: ordered, items: items))
            } else if line.hasPrefix("|") {
                var rows = [[[Segment]]]()
                var header = false
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                    let row = lines[index].trimmingCharacters(in: .whitespaces)
                    var cells = Self.cells(row).map { $0.trimmingCharacters(in: .whitespaces) }
                    if cells.last == "" { cells.removeLast() }
                    guard !cells.isEmpty else { index += 1; continue }
                    if rows.count == 1, cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "-" || $0 == ":" } }) {
                        header = true
                    } else {
                        var parsed = [[Segment]]()
                        for cell in cells { parsed.append(try inline(cell, line: index)) }
                        rows.append(parsed)
                    }
                    index += 1
                }
                let width = rows.map(\.count).max() ?? 0
                if !rows.isEmpty { blocks.append(.table(header: header, rows: rows.map { $0 + Array(repeating: [], count: width - $0.count) })) }
            } else {
                var text = [String]()
                let start = index
                while index < lines.count {
                    let next = lines[index].trimmingCharacters(in: .whitespaces)
                    if next.isEmpty || next.hasPrefix("- ") || next.hasPrefix("|") || (orderedItem(next) != nil && !text.isEmpty) { break }
                    text.append(next)
                    index += 1
                }
                blocks.append(.paragraph(try inline(text.joined(separator: " "), line: start)))
            }
        }
        return TextTemplate(blocks: blocks, source: source)
    }

    /// The cells of a `| a | b |` row. A `|` inside `{{…}}` (a formatter) or escaped as `\|` is not a separator.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var placeholder = false
        var characters = row.dropFirst().makeIterator()
        var previous: Character?
        while let c = characters.next() {
            if c == "\\" {
                current.append(c)
                if let escaped = characters.next() { current.append(escaped) }
                previous = nil
                continue
            }
            if c == "{", previous == "{" { placeholder = true }
            if c == "}", previous == "}" { placeholder = false }
            if c == "|", !placeholder {
                cells.append(current)
                current = ""
            } else {
                current.append(c)
            }
            previous = c
        }
        cells.append(current)
        return cells
    }

    private static func orderedItem(_ line: String) -> String? {
        guard let dot = line.firstIndex(of: "."), dot > line.startIndex, line[..<dot].allSatisfy({ $0.isASCII && $0.isNumber }),
              line[line.index(after: dot)...].hasPrefix(" ") else { return nil }
        return String(line[line.index(dot, offsetBy: 2)...])
    }

    static let formatters: Set<String> = ["money", "words", "date", "shortDate", "percent", "duration", "number", "upper", "lower"]

    private static func inline(_ text: String, line: Int) throws(ParseError) -> [Segment] {
        var segments = [Segment]()
        var buffer = ""
        var bold = false
        var italic = false
        var rest = Substring(text)
        func flush() {
            if !buffer.isEmpty { segments.append(.text(buffer, bold: bold, italic: italic)) }
            buffer = ""
        }
        while let c = rest.first {
            if c == "\\", rest.count > 1 {
                buffer.append(rest[rest.index(after: rest.startIndex)])
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("**") {
                flush(); bold.toggle(); rest = rest.dropFirst(2)
            } else if c == "*" {
                flush(); italic.toggle(); rest = rest.dropFirst()
            } else if rest.hasPrefix("{{") {
                guard let close = rest.range(of: "}}") else { throw ParseError(line: line, message: "'{{' is not closed by '}}'") }
                flush()
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                if inner.hasPrefix("ref:") {
                    let target = inner.dropFirst(4).trimmingCharacters(in: .whitespaces)
                    guard ClauseKey.isValid(target) else { throw ParseError(line: line, message: "'\(inner)' must name an article id") }
                    segments.append(.reference(target, bold: bold, italic: italic))
                    continue
                }
                let parts = inner.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let first = parts.first, !first.isEmpty else { throw ParseError(line: line, message: "'{{ }}' is empty") }
                let expression: Expression
                do { expression = try ExpressionParser.parse(first) } catch { throw ParseError(line: line, message: "in '{{\(inner)}}': \(error.message)") }
                let formatter = parts.count > 1 ? parts[1] : nil
                if let formatter, !formatters.contains(formatter) {
                    throw ParseError(line: line, message: "unknown formatter '\(formatter)'; known: \(formatters.sorted().joined(separator: ", "))")
                }
                segments.append(.placeholder(expression, formatter: formatter, bold: bold, italic: italic))
            } else {
                buffer.append(c)
                rest = rest.dropFirst()
            }
        }
        flush()
        if bold || italic { throw ParseError(line: line, message: "'\(bold ? "**" : "*")' is opened but not closed (write \\* for a literal star)") }
        return segments
    }

    /// Placeholders, for checking their variables at publication.
    public var expressions: [Expression] {
        segments.compactMap { if case .placeholder(let e, _, _, _) = $0 { e } else { nil } }
    }

    public var references: [String] {
        segments.compactMap { if case .reference(let id, _, _) = $0 { id } else { nil } }
    }

    private var segments: [Segment] {
        blocks.flatMap { block -> [Segment] in
            switch block {
            case .paragraph(let s): s
            case .list(_, let items): items.flatMap { $0 }
            case .table(_, let rows): rows.flatMap { $0.flatMap { $0 } }
            }
        }
    }
}
