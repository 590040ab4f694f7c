import Foundation
import ParapheCore
import ParapheDocuments
import Testing

/// Generation turns the declarations of the texts chosen into commitments, worded and dated from the variables; the
/// validator refuses a declaration a template cannot fill.
@Suite struct CommitmentGenerationTests {
    static func library(due: String? = "endDate", wording: String = "Ne pas citer {{client.name}} avant le {{endDate}}") -> [String: Clause] {
        var library = SampleTemplate.library
        library["publicReference"]?.alternatives[0].obligations = [ObligationDeclaration(wording: wording, owedBy: .us, ownerRole: .sales, due: due)]
        library["paymentTerms"]?.obligations = [ObligationDeclaration(wording: "Relancer chaque trimestre", owedBy: .them, ownerRole: .finance, every: Period(months: 3))]
        return library
    }

    static func generate(_ library: [String: Clause], choices: [String: ClauseChoice]) throws -> GeneratedContract {
        let manifest = try SampleTemplate.parsed()
        let scope = try VariableBinding.bind(manifest.variables, input: SampleTemplate.variables, counterparty: nil)
        return try ContractGenerator(manifest: manifest, library: library, language: .fr).generate(variables: scope, choices: choices)
    }

    @Test func theTextChosenDeclaresTheCommitments() throws {
        let standard = try Self.generate(Self.library(), choices: ["publicReference": .standard])
        #expect(standard.obligations.map(\.wording) == ["Relancer chaque trimestre"])
        #expect(standard.obligations.first?.dueOn == Day("2026-06-01"), "a recurrence without a due date starts a period after the start date")
        #expect(standard.obligations.first?.source == "paymentTerms:standard#0")

        let derogating = try Self.generate(Self.library(), choices: ["publicReference": .alternative("noPublicReference"), "paymentTerms": .custom("À réception.")])
        #expect(derogating.obligations.map(\.wording) == ["Ne pas citer Globex SA avant le 28 février 2027"], "custom text declares nothing")
        #expect(derogating.obligations.first?.dueOn == Day("2027-02-28"))
        #expect(derogating.obligations.first?.source == "publicReference:noPublicReference#0")
    }

    @Test func aDueDateTheVariablesCannotGiveLeavesTheCommitmentUndated() throws {
        let generated = try Self.generate(Self.library(due: "note"), choices: ["publicReference": .alternative("noPublicReference")])
        #expect(generated.obligations.first { $0.clauseKey == "publicReference" }?.dueOn == nil)
    }

    @Test func theValidatorRefusesADeclarationTheTemplateCannotFill() throws {
        let issues = ManifestValidator.validate(try SampleTemplate.parsed(), library: Self.library(due: "signedOn", wording: "Ne pas citer {{customer.name}}"))
        #expect(issues.contains { $0.field.contains("publicReference.noPublicReference obligations[0]") && $0.message.contains("customer") })
        #expect(issues.contains { $0.message.contains("signedOn") })
    }
}
