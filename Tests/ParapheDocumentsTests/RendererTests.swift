import Foundation
import ParapheCore
@testable import ParapheDocuments
import Testing
import ZIPFoundation

@Suite(.serialized) struct RendererTests {
    let document = SampleContract.french()

    @Test func htmlIsEscapedAndStructured() {
        var model = document
        model.title = "<script>alert(1)</script> & « fin »"
        let html = HTMLRenderer().render(model)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; « fin »"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<h2"))
        #expect(html.contains("&lt;w:t&gt;texte&lt;/w:t&gt;"))
    }

    @Test func docxHasStylesNumberingAndTaggedContentControls() throws {
        var model = document
        model.articles[0].clauseKey = "object"
        model.articles[1].clauseKey = "definitions"
        let data = try DOCXWriter().render(model)
        let archive = try Archive(data: data, accessMode: .read)
        func part(_ path: String) throws -> String {
            var bytes = Data()
            _ = try archive.extract(try #require(archive[path]), consumer: { bytes.append($0) })
            return String(decoding: bytes, as: UTF8.self)
        }
        let body = try part("word/document.xml")
        #expect(body.contains(#"<w:tag w:val="object"/>"#))
        #expect(body.contains(#"<w:tag w:val="definitions"/>"#))
        #expect(body.contains("&lt;w:t&gt;texte&lt;/w:t&gt;"))
        #expect(try part("word/styles.xml").contains(#"<w:numId w:val="1"/>"#))
        #expect(try part("word/numbering.xml").contains(#"<w:lvlText w:val="%1.%2"/>"#))
        #expect(try part("word/footer1.xml").contains("NUMPAGES"))
    }

    @Test func docxOpensInPythonDocx() throws {
        var model = document
        model.articles[0].clauseKey = "object"
        let directory = try Checkers.temporaryDirectory()
        let path = directory.appendingPathComponent("contract.docx")
        try DOCXWriter().render(model).write(to: path)
        let script = """
        import sys, docx
        d = docx.Document(sys.argv[1])
        ns = {'w': 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'}
        tags = [t.get('{%s}val' % ns['w']) for t in d.element.body.findall('.//w:sdt/w:sdtPr/w:tag', ns)]
        styles = sorted({p.style.name for p in d.paragraphs})
        text = '\\n'.join(p.text for p in d.paragraphs)
        print(repr(tags)); print(repr(styles)); print(text)
        """
        let result = try Checkers.run("/usr/bin/env", [Checkers.python, "-c", script, path.path])
        guard result.status == 0 else {
            if result.errors.contains("No module named 'docx'"), !Checkers.required { return }
            Issue.record("python-docx failed: \(result.errors)")
            return
        }
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "['object']")
        for style in ["Heading 1", "Heading 2", "Title", "Body Text"] { #expect(lines[1].contains("'\(style)'")) }
        #expect(result.output.contains("\\( ) ) ( \\\\ <w:t>texte</w:t> & %PDF endobj."))
        #expect(result.output.contains(SampleContract.longWord))
    }

    @Test func docxConvertsInLibreOffice() throws {
        guard let soffice = Checkers.find("soffice") else { return }
        let directory = try Checkers.temporaryDirectory()
        try DOCXWriter().render(document).write(to: directory.appendingPathComponent("contract.docx"))
        let result = try Checkers.run(soffice, ["-env:UserInstallation=file://\(directory.path)/profile", "--headless",
                                                "--convert-to", "txt:Text", "--outdir", directory.path,
                                                directory.appendingPathComponent("contract.docx").path])
        #expect(result.status == 0, "\(result.errors)")
        let text = try String(contentsOf: directory.appendingPathComponent("contract.txt"), encoding: .utf8)
        // LibreOffice applies the heading numbering from the styles: Word-style numbering is real, not typed in.
        #expect(text.contains("Article 1 – Objet"))
        #expect(text.contains("1.2 Modalités particulières"))
        #expect(text.contains("Article 30 –"))
    }

    @Test func pdfPassesQpdfAndGivesBackTheExactText() throws {
        let fonts = FontSet.load()
        if Checkers.required { #expect(fonts.isEmbedded, "the test command installs DejaVu and Liberation") }
        let data = PDFRenderer(fonts: fonts).render(document)
        #expect(data.count <= 150 * 1024, "PDF is \(data.count) bytes")
        let directory = try Checkers.temporaryDirectory()
        let path = directory.appendingPathComponent("contract.pdf").path
        try data.write(to: URL(fileURLWithPath: path))

        if let qpdf = Checkers.find("qpdf") {
            let check = try Checkers.run(qpdf, ["--check", path])
            #expect(check.status == 0, "\(check.output)\(check.errors)")
        }
        if let pdffonts = Checkers.find("pdffonts"), fonts.isEmbedded {
            let listing = try Checkers.run(pdffonts, [path]).output
            let rows = listing.split(separator: "\n").dropFirst(2)
            #expect(!rows.isEmpty)
            // Columns: name type encoding emb sub uni object id.
            for row in rows {
                let columns = row.split(separator: " ", omittingEmptySubsequences: true)
                #expect(columns.count >= 7 && columns[columns.count - 5] == "yes" && columns[columns.count - 3] == "yes", "\(row)")
            }
        }
        guard let pdftotext = Checkers.find("pdftotext") else { return }
        let text = try Checkers.run(pdftotext, ["-enc", "UTF-8", path, "-"]).output
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: true)
        #expect(pages.count >= 15 && pages.count <= 25, "\(pages.count) pages")
        #expect(text.contains("Page 1 / \(pages.count)"))
        #expect(text.contains("Page \(pages.count) / \(pages.count)"))
        #expect(pages.allSatisfy { $0.contains("Acme Édition SAS / Globex Société Anonyme") })

        let flat = Checkers.collapsed(text)
        for expected in ["Contrat de prestation de services (version « définitive »)", "1 234,50 €",
                         "\\( ) ) ( \\\\ <w:t>texte</w:t> & %PDF endobj.", "Mme Hélène Faÿ", "M. François Cœur",
                         "Article 30 – Résiliation", "Fait à Paris, le 1er mars 2026, en deux exemplaires originaux.",
                         "Maintenance évolutive et corrective"] {
            #expect(flat.contains(expected), "missing \(expected)")
        }
        #expect(flat.filter { !$0.isWhitespace }.contains(SampleContract.longWord))
        let paragraph = Checkers.collapsed(SampleContract.paragraph(7, variant: 1).plainText)
        #expect(flat.contains(paragraph))
    }

    @Test func aTableRowTallerThanAPageContinuesOnTheNext() throws {
        let long = (1...700).map { "mot\($0)" }.joined(separator: " ") + " FIN-DE-CELLULE"
        let model = DocumentModel(language: .fr, title: "Tableau", articles: [
            Article(id: "a", number: "1", level: 1, title: "Grille", blocks: [.table(header: false, rows: [[[Run("Prestation")], [Run(long)]]])]),
        ])
        guard let pdftotext = Checkers.find("pdftotext") else { return }
        let path = try Checkers.temporaryDirectory().appendingPathComponent("table.pdf").path
        try PDFRenderer(fonts: .load()).render(model).write(to: URL(fileURLWithPath: path))
        let text = try Checkers.run(pdftotext, ["-enc", "UTF-8", path, "-"]).output
        #expect(text.contains("FIN-DE-CELLULE"))
        #expect(text.contains("mot700"))
        #expect(text.split(separator: "\u{0C}").count >= 2)
    }

    @Test func pdfFallsBackToStandardFontsWhenNoFontIsFound() throws {
        let fonts = FontSet.load(environment: ["PARAPHE_PDF_SYSTEM_FONTS": "off"])
        #expect(!fonts.isEmbedded)
        #expect(fonts.description.contains("not embedded"))
        let data = PDFRenderer(fonts: fonts).render(document)
        guard let pdftotext = Checkers.find("pdftotext"), let qpdf = Checkers.find("qpdf") else { return }
        let path = try Checkers.temporaryDirectory().appendingPathComponent("standard.pdf").path
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try Checkers.run(qpdf, ["--check", path]).status == 0)
        let flat = Checkers.collapsed(try Checkers.run(pdftotext, ["-enc", "UTF-8", path, "-"]).output)
        #expect(flat.contains("« définitive »"))
        #expect(flat.contains("1 234,50 €"))
        #expect(flat.contains("M. François Cœur"))
    }
}
