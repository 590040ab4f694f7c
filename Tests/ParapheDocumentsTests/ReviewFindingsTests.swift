import Foundation
import ParapheCore
@testable import ParapheDocuments
import Testing

/// Hostile or careless manifests and data found in review: each must end in a clear error, not a crash, a hang or
/// a silently wrong contract.
@Suite struct ManifestHardeningTests {
    @Test func aliasBombIsRefusedBeforeItIsWalked() {
        var yaml = "title: x\nanchors:\n  - &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g"], ["a", "b", "c", "d", "e", "f"]) {
            yaml += "  - &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "clauses: [{id: a, title: t, body: b}]\n"
        do {
            _ = try ManifestParser.parse(yaml)
            Issue.record("must be refused")
        } catch {
            #expect(error.issues.first?.message.contains("more than") == true)
        }
    }

    @Test func articlesNestThreeLevelsAtMost() throws {
        let yaml = """
        title: x
        clauses:
          - id: a
            title: A
            children:
              - id: b
                title: B
                children:
                  - id: c
                    title: C
                    children:
                      - id: d
                        title: D
                        body: x
        """
        do {
            _ = try ManifestParser.parse(yaml)
            Issue.record("four levels must be refused")
        } catch {
            #expect(error.issues.contains { $0.field == "clauses[0].children[0].children[0].children" })
        }
    }

    @Test func unsafePatternsAndStructuredListsAreRefused() {
        let yaml = """
        title: x
        variables:
          - name: code
            type: text
            label: Code
            pattern: '^([A-Za-z0-9]+[ -]?)*$'
          - name: prices
            type: list
            items: money
            label: Prix
        clauses: [{id: a, title: t, body: b}]
        """
        do {
            _ = try ManifestParser.parse(yaml)
            Issue.record("must be refused")
        } catch {
            let fields = Set(error.issues.map(\.field))
            #expect(fields == ["variables[0].pattern", "variables[1].items"])
        }
        #expect(PatternSafety.problem("^[0-9]{4}-[0-9]{1,5}$") == nil)
        #expect(PatternSafety.problem("^(FR|DE)[0-9]+$") == nil)
        #expect(PatternSafety.problem("(a|aa)+") != nil)
        #expect(PatternSafety.problem("(x)\\1") != nil)
    }

    @Test func referencesToArticlesAContractCanLeaveOutAreRefused() throws {
        let manifest = try ManifestParser.parse("""
        title: x
        variables:
          - name: onSite
            type: boolean
            label: Sur site
        clauses:
          - id: objet
            title: Objet
            body: "Voir l'article {{ref:site}}."
          - id: site
            title: Site
            when: onSite
            body: "Comme dit à l'article {{ref:site}}, sur site."
            children:
              - id: detail
                title: Détail
                body: "Voir {{ref:site}}."
          - id: confidentialite
            title: Homonyme
            body: x
          - id: conf
            clause: confidentialite
        """)
        let library = ["confidentialite": Clause(key: "confidentialite", title: "Confidentialité", category: "c", body: "Texte.")]
        let issues = ManifestValidator.validate(manifest, library: library)
        #expect(issues.filter { $0.message.contains("can leave out") }.map(\.field) == ["clauses[0].body"])
        #expect(issues.contains { $0.message.contains("'confidentialite' is also the key") })
    }

    @Test func pipesInsidePlaceholdersAndEscapedPipesStayInTheirCell() throws {
        let template = try TextTemplate.parse("| Prix | {{price | money}} |\n| a \\| b | c |\n|\n")
        guard case .table(_, let rows) = template.blocks.first else { Issue.record("expected a table"); return }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.count == 2 })
        #expect(template.blocks.count == 1)
    }
}

@Suite struct GenerationHardeningTests {
    static let manifest = """
    title: x
    variables:
      - name: duration
        type: duration
        label: Durée
        default: P12M
      - name: purpose
        type: text
        label: Objet
        required: true
      - name: note
        type: text
        label: Note
    clauses:
      - id: objet
        title: Objet
        body: "{{purpose}}"
      - id: long
        title: Longue durée
        when: duration > 12
        body: x
    annexes:
      - title: Note
        when: note
        body: "{{note}}"
    """

    @Test func aConditionThatCannotBeEvaluatedIsAnError() throws {
        let manifest = try ManifestParser.parse(Self.manifest)
        let scope = try VariableBinding.bind(manifest.variables, input: ["purpose": .string("Audit")], counterparty: nil)
        do {
            _ = try ContractGenerator(manifest: manifest, library: [:], language: .fr).generate(variables: scope, choices: [:])
            Issue.record("comparing a duration with a number must be reported")
        } catch {
            #expect(error.errors.map(\.field) == ["clauses.long.when"])
        }
    }

    @Test func anAnnexWhoseConditionIsAbsentIsLeftOut() throws {
        let manifest = try ManifestParser.parse(Self.manifest.replacingOccurrences(of: "    when: duration > 12\n", with: ""))
        let scope = try VariableBinding.bind(manifest.variables, input: ["purpose": .string("Audit")], counterparty: nil)
        let contract = try ContractGenerator(manifest: manifest, library: [:], language: .fr).generate(variables: scope, choices: [:])
        #expect(contract.document.annexes.isEmpty)
    }

    @Test func blankRequiredTextIsMissing() throws {
        let manifest = try ManifestParser.parse(Self.manifest)
        do {
            _ = try VariableBinding.bind(manifest.variables, input: ["purpose": .string("   ")], counterparty: nil)
            Issue.record("blank text must not satisfy a required variable")
        } catch {
            #expect(error.errors.map(\.field) == ["variables.purpose"])
        }
    }
}
