import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore
import ParapheServices

/// A believable workspace for `paraphe demo`: a user for each role, French counterparties, and contracts spread
/// over the lifecycle, some renewing tacitly soon.
public enum DemoWorkspace {
    public static let password = "paraphe-demo"

    public static let users: [(email: String, name: String, roles: Set<Role>)] = [
        ("admin@paraphe.demo", "Alice Admin", [.admin]),
        ("juriste@paraphe.demo", "Louise Juriste", [.legal]),
        ("commercial@paraphe.demo", "Hugo Commercial", [.sales]),
        ("finance@paraphe.demo", "Farid Finance", [.finance]),
        ("dpo@paraphe.demo", "Diane Protection-des-données", [.legal]),
        ("lecteur@paraphe.demo", "Victor Lecteur", [.viewer]),
    ]

    /// Seeds once: does nothing when users already exist. Returns whether it seeded.
    @discardableResult
    public static func seed(_ services: AppServices) async throws -> Bool {
        guard try await services.database.read({ try await $0.userCount() }) == 0 else { return false }
        // Read and checked before anything is written: a broken file must not leave a half-seeded workspace.
        let content = try DemoContent.load()
        var created: [String: User] = [:]
        for u in users {
            created[u.email] = try await UserWorkflow(services: services)
                .create(NewUser(email: u.email, name: u.name, password: password, roles: u.roles), by: .system)
        }
        let now = services.clock()
        let counterparties = [
            Counterparty(name: "Boulangeries Martin SAS", kind: .customer, registrationNumber: "552 100 554", address: "12 rue de la Paix, 75002 Paris",
                         contact: .init(name: "Claire Martin", email: "claire.martin@boulangeries-martin.demo", title: "Présidente"), createdAt: now, updatedAt: now),
            Counterparty(name: "Éditions Lumière", kind: .customer, registrationNumber: "418 732 219", address: "3 quai Saint-Antoine, 69002 Lyon",
                         contact: .init(name: "Hugo Lefèvre", email: "hugo.lefevre@editions-lumiere.demo", title: "Directeur général"), createdAt: now, updatedAt: now),
            Counterparty(name: "Nuage Hébergement SARL", kind: .supplier, registrationNumber: "803 441 120", address: "8 allée des Pins, 33000 Bordeaux",
                         contact: .init(name: "Inès Roux", email: "ines.roux@nuage-hebergement.demo", title: "Gérante"), createdAt: now, updatedAt: now),
            Counterparty(name: "Atelier Réseau & Conseil", kind: .partner, registrationNumber: "900 210 338", address: "27 cours Julien, 13006 Marseille", createdAt: now, updatedAt: now),
        ]
        try await services.database.transaction { s in for c in counterparties { try await s.insertCounterparty(c) } }
        let sales = created["commercial@paraphe.demo"]!
        let legal = created["juriste@paraphe.demo"]!
        let today = Day(now)
        let workflow = ContractWorkflow(services: services)
        let specs: [(String, String, Int, String?, Int, Int, RenewalTerms, [ContractStatus], User)] = [
            ("Abonnement plateforme — Boulangeries Martin", "msa", 0, "48000.00", -300, 65, RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 3)), [.inReview, .signed, .active], sales),
            ("Accord de confidentialité — Éditions Lumière", "nda", 1, nil, -20, 710, .none, [.inReview], sales),
            ("Bon de commande n° 2026-114 — Éditions Lumière", "order_form", 1, "12500.50", 0, 365, .none, [], sales),
            ("Contrat d'hébergement — Nuage Hébergement", "supplier", 2, "18000.00", -700, 30, RenewalTerms(mode: .tacit, period: Period(months: 12), notice: Period(months: 1)), [.inReview, .signed, .active], legal),
            ("Accord de traitement des données — Nuage Hébergement", "dpa", 2, nil, -700, 30, .none, [.inReview, .signed, .active], legal),
            ("Partenariat d'intégration — Atelier Réseau & Conseil", "msa", 3, "9600.00", 10, 375, RenewalTerms(mode: .explicit), [.inReview, .negotiating], sales),
        ]
        // No rule exists yet, so each submission is approved at once; the rules below then apply to new work.
        var contracts: [Contract] = []
        for (title, type, cp, amount, startOffset, endOffset, renewal, path, owner) in specs {
            let terms = ContractTerms(title: title, type: type, counterpartyId: counterparties[cp].id,
                                      amount: amount.flatMap { Money.parseAmount($0) }.map { Money(amount: $0, currency: "EUR") },
                                      startDate: today.adding(days: startOffset), endDate: today.adding(days: endOffset), renewal: renewal,
                                      metadata: ["source": .string("démo")])
            let contract = try await workflow.create(terms, owner: owner, actor: .user(owner))
            contracts.append(contract)
            for status in path {
                // Past contracts were signed on paper: the admin records the scanned copy, as the only way to `signed`
                // without a seal allows.
                guard status != .signed else {
                    let admin = created["admin@paraphe.demo"]!
                    let scan = PDFRenderer(fonts: services.fonts).render(DocumentModel(language: .fr, title: title, subtitle: "Exemplaire signé",
                                                                                       preamble: [.paragraph([Run("Copie numérisée de l'original signé sur papier.")])]))
                    _ = try await SignatureWorkflow(services: services).recordSignedElsewhere(
                        contract.id, pdf: scan, filename: "\(GenerationWorkflow.fileStem(title))-signe.pdf", reason: "Signé sur papier ; reprise de l'historique",
                        by: admin, actor: .user(admin))
                    continue
                }
                _ = try await workflow.transition(contract.id, to: status, reason: nil, by: .user(legal), actor: .user(legal))
            }
        }
        // Commitments legal wrote by hand on contracts in force, so the register shows both directions and a reminder due.
        let commitments = ObligationWorkflow(services: services)
        for (index, manual) in [
            (0, ManualObligation(wording: "Présenter le bilan d'usage annuel au comité de pilotage du client", owedBy: .us, ownerRole: .sales,
                                          dueOn: today.adding(days: 5), every: Period(years: 1))),
            (3, ManualObligation(wording: "Remettre l'attestation d'assurance responsabilité civile de l'année", owedBy: .them, ownerRole: .legal,
                                          dueOn: today.adding(days: 20), every: Period(years: 1))),
            (4, ManualObligation(wording: "Notifier toute violation de données personnelles dans les 48 heures", owedBy: .them, ownerRole: .legal,
                                          dueOn: nil, every: nil)),
        ] {
            _ = try await commitments.add(manual, to: contracts[index].id, by: .user(legal), actor: .user(legal))
        }
        // The policy, as legal would set it in the editor: any derogation to legal, more than 50 000 € to finance. The
        // supplier policy: legal sees every new supplier, the DPO those processing personal data, finance the costly ones.
        let dpo = created["dpo@paraphe.demo"]!
        let policy = ApprovalPolicyWorkflow(services: services)
        for draft in [
            ApprovalRuleDraft(name: "Toute dérogation : validation juridique", when: ApprovalCondition(hasDerogation: true),
                              require: [.init(role: "legal", mode: "any", order: 1)]),
            ApprovalRuleDraft(name: "Plus de 50 000 € : validation finance", when: ApprovalCondition(amountAbove: Money(amount: 50000, currency: "EUR")),
                              require: [.init(role: "finance", mode: "any", order: 2)]),
            ApprovalRuleDraft(name: "Tout nouveau fournisseur : juridique", when: ApprovalCondition(), require: [.init(role: "legal")],
                              appliesTo: "supplierRequest"),
            ApprovalRuleDraft(name: "Données personnelles : DPO", when: ApprovalCondition(personalData: true), require: [.init(users: [dpo.id.description])],
                              appliesTo: "supplierRequest"),
            ApprovalRuleDraft(name: "Plus de 10 000 € par an : finance", when: ApprovalCondition(amountAbove: Money(amount: 10000, currency: "EUR")),
                              require: [.init(role: "finance", order: 2)], appliesTo: "supplierRequest"),
        ] {
            _ = try await policy.add(draft, by: .user(legal))
        }
        _ = try await SupplierWorkflow(services: services).submit(
            .init(supplierName: "Lumen Analytics", purpose: "Tableaux de bord des ventes à partir du CRM.", annualCost: Money(amount: 14000, currency: "EUR"),
                  dataProcessed: ["contacts clients"]),
            by: sales, actor: .user(sales))
        // Délégations de signature: the president signs anything, finance up to 100 000 €, sales their own small deals.
        // Legal grants the president's, the president the others': nobody grants authority to themselves.
        let admin = created["admin@paraphe.demo"]!, finance = created["finance@paraphe.demo"]!
        let authorities = SignatureAuthorityWorkflow(services: services)
        for (user, types, limit) in [(admin, [String](), nil as Decimal?), (finance, [], 100_000), (sales, ["nda", "order_form"], 20_000)] {
            _ = try await authorities.grant(.init(userId: user.id.description, contractTypes: types, maxAmount: limit.map { Money(amount: $0, currency: "EUR") },
                                                  validFrom: today.adding(days: -365), validUntil: nil),
                                            by: user.id == admin.id ? legal : admin)
        }
        // The approved NDA already names its signatory: the sales rep, whose grant covers NDAs.
        _ = try await workflow.nameSignatory(contracts[1].id, userId: sales.id, by: .user(sales), actor: .user(sales))
        try await seedTemplates(services, content: content, legal: legal, sales: sales, counterparties: counterparties, today: today)
        return true
    }

    /// The clause library and the six templates of `Demo/Content`, published as legal would, then two contracts a
    /// sales rep generated: one standard, one with derogations, so the derogation filters and reports have something
    /// to show.
    static func seedTemplates(_ services: AppServices, content: DemoContent, legal: User, sales: User, counterparties: [Counterparty],
                              today: Day) async throws {
        let library = TemplateWorkflow(services: services)
        for entry in content.clauses {
            _ = try await DemoContent.naming(entry.file) { try await library.createClause(entry.clause, by: legal) }
        }
        var ids: [String: Template.ID] = [:]
        for entry in content.templates {
            ids[entry.name] = try await DemoContent.naming(entry.file) { () async throws -> Template.ID in
                let template = try await library.createTemplate(name: entry.name, contractType: entry.contractType, language: entry.language, by: legal)
                let version = try await library.addVersion(template.id, source: entry.manifest, by: legal)
                _ = try await library.publish(template.id, version: version.version, by: legal)
                return template.id
            }
        }
        let generation = GenerationWorkflow(services: services)
        let start = JSONValue.string(today.adding(days: 7).description)
        if let msa = ids["Contrat-cadre de prestation de services"] {
            // Submitted for review, so that legal has a task, a queue entry and a mail, and finance one waiting.
            let generated = try await generation.create(GenerationRequest(
                templateId: msa, counterpartyId: counterparties[0].id, title: nil,
                variables: ["services": .string("l’abonnement à la plateforme Paraphe et son support"),
                            "annualFee": .object(["amount": .string("60000.00"), "currency": .string("EUR")]), "startDate": start],
                clauses: ["paymentTerms": .alternative("payment60Days"), "publicReference": .alternative("noPublicReference")]),
                owner: sales, actor: .user(sales))
            _ = try await ContractWorkflow(services: services).transition(generated.id, to: .inReview, reason: "Signature visée avant la fin du trimestre",
                                                                          by: .user(sales), actor: .user(sales))
        }
        if let nda = ids["Accord de confidentialité"] {
            _ = try await generation.create(GenerationRequest(
                templateId: nda, counterpartyId: counterparties[1].id, title: nil,
                variables: ["purpose": .string("l’étude d’un projet de numérisation du catalogue"), "effectiveDate": start], clauses: [:]),
                owner: sales, actor: .user(sales))
        }
    }
}
