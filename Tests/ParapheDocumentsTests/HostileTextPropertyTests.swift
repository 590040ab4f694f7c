import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ParapheCore
@testable import ParapheDocuments
import PropertyBased
import Testing
import ZIPFoundation

/// Whatever a sales rep types into a variable comes out literally in all three formats and never breaks them.
@Suite(.serialized) struct HostileTextPropertyTests {
    static let pieces = ["<", ">", "&", "\"", "'", "<w:t>", "</w:t>", "]]>", "<script>", "(", ")", "\\", "\\(", ") Tj",
                         "endstream", "%PDF", "€", "«", "»", "œ", "ÿ", "\u{202F}", "\u{00A0}", "{{", "}}", "**", "|", "-",
                         "mot", " ", "Ω", "漢", String(repeating: "x", count: 120), "&amp;", "\u{0007}"]

    static let hostile = Gen.element(of: pieces).array(of: 1...14).map { pieces in pieces.compactMap { $0 }.joined() }

    /// What survives: control characters are dropped everywhere, the rest stays.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    func generate(_ text: String) throws -> GeneratedContract {
        var variables = SampleTemplate.variables
        variables["note"] = .string(text)
        // A party name holds at most 300 characters; the note takes the whole text.
        variables["client"] = .object(["name": .string(String(text.prefix(300))), "address": .string("Lyon")])
        return try SampleTemplate.generate(variables)
    }

    @Test func htmlAndDocxKeepHostileTextLiteral() async throws {
        await propertyCheck(count: 150, input: Self.hostile) { text in
            guard Self.visible(text).contains(where: { !$0.isWhitespace }) else { return }
            let contract: GeneratedContract
            do { contract = try generate(text) } catch {
                // Control characters are refused with a field error; anything else must render.
                let refused = (error as? ValidationFailure)?.errors.contains { $0.message.contains("control characters") } ?? false
                #expect(refused && text != Self.visible(text), "generation failed for \(text.debugDescription): \(error)")
                return
            }
            let html = HTMLRenderer().render(contract.document)
            #expect(html.contains(HTMLText.escape(Self.visible(text))))
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<w:t>"))

            guard let docx = try? DOCXWriter().render(contract.document),
                  let archive = try? Archive(data: docx, accessMode: .read), let entry = archive["word/document.xml"] else {
                Issue.record("DOCX failed for \(text.debugDescription)")
                return
            }
            var xml = Data()
            _ = try? archive.extract(entry, consumer: { xml.append($0) })
            let collector = TextCollector()
            let parser = XMLParser(data: xml)
            parser.delegate = collector
            #expect(parser.parse(), "document.xml is not well-formed for \(text.debugDescription)")
            #expect(collector.paragraphs.contains { $0.contains(Self.visible(text)) })
        }
    }

    @Test func pdfKeepsHostileTextLiteral() async throws {
        guard let pdftotext = Checkers.find("pdftotext") else { return }
        let renderer = PDFRenderer(fonts: .load())
        await propertyCheck(count: 25, input: Self.hostile) { text in
            let visible = Self.visible(text)
            guard visible.contains(where: { !$0.isWhitespace }), let contract = try? generate(text) else { return }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("paraphe-fuzz-\(UUID().uuidString).pdf")
            defer { try? FileManager.default.removeItem(at: path) }
            guard (try? renderer.render(contract.document).write(to: path)) != nil,
                  let result = try? Checkers.run(pdftotext, ["-enc", "UTF-8", path.path, "-"]) else {
                Issue.record("cannot render or read the PDF for \(text.debugDescription)")
                return
            }
            #expect(result.status == 0, "\(result.errors)")
            // Line breaks may fall anywhere a long word must be split, so compare without whitespace; glyphs the
            // font lacks (漢 in a Latin font) come back as "?".
            let expected = visible.unicodeScalars.filter { !$0.properties.isWhitespace }
                .map { renderer.fonts.covers($0) ? String($0) : "?" }.joined()
            let extracted = String(result.output.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
            #expect(extracted.contains(expected), "\(text.debugDescription) not found")
        }
    }
}

/// Collects the text of each `w:p`, the way Word shows it.
final class TextCollector: NSObject, XMLParserDelegate {
    var paragraphs: [String] = []
    private var current = ""
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "w:p" { current = "" }
        if name == "w:t" { inText = true }
        if name == "w:tab" { current += "\t" }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "w:t" { inText = false }
        if name == "w:p" { paragraphs.append(current) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}
