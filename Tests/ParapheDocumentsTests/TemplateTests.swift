import Foundation
import ParapheCore
@testable import ParapheDocuments
import Testing

@Suite struct ManifestTests {
    @Test func sampleParsesAndPublishes() throws {
        let manifest = try SampleTemplate.parsed()
        #expect(manifest.variables.map(\.name) == ["provider", "client", "price", "startDate", "duration", "onSite", "note"])
        #expect(ManifestValidator.validate(manifest, library: SampleTemplate.library).isEmpty)
    }

    @Test func brokenManifestNamesLineAndField() {
        let source = """
        title: NDA
        variables:
          - name: price
            type: money
            label: Prix
            colour: red
        clauses:
          - id: objet
            title: Objet
            when: price >
            body: Texte.
        """
        #expect(throws: ManifestRejected.self) { try ManifestParser.parse(source) }
        do {
            _ = try ManifestParser.parse(source)
        } catch {
            let byField = Dictionary(error.issues.map { ($0.field, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byField["variables[0].colour"]?.line == 6)
            #expect(byField["clauses[0].when"]?.line == 10)
            #expect(byField["clauses[0].when"]?.message.isEmpty == false)
        }
    }

    @Test func yamlSyntaxErrorHasALine() {
        do {
            _ = try ManifestParser.parse("title: x\nclauses:\n  - id: a\n   body: [unclosed\n")
            Issue.record("a syntax error must be rejected")
        } catch {
            #expect(error.issues.first?.field == "manifest")
            #expect(error.issues.first?.line != nil)
        }
    }

    @Test func unknownVariableInConditionCannotBePublished() throws {
        let manifest = try ManifestParser.parse("""
        title: NDA
        variables:
          - name: price
            type: number
            label: Prix
        clauses:
          - id: objet
            title: Objet
            when: prix > 10
            body: "{{montant}} et l'article {{ref:nulle-part}}"
          - id: pay
            clause: paymentTerms
            alternatives: [payment90Days]
        """)
        let issues = ManifestValidator.validate(manifest, library: SampleTemplate.library)
        #expect(issues.contains { $0.field == "clauses[0].when" && $0.message.contains("unknown variable 'prix'") && $0.line == 7 })
        #expect(issues.contains { $0.field == "clauses[0].body" && $0.message.contains("montant") })
        #expect(issues.contains { $0.field == "clauses[0].body" && $0.message.contains("nulle-part") })
        #expect(issues.contains { $0.field == "clauses[1].alternatives" && $0.message.contains("payment90Days") })
    }

    @Test func unknownLibraryClauseAndDuplicateIds() throws {
        let manifest = try ManifestParser.parse("""
        title: NDA
        clauses:
          - id: a
            clause: nowhere
          - id: a
            title: Twice
            body: Texte.
        """)
        let fields = ManifestValidator.validate(manifest, library: [:]).map(\.field)
        #expect(fields.contains("clauses[0].clause"))
        #expect(fields.contains("clauses[1].id"))
    }

    @Test func deeplyNestedManifestIsRejectedBeforeParsing() {
        do {
            _ = try ManifestParser.parse("title: x\nclauses: " + String(repeating: "[", count: 200_000))
            Issue.record("must be rejected")
        } catch {
            #expect(error.issues.first?.message.contains("nests deeper") == true)
            #expect(error.issues.first?.line == 2)
        }
    }

    @Test func oversizedManifestIsRejected() {
        #expect(throws: ManifestRejected.self) { try ManifestParser.parse(String(repeating: "#", count: ManifestParser.maxBytes + 1)) }
    }
}

@Suite struct GenerationTests {
    @Test func numbersAfterRemovingConditionalClausesAndResolvesReferences() throws {
        let contract = try SampleTemplate.generate()
        let articles = contract.document.articles
        #expect(articles.map(\.id) == ["objet", "prix", "paiement", "reference"])
        #expect(articles.map(\.number) == ["1", "2", "3", "4"])
        let objet = articles[0].blocks.first.flatMap { if case .paragraph(let runs) = $0 { runs.plainText } else { nil } }
        #expect(objet == "Le Prestataire fournit au Client les services décrits à l'article 2.")

        var onSite = SampleTemplate.variables
        onSite["onSite"] = .bool(true)
        let withSite = try SampleTemplate.generate(onSite)
        #expect(withSite.document.articles.map(\.id) == ["objet", "site", "prix", "paiement", "reference"])
        let reference = withSite.document.articles[0].blocks.first.flatMap { if case .paragraph(let runs) = $0 { runs.plainText } else { nil } }
        #expect(reference?.hasSuffix("l'article 3.") == true)
    }

    @Test func formatsMoneyDatesAndWordsAndComputesTerms() throws {
        let contract = try SampleTemplate.generate()
        let prix = contract.document.articles[1].blocks.map { if case .paragraph(let runs) = $0 { runs.plainText } else { "" } }.joined(separator: "\n")
        #expect(prix.contains("48\u{00A0}000,00\u{00A0}€ hors taxes"))
        #expect(prix.contains("57\u{00A0}600,00\u{00A0}€ TTC"))
        #expect(prix.contains("quarante-huit mille euros"))
        #expect(prix.contains("du 1er mars 2026 au 28 février 2027"))
        #expect(contract.amount == Money(amount: 48000, currency: "EUR"))
        #expect(contract.startDate == Day("2026-03-01"))
        #expect(contract.endDate == Day("2027-02-28"))
        #expect(contract.renewal.mode == .tacit)
    }

    @Test func derogationAlternativesAndCustomTextBecomeData() throws {
        let contract = try SampleTemplate.generate(choices: [
            "paymentTerms": .alternative("payment60Days"),
            "publicReference": .alternative("noPublicReference"),
        ])
        let byKey = Dictionary(contract.clauses.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byKey["paymentTerms"]?.variant == .alternative("payment60Days"))
        #expect(byKey["paymentTerms"]?.isDerogation == true)
        #expect(byKey["paymentTerms"]?.derogationCategory == "payment")
        #expect(byKey["paymentTerms"]?.requiresApprovalBy == [.finance])
        #expect(byKey["paymentTerms"]?.text.contains("soixante (60) jours") == true)
        #expect(byKey["objet"]?.isDerogation == false)

        let custom = try SampleTemplate.generate(choices: ["paymentTerms": .custom("Paiement à réception, sans escompte.")])
        let payment = try #require(custom.clauses.first { $0.key == "paymentTerms" })
        #expect(payment.variant == .custom)
        #expect(payment.isDerogation)
        #expect(payment.derogationCategory == ClauseDeviation.customCategory)
        #expect(payment.text == "Paiement à réception, sans escompte.")
    }

    @Test func optionalClauseCanBeLeftOut() throws {
        let contract = try SampleTemplate.generate(choices: ["publicReference": .omitted])
        #expect(!contract.clauses.contains { $0.key == "publicReference" })
        #expect(contract.document.articles.count == 3)
    }

    @Test func badChoicesAreFieldErrors() throws {
        func fields(_ choices: [String: ClauseChoice]) -> [String] {
            do { _ = try SampleTemplate.generate(choices: choices); return [] } catch let error as ValidationFailure {
                return error.errors.map(\.field)
            } catch { return ["unexpected \(error)"] }
        }
        #expect(fields(["nowhere": .standard]) == ["clauses.nowhere"])
        #expect(fields(["paymentTerms": .alternative("payment90Days")]) == ["clauses.paymentTerms"])
        #expect(fields(["publicReference": .custom("free text")]) == ["clauses.publicReference"])
        #expect(fields(["paymentTerms": .omitted]) == ["clauses.paymentTerms"])
    }

    @Test func badVariablesAreFieldErrors() throws {
        let manifest = try SampleTemplate.parsed()
        var input = SampleTemplate.variables
        input["client"] = nil
        input["price"] = .object(["amount": .string("douze"), "currency": .string("EUR")])
        input["startDate"] = .string("2026-02-30")
        input["onSite"] = .string("yes")
        input["colour"] = .string("red")
        do {
            _ = try VariableBinding.bind(manifest.variables, input: input, counterparty: nil)
            Issue.record("bad variables must be rejected")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["variables.client", "variables.price.amount", "variables.startDate", "variables.onSite", "variables.colour"])
        }
    }

    @Test func generationIsDeterministic() throws {
        let a = try SampleTemplate.generate(choices: ["paymentTerms": .alternative("payment60Days")])
        let b = try SampleTemplate.generate(choices: ["paymentTerms": .alternative("payment60Days")])
        #expect(a == b)
        #expect(try DOCXWriter().render(a.document) == DOCXWriter().render(b.document))
        #expect(PDFRenderer(fonts: .load()).render(a.document) == PDFRenderer(fonts: .load()).render(b.document))
    }
}

@Suite struct ExpressionTests {
    func evaluate(_ source: String, _ scope: TemplateScope = [:]) throws -> TemplateValue? {
        try ExpressionParser.parse(source).evaluate(scope)
    }

    @Test func logicAndComparisons() throws {
        let scope: TemplateScope = ["price": .money(Money(amount: 60000, currency: "EUR")), "public": .bool(false), "kind": .text("client")]
        #expect(try evaluate("price > 50000 and not public", scope) == .bool(true))
        #expect(try evaluate("kind in ['client', 'partner'] or public", scope) == .bool(true))
        #expect(try evaluate("(1 + 2) * 3 == 9") == .bool(true))
        let dates: TemplateScope = ["start": .date(Day("2026-01-31")!), "length": .duration(Period("P1M")!)]
        #expect(try evaluate("endDate(start, length)", dates) == .date(Day("2026-02-27")!))
    }

    @Test func malformedExpressionsAreRejected() {
        for source in ["price >", "a and", "f(", "'unterminated", "a ! b", String(repeating: "(", count: 3000)] {
            #expect(throws: ExpressionError.self) { try ExpressionParser.parse(source) }
        }
    }
}
