import Foundation
import Logging
import ParapheCore
import ParapheStore

/// The approval policy's two budgets: one contract against 200 rules (≤ 50 µs), and a rule tried on 100 000 past
/// contracts read from SQLite (≤ 2 s), as `POST /approval-policies/simulate` does it. Prints JSON.
///     paraphe-bench policy work-dir [contracts]
enum PolicyBench {
    static func rules(_ count: Int) -> [ApprovalRule] {
        (0..<count).map { i in
            let when: ApprovalCondition = switch i % 5 {
            case 0: ApprovalCondition(contractTypes: ["msa", "supplier"], amountAbove: Money(amount: Decimal(10_000 + i * 1000), currency: "EUR"))
            case 1: ApprovalCondition(hasDerogation: true, derogationCategories: ["payment", "liability"])
            case 2: ApprovalCondition(counterpartyKinds: [.supplier], durationMonthsAbove: 24 + i % 12)
            case 3: ApprovalCondition(alternatives: ["payment60Days", "uncapped\(i)"], customText: true)
            default: ApprovalCondition(contractTypes: ["nda"], hasDerogation: false)
            }
            let role: Role = [.legal, .finance, .admin][i % 3]
            return ApprovalRule(name: "Règle \(i)", when: when, require: [ApprovalStep(role: role, mode: i % 2 == 0 ? .any : .all, order: 1 + i % 3)])
        }
    }

    static func clause(_ key: String, _ variant: String, category: String) -> ClauseInstance {
        ClauseInstance(nodeId: key, number: "1", key: key, clauseVersion: 1, title: key, variant: .alternative(variant), isDerogation: true,
                       derogationCategory: category, requiresApprovalBy: [.finance], text: "Les factures sont payables à soixante (60) jours.")
    }

    static func run(_ arguments: [String]) async throws {
        guard arguments.count >= 3 else {
            FileHandle.standardError.write(Data("usage: paraphe-bench policy work-dir [contracts]\n".utf8))
            exit(64)
        }
        let total = arguments.count > 3 ? Int(arguments[3]) ?? 100_000 : 100_000
        let clock = ContinuousClock()

        let policy = rules(200)
        let facts = ApprovalFacts(type: "msa", amount: Money(amount: 120_000, currency: "EUR"), counterpartyKind: .customer,
                                  startDate: Day("2026-01-01"), endDate: Day("2028-12-31"), clauses: [clause("paymentTerms", "payment60Days", category: "payment")])
        // Heavy: this contract matches 62 of the 200 rules, each reason written out. Typical: a small standard NDA
        // matches a few.
        let typical = ApprovalFacts(type: "nda", amount: nil, counterpartyKind: .customer, startDate: Day("2026-01-01"), endDate: Day("2027-12-31"),
                                    clauses: [])
        var steps = 0, matched = 0
        for _ in 0..<1000 { steps += ApprovalPolicy.evaluate(policy, facts: facts).count + ApprovalPolicy.evaluate(policy, facts: typical).count }
        let rulesMatched = policy.filter { ApprovalPolicy.matches($0.when, facts) != nil }.count
        let typicalMatched = policy.filter { ApprovalPolicy.matches($0.when, typical) != nil }.count
        let runs = 20_000
        let evaluation = clock.measure { for _ in 0..<runs { steps += ApprovalPolicy.evaluate(policy, facts: facts).count } }
        let typicalEvaluation = clock.measure { for _ in 0..<runs { steps += ApprovalPolicy.evaluate(policy, facts: typical).count } }

        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let path = arguments[2] + "/policy-bench.sqlite"
        // PARAPHE_BENCH_REUSE=1 keeps a database seeded by an earlier run of the same day, for profiling the read.
        let reuse = ProcessInfo.processInfo.environment["PARAPHE_BENCH_REUSE"] == "1" && FileManager.default.fileExists(atPath: path)
        if !reuse { try? FileManager.default.removeItem(atPath: path) }
        let database = try await Database.open(.sqlite(path: path), logger: logger)
        let now = Date()
        _ = try await database.migrate(now: now)
        let owner = User(email: "bench@paraphe.test", name: "Bench", roles: [.sales], createdAt: now)
        if !reuse { try await database.transaction { try await $0.insertUser(owner, passwordHash: "x") } }
        let seeding = try await clock.measure {
            for batch in stride(from: 0, to: reuse ? 0 : total, by: 5000) {
                try await database.transaction { s in
                    for n in batch..<min(total, batch + 5000) {
                        let contract = Contract(reference: ContractReference(year: 2026, number: n + 1), title: "Contrat \(n)", type: ["msa", "nda", "order_form", "supplier"][n % 4],
                                                counterpartyId: nil, ownerId: owner.id, amount: Money(amount: Decimal(1000 + (n * 37) % 200_000), currency: "EUR"),
                                                startDate: Day("2026-01-01"), endDate: Day("2027-12-31"),
                                                metadata: ["region": .string(["FR", "DE", "APAC", "US"][n % 4]), "crmStage": .string("won")],
                                                createdAt: now, updatedAt: now)
                        try await s.insertContract(contract)
                        if n % 10 == 0 {
                            try await s.insertClauses([StoredClause(instance: clause("paymentTerms", "payment60Days", category: "payment"), textHash: "0")], of: contract.id)
                        }
                    }
                }
            }
        }
        let rule = ApprovalRule(name: "Dérogation de paiement au-delà de 50 000 €",
                                when: ApprovalCondition(amountAbove: Money(amount: 50_000, currency: "EUR"), derogationCategories: ["payment"]),
                                require: [ApprovalStep(role: .finance)])
        let today = Day(now)
        var examined = 0
        let simulation = try await clock.measure {
            let rows = try await database.read { try await $0.approvalFacts(createdFrom: today.adding(days: -1), to: today, limit: total + 1) }
            examined = rows.count
            matched = rows.filter { ApprovalPolicy.matches(rule.when, $0.1) != nil }.count
        }
        // The same, for a rule that tests a variable: the metadata and variables are read and decoded too.
        let regional = ApprovalCondition(variables: [VariableCondition(name: "region", in: [.string("APAC"), .string("US")])])
        var regionalMatched = 0
        let variableSimulation = try await clock.measure {
            let rows = try await database.read { try await $0.approvalFacts(createdFrom: today.adding(days: -1), to: today, limit: total + 1, withVariables: true) }
            regionalMatched = rows.filter { ApprovalPolicy.matches(regional, $0.1) != nil }.count
        }
        try await database.close()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let result: [String: Double] = [
            "evaluateMicroseconds": seconds(evaluation) * 1e6 / Double(runs), "rules": Double(policy.count), "rulesMatched": Double(rulesMatched),
            "typicalMicroseconds": seconds(typicalEvaluation) * 1e6 / Double(runs), "typicalMatched": Double(typicalMatched),
            "simulateSeconds": seconds(simulation), "examined": Double(examined), "matched": Double(matched), "seedSeconds": seconds(seeding),
            "simulateVariablesSeconds": seconds(variableSimulation), "variablesMatched": Double(regionalMatched),
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self), "steps:", steps > 0)
    }
}
