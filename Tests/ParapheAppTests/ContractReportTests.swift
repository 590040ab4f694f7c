import Foundation
import NIOCore
import ParapheCore
import Testing

/// The contract report against times the test itself keeps: each contract created, reviewed, approved and signed at
/// known moments of a clock the test moves, and the figures compared with those moments.
@Suite struct ContractReportTests {
    static let day: TimeInterval = 86400

    @Test(arguments: TestEngine.all)
    func cycleTimesStagesAndTurnaroundFollowTheTrail(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: RenewalAppTests.longTokens) { app in
            // given legal approves every MSA above 10 000 €
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: """
                {"name": "Revue juridique", "when": {"amountAbove": {"amount": "10000.00", "currency": "EUR"}}, "require": [{"role": "legal"}]}
                """).status == 201)
            // and three contracts of sales, made at known moments: draft 1, 2 and 8 days, review 1 day (legal decides),
            // approved 2 days before the copy signed elsewhere
            var expectedCycles: [TimeInterval] = []
            var signedIds: [String] = []
            for (index, draftDays) in [1.0, 2.0, 8.0].enumerated() {
                let start = app.clock.read()
                let id = try #require(try await app.createContract(title: "Contrat \(index)")["id"]?.string)
                app.clock.advance(draftDays * Self.day)
                #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "inReview"}"#).json["status"]?.string == "inReview")
                app.clock.advance(Self.day)
                let step = try #require(try await ApprovalFlowTests.myApprovals(app, "legal").first { $0["contract"]?["id"]?.string == id }?["id"]?.string)
                #expect(try await ApprovalFlowTests.decide(app, step, as: "legal").status == 200)
                app.clock.advance(2 * Self.day)
                let boundary = "ReportBoundary"
                var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nSigné sur papier\r\n".utf8)
                body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
                body += SamplePDF.make("Signé") + Data("\r\n--\(boundary)--\r\n".utf8)
                #expect(try await app.call(.post, "/api/v1/contracts/\(id)/signed-elsewhere", as: "legal", raw: ByteBuffer(data: body),
                                           headers: [.contentType: "multipart/form-data; boundary=\(boundary)"]).json["status"]?.string == "signed")
                expectedCycles.append(app.clock.read().timeIntervalSince(start))
                signedIds.append(id)
            }
            // and one of sales2, still a draft, and an NDA of sales never signed
            _ = try await app.createContract(as: "sales2", title: "Brouillon")
            #expect(try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "NDA", "type": "nda"}"#).status == 201)

            // when legal reads the report by type
            let report = try await app.call(.get, "/api/v1/reports/contracts?groupBy=type", as: "legal")
            #expect(report.status == 200, "\(report.text)")
            let json = report.json
            #expect(json["scope"]?.string == "all")
            let groups = json["groups"]?.array ?? []
            let msa = try #require(groups.first { $0["key"]?.string == "msa" })
            // then the counts, the value signed and the cycle times are those the clock kept
            #expect(msa["contracts"]?.int == 4 && msa["signed"]?.int == 3)
            #expect(msa["valueSigned"]?.array?.first?["amount"]?.string == "144000.00" || msa["valueSigned"]?.array?.first?["amount"]?.string == "144000")
            let cycles = expectedCycles.sorted()
            #expect(msa["cycleTime"]?["count"]?.int == 3)
            #expect(msa["cycleTime"]?["medianDays"]?.number == cycles[1] / Self.day)
            #expect(msa["cycleTime"]?["p90Days"]?.number == cycles[2] / Self.day)
            #expect(groups.first { $0["key"]?.string == "nda" }?["signed"]?.int == 0)
            // time per stage: drafts of 1, 2, 8 days; review 1 day each; approved 2 days each
            let stages = Dictionary(uniqueKeysWithValues: (json["timeInState"]?.array ?? []).compactMap { s in s["status"]?.string.map { ($0, s["time"]!) } })
            #expect(stages["draft"]?["medianDays"]?.number == 2 && stages["draft"]?["p90Days"]?.number == 8 && stages["draft"]?["count"]?.int == 3)
            #expect(stages["inReview"]?["medianDays"]?.number == 1)
            #expect(stages["approved"]?["medianDays"]?.number == 2)
            // legal decided each step a day after it opened
            let turnaround = json["approvalTurnaround"]?.array ?? []
            #expect(turnaround.count == 1 && turnaround[0]["role"]?.string == "legal" && turnaround[0]["time"]?["medianDays"]?.number == 1)
            // the clock started on 2 March 2026: three legal steps in Q1 (3, 8 and 19 March), the last in its final fortnight
            let quarters = json["quarterEndLoad"]?.array ?? []
            #expect(quarters.compactMap { $0["quarter"]?.string } == ["2026-Q1"])
            #expect(quarters.first?["legalApprovals"]?.int == 3 && quarters.first?["lastTwoWeeks"]?.int == 1, "\(quarters)")
            let months = json["valueSignedByMonth"]?.array ?? []
            #expect(months.reduce(0) { $0 + ($1["contracts"]?.int ?? 0) } == 3)

            // a sales rep reads their own contracts only
            let own = try await app.call(.get, "/api/v1/reports/contracts?groupBy=owner", as: "sales2").json
            #expect(own["scope"]?.string == "own" && own["groups"]?.array?.map { $0["contracts"]?.int } == [1])
            // grouping by status, month and owner; filters; bad input names its field
            let byStatus = try await app.call(.get, "/api/v1/reports/contracts?groupBy=status", as: "admin").json["groups"]?.array ?? []
            #expect(Set(byStatus.compactMap { $0["key"]?.string }) == ["signed", "draft"])
            #expect(try await app.call(.get, "/api/v1/reports/contracts?groupBy=month&from=2027-01-01", as: "legal").json["groups"]?.array?.isEmpty == true)
            #expect(try await app.call(.get, "/api/v1/reports/contracts?type=nda", as: "legal").json["groups"]?.array?.count == 1)
            #expect(try await app.call(.get, "/api/v1/reports/contracts?groupBy=colour", as: "legal").fields == ["groupBy"])
            #expect(Set(try await app.call(.get, "/api/v1/reports/contracts?from=x&to=2026-01-01&ownerId=42", as: "legal").fields) == ["from", "ownerId"])
            #expect(try await app.call(.get, "/api/v1/reports/contracts?from=2026-05-01&to=2026-01-01", as: "legal").fields == ["to"])
            #expect(try await app.call(.get, "/api/v1/reports/contracts", as: nil).status == 401)
            // CSV
            let csv = try await app.call(.get, "/api/v1/reports/contracts?groupBy=type", as: "legal", headers: [.accept: "text/csv"]).text
            #expect(csv.hasPrefix("\u{FEFF}Type;Clé;Contrats;Signés;Valeur signée;Cycle médian (jours);Cycle p90 (jours)\r\n"), "\(csv)")
            #expect(csv.contains("Contrat-cadre de services;msa;4;3;144\u{A0}000,00\u{A0}€;"))

            // the page, with its charts and tables, for legal and for sales
            let legal = try await app.webSession(as: "legal")
            let page = try await app.call(.get, "/reports/contracts?groupBy=type", as: nil, headers: [.cookie: legal.cookie])
            #expect(page.status == 200 && page.text.contains("Activité contractuelle") && page.text.contains("aria-labelledby=\"groups-title\""))
            #expect(page.text.contains("Temps passé par étape") && page.text.contains("Charge du juridique en fin de trimestre") && page.text.contains("2026 T1"))
            let bad = try await app.call(.get, "/reports/contracts?from=hier", as: nil, headers: [.cookie: legal.cookie])
            #expect(bad.status == 422 && bad.text.contains("Date attendue"))
            let sales2 = try await app.webSession(as: "sales2")
            let theirs = try await app.call(.get, "/reports/contracts", as: nil, headers: [.cookie: sales2.cookie]).text
            #expect(theirs.contains("Vos contrats et ceux partagés avec vous") && theirs.contains("/reports/contracts\""), "linked in the navigation")
        }
    }
}
