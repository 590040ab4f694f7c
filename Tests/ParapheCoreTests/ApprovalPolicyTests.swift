import Foundation
import ParapheCore
import Testing

@Suite struct ApprovalPolicyTests {
    let derogationToLegal = ApprovalRule(name: "Toute dérogation", when: ApprovalCondition(hasDerogation: true),
                                         require: [ApprovalStep(role: .legal, mode: .any, order: 1)])
    let bigToFinance = ApprovalRule(name: "Plus de 50 000 €", when: ApprovalCondition(amountAbove: Money(amount: 50000, currency: "EUR")),
                                    require: [ApprovalStep(role: .finance, mode: .any, order: 2)])

    func clause(_ key: String, _ variant: ClauseVariant, derogation: Bool, category: String? = nil, approvers: [Role] = []) -> ClauseInstance {
        ClauseInstance(nodeId: key, number: "1", key: key, clauseVersion: 1, title: key, variant: variant, isDerogation: derogation,
                       derogationCategory: category, requiresApprovalBy: approvers, text: "t")
    }

    func facts(amount: Decimal = 10000, currency: String = "EUR", clauses: [ClauseInstance] = [], start: String = "2026-03-01",
               end: String = "2027-02-28") -> ApprovalFacts {
        ApprovalFacts(type: "msa", amount: Money(amount: amount, currency: currency), counterpartyKind: .customer,
                      startDate: Day(start), endDate: Day(end), clauses: clauses)
    }

    @Test func standardSmallContractNeedsNothing() {
        #expect(ApprovalPolicy.evaluate([derogationToLegal, bigToFinance], facts: facts()).isEmpty)
    }

