import ParapheCore
import Testing

@Suite struct SystemReasonTests {
    static let all: [SystemReason] = [
        .submittedForReview, .noApprovalRequired, .everyApprovalGiven, .withdrawn(by: "Camille Martin"), .crmRule("r-1"),
        .updatedFromCRM(system: "salesforce", object: "Opportunity", record: "006000000000001AAA"),
        .imported(filename: "contrat signé 2024.pdf", signed: true), .imported(filename: "projet.docx", signed: false),
        .termsChanged(duringReview: false, what: []), .termsChanged(duringReview: true, what: ["amount", "endDate"]),
        .termsChanged(duringReview: false, what: ["clauses.paymentTerms"]),
    ]

    @Test func everyReasonParapheWritesIsReadBackAndPhrasedInFrench() {
        for reason in Self.all {
            #expect(SystemReason(stored: reason.stored) == reason, "\(reason.stored)")
            let french = reason.phrase(.fr)
            #expect(french != reason.stored, "\(french) is phrased, not the stored English")
        }
        #expect(SystemReason.updatedFromCRM(system: "salesforce", object: "Opportunity", record: "006A").phrase(.fr) == "mis à jour depuis Salesforce (Opportunity 006A)")
        #expect(SystemReason.imported(filename: "a b.pdf", signed: true).phrase(.fr) == "document signé importé : a b.pdf")
        #expect(SystemReason(stored: "terms changed during review: clauses.publicReference")?.phrase(.fr) == "clauses modifiées pendant la revue")
        #expect(SystemReason(stored: "terms changed after approval")?.phrase(.fr) == "conditions modifiées après approbation")
    }

    @Test func whatAPersonTypedIsTheirs() {
        for typed in ["prêt pour la signature", "submitted", "updated from memory", "CRM", ""] {
            #expect(SystemReason(stored: typed) == nil, "\(typed)")
        }
    }
}
