import ParapheCore

/// The preview: semantic, accessible HTML (one heading level per article level, lists as lists, tables with header
/// cells). Every text is escaped; nothing from a contract's data is ever read as markup.
public struct HTMLRenderer: Sendable {
    /// Articles to set apart, by template node id, each with the words saying why: the wizard marks the derogations
    /// a draft carries, in the reader's language.
    public var marks: [String: String]

    public init(marks: [String: String] = [:]) { self.marks = marks }

    public func render(_ document: DocumentModel) -> String {
        let language = document.language
        var html = "<article class=\"contract\" lang=\"\(language.rawValue)\">"
        html += "<header><h1>\(HTMLText.escape(document.title))</h1>"
        if let subtitle = document.subtitle { html += "<p class=\"subtitle\">\(HTMLText.escape(subtitle))</p>" }
        html += "</header>"
        if !document.parties.isEmpty {
            html += "<section class=\"parties\" aria-label=\"\(language == .fr ? "Parties" : "Parties")\">"
            html += "<p class=\"parties-heading\"><strong>\(HTMLText.escape(DocumentWording.partiesHeading(language)))</strong></p>"
            for (index, party) in document.parties.enumerated() {
                if index > 0 { html += "<p class=\"parties-separator\"><strong>\(HTMLText.escape(DocumentWording.partiesSeparator(language)))</strong></p>" }
                let details = DocumentWording.partyDetails(party, language, last: index == document.parties.count - 1)
                html += "<p><strong>\(HTMLText.escape(party.name))</strong>\(HTMLText.escape(details))</p>"
            }
            html += "</section>"
        }
        if !document.preamble.isEmpty { html += "<section class=\"preamble\">\(blocks(document.preamble))</section>" }
        for article in document.articles { html += self.article(article) }
        if let signature = document.signature {
            let labels = DocumentWording.signatureLabels(language)
            html += "<section class=\"signature\"><h2>\(HTMLText.escape(DocumentWording.signaturesHeading(language)))</h2>"
            html += "<p>\(HTMLText.escape(signature.closing))</p><div class=\"signatories\">"
            for signatory in signature.signatories {
                html += "<div class=\"signatory\"><p><strong>\(HTMLText.escape(signatory.party))</strong></p>"
                html += "<p>\(HTMLText.escape(labels.name)) \(HTMLText.escape(signatory.name ?? ""))</p>"
                html += "<p>\(HTMLText.escape(labels.capacity)) \(HTMLText.escape(signatory.capacity ?? ""))</p>"
                html += "<p>\(HTMLText.escape(labels.signature))</p></div>"
            }
            html += "</div></section>"
        }
        for (index, annex) in document.annexes.enumerated() {
            html += "<section class=\"annex\"><h2>\(HTMLText.escape(DocumentWording.annexHeading(index, annex, language)))</h2>\(blocks(annex.blocks))</section>"
        }
        return html + "</article>"
    }

    private func article(_ article: Article) -> String {
        let level = min(article.level + 1, 6)
        let mark = marks[article.id]
        var html = "<section class=\"\(mark == nil ? "article" : "article marked")\" id=\"article-\(HTMLText.escape(article.id))\""
        if let key = article.clauseKey { html += " data-clause=\"\(HTMLText.escape(key))\"" }
        html += "><h\(level)>\(HTMLText.escape(DocumentWording.articleHeading(article)))</h\(level)>"
        if let mark { html += "<p class=\"mark-note\">\(HTMLText.escape(mark))</p>" }
        html += blocks(article.blocks)
        for child in article.children { html += self.article(child) }
        return html + "</section>"
    }

    /// A library clause's source as a person reads it: bold, italics, lists and tables rendered, each placeholder
    /// shown as a marked gap named by `placeholder` (given the variables it reads), each cross-reference as
    /// `reference`. Source that does not parse shows as plain paragraphs.
    public static func clause(_ source: String, placeholder: ([String]) -> String, reference: String) -> String {
        guard let template = try? TextTemplate.parse(source) else {
            return TextWriter.literalParagraphs(source).map { HTMLRenderer().blocks([$0]) }.joined()
        }
        func clean(_ text: String) -> String { text.filter { $0 != "\u{1}" && $0 != "\u{2}" } }
        func runs(_ segments: [TextTemplate.Segment]) -> [Run] {
            segments.map { segment in
                switch segment {
                case .text(let text, let bold, let italic): Run(clean(text), bold: bold, italic: italic)
                case .placeholder(let expression, _, let bold, let italic): Run("\u{1}\(clean(placeholder(expression.variables.sorted())))\u{2}", bold: bold, italic: italic)
                case .reference(_, let bold, let italic): Run("\u{1}\(clean(reference))\u{2}", bold: bold, italic: italic)
                }
            }
        }
        let blocks: [Block] = template.blocks.map { block in
            switch block {
            case .paragraph(let segments): .paragraph(runs(segments))
            case .list(let ordered, let items): .list(ordered: ordered, items: items.map(runs))
            case .table(let header, let rows): .table(header: header, rows: rows.map { $0.map(runs) })
            }
        }
        // The markers survive escaping and become the gap's markup only after it.
        return HTMLRenderer().blocks(blocks).replacingOccurrences(of: "\u{1}", with: "<span class=\"placeholder\">")
            .replacingOccurrences(of: "\u{2}", with: "</span>")
    }

    private func blocks(_ blocks: [Block]) -> String {
        blocks.map { block in
            switch block {
            case .paragraph(let runs): "<p>\(self.runs(runs))</p>"
            case .list(let ordered, let items):
                "<\(ordered ? "ol" : "ul")>" + items.map { "<li>\(runs($0))</li>" }.joined() + "</\(ordered ? "ol" : "ul")>"
            case .table(let header, let rows):
                "<table>" + rows.enumerated().map { index, row in
                    let cell = header && index == 0 ? "th" : "td"
                    return "<tr>" + row.map { "<\(cell)>\(runs($0))</\(cell)>" }.joined() + "</tr>"
                }.joined() + "</table>"
            }
        }.joined()
    }

    private func runs(_ runs: [Run]) -> String {
        runs.map { run in
            var text = HTMLText.escape(run.text)
            if run.italic { text = "<em>\(text)</em>" }
            if run.bold { text = "<strong>\(text)</strong>" }
            return text
        }.joined()
    }
}

public enum HTMLText {
    /// Text and attribute values alike: `&`, `<`, `>`, `"` and `'` become entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
