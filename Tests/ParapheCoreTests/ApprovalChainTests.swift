import Foundation
import ParapheCore
import Testing

@Suite struct ApprovalChainTests {
    let now = Date(timeIntervalSince1970: 1_772_442_000)  // Monday 2 March 2026, 09:00 UTC
    let requester = User(email: "sales@x.test", name: "Sales", roles: [.sales], createdAt: Date())
    let legal = User(email: "legal@x.test", name: "Legal", roles: [.legal], createdAt: Date())
    let legal2 = User(email: "legal2@x.test", name: "Legal 2", roles: [.legal], createdAt: Date())
    let finance = User(email: "finance@x.test", name: "Finance", roles: [.finance], createdAt: Date())

    func step(_ role: Role?, users: [User] = [], mode: ApprovalMode = .any, order: Int = 1, status: Approval.Status = .pending,
              decisions: [ApprovalDecision] = []) -> Approval {
        Approval(requestId: ApprovalRequest.ID(), subject: .contract(Contract.ID()), requestedBy: requester.id,
                 step: ApprovalStep(role: role, users: users.isEmpty ? nil : users.map(\.id), mode: mode, order: order),
                 reasons: [], status: status, decisions: decisions, createdAt: now)
    }

    func decision(_ user: User, _ kind: ApprovalDecisionKind) -> ApprovalDecision {
        ApprovalDecision(userId: user.id, decision: kind, comment: nil, at: now)
    }

    var everyone: [User] { [requester, legal, legal2, finance] }

    @Test func theRequesterIsNeverAnApproverEvenWithTheRole() {
        let lawyerRequester = User(id: requester.id, email: "x@x.test", name: "X", roles: [.legal, .sales], createdAt: Date())
        let a = step(.legal)
        #expect(ApprovalChain.approvers(of: a, among: [lawyerRequester, legal, legal2]).map(\.id) == [legal.id, legal2.id])
        #expect(ApprovalChain.checkDecision(by: lawyerRequester, on: a, approvers: [legal, legal2]) == .ownRequest)
    }

    @Test func refusalsNameWhatIsWrong() {
        #expect(ApprovalChain.checkDecision(by: finance, on: step(.legal), approvers: [legal]) == .notAnApprover)
        #expect(ApprovalChain.checkDecision(by: legal, on: step(.legal, status: .waiting), approvers: [legal]) == .notYetOpen)
        #expect(ApprovalChain.checkDecision(by: legal, on: step(.legal, status: .cancelled), approvers: [legal]) == .alreadyClosed(.cancelled))
        let decided = step(.legal, mode: .all, decisions: [decision(legal, .approve)])
        #expect(ApprovalChain.checkDecision(by: legal, on: decided, approvers: [legal, legal2]) == .alreadyDecided)
        #expect(ApprovalChain.checkDecision(by: legal2, on: decided, approvers: [legal, legal2]) == nil)
    }

