import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

/// What a sales rep asks for: a template, the variables and the clause choices.
public struct GenerationRequest: Sendable {
    public var templateId: Template.ID
    public var counterpartyId: Counterparty.ID?
    public var title: String?
    public var variables: [String: JSONValue]
    public var clauses: [String: ClauseChoice]
    /// The CRM record the contract is made from; Paraphe keeps it up to date from then on.
    public var crm: CRMLink?
    /// What the contract starts with in `metadata`: the CRM's close date, which the legal queue reads.
    public var metadata: [String: JSONValue] = [:]

    public init(templateId: Template.ID, counterpartyId: Counterparty.ID?, title: String?, variables: [String: JSONValue], clauses: [String: ClauseChoice],
                crm: CRMLink? = nil) {
        self.crm = crm
        self.templateId = templateId
        self.counterpartyId = counterpartyId
        self.title = title
        self.variables = variables
        self.clauses = clauses
    }
}

/// Sales' side: a contract from a published template. The document is built and rendered first, then the
/// contract, its clause instances, both documents and the audit events are written in one transaction.
public struct GenerationWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct Prepared: Sendable {
        var template: Template
        var version: Int
        var generated: GeneratedContract
        var counterparty: Counterparty?
    }

    public func prepare(_ request: GenerationRequest, in s: Session) async throws -> Prepared {
        let (template, version, manifest) = try await TemplateWorkflow(services: services).published(request.templateId, in: s)
        var counterparty: Counterparty?
        if let id = request.counterpartyId {
            counterparty = try await s.counterparty(id)
            if counterparty == nil { throw ValidationFailure([FieldError("counterpartyId", "no counterparty with this id")]) }
        }
        let party = counterparty.map { Party(name: $0.name, registrationNumber: $0.registrationNumber, address: $0.address) }
        let scope = try VariableBinding.bind(manifest.variables, input: request.variables, counterparty: party)
        let library = try await s.currentClauses(manifest.libraryKeys)
        let generated = try ContractGenerator(manifest: manifest, library: library, language: template.language)
            .generate(variables: scope, choices: request.clauses, title: request.title)
        return Prepared(template: template, version: version.version, generated: generated, counterparty: counterparty)
    }

    public func preview(_ request: GenerationRequest) async throws -> DocumentModel {
        try await services.database.read { try await prepare(request, in: $0) }.generated.document
    }

    /// A contract not yet created: its document, its clauses, and the approvals submitting it would ask for today.
    public struct Draft: Sendable {
        public var document: DocumentModel
        public var clauses: [ClauseInstance]
        public var required: [RequiredApproval]
    }

    /// What the wizard shows as the sales rep chooses. The approvals come from the facts the contract would be
    /// submitted with (`approvalFacts(of:)` reads the same ones back once it is stored), so the wizard and the
    /// submission cannot disagree.
    public func draft(_ request: GenerationRequest) async throws -> Draft {
        try await services.database.read { s in
            let prepared = try await prepare(request, in: s)
            let generated = prepared.generated
            let facts = ApprovalFacts(type: prepared.template.contractType, amount: generated.amount, counterpartyKind: prepared.counterparty?.kind,
                                      startDate: generated.startDate, endDate: generated.endDate, clauses: generated.clauses,
                                      variables: ApprovalFacts.namedValues(metadata: request.metadata, variables: generated.variablesJSON))
            return Draft(document: generated.document, clauses: generated.clauses,
                         required: ApprovalPolicy.evaluate(try await s.approvalRules(), facts: facts))
        }
    }

    /// `alongside` runs in the same transaction once the contract and its documents are written: a stage rule claims
    /// its firing there, and may submit the contract, so the claim and the contract commit together or not at all.
    public func create(_ request: GenerationRequest, owner: User, actor: Actor,
                       alongside: (@Sendable (Session, Contract) async throws -> Void)? = nil) async throws -> Contract {
        guard owner.canWriteContracts else { throw DomainError.forbidden("a viewer cannot create contracts") }
        if let title = request.title {
            let errors = TextRules.requiredLine(title, field: "title", max: 300)
            guard errors.isEmpty else { throw ValidationFailure(errors) }
        }
        let prepared = try await services.database.read { try await prepare(request, in: $0) }
        let generated = prepared.generated
        let document = generated.document
        let rendered = try RenderedDocuments(document, fonts: services.fonts, indexed: true)
        let clauses = generated.clauses.map(StoredClause.init(hashing:))
        let terms = ContractTerms(title: generated.title, type: prepared.template.contractType, counterpartyId: request.counterpartyId,
                                  amount: generated.amount, startDate: generated.startDate, endDate: generated.endDate,
                                  renewal: generated.renewal, metadata: [:])
        let variables = generated.variablesJSON
        let derogations = generated.clauses.filter(\.isDerogation).map { "\($0.key):\($0.variant.name)" }
        let now = services.clock()
        let workflow = ContractWorkflow(services: services)
        let blobs = services.blobs
        let fileStem = Self.fileStem(generated.title)
        return try await services.database.transaction { s in
            let counterparty = try await workflow.checkTerms(terms, in: s)
            let reference = try await s.nextReference(year: Day(now).year)
            let contract = Contract(reference: reference, title: terms.title, type: terms.type, counterpartyId: terms.counterpartyId,
                                    ownerId: owner.id, amount: terms.amount, startDate: terms.startDate, endDate: terms.endDate,
                                    renewal: terms.renewal, metadata: request.metadata, origin: .template, crm: request.crm, createdAt: now, updatedAt: now)
            try await s.insertContract(contract)
            try await s.recordGeneration(GenerationSource(templateId: prepared.template.id, templateVersion: prepared.version, variables: variables),
                                         of: contract.id)
            try await s.insertClauses(clauses, of: contract.id)
            try await ObligationWorkflow.record(generated.obligations, of: contract.id, at: now, in: s)
            try await s.appendEvent(contractId: contract.id, change: .created(origin: .template), actor: actor, reason: nil, at: now, first: true)
            try await s.appendEvent(contractId: contract.id,
                                    change: .generated(templateId: prepared.template.id.description, version: prepared.version, derogations: derogations),
                                    actor: actor, reason: nil, at: now)
            // Version 1 is the PDF people read; version 2 the DOCX they negotiate in. Both come from one generation.
            try await rendered.file(with: contract.id, stem: fileStem, source: "generated", by: owner.id, actor: actor, at: now, blobs: blobs, in: s)
            try await s.index(contract, counterpartyName: counterparty?.name ?? prepared.counterparty?.name, documentText: rendered.text.map { [$0] } ?? [], isNew: true)
            try await alongside?(s, contract)
            return contract
        }
    }

    /// A file name from the title: letters, digits and dashes, so every system accepts it.
    public static func fileStem(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.prefix(8)
        return words.isEmpty ? "contrat" : words.joined(separator: "-")
    }
}
