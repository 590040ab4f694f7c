import Foundation
import ParapheCore
import ParapheCRM
import ParapheDocuments
import ParapheStore

/// A contract from a CRM deal, by a person (the CRM button) or by a stage rule: the company becomes the
/// counterparty (found by its CRM id, or created), the deal's contact its signer, and the map's `variables.` lines
/// fill the template.
public struct CRMGeneration: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Who stage rules act as: a named user with the sales role, who cannot sign in. Made once.
    public static let automationEmail = "automatisation-crm@paraphe.invalid"

    public func automationUser() async throws -> User {
        // Read on every pull and rule: a write transaction only the first time.
        if let existing = try await services.database.read({ try await $0.user(email: Self.automationEmail) }) { return existing.user }
        let now = services.clock()
        return try await services.database.transaction { s in
            if let existing = try await s.user(email: Self.automationEmail) { return existing.user }
            let user = User(email: Self.automationEmail, name: "Automatisation CRM", roles: [.sales], createdAt: now)
            // No bcrypt hash ever equals "!": nobody signs in as this user.
            try await s.insertUser(user, passwordHash: "!")
            return user
        }
    }

    /// The counterparty for the deal's company: the one whose `crmRefs` names it, otherwise a new one with the
    /// company's name, address and contact.
    public func counterparty(for party: CRMParty, system: CRMSystem, by user: User) async throws -> Counterparty {
        if let found = try await services.database.read({ try await $0.counterparty(crm: system, accountId: party.accountId) }) {
            return found
        }
        var contact: Counterparty.Contact?
        if let name = party.contactName, let email = party.contactEmail, !name.isEmpty {
            let candidate = Counterparty.Contact(name: name, email: email, title: party.contactTitle)
            if candidate.errors.isEmpty { contact = candidate }
        }
        let input = CounterpartyWorkflow.Input(name: String(party.name.prefix(200)), kind: "customer", registrationNumber: nil,
                                               address: party.address.map { String($0.prefix(500)) }, crmRefs: [system.rawValue: party.accountId],
                                               contact: contact, removeContact: nil)
        return try await CounterpartyWorkflow(services: services).create(input, by: .user(user))
    }

    /// The template's variables from the deal and, when the map reads them, its products, converted to each
    /// variable's type; lines for variables the template does not have are left out.
    public func variables(from record: CRMRecord, integration: Integration, connector: any CRMConnector, template: Template.ID) async throws -> [String: JSONValue] {
        let (published, _, manifest) = try await services.database.read { s in try await TemplateWorkflow(services: services).published(template, in: s) }
        let currency = services.config.currencies.first ?? "EUR"
        var products: [String: JSONValue] = [:]
        let fedByProducts = Set(integration.fieldMap.filter { CRMProducts.isObject($0.crmObject) && CLMField.isVariable($0.clmField) }
            .map { String($0.clmField.dropFirst("variables.".count)) })
        if manifest.variables.contains(where: { fedByProducts.contains($0.name) }) {
            // Products fill in what the deal's own fields may also give: a CRM that will not list them (a missing
            // scope, an org without products) leaves those variables to the next map line, not the contract undone.
            do {
                products = CRMProducts.fields(try await connector.products(of: record), currency: currency, language: published.language)
            } catch let error as CRMError {
                services.logger.warning("crm \(integration.id): the products of \(record.object) \(record.id) could not be read: \(error)")
            }
        }
        let mapped = CRMWritePlan.variables(record.fields, products: products, map: integration.fieldMap, object: record.object)
        var out: [String: JSONValue] = [:]
        for spec in manifest.variables {
            guard let value = mapped[spec.name] else { continue }
            switch (spec.type, value) {
            // HubSpot carries numbers as text.
            case (.money, .number), (.money, .string):
                guard let amount = value.decimalValue else { continue }
                out[spec.name] = .object(["amount": .string(Money(amount: amount, currency: currency).amountString), "currency": .string(currency)])
            case (.date, .string(let text)) where text.count >= 10:
                out[spec.name] = .string(String(text.prefix(10)))
            case (.text, .array(let items)):
                out[spec.name] = .string(CRMProducts.sentence(items, language: published.language))
            case (.list, .string(let text)):
                out[spec.name] = .array([.string(text)])
            default:
                out[spec.name] = value
            }
        }
        return out
    }

    /// A link a person sent: its integration active and of that CRM, its record read from the CRM (so a contract
    /// never points at a record that does not exist), its URL the CRM's own.
    public func verified(_ link: CRMLink) async throws -> (CRMLink, CRMRecord, Integration, any CRMConnector) {
        guard let id = Integration.ID(link.integrationId),
              let integration = try await services.database.read({ try await $0.integration(id) }), integration.active else {
            throw ValidationFailure([FieldError("crm.integrationId", "no active integration with this id")])
        }
        guard integration.system == link.system else {
            throw ValidationFailure([FieldError("crm.system", "the integration is \(integration.system.rawValue), not \(link.system.rawValue)")])
        }
        let connector = try await services.connector(for: integration)
        let fields = CRMPoll.fields(of: link.objectType, integration: integration, connector: connector)
        let found: CRMRecord?
        do {
            found = try await connector.fetch(link.objectType, ids: [link.objectId], fields: fields).first
        } catch CRMError.rejected(let code, let message) {
            throw ValidationFailure([FieldError("crm.objectType", "\(code): \(message)")])
        }
        guard let record = found else {
            throw ValidationFailure([FieldError("crm.objectId", "no \(link.objectType) with this id in \(integration.name)")])
        }
        return (self.link(record, integration: integration, connector: connector), record, integration, connector)
    }

    /// A person's request made from a CRM record: the link checked, the counterparty found or created from the
    /// deal's company when none is chosen, the deal's values under the variables the person left out, and the
    /// CRM-owned metadata (the close date).
    public func prefilled(_ request: GenerationRequest, by user: User) async throws -> GenerationRequest {
        guard let asked = request.crm else { return request }
        let (link, record, integration, connector) = try await verified(asked)
        var out = request
        out.crm = link
        if out.counterpartyId == nil, let party = try await connector.party(of: record) {
            out.counterpartyId = try await counterparty(for: party, system: integration.system, by: user).id
        }
        let fromCRM = try await variables(from: record, integration: integration, connector: connector, template: request.templateId)
        out.variables = fromCRM.merging(request.variables) { _, mine in mine }
        out.metadata = CRMWritePlan.pulledMetadata(record.fields, map: integration.fieldMap, object: record.object, executed: false)
        return out
    }

    public func link(_ record: CRMRecord, integration: Integration, connector: any CRMConnector) -> CRMLink {
        CRMLink(integrationId: integration.id.description, system: integration.system, objectType: record.object, objectId: record.id,
                url: connector.recordURL(record.object, id: record.id))
    }

    /// Generates the rule's template for the record, once: the firing is claimed in the contract's transaction, so
    /// a second poll, a replay or another node finds it taken and makes nothing. Nil when it had already fired.
    public func fire(_ rule: StageRule, record: CRMRecord, integration: Integration, connector: any CRMConnector) async throws -> Contract? {
        let id = integration.id
        guard try await !services.database.read({ try await $0.ruleFired(id, rule: rule.id, record: record.id) }) else { return nil }
        guard let templateId = Template.ID(rule.templateId) else {
            throw ValidationFailure([FieldError("rules.templateId", "no template with this id")])
        }
        let user = try await automationUser()
        var counterpartyId: Counterparty.ID?
        if let party = try await connector.party(of: record) {
            counterpartyId = try await counterparty(for: party, system: integration.system, by: user).id
        }
        var request = GenerationRequest(templateId: templateId, counterpartyId: counterpartyId, title: nil,
                                        variables: try await variables(from: record, integration: integration, connector: connector, template: templateId), clauses: [:],
                                        crm: link(record, integration: integration, connector: connector))
        request.metadata = CRMWritePlan.pulledMetadata(record.fields, map: integration.fieldMap, object: record.object, executed: false)
        let now = services.clock()
        do {
            let contract = try await GenerationWorkflow(services: services).create(request, owner: user, actor: .init(userId: user.id, label: user.name)) { s, contract in
                guard try await s.claimRuleFiring(id, rule: rule.id, record: record.id, autoSend: rule.autoSend, at: now) else { throw AlreadyFired() }
                try await s.recordRuleContract(id, rule: rule.id, record: record.id, contract: contract.id)
                try await s.appendCRMLog(CRMLogEntry(integrationId: id, at: now, direction: .pull, operation: "rule", status: .ok, records: 1, calls: 0,
                                                     payload: try jsonText(["rule": rule.id, "record": record.id, "contract": contract.id.description])))
                if rule.autoSend { try await CRMAutoSend(services: services).submit(contract, rule: rule, by: user, in: s, at: now) }
            }
            return contract
        } catch is AlreadyFired {
            return nil
        }
    }

    struct AlreadyFired: Error {}
}