    @Test func anyNeedsOneApprovalAllNeedsEveryone() {
        let approvers = [legal, legal2]
        #expect(ApprovalChain.outcome(of: step(.legal, decisions: [decision(legal, .approve)]), approvers: approvers) == .approved)
        #expect(ApprovalChain.outcome(of: step(.legal, mode: .all, decisions: [decision(legal, .approve)]), approvers: approvers) == .pending)
        #expect(ApprovalChain.outcome(of: step(.legal, mode: .all, decisions: [decision(legal, .approve), decision(legal2, .approve)]),
                                      approvers: approvers) == .approved)
        #expect(ApprovalChain.outcome(of: step(.legal, mode: .all, decisions: [decision(legal, .approve), decision(legal2, .reject)]),
                                      approvers: approvers) == .rejected)
        // a step nobody can decide stays open rather than passing silently
        #expect(ApprovalChain.outcome(of: step(.legal, mode: .all), approvers: []) == .pending)
    }

    @Test func stepsOpenByOrderAndParallelWithinAnOrder() {
        let a = step(.legal, order: 1, status: .approved)
        let b = step(.finance, order: 2, status: .waiting)
        let c = step(nil, users: [legal2], order: 2, status: .waiting)
        let d = step(.admin, order: 5, status: .waiting)
        #expect(Set(ApprovalChain.nextToOpen([a, b, c, d])) == [b.id, c.id])
        var open = b
        open.status = .pending
        #expect(ApprovalChain.nextToOpen([a, open, c, d]).isEmpty)
        #expect(ApprovalChain.requestOutcome([a, open, c, d]) == .pending)
        var rejected = open
        rejected.status = .rejected
        #expect(ApprovalChain.requestOutcome([a, rejected, c, d]) == .rejected)
        #expect(ApprovalChain.requestOutcome([a]) == .approved)
    }

    @Test func reassignmentStaysWithinTheRole() {
        let a = step(.legal)
        #expect(ApprovalChain.canReassign(a, from: legal, to: legal2))
        #expect(!ApprovalChain.canReassign(a, from: legal, to: finance))
        #expect(!ApprovalChain.canReassign(a, from: legal, to: legal))
        var assigned = a
        assigned.assignee = legal2.id
        #expect(ApprovalChain.approvers(of: assigned, among: everyone).map(\.id) == [legal2.id])
    }

    @Test func remindersCountWorkingDays() {
        let friday = Date(timeIntervalSince1970: 1_772_787_600)  // Friday 6 March 2026, 09:00
        #expect(Day(WorkingDays.add(2, to: friday)).description == "2026-03-10")
        #expect(Day(WorkingDays.add(2, to: now)).description == "2026-03-04")
        #expect(WorkingDays.add(2, to: friday).timeIntervalSince(friday) == 4 * 86400, "the same time of day")
    }

    @Test func frenchPublicHolidaysAreNotWorkingDays() {
        #expect(WorkingDays.easterSunday(2025)?.description == "2025-04-20")
        #expect(WorkingDays.easterSunday(2026)?.description == "2026-04-05")
        #expect(WorkingDays.easterSunday(2027)?.description == "2027-03-28")
        #expect(WorkingDays.easterSunday(2038)?.description == "2038-04-25")
        let holidays = WorkingDays.frenchHolidays(2026).map(\.description).sorted()
        #expect(holidays == ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14", "2026-08-15",
                             "2026-11-01", "2026-11-11", "2026-12-25"])
        // Wednesday 13 May 2026, then Ascension Thursday: two working days later is Monday the 18th
        let beforeAscension = Date(timeIntervalSince1970: 1_778_662_800)
        #expect(Day(beforeAscension).description == "2026-05-13")
        #expect(Day(WorkingDays.add(2, to: beforeAscension)).description == "2026-05-18")
        // Thursday 24 December: Christmas on Friday, so Tuesday 29th
        let christmasEve = Date(timeIntervalSince1970: 1_798_102_800)
        #expect(Day(christmasEve).description == "2026-12-24")
        #expect(Day(WorkingDays.add(2, to: christmasEve)).description == "2026-12-29")
        #expect(!WorkingDays.isWorkingDay(Day("2026-03-07")!) && WorkingDays.isWorkingDay(Day("2026-03-09")!), "Saturday, then Monday")
        // 23:30 UTC on Wednesday 13 May is 01:30 on Ascension Day in Paris: Friday and Monday are the two working days
        let lateEvening = Date(timeIntervalSince1970: 1_778_715_000)
        #expect(Day(lateEvening).description == "2026-05-13" && WorkingDays.parisDay(lateEvening).description == "2026-05-14")
        #expect(WorkingDays.add(2, to: lateEvening).timeIntervalSince(lateEvening) == 4 * 86400)
    }

    @Test func priorityExplainsItsParts() {
        let liability = ClauseInstance(nodeId: "l", number: "1", key: "liability", clauseVersion: 1, title: "l", variant: .alternative("uncapped"),
                                       isDerogation: true, derogationCategory: "liability", requiresApprovalBy: [], text: "t")
        let custom = ClauseInstance(nodeId: "c", number: "2", key: "warranty", clauseVersion: nil, title: "c", variant: .custom,
                                    isDerogation: true, derogationCategory: "custom", requiresApprovalBy: [.legal], text: "t")
        let urgent = LegalPriority.score(QueueFacts(amount: Money(amount: 250_000, currency: "EUR"), deadline: Day("2026-03-20"),
                                                    derogations: [liability, custom], waitingSince: now.addingTimeInterval(-3 * 86400)), now: now)
        #expect(urgent.parts.map(\.name) == ["value", "deadline", "risk", "age"])
        #expect(urgent.parts.map(\.points) == [24, 7 + 10, 18, 6])
        #expect(urgent.total == 65)
        #expect(urgent.parts[1].because.contains("within this quarter (ends 2026-03-31)"))
        #expect(urgent.parts[2].because == "liability (liability), warranty (negotiated text)")
        let quiet = LegalPriority.score(QueueFacts(amount: nil, deadline: nil, derogations: [], waitingSince: now), now: now)
        #expect(quiet.total == 0)
        #expect(Day("2026-11-29")!.endOfQuarter.description == "2026-12-31")
    }
}

