import ParapheCore

extension Block {
    /// Paragraphs as lines, list items with their marker, table cells separated by tabs.
    public var plainText: String {
        switch self {
        case .paragraph(let runs): runs.plainText
        case .list(let ordered, let items):
            items.enumerated().map { (ordered ? "\($0.offset + 1). " : "• ") + $0.element.plainText }.joined(separator: "\n")
        case .table(_, let rows): rows.map { $0.map(\.plainText).joined(separator: "\t") }.joined(separator: "\n")
        }
    }
}

extension Array where Element == Block {
    /// The text a clause instance stores and hashes: blocks separated by a blank line.
    public var plainText: String { map(\.plainText).joined(separator: "\n\n") }
}

extension DocumentModel {
    /// The whole contract as text, in reading order: what search indexes.
    public var plainText: String {
        var parts = [title] + (subtitle.map { [$0] } ?? [])
        parts += parties.enumerated().map { index, party in
            party.name + DocumentWording.partyDetails(party, language, last: index == parties.count - 1)
        }
        parts.append(preamble.plainText)
        for article in articles.flatMap(\.flattened) {
            parts.append(DocumentWording.articleHeading(article))
            parts.append(article.blocks.plainText)
        }
        if let signature { parts.append(signature.closing) }
        for annex in annexes { parts += [annex.title, annex.blocks.plainText] }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
