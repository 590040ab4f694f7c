import Foundation
import ParapheCore
import Testing

@Suite struct LifecycleTests {
    func contract(_ status: ContractStatus) -> Contract {
        Contract(reference: ContractReference(year: 2026, number: 1), title: "MSA", type: "msa", counterpartyId: nil, ownerId: User.ID(),
                 status: status, amount: Money(amount: 1000, currency: "EUR"), createdAt: Date(), updatedAt: Date())
    }

    @Test func happyPathToActive() throws {
        var c = contract(.draft)
        for next in [ContractStatus.inReview, .approved, .negotiating, .inReview, .approved, .signing, .signed, .active, .renewed, .expired] {
            (c, _) = try Lifecycle.transition(c, to: next, at: Date())
            #expect(c.status == next)
        }
        #expect(c.signedAt != nil)
    }

    @Test func illegalTransitionListsAllowed() {
        #expect(throws: LifecycleError.illegal(from: .draft, to: .signed, allowed: [.inReview, .cancelled])) {
            try Lifecycle.transition(contract(.draft), to: .signed, at: Date())
        }
    }

    @Test func closedStatusesAreFinal() {
        for status in [ContractStatus.expired, .terminated, .cancelled] {
            #expect(Lifecycle.allowed(from: status).isEmpty)
        }
    }

    @Test func cannotCancelOnceSigned() {
        for status in ContractStatus.allCases where status.isExecuted {
            #expect(!Lifecycle.allowed(from: status).contains(.cancelled))
        }
    }

    @Test func changingTermsAfterApprovalSendsBackToReview() {
        let approved = contract(.approved)
        var terms = ContractTerms(approved)
        terms.amount = Money(amount: 2000, currency: "EUR")
        let (next, changes) = ContractEditing.apply(terms, to: approved, at: Date())
        #expect(next.status == .inReview)
        #expect(changes == [.edited(fields: ["amount"]), .sentBackToReview(from: .approved, because: ["amount"])])
    }

    @Test func renamingAfterApprovalDoesNotReset() {
        let approved = contract(.approved)
        var terms = ContractTerms(approved)
        terms.title = "MSA v2"
        let (next, changes) = ContractEditing.apply(terms, to: approved, at: Date())
        #expect(next.status == .approved)
        #expect(changes == [.edited(fields: ["title"])])
    }

    @Test func noChangeNoEvent() {
        let c = contract(.draft)
        #expect(ContractEditing.apply(ContractTerms(c), to: c, at: Date()).1.isEmpty)
    }

    @Test func referenceFormat() {
        #expect(ContractReference(year: 2026, number: 123).description == "CTR-2026-000123")
        #expect(ContractReference(year: 2026, number: 1_234_567).description == "CTR-2026-1234567")
        #expect(ContractReference("CTR-2026-000123") == ContractReference(year: 2026, number: 123))
    }
}