@Suite struct WordDiffTests {
    @Test func showsWhatTheDerogationChanges() {
        let diff = WordDiff.compare("Les factures sont payables à 30 jours fin de mois.", "Les factures sont payables à 60 jours nets.")
        #expect(diff == [.init(.same, "Les factures sont payables à "), .init(.removed, "30 "), .init(.added, "60 "), .init(.same, "jours "),
                         .init(.removed, "fin de mois."), .init(.added, "nets.")])
        // each side reads back exactly
        #expect(diff.filter { $0.kind != .added }.map(\.text).joined() == "Les factures sont payables à 30 jours fin de mois.")
        #expect(diff.filter { $0.kind != .removed }.map(\.text).joined() == "Les factures sont payables à 60 jours nets.")
    }

    @Test func identicalAndEmptyTexts() {
        #expect(WordDiff.compare("a b", "a b") == [.init(.same, "a b")])
        #expect(WordDiff.compare("", "nouveau texte") == [.init(.added, "nouveau texte")])
        #expect(WordDiff.compare("ancien", "") == [.init(.removed, "ancien")])
    }
}

@Suite struct NetworkAddressTests {
    @Test(arguments: ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                      "::1", "::", "fd00::1", "fe80::1%eth0", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::10.0.0.1",
                      "198.18.0.1", "224.0.0.1", "255.255.255.255", "ff02::1"])
    func internalAddressesAreRecognised(address: String) {
        #expect(NetworkAddress.isInternal(address))
    }

    @Test(arguments: ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "example.com", "1.2.3", "256.1.1.1",
                      "012.0.0.1", "0x7f.0.0.1"])
    func publicAddressesAndNamesAreNot(address: String) {
        #expect(!NetworkAddress.isInternal(address))
    }

    /// Forms the system resolver reads differently (octal, hex) are not literals to us: they are resolved, and the
    /// address the resolver gives is what is checked.
    @Test func literalsInURLs() {
        #expect(!NetworkAddress.isLiteral("012.0.0.1") && !NetworkAddress.isLiteral("0x7f.0.0.1"))
        #expect(NetworkAddress.isLiteral("[::1]") && NetworkAddress.isLiteral("10.0.0.1"))
        #expect(!NetworkAddress.isLiteral("hooks.example.com"))
    }
}

@Suite struct WebhookRulesTests {
    @Test func subscriptionsMatchTypesFamiliesAndEverything() {
        let hook = Webhook(url: "https://crm.example.com/hook", events: ["approval.*", "contract.signatoryNamed"], secret: String(repeating: "s", count: 16),
                           allowPrivateNetwork: false, createdBy: nil, createdAt: Date())
        #expect(hook.wants("approval.decided") && hook.wants("contract.signatoryNamed"))
        #expect(!hook.wants("contract.created") && !hook.wants("approvalRule.added"), "a family is a prefix up to the dot")
        #expect(Webhook.eventTypes.contains("supplierRequest.stepCompleted") && Webhook.eventTypes.contains("approval.completed"))
    }

    @Test func badSubscriptionsNameTheirFields() {
        let errors = Webhook.validate(url: "http://[::1]:8080/hook", events: ["contract.*", "contract.signd", "nope.*"], secret: "short", allowPrivateNetwork: false)
        #expect(errors.map(\.field) == ["url", "events[1]", "events[2]", "secret"])
        #expect(Webhook.validate(url: "http://[::1]:8080/hook", events: ["*"], secret: nil, allowPrivateNetwork: true).isEmpty)
        #expect(Webhook.validate(url: "https://user:pw@crm.example.com/", events: ["*"], secret: nil, allowPrivateNetwork: false).map(\.field) == ["url"])
        #expect(Webhook.validate(url: nil, events: [], secret: nil, allowPrivateNetwork: false).map(\.field) == ["url", "events"])
        #expect(NetworkAddress.isInternalHost("api.LOCALHOST") && !NetworkAddress.isInternalHost("crm.example.com"))
    }
}
