import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

/// Every malformed request gets a clear 4xx problem and writes nothing.
@Suite struct BadInputTests {
    static let valid = #"{"title": "MSA", "type": "msa", "amount": {"amount": "10.00", "currency": "EUR"}, "startDate": "2026-01-01", "endDate": "2026-12-31"}"#

    @Test(arguments: TestEngine.all)
    func malformedContractsAreRefusedAndNothingIsWritten(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let cases: [(name: String, body: ByteBuffer, status: Int, fields: [String])] = [
                ("malformed JSON", ByteBuffer(string: #"{"title": "MSA", "type": "#), 400, []),
                ("not an object", ByteBuffer(string: #"["MSA"]"#), 422, []),
                ("invalid UTF-8", ByteBuffer(bytes: Array(#"{"title": ""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#"", "type": "msa"}"#.utf8)), 400, []),
                ("empty body", ByteBuffer(), 400, []),
                ("wrong type", ByteBuffer(string: #"{"title": 12, "type": "msa"}"#), 422, ["title"]),
                ("amount as a float", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "amount": {"amount": 10.5, "currency": "EUR"}}"#), 422, ["amount.amount"]),
                ("unknown type", ByteBuffer(string: #"{"title": "MSA", "type": "lease"}"#), 422, ["type"]),
                ("unknown renewal mode", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "renewal": {"mode": "forever"}}"#), 422, ["renewal.mode"]),
                ("negative amount", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "amount": {"amount": "-1.00", "currency": "EUR"}}"#), 422, ["amount.amount"]),
                ("bad currency", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "amount": {"amount": "1.00", "currency": "euros"}}"#), 422, ["amount.currency"]),
                ("end before start", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "startDate": "2026-05-01", "endDate": "2026-04-30"}"#), 422, ["endDate"]),
                ("impossible date", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "startDate": "2026-02-30"}"#), 422, ["startDate"]),
                ("absurd title", ByteBuffer(string: #"{"title": "\#(String(repeating: "é", count: 5000))", "type": "msa"}"#), 422, ["title"]),
                ("missing title and type", ByteBuffer(string: #"{"amount": {"amount": "1.00", "currency": "EUR"}}"#), 422, ["title", "type"]),
                ("tacit without period", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "endDate": "2027-01-01", "renewal": {"mode": "tacit"}}"#), 422, ["renewal.period", "renewal.notice"]),
                ("bad duration", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "endDate": "2027-01-01", "renewal": {"mode": "tacit", "period": "12 months", "notice": "P3M"}}"#), 422, ["renewal.period"]),
                ("unknown counterparty", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "counterpartyId": "\#(UUID().uuidString)"}"#), 422, ["counterpartyId"]),
                ("deep metadata", ByteBuffer(string: #"{"title": "MSA", "type": "msa", "metadata": {"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}}"#), 422, ["metadata"]),
            ]
            for c in cases {
                let r = try await app.call(.post, "/api/v1/contracts", as: "sales", raw: c.body, headers: [.contentType: "application/json"])
                #expect(r.status == c.status, "\(c.name): \(r.status) \(r.text)")
                #expect(r.headers[.contentType] == "application/problem+json", "\(c.name)")
                if !c.fields.isEmpty { #expect(r.fields == c.fields, "\(c.name): \(r.text)") }
            }
            let wrongMedia = try await app.call(.post, "/api/v1/contracts", as: "sales", raw: ByteBuffer(string: Self.valid), headers: [.contentType: "text/plain"])
            #expect(wrongMedia.status == 415)
            // nothing was written: no contract, and the next reference is still the first
            #expect(try await app.call(.get, "/api/v1/contracts").json["items"]?.array?.isEmpty == true)
            #expect(try await app.createContract()["reference"]?.string == "CTR-2026-000001")
        }
    }

    @Test(arguments: TestEngine.all)
    func oversizedBodiesGet413(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: { $0.maxBodyBytes = 64 * 1024 }) { app in
            let huge = #"{"title": "MSA", "type": "msa", "metadata": {"x": "\#(String(repeating: "a", count: 200_000))"}}"#
            let r = try await app.call(.post, "/api/v1/contracts", as: "sales", json: huge)
            #expect(r.status == 413, "\(r.text)")
            #expect(r.json["detail"]?.string?.contains("limit of 128 KiB") == true, "the message states the route's own limit: \(r.text)")
            let pdf = SamplePDF.multipart(file: Data(count: 100_000), filename: "big.pdf", metadata: nil)
            let i = try await app.call(.post, "/api/v1/contracts/import", as: "sales", raw: ByteBuffer(data: pdf),
                                       headers: [.contentType: "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"])
            #expect(i.status == 413)
            #expect(i.json["detail"]?.string?.contains("limit of 64 KiB") == true, "\(i.text)")
        }
    }

    @Test(arguments: TestEngine.all)
    func unknownThingsAre404AndUnauthenticatedIs401(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            #expect(try await app.call(.get, "/api/v1/contracts/\(UUID().uuidString)").status == 404)
            #expect(try await app.call(.get, "/api/v1/contracts/not-a-uuid").status == 404)
            #expect(try await app.call(.get, "/api/v1/nothing-here").status == 404)
            let anonymous = try await app.call(.get, "/api/v1/contracts", as: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await app.call(.get, "/api/v1/contracts", as: nil, headers: [.authorization: "Bearer nope"]).status == 401)
            #expect(try await app.call(.get, "/api/v1/contracts", as: nil, headers: [.authorization: "Basic abc"]).status == 401)
            #expect(try await app.call(.get, "/api/v1/contracts?status=weird").fields == ["status"])
            #expect(try await app.call(.get, "/api/v1/contracts?endsBefore=tomorrow").fields == ["endsBefore"])
        }
    }

    @Test(arguments: TestEngine.all)
    func importRefusesWhatIsNotAPDF(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let fake = SamplePDF.multipart(file: Data("PK\u{3}\u{4} this is a zip, not a pdf".utf8), filename: "contrat.pdf", metadata: #"{"title": "Faux"}"#)
            let r = try await app.call(.post, "/api/v1/contracts/import", as: "sales", raw: ByteBuffer(data: fake),
                                       headers: [.contentType: "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"])
            #expect(r.status == 422)
            #expect(r.fields == ["file"])
            let badMeta = SamplePDF.multipart(file: SamplePDF.make("x"), filename: "c.pdf", metadata: #"{"title": 5}"#)
            let m = try await app.call(.post, "/api/v1/contracts/import", as: "sales", raw: ByteBuffer(data: badMeta),
                                       headers: [.contentType: "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"])
            #expect(m.status == 422)
            #expect(m.fields == ["metadata.title"])
            // a header name with non-ASCII bytes once crashed multipart-kit, and with it the server
            var hostile = Data("--ParapheBoundary7MA4YWxk\r\n".utf8)
            hostile += Data([0xC3, 0xB6, 0xC2, 0x9C, 0xF3, 0x90, 0x8B, 0x9E])
            hostile += Data("--ParapheBoundary7MA4YWxk--\r\n".utf8)
            let crash = try await app.call(.post, "/api/v1/contracts/import", as: "sales", raw: ByteBuffer(data: hostile),
                                           headers: [.contentType: "multipart/form-data; boundary=ParapheBoundary7MA4YWxk"])
            #expect(crash.status == 400)
            #expect(try await app.call(.get, "/health", as: nil).status == 200)
            let notMultipart = try await app.call(.post, "/api/v1/contracts/import", as: "sales", json: "{}")
            #expect(notMultipart.status == 415)
            #expect(try await app.call(.get, "/api/v1/contracts").json["items"]?.array?.isEmpty == true)
        }
    }
}
