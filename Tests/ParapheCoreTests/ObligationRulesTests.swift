import Foundation
import ParapheCore
import Testing

@Suite struct ObligationRulesTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let contract = Contract.ID()
    let user = User.ID()

    func draft(_ source: String, _ wording: String) -> ObligationDraft {
        ObligationDraft(source: source, clauseKey: String(source.prefix { $0 != ":" }), wording: wording, owedBy: .us, ownerRole: .legal, dueOn: nil, every: nil)
    }

    @Test func aChangeOfClauseKeepsWhatStaysSupersedesWhatLeftAndLeavesHandWrittenOnes() {
        let kept = draft("sla:standard#0", "SLA").obligation(of: contract, at: now)
        let left = draft("payment:payment60Days#0", "60 jours").obligation(of: contract, at: now)
        var gone = draft("ref:noRef#0", "Ne pas citer").obligation(of: contract, at: now)
        gone.status = .superseded
        let manual = Obligation(contractId: contract, origin: .manual, wording: "Bilan", owedBy: .us, ownerRole: .legal, dueOn: nil, every: nil,
                                createdAt: now, updatedAt: now)
        let wanted = [draft("sla:standard#0", "SLA"), draft("payment:standard#0", "30 jours")]
        let (added, superseded) = ObligationRules.reconcile([kept, left, gone, manual], with: wanted)
        #expect(added.map(\.source) == ["payment:standard#0"])
        #expect(superseded.map(\.id) == [left.id], "already superseded ones and hand-written ones are left alone")
    }

    @Test func statusChangesNeedTheirNoteAndMeetingARecurringOneMovesItsDate() throws {
        var o = Obligation(contractId: contract, origin: .clause, wording: "Revue", owedBy: .us, ownerRole: .legal, dueOn: Day("2027-01-31"),
                           every: Period(months: 1), createdAt: now, updatedAt: now)
        #expect(throws: ValidationFailure([FieldError("note", "is required to mark a commitment waived: say what happened")])) {
            try ObligationRules.change(o, to: .waived, note: "  ", by: user, at: now)
        }
        #expect(throws: ValidationFailure.self) { try ObligationRules.change(o, to: .superseded, note: nil, by: user, at: now) }
        let (met, event) = try ObligationRules.change(o, to: .met, note: nil, by: user, at: now)
        #expect(met.status == .open && met.dueOn == Day("2027-02-28"), "month ends stay month ends")
        #expect(event.from == .open && event.to == .met && event.dueOn == Day("2027-01-31"))
        o.every = nil
        let (done, _) = try ObligationRules.change(o, to: .met, note: nil, by: user, at: now)
        #expect(done.status == .met && done.dueOn == o.dueOn)
        #expect(throws: DomainError.conflict("the commitment is already met")) { try ObligationRules.change(done, to: .met, note: nil, by: user, at: now) }
        o.status = .superseded
        #expect(throws: DomainError.self) { try ObligationRules.change(o, to: .open, note: nil, by: user, at: now) }
    }

    @Test func onlyOpenDatedCommitmentsFallDue() {
        var o = Obligation(contractId: contract, origin: .manual, wording: "x", owedBy: .them, ownerRole: .finance, dueOn: Day("2026-03-10"), every: nil,
                           createdAt: now, updatedAt: now)
        let today = Day("2026-03-02")!
        #expect(!ObligationRules.isDue(o, today: today, within: 7))
        #expect(ObligationRules.isDue(o, today: today, within: 8))
        #expect(ObligationRules.isDue(o, today: Day("2026-04-01")!, within: 0), "overdue counts")
        o.status = .met
        #expect(!ObligationRules.isDue(o, today: today, within: 30))
        o.status = .open
        o.dueOn = nil
        #expect(!ObligationRules.isDue(o, today: today, within: 30))
    }

    @Test func clauseSwapsNameEveryClauseWhoseTextChanged() {
        func instance(_ key: String, _ variant: ClauseVariant, _ text: String = "t") -> ClauseInstance {
            ClauseInstance(nodeId: key, number: "1", key: key, clauseVersion: 1, title: key, variant: variant, isDerogation: false, derogationCategory: nil,
                           requiresApprovalBy: [], text: text)
        }
        let before = [instance("a", .standard), instance("b", .alternative("b2")), instance("c", .custom, "old"), instance("d", .standard)]
        let after = [instance("a", .standard), instance("b", .standard), instance("c", .custom, "new"), instance("e", .standard)]
        #expect(ContractEditing.clauseSwaps(from: before, to: after).map { "\($0.key):\($0.from)>\($0.to)" }
                == ["b:b2>standard", "c:custom>custom", "d:standard>omitted", "e:omitted>standard"])
    }
}
