import Foundation
import ParapheCore

/// Turns text templates into AST blocks for one contract, collecting every value that is missing or cannot be
/// formatted as a field error instead of stopping at the first.
struct TextWriter {
    var scope: TemplateScope
    var numbers: [String: String]
    var language: Language
    var allIds: Set<String>
    var errors = [FieldError]()

    mutating func blocks(_ template: TextTemplate, context: String) -> [Block] {
        template.blocks.map { block in
            switch block {
            case .paragraph(let segments): .paragraph(runs(segments, context: context))
            case .list(let ordered, let items): .list(ordered: ordered, items: items.map { runs($0, context: context) })
            case .table(let header, let rows): .table(header: header, rows: rows.map { $0.map { runs($0, context: context) } })
            }
        }
    }

    /// A template that must give one line of text (the title, the closing sentence).
    mutating func line(_ template: TextTemplate, context: String) -> String {
        blocks(template, context: context).plainText.replacingOccurrences(of: "\n", with: " ")
    }

    mutating func runs(_ segments: [TextTemplate.Segment], context: String) -> [Run] {
        var runs = [Run]()
        for segment in segments {
            switch segment {
            case .text(let text, let bold, let italic):
                runs.append(Run(text, bold: bold, italic: italic))
            case .reference(let id, let bold, let italic):
                if let number = numbers[id] {
                    runs.append(Run(number, bold: bold, italic: italic))
                } else {
                    let reason = allIds.contains(id) ? "which this contract leaves out" : "which does not exist"
                    errors.append(FieldError("clauses", "\(context) refers to article '\(id)', \(reason)"))
                }
            case .placeholder(let expression, let formatter, let bold, let italic):
                do {
                    guard let value = try expression.evaluate(scope) else {
                        for name in expression.variables.sorted() where scope[name] == nil {
                            errors.append(FieldError("variables.\(name)", "is needed by \(context)"))
                        }
                        continue
                    }
                    runs.append(Run(try ValueFormatting.format(value, formatter: formatter, language: language), bold: bold, italic: italic))
                } catch {
                    errors.append(FieldError("variables", "\(context): \(error.message)"))
                }
            }
        }
        return runs
    }

    /// Custom text typed by a person: paragraphs on blank lines, no markup, so nothing in it is interpreted.
    static func literalParagraphs(_ text: String) -> [Block] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { .paragraph([Run($0.replacingOccurrences(of: "\n", with: " "))]) }
    }
}
