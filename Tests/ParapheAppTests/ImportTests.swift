import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

@Suite struct ImportTests {
    static let multipartType = "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"

    @Test(arguments: TestEngine.all)
    func importedPDFIsStoredHashedAndSearchable(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given a signed legacy PDF
            let pdf = SamplePDF.make("Clause de résiliation anticipée (article 12)")
            let body = SamplePDF.multipart(file: pdf, filename: "acme-2019.pdf",
                                           metadata: #"{"title": "Contrat ACME 2019", "type": "msa", "status": "active", "signedAt": "2019-05-14", "endDate": "2027-05-13", "renewal": {"mode": "tacit", "period": "P12M", "notice": "P3M"}}"#)
            // when it is imported
            let r = try await app.call(.post, "/api/v1/contracts/import", as: "legal", raw: ByteBuffer(data: body), headers: [.contentType: Self.multipartType])
            // then the contract exists, with its document hashed
            #expect(r.status == 201, "\(r.text)")
            #expect(r.json["status"]?.string == "active")
            #expect(r.json["origin"]?.string == "import")
            #expect(r.json["signedAt"]?.string == "2019-05-14T12:00:00.000Z")
            let doc = try #require(r.json["documents"]?[0])
            #expect(doc["sha256"]?.string == BlobStore.sha256(pdf))
            #expect(doc["source"]?.string == "import")
            let content = try await app.call(.get, doc["url"]!.string!, as: "legal")
            #expect(content.status == 200)
            #expect(content.headers[.contentType] == "application/pdf")
            #expect(Data(buffer: content.body) == pdf)
            // and its text is found by search when pdftotext is installed
            let pdftotext = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
            #expect(doc["textIndexed"]?.bool == pdftotext)
            if pdftotext {
                let found = try await app.call(.get, "/api/v1/contracts?q=resiliation%20anticipee", as: "legal").json["items"]?.array ?? []
                #expect(found.compactMap { $0["title"]?.string } == ["Contrat ACME 2019"])
            }
            // a second import of the same bytes is refused as a duplicate
            let again = try await app.call(.post, "/api/v1/contracts/import", as: "legal", raw: ByteBuffer(data: body), headers: [.contentType: Self.multipartType])
            #expect(again.status == 409)
            #expect(again.text.contains("CTR-2026-000001"))
            // and the audit trail records the import and the document
            let id = r.json["id"]!.string!
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "legal").json["items"]?.array ?? []
            #expect(events.compactMap { $0["type"]?.string } == ["contract.created", "document.added"])
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["documents"]?[0]?["status"]?.string == "intact")
        }
    }

    @Test(arguments: TestEngine.all)
    func bulkImportSkipsDuplicatesAndCanRunAgain(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given a folder of PDFs, one duplicated, one fake, and a CSV for some of them
            let root = NSTemporaryDirectory() + "paraphe-import-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root + "/2024", withIntermediateDirectories: true)
            try SamplePDF.make("Contrat A").write(to: URL(fileURLWithPath: root + "/a.pdf"))
            try SamplePDF.make("Contrat B").write(to: URL(fileURLWithPath: root + "/2024/b.pdf"))
            try SamplePDF.make("Contrat A").write(to: URL(fileURLWithPath: root + "/copie-de-a.pdf"))
            try Data("not a pdf".utf8).write(to: URL(fileURLWithPath: root + "/notes.pdf"))
            try SamplePDF.make("Contrat C").write(to: URL(fileURLWithPath: root + "/c.pdf"))
            let csv = "file;title;type;endDate;amount;currency\n2024/b.pdf;Bail Lyon;nda;2027-06-30;1200,00;EUR\nc.pdf;Contrat C;msa;2026-13-45;;\n"
            try Data(csv.utf8).write(to: URL(fileURLWithPath: root + "/meta.csv"))
            let rows = try ImportManifest.read(path: root + "/meta.csv")
            let files = ImportManifest.pdfFiles(in: root)
            #expect(files == ["2024/b.pdf", "a.pdf", "c.pdf", "copie-de-a.pdf", "notes.pdf"])
            // when it is imported
            let first = try await app.withServices { services in
                try await BulkImport(services: services, root: root, files: files, rows: rows, ownerEmail: nil).run { _ in }
            }
            // then duplicates are skipped and bad files refused, each with its reason
            #expect(first.imported == ["2024/b.pdf", "a.pdf"])
            #expect(first.skipped.map(\.file) == ["copie-de-a.pdf"])
            #expect(Set(first.refused.map(\.file)) == ["c.pdf", "notes.pdf"])
            #expect(first.refused.first { $0.file == "c.pdf" }?.reason.contains("endDate") == true)
            #expect(first.refused.first { $0.file == "c.pdf" }?.reason.contains("amount") == false)
            // and a second run creates no doubles
            let second = try await app.withServices { services in
                try await BulkImport(services: services, root: root, files: files, rows: rows, ownerEmail: "legal@paraphe.test").run { _ in }
            }
            #expect(second.imported.isEmpty)
            #expect(second.skipped.count == 3)
            let all = try await app.call(.get, "/api/v1/contracts?sort=endDate", as: "legal").json["items"]?.array ?? []
            #expect(all.count == 2)
            #expect(all.first?["title"]?.string == "Bail Lyon")
            #expect(all.first?["type"]?.string == "nda")
            #expect(all.first?["amount"]?["amount"]?.string == "1200.00")
            try? FileManager.default.removeItem(atPath: root)
        }
    }
}
