import Foundation
import ParapheApp
import ParapheCore
import ParapheServices
import ParapheStore
import Testing

/// The permission rules live in the workflows, below HTTP: called directly, as a job, the CLI or a CRM rule would
/// call them, each refuses exactly whom the API refuses. One table, every role, both engines.
@Suite struct WorkflowPermissionTests {
    /// One guarded operation and the roles it lets through; everyone else gets a domain refusal (forbidden, or not
    /// found where the object is not theirs to see).
    struct Rule: Sendable {
        var name: String
        var allowed: Set<String>
        var run: @Sendable (AppServices, User, Fixture) async throws -> Void
    }

    /// What the operations act on: a contract owned by `sales` and in review, its open legal step, a grant to
    /// finance and an approval rule, each fresh for every try.
    struct Fixture: Sendable {
        var contract: Contract.ID
        var owner: User
        var step: Approval.ID
        var grant: SignatureAuthority.ID
        var rule: ApprovalRule.ID
    }

    static let everyone = ["admin", "legal", "sales", "sales2", "finance", "viewer"]

    static let rules: [Rule] = [
        Rule(name: "create a contract", allowed: ["admin", "legal", "sales", "sales2", "finance"]) { services, user, _ in
            _ = try await ContractWorkflow(services: services).create(
                ContractTerms(title: "Contrat", type: "msa", counterpartyId: nil, amount: nil, startDate: nil, endDate: nil, renewal: .none, metadata: [:]),
                owner: user, actor: .user(user))
        },
        Rule(name: "share someone's contract", allowed: ["admin", "legal", "sales"]) { services, user, f in
            try await ContractWorkflow(services: services).share(f.contract, with: f.owner.id, by: .user(user), actor: .user(user))
        },
        Rule(name: "cancel someone's contract", allowed: ["admin", "legal", "sales"]) { services, user, f in
            _ = try await ContractWorkflow(services: services).transition(f.contract, to: .cancelled, reason: "test", by: .user(user), actor: .user(user))
        },
        Rule(name: "grant signature authority to a colleague", allowed: ["admin", "legal"]) { services, user, f in
            _ = try await SignatureAuthorityWorkflow(services: services).grant(.init(userId: f.owner.id.description, contractTypes: nil, maxAmount: nil,
                                                                                     validFrom: nil, validUntil: nil), by: user)
        },
        Rule(name: "grant signature authority to oneself", allowed: []) { services, user, _ in
            _ = try await SignatureAuthorityWorkflow(services: services).grant(.init(userId: user.id.description, contractTypes: nil, maxAmount: nil,
                                                                                     validFrom: nil, validUntil: nil), by: user)
        },
        Rule(name: "add an approval rule", allowed: ["admin", "legal"]) { services, user, _ in
            let draft = try JSONDecoder().decode(ApprovalRuleDraft.self, from: Data(#"{"name": "Tout", "when": {}, "require": [{"role": "legal"}]}"#.utf8))
            _ = try await ApprovalPolicyWorkflow(services: services).add(draft, by: .user(user))
        },
        Rule(name: "try a rule on past contracts", allowed: ["admin", "legal", "finance"]) { services, user, _ in
            let draft = try JSONDecoder().decode(ApprovalRuleDraft.self, from: Data(#"{"name": "Tout", "when": {}, "require": [{"role": "legal"}]}"#.utf8))
            _ = try await ApprovalPolicyWorkflow(services: services).history(draft, from: nil, to: nil, by: .user(user))
        },
        Rule(name: "create a user", allowed: ["admin"]) { services, user, _ in
            _ = try await UserWorkflow(services: services).create(
                NewUser(email: "\(UUID().uuidString.prefix(8))@paraphe.test", name: "Nouveau", password: "assez-long-mot", roles: [.sales]), by: .user(user))
        },
        Rule(name: "rename a user", allowed: ["admin"]) { services, user, f in
            _ = try await UserWorkflow(services: services).update(f.owner.id, .init(name: "Hugo"), by: .user(user))
        },
        Rule(name: "subscribe a webhook", allowed: ["admin"]) { services, user, _ in
            let input = try JSONDecoder().decode(WebhookWorkflow.Input.self, from: Data(#"{"url": "https://hooks.example.com/paraphe", "events": ["*"]}"#.utf8))
            _ = try await WebhookWorkflow(services: services).subscribe(input, by: .user(user))
        },
        Rule(name: "record a counterparty", allowed: ["admin", "legal", "sales", "sales2", "finance"]) { services, user, _ in
            let input = try JSONDecoder().decode(CounterpartyWorkflow.Input.self, from: Data(#"{"name": "ACME SAS"}"#.utf8))
            _ = try await CounterpartyWorkflow(services: services).create(input, by: .user(user))
        },
        Rule(name: "add a contract type", allowed: ["admin"]) { services, user, _ in
            let input = try JSONDecoder().decode(CounterpartyWorkflow.ContractTypeInput.self,
                                                 from: Data(#"{"key": "bail\#(Int.random(in: 0...9_999))", "labelFr": "Bail"}"#.utf8))
            _ = try await CounterpartyWorkflow(services: services).addContractType(input, by: .user(user))
        },
        Rule(name: "write the clause library", allowed: ["admin", "legal"]) { services, user, _ in
            _ = try await TemplateWorkflow(services: services).createClause(
                Clause(key: "clause\(Int.random(in: 0...999_999))", title: "Clause", category: "general", body: "Texte."), by: user)
        },
        Rule(name: "edit someone's contract", allowed: ["admin", "legal", "sales"]) { services, user, f in
            let input = try JSONDecoder().decode(ContractInput.self, from: Data(#"{"title": "Renommé"}"#.utf8))
            _ = try await ContractWorkflow(services: services).edit(f.contract, input: ContractInputTerms(input: input), by: .user(user), actor: .user(user), reason: nil)
        },
        Rule(name: "remove someone's contract's signatory", allowed: ["admin", "legal", "sales"]) { services, user, f in
            _ = try await ContractWorkflow(services: services).removeSignatory(f.contract, by: .user(user), actor: .user(user))
        },
        Rule(name: "read a contract", allowed: ["admin", "legal", "sales", "finance", "viewer"]) { services, user, f in
            _ = try await ContractWorkflow(services: services).details(f.contract, for: user)
        },
        Rule(name: "decide a legal step", allowed: ["legal"]) { services, user, f in
            _ = try await ApprovalWorkflow(services: services).decide(f.step, decision: .approve, comment: nil, by: user, actor: .user(user))
        },
        Rule(name: "read an approval step", allowed: ["admin", "legal", "sales", "finance", "viewer"]) { services, user, f in
            _ = try await ApprovalWorkflow(services: services).approval(f.step, for: user)
        },
        Rule(name: "read legal's queue", allowed: ["admin", "legal"]) { services, user, _ in
            _ = try await ApprovalWorkflow(services: services).legalQueue(by: .user(user))
        },
        Rule(name: "revoke signature authority", allowed: ["admin", "legal"]) { services, user, f in
            try await SignatureAuthorityWorkflow(services: services).revoke(f.grant, by: user)
        },
        Rule(name: "list signature authorities", allowed: ["admin", "legal", "finance"]) { services, user, _ in
            _ = try await SignatureAuthorityWorkflow(services: services).grants(of: nil, by: .user(user))
        },
        Rule(name: "remove an approval rule", allowed: ["admin", "legal"]) { services, user, f in
            try await ApprovalPolicyWorkflow(services: services).remove(f.rule, by: .user(user))
        },
        Rule(name: "list webhooks", allowed: ["admin"]) { services, user, _ in
            _ = try await WebhookWorkflow(services: services).webhooks(by: .user(user))
        },
        Rule(name: "read the admin log", allowed: ["admin", "legal"]) { services, user, _ in
            _ = try await OperationsWorkflow(services: services).adminLog(before: nil, limit: 10, by: .user(user))
        },
        Rule(name: "read the job queue", allowed: ["admin"]) { services, user, _ in
            _ = try await OperationsWorkflow(services: services).jobs(state: nil, limit: 10, by: .user(user))
        },
        Rule(name: "read the mail outbox", allowed: ["admin"]) { services, user, _ in
            _ = try await OperationsWorkflow(services: services).mails(limit: 10, by: .user(user))
        },
        Rule(name: "list users", allowed: ["admin", "legal"]) { services, user, _ in
            _ = try await UserWorkflow(services: services).list(after: nil, limit: 10, by: .user(user))
        },
        Rule(name: "import a signed contract", allowed: ["admin", "legal"]) { services, user, _ in
            _ = try await ImportWorkflow(services: services).run(
                .init(pdf: SamplePDF.make("Contrat \(UUID())"), filename: "c.pdf",
                      terms: ContractTerms(title: "Importé", type: "msa", counterpartyId: nil, amount: nil, startDate: nil, endDate: nil, renewal: .none,
                                           metadata: [:]),
                      status: .signed),
                owner: user, actor: .user(user))
        },
    ]

    @Test(arguments: TestEngine.all)
    func eachRuleHoldsWhoeverCalls(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let legal = app.users["legal"]!, admin = app.users["admin"]!, owner = app.users["sales"]!
                let legalStep = try JSONDecoder().decode(ApprovalRuleDraft.self, from: Data(#"{"name": "Juridique", "when": {}, "require": [{"role": "legal"}]}"#.utf8))
                _ = try await ApprovalPolicyWorkflow(services: services).add(legalStep, by: .user(legal))
                for rule in Self.rules {
                    for who in Self.everyone {
                        // fresh objects for each try, so one allowed change does not change the next try
                        let contracts = ContractWorkflow(services: services)
                        let contract = try await contracts.create(
                            ContractTerms(title: "Objet", type: "msa", counterpartyId: nil, amount: nil, startDate: nil, endDate: nil, renewal: .none, metadata: [:]),
                            owner: owner, actor: .user(owner))
                        _ = try await contracts.transition(contract.id, to: .inReview, reason: nil, by: .user(owner), actor: .user(owner))
                        let step = try #require(try await services.database.read { try await $0.latestApprovalSteps(of: .contract(contract.id)) }.first)
                        let grant = try await SignatureAuthorityWorkflow(services: services).grant(
                            .init(userId: app.users["finance"]!.id.description, contractTypes: nil, maxAmount: nil, validFrom: nil, validUntil: nil), by: admin)
                        let extra = try JSONDecoder().decode(ApprovalRuleDraft.self,
                                                             from: Data(#"{"name": "Supplémentaire", "when": {"contractTypes": ["nda"]}, "require": [{"role": "legal"}]}"#.utf8))
                        let added = try await ApprovalPolicyWorkflow(services: services).add(extra, by: .user(legal)).rule
                        let fixture = Fixture(contract: contract.id, owner: owner, step: step.id, grant: grant.id, rule: added.id)
                        let user = app.users[who]!
                        do {
                            try await rule.run(services, user, fixture)
                            #expect(rule.allowed.contains(who), "\(who) may not \(rule.name), yet it went through")
                        } catch let refusal as DomainError {
                            switch refusal {
                            case .forbidden, .notFound: #expect(!rule.allowed.contains(who), "\(who) may \(rule.name), yet was refused: \(refusal)")
                            default: Issue.record("\(who), \(rule.name): unexpected \(refusal)")
                            }
                        }
                        if rule.name == "remove an approval rule", !rule.allowed.contains(who) {
                            try await ApprovalPolicyWorkflow(services: services).remove(fixture.rule, by: .user(legal))
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func theSystemActsAsOperatorButNeverAsAPerson(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                // the command line creates the first admin: no person is signed in yet
                let created = try await UserWorkflow(services: services)
                    .create(NewUser(email: "premier@paraphe.test", name: "Premier", password: "assez-long-mot", roles: [.admin]), by: .system)
                #expect(created.roles == [.admin])
                // a job or a CRM rule submits a sales rep's contract on the rep's behalf: the rep is the requester
                let owner = app.users["sales"]!
                let contracts = ContractWorkflow(services: services)
                let contract = try await contracts.create(
                    ContractTerms(title: "Depuis le CRM", type: "msa", counterpartyId: nil, amount: nil, startDate: nil, endDate: nil, renewal: .none, metadata: [:]),
                    owner: owner, actor: .system)
                let submitted = try await contracts.transition(contract.id, to: .inReview, reason: "étape CRM", by: .system, actor: .system)
                #expect(submitted.status == .approved, "no rule asks for a step: approved at once")
                let request = try #require(try await services.database.read { try await $0.latestApprovalRequest(of: .contract(contract.id)) })
                #expect(request.requestedBy == owner.id)
                // but changing an account takes a person, whose own admin access is protected
                await #expect(throws: DomainError.self) { _ = try await UserWorkflow(services: services).update(created.id, .init(name: "x"), by: .system) }
                let admin = app.users["admin"]!
                await #expect(throws: ValidationFailure.self) {
                    _ = try await UserWorkflow(services: services).update(admin.id, .init(roles: [.legal]), by: .user(admin))
                }
                await #expect(throws: ValidationFailure.self) {
                    _ = try await UserWorkflow(services: services).update(admin.id, .init(active: false), by: .user(admin))
                }
            }
        }
    }
}
