/// CSV that a spreadsheet opens as written: UTF-8 with a byte-order mark (so Excel keeps the accents), `;` between
/// fields in French (where `,` is the decimal mark) and `,` in English, CRLF line ends, quotes where a field needs
/// them. A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
/// prefixed with `'`, so an exported contract title cannot run anything on the reader's machine.
public struct CSV: Sendable {
    public let separator: Character

    public init(language: Language) { separator = language == .fr ? ";" : "," }

    /// What opens the file: the byte-order mark.
    public static let bom = "\u{FEFF}"

    public func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + "\r\n"
    }

    func field(_ raw: String) -> String {
        var text = raw
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(separator) || text.contains("\"") || text.contains("\n") || text.contains("\r") else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