    @Test func eachStepSaysWhy() {
        let payment = clause("paymentTerms", .alternative("payment60Days"), derogation: true, category: "payment", approvers: [.finance])
        let result = ApprovalPolicy.evaluate([derogationToLegal, bigToFinance], facts: facts(amount: 60000, clauses: [payment]))
        // finance is asked by the rule (order 2) and by the clause (order 1): it decides once, at order 1, for both
        #expect(result.map(\.step) == [ApprovalStep(role: .legal, order: 1), ApprovalStep(role: .finance, order: 1)])
        #expect(result[0].reasons == [ApprovalReason(ruleId: derogationToLegal.id, rule: "Toute dérogation",
                                                     criteria: [.derogations(["paymentTerms (payment60Days)"])])])
        #expect(result[0].reasons[0].because == ["derogation: paymentTerms (payment60Days)"])
        // the same reasons, for a French reader
        #expect(result[1].reasons.map { $0.because(in: .fr) } == [["montant 60\u{00A0}000,00\u{00A0}€ supérieur à 50\u{00A0}000,00\u{00A0}€"],
                                                                   ["payment60Days de la clause paymentTerms demande la validation finance"]])
        #expect(result[1].reasons.map(\.because) == [["amount 60000.00 EUR is above 50000.00 EUR"],
                                                     ["payment60Days of clause paymentTerms requires finance"]])
        #expect(result[1].reasons.last?.ruleId == nil)
    }

    @Test func anAmountInAnotherCurrencyFailsClosed() {
        // given a rule with a threshold in EUR only, when a contract is written in USD (even a small amount)
        let result = ApprovalPolicy.evaluate([bigToFinance], facts: facts(amount: 10, currency: "USD"))
        // then the rule holds, and says why in words a reader understands
        #expect(result.map(\.step.role) == [.finance])
        let criterion = try! #require(result.first?.reasons.first?.criteria.first)
        #expect(criterion.phrase(.en).contains("threshold is in EUR"))
        #expect(criterion.phrase(.fr).contains("n’a de seuil qu’en EUR"))
    }

    @Test func criteriaHaveAnExplicitJSONShape() throws {
        let criteria: [ApprovalCriterion] = [.derogations(["paymentTerms (payment60Days)"]), .amountAbove(amount: Money(amount: 1, currency: "EUR"),
                                             threshold: Money(amount: 0, currency: "EUR")), .noDerogation, .duration(months: 36, limit: 24),
                                             .clauseRequires(variant: "v", clause: "c", role: .legal), .counterparty(.supplier)]
        let text = String(decoding: try CanonicalJSON.encode(criteria), as: UTF8.self)
        #expect(text.contains(#"{"derogations":["paymentTerms (payment60Days)"],"kind":"derogations"}"#))
        #expect(text.contains(#"{"kind":"noDerogation"}"#))
        #expect(text.contains(#""counterparty":"supplier","kind":"counterparty""#))
        #expect(!text.contains("_0"))
        #expect(try JSONDecoder().decode([ApprovalCriterion].self, from: Data(text.utf8)) == criteria)
        // Reasons stored before the explicit shape still read back.
        let legacy = #"[{"derogations":{"_0":["a"]}},{"noDerogation":{}},{"duration":{"months":3,"limit":2}},{"counterparty":{"_0":"partner"}}]"#
        #expect(try JSONDecoder().decode([ApprovalCriterion].self, from: Data(legacy.utf8))
                == [.derogations(["a"]), .noDerogation, .duration(months: 3, limit: 2), .counterparty(.partner)])
    }

    @Test func criteriaCombineWithAnd() {
        let rule = ApprovalRule(name: "Long supplier", when: ApprovalCondition(counterpartyKinds: [.supplier], durationMonthsAbove: 24),
                                require: [ApprovalStep(role: .legal)])
        var long = facts(end: "2029-02-28")
        #expect(ApprovalPolicy.evaluate([rule], facts: long).isEmpty, "a customer")
        long.counterpartyKind = .supplier
        #expect(ApprovalPolicy.evaluate([rule], facts: long).first?.reasons.first?.because == ["counterparty is a supplier", "runs 36 months, more than 24"])
        #expect(ApprovalPolicy.evaluate([rule], facts: ApprovalFacts(type: "msa", amount: nil, counterpartyKind: .supplier, startDate: Day("2026-03-01"),
                                                                     endDate: Day("2028-02-29"), clauses: [])).isEmpty, "exactly 24 months")
    }

    @Test func categoriesAlternativesAndCustomText() {
        let custom = clause("liability", .custom, derogation: true, category: ClauseDeviation.customCategory, approvers: [.legal])
        let byCategory = ApprovalRule(name: "c", when: ApprovalCondition(derogationCategories: ["publicity"]), require: [ApprovalStep(role: .admin)])
        let byKey = ApprovalRule(name: "k", when: ApprovalCondition(alternatives: ["noPublicReference"]), require: [ApprovalStep(role: .admin)])
        let byCustom = ApprovalRule(name: "t", when: ApprovalCondition(customText: true), require: [ApprovalStep(role: .legal, mode: .all, order: 3)])
        let result = ApprovalPolicy.evaluate([byCategory, byKey, byCustom], facts: facts(clauses: [custom]))
        #expect(result.map(\.step) == [ApprovalStep(role: .legal, order: 1), ApprovalStep(role: .legal, mode: .all, order: 3)])
        #expect(result[1].reasons.first?.because == ["negotiated text in liability"])
    }

    @Test(arguments: [("2026-03-01", "2027-02-28", 12), ("2026-03-01", "2027-02-27", 11), ("2026-01-31", "2026-02-26", 0),
                      ("2026-01-31", "2026-02-27", 1), ("2026-03-01", "2026-02-01", 0)])
    func monthsOfATerm(start: String, end: String, months: Int) {
        #expect(Day(start)!.monthsUntil(Day(end)!) == months)
    }

    @Test func aDraftRuleIsCheckedFieldByField() throws {
        let someone = User.ID()
        let draft = ApprovalRuleDraft(name: " ", when: ApprovalCondition(contractTypes: ["msa", "leasing"]),
                                      require: [.init(role: "legal", users: [someone.description]), .init(role: "cfo", mode: "most", order: 0),
                                                .init(users: ["x"])],
                                      position: 0, appliesTo: "tender")
        guard case .failure(let failure) = draft.rule(knownTypes: ["msa", "nda"], existingUsers: []) else { Issue.record("accepted"); return }
        #expect(failure.errors.map(\.field) == ["name", "when.contractTypes[1]", "position", "appliesTo", "require[0].users[0]", "require[0]",
                                                "require[1].role", "require[1].mode", "require[1].order", "require[2].users[0]"])
        let good = ApprovalRuleDraft(name: "Binôme", when: nil, require: [.init(users: [someone.description], mode: "all", order: 2)])
        let rule = try good.rule(knownTypes: [], existingUsers: [someone]).get()
        #expect(rule.require == [ApprovalStep(users: [someone], mode: .all, order: 2)])
        #expect(rule.appliesTo == .contract && good.namedUsers == [someone])
        #expect(ApprovalRuleDraft(name: "Vide", when: nil, require: []).rule(knownTypes: [], existingUsers: []) == .failure(ValidationFailure([FieldError("require", "must list at least one step")])))
    }

    @Test func variablesAreTestedByValue() {
        let values: [String: JSONValue] = ["paymentDays": .number(60), "jurisdiction": .string("Londres"), "exclusive": .bool(true),
                                           "cap": .object(["amount": .string("250000.00"), "currency": .string("EUR")]), "note": .null]
        #expect(VariableCondition(name: "paymentDays", above: .number(45)).match(values) == .number(60))
        #expect(VariableCondition(name: "paymentDays", above: .string("60")).match(values) == nil, "above is strict")
        #expect(VariableCondition(name: "paymentDays", equals: .string("60.0")).match(values) != nil, "numbers compare by value")
        #expect(VariableCondition(name: "jurisdiction", in: [.string("Paris"), .string("Londres")]).match(values) != nil)
        #expect(VariableCondition(name: "jurisdiction", equals: .string("londres")).match(values) == nil)
        #expect(VariableCondition(name: "exclusive", equals: .bool(true)).match(values) != nil)
        #expect(VariableCondition(name: "cap", above: .number(200_000), below: .string("300000")).match(values) != nil, "a money value by its amount")
        #expect(VariableCondition(name: "note", equals: .null).match(values) == nil && VariableCondition(name: "absent", below: .number(1)).match(values) == nil)

        let rule = ApprovalRule(name: "Paiement long", when: ApprovalCondition(contractTypes: ["msa"], variables: [VariableCondition(name: "paymentDays", above: .number(45))]),
                                require: [ApprovalStep(role: .finance)])
        let facts = ApprovalFacts(type: "msa", amount: nil, counterpartyKind: nil, startDate: nil, endDate: nil, clauses: [], variables: values)
        let reasons = ApprovalPolicy.evaluate([rule], facts: facts).first?.reasons.first
        #expect(reasons?.because == ["type is msa", "variable paymentDays is 60"])
        #expect(reasons?.because(in: .fr) == ["type msa", "variable paymentDays : 60"])
        var short = facts
        short.variables["paymentDays"] = .number(30)
        #expect(ApprovalPolicy.evaluate([rule], facts: short).isEmpty)

        #expect(VariableCondition(name: "cap", above: .number(200_000), currency: "EUR").match(values) != nil)
        #expect(VariableCondition(name: "cap", above: .number(200_000), currency: "JPY").match(values) == nil, "amounts are never converted")
        #expect(VariableCondition(name: "paymentDays", equals: .number(60), currency: "EUR").match(values) == nil, "a currency asks for a money value")
        #expect(VariableCondition(name: "client.name", equals: .string("Initech")).match(["client": .object(["name": .string("Initech")])]) != nil)
        #expect(VariableCondition(name: "client.siren", equals: .string("1")).match(["client": .object(["name": .string("Initech")])]) == nil)
        #expect(VariableCondition(name: "code", equals: .string("007")).match(["code": .string("7")]) != nil, "text reading as a number compares as one")

        let bad = ApprovalCondition(variables: [VariableCondition(name: " price"), VariableCondition(name: "x", equals: .array([]), above: .string("beaucoup")),
                                                VariableCondition(name: "a..b", above: .object(["amount": .string("5")]), currency: "euro"),
                                                VariableCondition(name: "y", in: Array(repeating: .number(1), count: 101))]).validate()
        #expect(bad.map(\.field) == ["when.variables[0].name", "when.variables[0]", "when.variables[1].above", "when.variables[1].equals",
                                     "when.variables[2].name", "when.variables[2].above", "when.variables[2].currency", "when.variables[3].in"])
        #expect(ApprovalCondition(variables: []).validate().map(\.field) == ["when.variables"])
        let supplierRule = ApprovalRuleDraft(name: "Fournisseur", when: ApprovalCondition(variables: [VariableCondition(name: "x", equals: .bool(true))]),
                                             require: [.init(role: "legal")], appliesTo: "supplierRequest")
        #expect(supplierRule.rule(knownTypes: [], existingUsers: []) == .failure(ValidationFailure([
            FieldError("when.variables", "a supplier request has no variables; test personalData or amountAbove")])))
    }
}
