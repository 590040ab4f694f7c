import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

@Suite struct ApprovalFlowTests {
    /// Legal first (order 1), then finance (order 2), for every contract above 10 000 EUR.
    static func twoStepPolicy(_ app: TestApp) async throws {
        for rule in [#"{"name": "Revue juridique", "when": {"amountAbove": {"amount": "10000.00", "currency": "EUR"}}, "require": [{"role": "legal"}]}"#,
                     #"{"name": "Plus de 10 000 €", "when": {"amountAbove": {"amount": "10000.00", "currency": "EUR"}}, "require": [{"role": "finance", "order": 2}]}"#] {
            let r = try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule)
            #expect(r.status == 201, "\(r.text)")
        }
    }

    static func submit(_ app: TestApp, _ id: String, as who: String = "sales") async throws -> JSONValue {
        let r = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: who, json: #"{"to": "inReview", "reason": "prêt"}"#)
        #expect(r.status == 200, "\(r.text)")
        return r.json
    }

    static func myApprovals(_ app: TestApp, _ who: String, status: String = "pending") async throws -> [JSONValue] {
        let r = try await app.call(.get, "/api/v1/approvals?assignee=me&status=\(status)", as: who)
        #expect(r.status == 200, "\(r.text)")
        return r.json["items"]?.array ?? []
    }

    static func decide(_ app: TestApp, _ approval: String, as who: String, _ decision: String = "approve", comment: String? = nil) async throws -> Reply {
        let body = comment.map { #"{"decision": "\#(decision)", "comment": "\#($0)"}"# } ?? #"{"decision": "\#(decision)"}"#
        return try await app.call(.post, "/api/v1/approvals/\(approval)/decision", as: who, json: body)
    }

    @Test(arguments: TestEngine.all)
    func stepsRunInOrderAndOnlyTheirApproversDecide(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            let id = try #require(try await app.createContract()["id"]?.string)
            let submitted = try await Self.submit(app, id)
            #expect(submitted["status"]?.string == "inReview")

            // the contract shows both steps, each with its reason; legal's is open, finance's waits
            let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            let steps = contract["approvals"]?.array ?? []
            #expect(steps.map { "\($0["role"]?.string ?? ""):\($0["status"]?.string ?? "")" } == ["legal:pending", "finance:waiting"])
            #expect(steps[0]["reasons"]?[0]?["because"]?[0]?.string == "amount 48000.00 EUR is above 10000.00 EUR")
            #expect(contract["allowedTransitions"]?.array?.compactMap(\.string) == ["draft", "cancelled"])

            let legalTasks = try await Self.myApprovals(app, "legal")
            #expect(legalTasks.count == 1)
            #expect(legalTasks[0]["contract"]?["id"]?.string == id)
            #expect(try await Self.myApprovals(app, "finance").isEmpty, "finance waits for legal")
            #expect(try await Self.myApprovals(app, "finance", status: "waiting").count == 1)
            let legalStep = try #require(legalTasks[0]["id"]?.string)
            let financeStep = try #require(steps[1]["id"]?.string)

            // nobody approves by a transition
            let byHand = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "admin", json: #"{"to": "approved"}"#)
            #expect(byHand.status == 409)
            #expect(byHand.json["allowed"]?.array?.compactMap(\.string) == ["draft", "cancelled"])

            // the requester, an approver of another step, and a viewer are refused; finance's step is not open yet
            let own = try await Self.decide(app, legalStep, as: "sales")
            #expect(own.status == 403)
            #expect(own.json["detail"]?.string?.contains("someone else must approve") == true)
            #expect(try await Self.decide(app, legalStep, as: "finance").status == 403)
            #expect(try await Self.decide(app, legalStep, as: "viewer").status == 403)
            let early = try await Self.decide(app, financeStep, as: "finance")
            #expect(early.status == 409)
            #expect(early.json["detail"]?.string?.contains("earlier steps") == true)

            // legal approves; a second decision is a conflict; finance's step opens and finance is told
            let approved = try await Self.decide(app, legalStep, as: "legal", comment: "RAS")
            #expect(approved.status == 200, "\(approved.text)")
            #expect(approved.json["status"]?.string == "approved")
            #expect(try await Self.decide(app, legalStep, as: "legal").status == 409)
            #expect(try await Self.myApprovals(app, "finance").count == 1)
            let inbox = try await app.call(.get, "/api/v1/inbox?unread=true", as: "finance").json["items"]?.array ?? []
            #expect(inbox.map { $0["kind"]?.string } == ["approval.needed"])
            #expect(inbox.first?["link"]?.string == "/approvals/\(financeStep)")
            #expect(inbox.first?["title"]?.string?.hasPrefix("Validation demandée : CTR-2026-000001") == true)

            // finance approves: the contract is approved, the requester is told, the trail has every decision
            #expect(try await Self.decide(app, financeStep, as: "finance").status == 200)
            let done = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(done["status"]?.string == "approved")
            #expect(done["approvalRequest"]?["status"]?.string == "approved")
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "legal").json["items"]?.array ?? []
            #expect(events.map { $0["type"]?.string ?? "" } == ["contract.created", "contract.transitioned", "approval.requested",
                                                                  "approval.decided", "approval.decided", "contract.transitioned"])
            #expect(events[2]["data"]?["steps"]?.array?.count == 2)
            #expect(events[3]["data"]?["comment"]?.string == "RAS")
            #expect(events.last?["reason"]?.string == "every required approval given")
            #expect(try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["auditChain"]?.string == "valid")
            let salesInbox = try await app.call(.get, "/api/v1/inbox", as: "sales").json["items"]?.array ?? []
            #expect(salesInbox.map { $0["kind"]?.string } == ["approval.approved"])

            // one mail per notification, queued in the outbox with the link to act on
            let mails = try await app.call(.get, "/api/v1/mails", as: "admin").json["items"]?.array ?? []
            #expect(Set(mails.compactMap { $0["recipient"]?.string }) == ["legal@paraphe.test", "finance@paraphe.test", "sales@paraphe.test"])
            let toLegal = try #require(mails.first { $0["recipient"]?.string == "legal@paraphe.test" })
            #expect(toLegal["body"]?.string?.contains("\(app.config.publicURL)/approvals/\(legalStep)") == true)
            // in the recipient's language, reasons included
            #expect(toLegal["body"]?.string?.contains("Revue juridique\u{A0}: montant 48\u{A0}000,00\u{A0}€ supérieur à 10\u{A0}000,00\u{A0}€") == true)
            #expect(try await app.call(.get, "/api/v1/mails", as: "legal").status == 403)
        }
    }

    @Test(arguments: TestEngine.all)
    func aRejectionSendsTheContractBackToDraftWithTheComment(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            let id = try #require(try await app.createContract()["id"]?.string)
            _ = try await Self.submit(app, id)
            let step = try #require(try await Self.myApprovals(app, "legal").first?["id"]?.string)
            let silent = try await Self.decide(app, step, as: "legal", "reject")
            #expect(silent.status == 422)
            #expect(silent.fields == ["comment"])
            #expect(try await app.call(.post, "/api/v1/approvals/\(step)/decision", as: "legal", json: #"{"decision": "maybe"}"#).fields == ["decision"])

            #expect(try await Self.decide(app, step, as: "legal", "reject", comment: "Plafond de responsabilité absent").status == 200)
            let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(contract["status"]?.string == "draft")
            #expect(contract["approvalRequest"]?["status"]?.string == "rejected")
            #expect(contract["approvals"]?.array?.map { $0["status"]?.string } == ["rejected", "cancelled"])
            let events = try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "legal").json["items"]?.array ?? []
            #expect(events.last?["data"]?["to"]?.string == "draft")
            #expect(events.last?["reason"]?.string == "Plafond de responsabilité absent")
            let inbox = try await app.call(.get, "/api/v1/inbox", as: "sales").json["items"]?.array ?? []
            #expect(inbox.first?["kind"]?.string == "approval.rejected")
            // the cancelled finance step cannot be decided any more
            let finance = try #require(contract["approvals"]?[1]?["id"]?.string)
            #expect(try await Self.decide(app, finance, as: "finance").status == 409)

            // resubmitted, it gets a fresh request
            _ = try await Self.submit(app, id)
            #expect(try await Self.myApprovals(app, "legal").count == 1)
        }
    }

    @Test(arguments: TestEngine.all)
    func withdrawingOrChangingTermsResetsTheApproval(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            let id = try #require(try await app.createContract()["id"]?.string)
            _ = try await Self.submit(app, id)
            let first = try #require(try await Self.myApprovals(app, "legal").first?["id"]?.string)
            // a change of terms during review: the decisions so far were about other terms
            let edited = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"amount": {"amount": "49000.00", "currency": "EUR"}}"#)
            #expect(edited.json["status"]?.string == "inReview")
            #expect(edited.json["approvalRequest"]?["reason"]?.string == "terms changed during review: amount")
            let stale = try await Self.decide(app, first, as: "legal")
            #expect(stale.status == 409)
            #expect(stale.json["detail"]?.string?.contains("withdrawn or reset") == true)
            // a title change is not a change of terms
            let retitled = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "sales", json: #"{"title": "Contrat-cadre Initech"}"#)
            #expect(retitled.json["approvalRequest"]?["reason"]?.string == "terms changed during review: amount")

            // withdrawn by going back to draft
            #expect(try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "sales", json: #"{"to": "draft", "reason": "on revoit"}"#).status == 200)
            let contract = try await app.call(.get, "/api/v1/contracts/\(id)", as: "sales").json
            #expect(contract["approvalRequest"]?["status"]?.string == "withdrawn")
            #expect(try await Self.myApprovals(app, "legal").isEmpty)
            let types = (try await app.call(.get, "/api/v1/contracts/\(id)/events", as: "legal").json["items"]?.array ?? []).compactMap { $0["type"]?.string }
            #expect(types.filter { $0 == "approval.withdrawn" }.count == 2)
        }
    }

    @Test(arguments: TestEngine.all)
    func twoApproversDecidingAtOnceGiveOneOutcome(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let legal = try #require(app.users["legal"]?.id.description), finance = try #require(app.users["finance"]?.id.description)
            for mode in ["any", "all"] {
                let rule = #"{"name": "Binôme \#(mode)", "when": {"contractTypes": ["\#(mode == "any" ? "msa" : "nda")"]}, "require": [{"users": ["\#(legal)", "\#(finance)"], "mode": "\#(mode)"}]}"#
                #expect(try await app.call(.post, "/api/v1/approval-policies", as: "admin", json: rule).status == 201)
            }
            // mode any: one of the two concurrent approvals wins, the other is told the step is closed
            let anyId = try #require(try await app.createContract()["id"]?.string)
            _ = try await Self.submit(app, anyId)
            let anyStep = try #require(try await Self.myApprovals(app, "legal").first?["id"]?.string)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for who in ["legal", "finance"] { group.addTask { try await Self.decide(app, anyStep, as: who).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409])
            let anyContract = try await app.call(.get, "/api/v1/contracts/\(anyId)", as: "admin").json
            #expect(anyContract["status"]?.string == "approved")
            #expect(anyContract["approvals"]?[0]?["decisions"]?.array?.count == 1)

            // mode all: both concurrent approvals count, and the contract is approved exactly once
            let allId = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "NDA", "type": "nda"}"#).json["id"]?.string)
            _ = try await Self.submit(app, allId)
            let allStep = try #require(try await Self.myApprovals(app, "finance").first { $0["contract"]?["id"]?.string == allId }?["id"]?.string)
            let both = try await withThrowingTaskGroup(of: Int.self) { group in
                for who in ["legal", "finance"] { group.addTask { try await Self.decide(app, allStep, as: who).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(both == [200, 200])
            let allContract = try await app.call(.get, "/api/v1/contracts/\(allId)", as: "admin").json
            #expect(allContract["status"]?.string == "approved")
            #expect(allContract["approvals"]?[0]?["decisions"]?.array?.count == 2)
            let events = try await app.call(.get, "/api/v1/contracts/\(allId)/events", as: "admin").json["items"]?.array ?? []
            #expect(events.filter { $0["data"]?["to"]?.string == "approved" }.count == 1)
        }
    }

    /// An `all` step waits for every current approver: when the last one who had not decided leaves (deactivated,
    /// or no longer in the role), the step closes on the approvals given and the chain moves on.
    @Test(arguments: TestEngine.all)
    func anAllStepClosesWhenItsLastUndecidedApproverLeaves(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let rule = #"{"name": "Toute la finance", "when": {"contractTypes": ["msa", "nda"]}, "require": [{"role": "finance", "mode": "all"}]}"#
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: rule).status == 201)
            var colleagues: [String] = []
            for n in 2...3 {
                let created = try await app.call(.post, "/api/v1/users", as: "admin", json: """
                    {"email": "finance\(n)@paraphe.test", "name": "Finance \(n)", "password": "\(TestUsers.password)", "roles": ["finance"]}
                    """)
                colleagues.append(try #require(created.json["id"]?.string))
            }
            let msa = try #require(try await app.createContract()["id"]?.string)
            _ = try await Self.submit(app, msa)
            let step = try #require(try await Self.myApprovals(app, "finance").first?["id"]?.string)
            #expect(try await Self.decide(app, step, as: "finance").status == 200)

            // one of the two left is deactivated: the other has still to decide
            #expect(try await app.call(.patch, "/api/v1/users/\(colleagues[0])", as: "admin", json: #"{"active": false}"#).status == 200)
            #expect(try await app.call(.get, "/api/v1/contracts/\(msa)", as: "sales").json["status"]?.string == "inReview")
            // the last one moves to legal: everyone still in the step has approved
            #expect(try await app.call(.patch, "/api/v1/users/\(colleagues[1])", as: "admin", json: #"{"roles": ["legal"]}"#).status == 200)
            let contract = try await app.call(.get, "/api/v1/contracts/\(msa)", as: "sales").json
            #expect(contract["status"]?.string == "approved")
            #expect(contract["approvals"]?[0]?["status"]?.string == "approved")
            let events = try await app.call(.get, "/api/v1/contracts/\(msa)/events", as: "sales").json["items"]?.array ?? []
            let completed = try #require(events.first { $0["type"]?.string == "approval.completed" })
            #expect(completed["reason"]?.string == "every remaining approver had approved when Finance 3 left the step")
            #expect(events.filter { $0["data"]?["to"]?.string == "approved" }.count == 1)

            // a step nobody approved yet stays open when someone leaves it
            let nda = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "NDA", "type": "nda"}"#).json["id"]?.string)
            _ = try await Self.submit(app, nda)
            #expect(try await app.call(.patch, "/api/v1/users/\(colleagues[0])", as: "admin", json: #"{"active": true}"#).status == 200)
            #expect(try await app.call(.patch, "/api/v1/users/\(colleagues[0])", as: "admin", json: #"{"active": false}"#).status == 200)
            #expect(try await app.call(.get, "/api/v1/contracts/\(nda)", as: "sales").json["status"]?.string == "inReview")

            // a step naming people who all left has nobody to decide it: an admin, and only then, hands it to someone
            let solo = colleagues[0]
            let named = #"{"name": "Solo", "when": {"contractTypes": ["order_form"]}, "require": [{"users": ["\#(solo)"], "mode": "all"}]}"#
            #expect(try await app.call(.patch, "/api/v1/users/\(solo)", as: "admin", json: #"{"active": true}"#).status == 200)
            #expect(try await app.call(.post, "/api/v1/approval-policies", as: "legal", json: named).status == 201)
            let order = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: #"{"title": "BC", "type": "order_form"}"#).json["id"]?.string)
            _ = try await Self.submit(app, order)
            let soloStep = try #require(try await app.call(.get, "/api/v1/contracts/\(order)", as: "sales").json["approvals"]?[0]?["id"]?.string)
            let legal = try #require(app.users["legal"]?.id.description)
            let handOver = #"{"userId": "\#(legal)"}"#
            #expect(try await app.call(.post, "/api/v1/approvals/\(soloStep)/reassign", as: "admin", json: handOver).status == 409, "Solo can still decide")
            #expect(try await app.call(.patch, "/api/v1/users/\(solo)", as: "admin", json: #"{"active": false}"#).status == 200)
            #expect(try await app.call(.post, "/api/v1/approvals/\(soloStep)/reassign", as: "legal", json: handOver).status == 403, "only an admin")
            #expect(try await app.call(.post, "/api/v1/approvals/\(soloStep)/reassign", as: "admin", json: handOver).status == 200)
            #expect(try await Self.decide(app, soloStep, as: "legal").status == 200)
            #expect(try await app.call(.get, "/api/v1/contracts/\(order)", as: "sales").json["status"]?.string == "approved")
        }
    }

    @Test(arguments: TestEngine.all)
    func aStepIsHandedToAColleagueOfTheSameRole(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            let created = try await app.call(.post, "/api/v1/users", as: "admin", json: """
                {"email": "legal2@paraphe.test", "name": "Juriste 2", "password": "\(TestUsers.password)", "roles": ["legal"], "language": "en"}
                """)
            let legal2 = try #require(created.json["id"]?.string)
            let id = try #require(try await app.createContract()["id"]?.string)
            _ = try await Self.submit(app, id)
            let step = try #require(try await Self.myApprovals(app, "legal").first?["id"]?.string)
            let finance = try #require(app.users["finance"]?.id.description)
            let wrongRole = try await app.call(.post, "/api/v1/approvals/\(step)/reassign", as: "legal", json: #"{"userId": "\#(finance)"}"#)
            #expect(wrongRole.status == 422)
            #expect(wrongRole.fields == ["userId"])
            // a colleague who cannot see the contract is not told the approval exists
            #expect(try await app.call(.post, "/api/v1/approvals/\(step)/reassign", as: "sales2", json: #"{"userId": "\#(legal2)"}"#).status == 404)
            // one who sees it but is no approver is refused
            #expect(try await app.call(.post, "/api/v1/approvals/\(step)/reassign", as: "finance", json: #"{"userId": "\#(legal2)"}"#).status == 403)
            let handed = try await app.call(.post, "/api/v1/approvals/\(step)/reassign", as: "legal", json: #"{"userId": "\#(legal2)"}"#)
            #expect(handed.status == 200, "\(handed.text)")
            #expect(handed.json["assignee"]?.string == legal2)
            // now only the colleague decides, and was told in English
            #expect(try await Self.decide(app, step, as: "legal").status == 403)
            #expect(try await Self.myApprovals(app, "legal").isEmpty)
            let mails = try await app.call(.get, "/api/v1/mails", as: "admin").json["items"]?.array ?? []
            #expect(mails.first { $0["recipient"]?.string == "legal2@paraphe.test" && $0["subject"]?.string?.hasPrefix("Approval needed: CTR-") == true } != nil)
        }
    }

    @Test(arguments: TestEngine.all)
    func remindersFollowWorkingDaysAndTheQueueRanksByImpact(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            // Monday 09:00: two contracts for legal, one small and late, one large with a close date this quarter
            let small = try #require(try await app.createContract(title: "Petit")["id"]?.string)
            _ = try await Self.submit(app, small)
            app.clock.advance(86400)
            let big = try #require(try await app.call(.post, "/api/v1/contracts", as: "sales", json: """
                {"title": "Grand compte", "type": "msa", "amount": {"amount": "900000.00", "currency": "EUR"}, "metadata": {"closeDate": "2026-03-27"}}
                """).json["id"]?.string)
            _ = try await Self.submit(app, big)

            let queue = try await app.call(.get, "/api/v1/queue/legal", as: "legal")
            #expect(queue.status == 200, "\(queue.text)")
            let entries = queue.json["items"]?.array ?? []
            #expect(entries.compactMap { $0["contract"]?["title"]?.string } == ["Grand compte", "Petit"])
            #expect(entries[0]["parts"]?.array?.compactMap { $0["name"]?.string } == ["value", "deadline", "risk", "age"])
            #expect(entries[0]["parts"]?[1]?["because"]?.string?.contains("within this quarter") == true)
            #expect(entries[1]["parts"]?[3]?["because"]?.string == "waiting 1 days")
            #expect(try await app.call(.get, "/api/v1/queue/legal", as: "sales").status == 403)

            func legalMails() async throws -> Int {
                let mails = try await app.call(.get, "/api/v1/mails?limit=500", as: "admin").json["items"]?.array ?? []
                return mails.filter { $0["recipient"]?.string == "legal@paraphe.test" && $0["subject"]?.string?.hasPrefix("Rappel") == true }.count
            }
            func runJobs() async throws { try await app.runJobs(recurring: true) }
            // Tuesday: one working day for the first, none for the second
            try await runJobs()
            #expect(try await legalMails() == 0)
            // Wednesday 10:00: the first has waited two working days
            app.clock.advance(86400 + 3600)
            try await runJobs()
            #expect(try await legalMails() == 1)
            // Thursday 10:00: the second is due; the first, reminded on Wednesday, is next due on Friday
            app.clock.advance(86400)
            try await runJobs()
            #expect(try await legalMails() == 2)
            let mails = try await app.call(.get, "/api/v1/mails?limit=500", as: "admin").json["items"]?.array ?? []
            #expect(mails.allSatisfy { $0["status"]?.string == "held" }, "no SMTP server configured: mails are kept in the outbox")
        }
    }

    @Test(arguments: TestEngine.all)
    func resetsKeepTheRequesterAndUndecidableSubmissionsAreRefused(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            // the only lawyer submits a contract that needs a lawyer: nobody could approve it
            let own = try #require(try await app.createContract(as: "legal")["id"]?.string)
            let refused = try await app.call(.post, "/api/v1/contracts/\(own)/transitions", as: "legal", json: #"{"to": "inReview"}"#)
            #expect(refused.status == 409)
            #expect(refused.json["detail"]?.string?.contains("no one but you can approve the step legal") == true)
            #expect(try await app.call(.get, "/api/v1/contracts/\(own)", as: "legal").json["status"]?.string == "draft", "nothing was written")

            // sales submits; legal corrects the amount during review: the new request is still the rep's, so the rep
            // never becomes an approver of their own contract through someone else's edit
            let id = try #require(try await app.createContract()["id"]?.string)
            _ = try await Self.submit(app, id)
            let edited = try await app.call(.patch, "/api/v1/contracts/\(id)", as: "legal", json: #"{"amount": {"amount": "47000.00", "currency": "EUR"}}"#)
            #expect(edited.status == 200, "\(edited.text)")
            #expect(edited.json["approvalRequest"]?["requestedBy"]?.string == app.users["sales"]?.id.description)
            #expect(edited.json["approvalRequest"]?["reason"]?.string == "terms changed during review: amount")
        }
    }

    @Test(arguments: TestEngine.all)
    func cursorsPageThroughAndForgedOnesAreRefused(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await Self.twoStepPolicy(app)
            for title in ["Un", "Deux", "Trois"] {
                _ = try await Self.submit(app, try #require(try await app.createContract(title: title)["id"]?.string))
                app.clock.advance(1)
            }
            var seen: [String] = []
            var path = "/api/v1/inbox?limit=2"
            while true {
                let page = try await app.call(.get, path, as: "legal")
                #expect(page.status == 200, "\(page.text)")
                seen += (page.json["items"]?.array ?? []).compactMap { $0["id"]?.string }
                guard let next = page.json["nextCursor"]?.string else { break }
                path = "/api/v1/inbox?limit=2&cursor=\(next)"
            }
            #expect(seen.count == 3 && Set(seen).count == 3)
            func cursor(_ json: String) -> String {
                Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "=", with: "")
            }
            #expect(try await app.call(.get, "/api/v1/inbox?cursor=\(cursor(#"{"at":1e300,"id":""}"#))", as: "legal").status == 422)
            #expect(try await app.call(.get, "/api/v1/queue/legal?cursor=\(cursor("-1"))", as: "legal").status == 422)
            #expect(try await app.call(.get, "/api/v1/queue/legal?cursor=\(cursor("9223372036854775807"))", as: "legal").status == 422)
            #expect(try await app.call(.get, "/api/v1/supplier-requests?cursor=\(cursor(#"{"at":"x","id":"y"}"#))", as: "legal").status == 422)
        }
    }
}
