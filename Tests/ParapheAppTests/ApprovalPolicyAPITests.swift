import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing
import ParapheServices

@Suite struct ApprovalPolicyAPITests {
    static let derogationRule = #"{"name": "Toute dérogation", "when": {"hasDerogation": true}, "require": [{"role": "legal"}]}"#
    static let amountRule = #"{"name": "Plus de 50 000 €", "when": {"amountAbove": {"amount": "50000.00", "currency": "EUR"}}, "require": [{"role": "finance", "order": 2}]}"#

    @Test(arguments: TestEngine.all)
    func simulateSaysWhichApprovalsAndWhy(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            for rule in [Self.derogationRule, Self.amountRule] {
                let r = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule)
                #expect(r.status == 201, "\(r.text)")
            }
            let rules = try await app.call(.get, "/api/v1/approval-policies", as: "sales").json["items"]?.array ?? []
            #expect(rules.map { $0["position"]?.int } == [1, 2])

            // a generated contract with a derogation, above the threshold
            let templateId = try await TemplateAPITests.publishTemplate(app)
            let contract = try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"templateId": "\(templateId)", "clauses": {"paymentTerms": "payment60Days"},
                 "variables": {"client": {"name": "Initech"}, "price": {"amount": "60000.00", "currency": "EUR"}, "startDate": "2026-03-01"}}
                """).json
            let id = try #require(contract["id"]?.string)
            let simulated = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "sales", json: #"{"contractId": "\#(id)"}"#)
            #expect(simulated.status == 200, "\(simulated.text)")
            let required = simulated.json["required"]?.array ?? []
            // finance, asked by the rule (order 2) and by the clause (order 1), decides once at order 1 for both reasons
            #expect(required.map { "\($0["order"]?.int ?? 0):\($0["role"]?.string ?? "")" } == ["1:legal", "1:finance"])
            #expect(required[0]["reasons"]?[0]?["rule"]?.string == "Toute dérogation")
            #expect(required[0]["reasons"]?[0]?["because"]?[0]?.string == "derogation: paymentTerms (payment60Days)")
            #expect(required[1]["reasons"]?[0]?["because"]?[0]?.string == "amount 60000.00 EUR is above 50000.00 EUR")
            #expect(required[1]["reasons"]?[1]?["because"]?[0]?.string == "payment60Days of clause paymentTerms requires finance")

            // a draft: small and standard, nothing needed
            let draft = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "sales",
                                           json: #"{"contract": {"type": "msa", "amount": {"amount": "1000.00", "currency": "EUR"}}}"#)
            #expect(draft.json["required"]?.array?.isEmpty == true)

            // deleting the first rule moves the second up
            let first = try #require(rules.first?["id"]?.string)
            #expect(try await app.call(.delete, "/api/v1/approval-policies/\(first)", as: "legal").status == 204)
            #expect(try await app.call(.get, "/api/v1/approval-policies", as: "legal").json["items"]?[0]?["position"]?.int == 1)
            #expect(try await app.call(.delete, "/api/v1/approval-policies/\(first)", as: "legal").status == 404)
        }
    }

    /// Rules test a generated contract's template variables, and the metadata of contracts made by hand: on
    /// submission, in the simulator, and on past contracts.
    @Test(arguments: TestEngine.all)
    func rulesTestVariables(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let rules = [#"{"name": "Prix élevé", "when": {"variables": [{"name": "price", "above": "50000"}]}, "require": [{"role": "finance"}]}"#,
                         #"{"name": "Hors Europe", "when": {"variables": [{"name": "region", "in": ["APAC", "US"]}]}, "require": [{"role": "legal"}]}"#]
            for rule in rules { #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201) }
            let templateId = try await TemplateAPITests.publishTemplate(app)
            func generate(_ price: String) async throws -> String {
                try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                    {"templateId": "\(templateId)", "variables": {"client": {"name": "Initech"}, "price": {"amount": "\(price)", "currency": "EUR"}, "startDate": "2026-03-01"}}
                    """).json["id"]?.string)
            }
            let big = try await generate("60000.00"), small = try await generate("9000.00")
            let submitted = try await ApprovalFlowTests.submit(app, big)
            #expect(submitted["approvals"]?[0]?["role"]?.string == "finance")
            #expect(submitted["approvals"]?[0]?["reasons"]?[0]?["because"]?[0]?.string == "variable price is €60,000.00")
            let none = try await ApprovalFlowTests.submit(app, small)
            #expect(none["status"]?.string == "approved", "below the threshold, nothing is needed")

            // a hand-made contract: its metadata stand for variables
            let asia = try #require(try await app.createContract(extra: #", "metadata": {"region": "APAC"}"#)["id"]?.string)
            let simulated = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "sales", json: #"{"contractId": "\#(asia)"}"#).json
            #expect(simulated["required"]?[0]?["reasons"]?[0]?["because"]?.array?.map(\.string) == ["variable region is APAC"])
            let draft = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "sales",
                                           json: #"{"contract": {"type": "nda", "variables": {"region": "US"}}}"#).json
            #expect(draft["required"]?[0]?["role"]?.string == "legal")

            // on past contracts
            let history = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "legal", json: #"""
                {"rule": {"name": "Prix élevé", "when": {"variables": [{"name": "price", "above": 5000}]}, "require": [{"role": "finance"}]}}
                """#).json["history"]
            #expect(history?["matched"]?.int == 2)
            #expect(Set(history?["contracts"]?.array?.compactMap { $0["id"]?.string } ?? []) == [big, small])

            // bad tests name their field; an unknown key in a test is refused
            let bad = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: #"""
                {"name": "Mal", "when": {"variables": [{"name": "price"}, {"name": "x", "above": "beaucoup", "in": []}]}, "require": [{"role": "legal"}]}
                """#)
            #expect(bad.fields == ["when.variables[0]", "when.variables[1].above", "when.variables[1].in"])
            let typo = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: #"""
                {"name": "Mal", "when": {"variables": [{"name": "price", "abov": 5}]}, "require": [{"role": "legal"}]}
                """#)
            #expect(typo.status == 422 && typo.fields == ["when.variables[0].abov"], "\(typo.text)")
            let tried = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "legal", json: #"""
                {"rule": {"name": "Mal", "when": {"variables": [{"name": "price", "equals": 1, "abvoe": 5}]}, "require": [{"role": "legal"}]}}
                """#)
            #expect(tried.fields == ["rule.when.variables[0].abvoe"], "the simulator is as strict: \(tried.text)")
        }
    }

    /// Rules read metadata, so new metadata that change what the policy asks for reopen the approval; others do not.
    @Test(arguments: TestEngine.all)
    func metadataThatMoveThePolicyResetTheApproval(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let rule = #"{"name": "Hors Europe", "when": {"variables": [{"name": "region", "in": ["APAC", "US"]}]}, "require": [{"role": "legal"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            let id = try #require(try await app.createContract(extra: #", "metadata": {"region": "FR"}"#)["id"]?.string)
            #expect(try await ApprovalFlowTests.submit(app, id)["status"]?.string == "approved", "no step for France")
            func patch(_ metadata: String) async throws -> JSONValue {
                let r = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"metadata": \#(metadata)}"#)
                #expect(r.status == 200, "\(r.text)")
                return r.json
            }
            #expect(try await patch(#"{"region": "FR", "crmStage": "won"}"#)["status"]?.string == "approved", "the policy asks for the same")
            let moved = try await patch(#"{"region": "APAC", "crmStage": "won"}"#)
            #expect(moved["status"]?.string == "inReview")
            #expect(moved["approvals"]?[0]?["role"]?.string == "legal")
            #expect(moved["approvalRequest"]?["reason"]?.string == "terms changed after approval: metadata")
            // during review too: back to Europe, the legal step is no longer needed
            let back = try await patch(#"{"region": "FR"}"#)
            #expect(back["status"]?.string == "approved", "\(back)")
        }
    }

    @Test(arguments: TestEngine.all)
    func badRulesNameTheField(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "sales", json: Self.derogationRule).status == 403)
            let bad = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: #"""
                {"name": "", "when": {"contractTypes": ["leasing"], "amountAbove": {"amount": "-1.00", "currency": "EUR"}, "durationMonthsAbove": -3},
                 "require": [{"role": "boss"}, {"role": "legal", "users": ["00000000-0000-0000-0000-000000000000"]}, {"mode": "some", "order": 0}],
                 "position": 0}
                """#)
            #expect(bad.status == 422)
            #expect(Set(bad.fields) == ["name", "when.contractTypes[0]", "when.amountAbove.amount", "when.durationMonthsAbove", "position",
                                        "require[0].role", "require[1].users[0]", "require[1]", "require[2]", "require[2].mode", "require[2].order"])
            // a misspelt criterion would widen the rule to every contract: it is refused, named
            let typo = try await app.call(.post, "/api/v1/approval-policies", as: "legal",
                                          json: #"{"name": "x", "when": {"amountAbov": {"amount": "1.00", "currency": "EUR"}}, "require": [{"role": "legal", "ordre": 2}]}"#)
            #expect(typo.status == 422)
            #expect(typo.fields == ["require[0].ordre", "when.amountAbov"])
            let empty = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: #"{"name": "x"}"#)
            #expect(empty.fields == ["require"])
            let neither = try await app.call(.post, "/api/v1/approval-policies/simulate", as: "sales", json: #"{}"#)
            #expect(neither.fields == ["contractId"])
            #expect(try await app.call(.post, "/api/v1/approval-policies/simulate", as: "sales",
                                       json: #"{"contractId": "00000000-0000-0000-0000-000000000000"}"#).status == 404)
        }
    }
}

@Suite struct ApprovalHistoryTests {
    @Test(arguments: TestEngine.all)
    func aRuleTriedOnLastQuartersContracts(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // 48,000 € created now; 60,000 € and 12,000 € created 100 days later
            try await app.createContract(title: "Ancien")
            app.clock.advance(100 * 86400)
            // (the tokens issued at the start have expired by then)
            func token(_ who: String) async throws -> String {
                try #require(try await app.call(.post, "/api/v1/auth/token", as: nil,
                                                json: #"{"email": "\#(who)@paraphe.test", "password": "\#(TestUsers.password)"}"#).json["token"]?.string)
            }
            let sales = try await token("sales"), legal = try await token("legal")
            func call(_ token: String, _ body: String, path: String = "/api/v1/approval-policies/simulate") async throws -> Reply {
                try await app.call(.post, path, as: nil, json: body, headers: [.authorization: "Bearer \(token)"])
            }
            for (title, amount) in [("Gros", "60000.00"), ("Petit", "12000.00")] {
                let r = try await call(sales, #"{"title": "\#(title)", "type": "msa", "amount": {"amount": "\#(amount)", "currency": "EUR"}}"#,
                                       path: "/api/v1/contracts")
                #expect(r.status == 201)
            }
            let rule = #"{"name": "Plus de 40 000 €", "when": {"amountAbove": {"amount": "40000.00", "currency": "EUR"}}, "require": [{"role": "finance"}]}"#
            let recent = try await call(legal, #"{"rule": \#(rule)}"#)
            #expect(recent.status == 200, "\(recent.text)")
            let history = try #require(recent.json["history"])
            #expect(history["examined"]?.int == 2, "the last 90 days")
            #expect(history["matched"]?.int == 1)
            #expect(history["contracts"]?[0]?["title"]?.string == "Gros")
            #expect(history["contracts"]?[0]?["because"]?[0]?.string == "amount 60000.00 EUR is above 40000.00 EUR")

            let all = try await call(legal, #"{"rule": \#(rule), "from": "2026-01-01", "to": "2027-12-31"}"#)
            #expect(all.json["history"]?["matched"]?.int == 2)
            #expect(try await call(sales, #"{"rule": \#(rule)}"#).status == 403)
            let backwards = try await call(legal, #"{"rule": \#(rule), "from": "2027-01-01", "to": "2026-01-01"}"#)
            #expect(backwards.fields == ["from"])
        }
    }
}

@Suite struct SignatureAuthorityAPITests {
    @Test(arguments: TestEngine.all)
    func eligibleSignatoriesFollowTheGrants(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let contract = try await app.createContract()   // msa, 48,000.00 EUR
            let id = try #require(contract["id"]?.string)
            let finance = try #require(app.users["finance"]?.id.description)
            let sales = try #require(app.users["sales"]?.id.description)
            let granted = try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: """
                {"userId": "\(finance)", "contractTypes": ["msa"], "maxAmount": {"amount": "100000.00", "currency": "EUR"}, "validFrom": "2026-01-01"}
                """)
            #expect(granted.status == 201, "\(granted.text)")
            #expect(granted.json["active"]?.bool == true)
            let small = try await app.call(.post, "/api/v1/signature-authorities", as: "legal", json: """
                {"userId": "\(sales)", "maxAmount": {"amount": "10000.00", "currency": "EUR"}}
                """)
            #expect(small.status == 201, "\(small.text)")

            let result = try await app.call(.get, "/api/v1/contracts/\(id)/eligible-signatories", as: "sales").json
            #expect(result["eligible"]?.array?.map { $0["id"]?.string } == [finance])
            let reasons = Dictionary(uniqueKeysWithValues: (result["ineligible"]?.array ?? []).map { ($0["user"]?["id"]?.string ?? "", $0["reason"]?.string ?? "") })
            #expect(reasons[sales] == "amountAboveLimit")
            #expect(reasons[app.users["admin"]!.id.description] == "noAuthority")

            // revoking is recorded, not deleted, and takes effect at once
            let grantId = try #require(granted.json["id"]?.string)
            #expect(try await app.call(.delete, "/api/v1/signature-authorities/\(grantId)", as: "admin").status == 204)
            #expect(try await app.call(.delete, "/api/v1/signature-authorities/\(grantId)", as: "admin").status == 404)
            let after = try await app.call(.get, "/api/v1/contracts/\(id)/eligible-signatories", as: "sales").json
            #expect(after["eligible"]?.array?.isEmpty == true)
            let record = try await app.call(.get, "/api/v1/signature-authorities?userId=\(finance)", as: "finance").json["items"]?[0]
            #expect(record?["revokedBy"]?.string == app.users["admin"]?.id.description)
            #expect(record?["active"]?.bool == false)
        }
    }

    @Test(arguments: TestEngine.all)
    func badGrantsNameTheField(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "sales", json: #"{"userId": "x"}"#).status == 403)
            #expect(try await app.call(.get, "/api/v1/signature-authorities", as: "sales").status == 403)
            let bad = try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: #"""
                {"userId": "00000000-0000-0000-0000-000000000000", "contractTypes": ["leasing"], "maxAmount": {"amount": "-5.00", "currency": "EUR"},
                 "validFrom": "2026-06-01", "validUntil": "2026-05-01"}
                """#)
            #expect(Set(bad.fields) == ["userId", "contractTypes[0]", "maxAmount.amount", "validUntil"])
            #expect(try await app.call(.post, "/api/v1/signature-authorities", as: "admin", json: #"{}"#).fields == ["userId"])
        }
    }
}
