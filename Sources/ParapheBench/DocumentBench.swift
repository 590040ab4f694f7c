import Foundation
import ParapheDocuments

/// Renders the benchmark contract (scripts/bench-documents/content.py) to PDF and DOCX, as Paraphe does for a
/// generated contract, and prints the mean milliseconds per document as JSON.
///     paraphe-bench content.json runs output-dir
struct Content: Decodable {
    struct Section: Decodable {
        var number: String
        var title: String
        var paragraphs: [String]
        var children: [Section]?
    }
    var title: String
    var subtitle: String
    var parties: [Party]
    var preamble: [String]
    var articles: [Section]
    var closing: String

    var document: DocumentModel {
        func article(_ s: Section, level: Int) -> Article {
            Article(id: "a\(s.number)", number: s.number, level: level, title: s.title, clauseKey: "a\(s.number)",
                    blocks: s.paragraphs.map { .paragraph([Run($0)]) }, children: (s.children ?? []).map { article($0, level: level + 1) })
        }
        return DocumentModel(language: .fr, title: title, subtitle: subtitle, parties: parties, preamble: preamble.map { .paragraph([Run($0)]) },
                             articles: articles.map { article($0, level: 1) },
                             signature: SignaturePage(closing: closing, signatories: parties.map { Signatory(party: $0.name, name: $0.representative) }))
    }
}

enum DocumentBench {
    static func run(_ arguments: [String]) throws {
        guard arguments.count == 4, let runs = Int(arguments[2]), runs > 0 else {
            FileHandle.standardError.write(Data("usage: paraphe-bench content.json runs output-dir\n".utf8))
            exit(64)
        }
        let document = try JSONDecoder().decode(Content.self, from: Data(contentsOf: URL(fileURLWithPath: arguments[1]))).document
        let fonts = FontSet.load()
        let renderer = PDFRenderer(fonts: fonts)
        let writer = DOCXWriter()
        var pdf = Data(), docx = Data()
        // One warm-up, then the measured runs.
        pdf = renderer.render(document)
        docx = try writer.render(document)
        let clock = ContinuousClock()
        var pdfTime = Duration.zero, docxTime = Duration.zero
        for _ in 0..<runs {
            pdfTime += clock.measure { pdf = renderer.render(document) }
            docxTime += try clock.measure { docx = try writer.render(document) }
        }
        let output = URL(fileURLWithPath: arguments[3])
        try pdf.write(to: output.appendingPathComponent("paraphe.pdf"))
        try docx.write(to: output.appendingPathComponent("paraphe.docx"))
        func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
        let result: [String: Double] = ["pdfMs": milliseconds(pdfTime) / Double(runs), "docxMs": milliseconds(docxTime) / Double(runs),
                                        "pdfBytes": Double(pdf.count), "docxBytes": Double(docx.count)]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self), "fonts:", fonts.description)
    }
}
