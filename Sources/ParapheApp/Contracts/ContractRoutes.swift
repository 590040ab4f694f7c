import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

struct ContractRoutes {
    let services: AppServices
    var workflow: ContractWorkflow { ContractWorkflow(services: services) }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("contracts", use: list)
        api.post("contracts", use: create)
        api.post("contracts/import", use: importPDF)
        api.get("contracts/:id", use: show)
        api.patch("contracts/:id", use: patch)
        api.post("contracts/:id/transitions", use: transition)
        api.post("contracts/:id/renewal-decision", use: decideRenewal)
        api.patch("contracts/:id/clauses", use: changeClauses)
        api.get("contracts/:id/events", use: events)
        api.get("contracts/:id/verify", use: verify)
        api.post("contracts/:id/shares", use: share)
        api.get("contracts/:id/documents", use: documents)
    }

    // MARK: Reading

    /// The contracts the filters find, a page of JSON, or every one of them as CSV (`Accept: text/csv`) in the columns
    /// asked for (`col=`).
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var query = try Self.parseQuery(request.uri.queryParameters)
        if CSVDownload.wanted(request) {
            return ContractColumn.csv(query, columns: ContractColumn.chosen(request.uri.queryParameters.getAll("col")), user: user,
                                      language: user.language, services: services)
        }
        let page = try PageRequest(request)
        query.after = try page.decodeCursor(ContractCursor.self)
        query.limit = page.limit + 1
        let today = Day(services.clock())
        let (rows, clauses) = try await workflow.search(query, clausesFor: page.limit, by: user)
        return try JSON(PageRequest.page(rows, limit: page.limit,
                                         item: { ContractDTO($0.0, counterpartyName: $0.1, documents: [], today: today, clauses: clauses[$0.0.id] ?? [], clauseText: false) },
                                         cursor: { PageRequest.encodeCursor(query.sort.cursor(for: $0.0)) })).response(from: request, context: context)
    }

    static func parseQuery(_ params: Parameters) throws -> ContractQuery {
        var query = ContractQuery()
        var errors: [FieldError] = []
        if let q = params.get("q") {
            if q.count > 500 { errors.append(FieldError("q", "must be at most 500 characters")) } else { query.text = q }
        }
        for text in params.getAll("status") {
            for item in text.split(separator: ",") {
                if let status = ContractStatus(rawValue: String(item)) { query.statuses.append(status) } else {
                    errors.append(FieldError("status", "unknown status '\(item.prefix(40))'; one of \(ContractStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            }
        }
        query.type = params.get("type")
        if let text = params.get("counterpartyId") {
            query.counterpartyId = Counterparty.ID(text)
            if query.counterpartyId == nil { errors.append(FieldError("counterpartyId", "must be a UUID")) }
        }
        if let text = params.get("ownerId") {
            query.ownerId = User.ID(text)
            if query.ownerId == nil { errors.append(FieldError("ownerId", "must be a UUID")) }
        }
        if let text = params.get("endsBefore") {
            if let day = Day(text) { query.endsBefore = day } else { errors.append(FieldError("endsBefore", "must be a date YYYY-MM-DD")) }
        }
        if let text = params.get("renewalNoticeBefore") {
            if let day = Day(text) { query.renewalNoticeBefore = day } else { errors.append(FieldError("renewalNoticeBefore", "must be a date YYYY-MM-DD")) }
        }
        if let text = params.get("hasDerogation") {
            switch text {
            case "true": query.hasDerogation = true
            case "false": query.hasDerogation = false
            default: errors.append(FieldError("hasDerogation", "must be true or false"))
            }
        }
        if let key = params.get("derogation") {
            if ClauseKey.isValid(key) { query.derogation = key } else { errors.append(FieldError("derogation", "must be an alternative key: \(ClauseKey.rule)")) }
        }
        if let key = params.get("clause") {
            if ClauseKey.isValid(key) { query.clause = key } else { errors.append(FieldError("clause", "must be a clause key: \(ClauseKey.rule)")) }
        }
        if let text = params.get("alternative") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, ClauseKey.isValid(parts[0]), ClauseKey.isValid(parts[1]) { query.alternative = text } else {
                errors.append(FieldError("alternative", "must be clauseKey:variant, the variant an alternative's key, standard or custom"))
            }
        }
        // `variable.price=…` and `metadata.region=…`: one field of the template's variables or of the metadata.
        for (prefix, keyPath) in [("variable.", \ContractQuery.variables), ("metadata.", \ContractQuery.metadata)] {
            // Names arrive as sent; values are decoded.
            for (encoded, value) in params {
                let name = String(encoded).removingPercentEncoding ?? String(encoded)
                guard name.hasPrefix(prefix) else { continue }
                let field = String(name.dropFirst(prefix.count))
                guard ContractQuery.isFieldName(field) else {
                    errors.append(FieldError(String(name.prefix(80)), "must name a field in letters, digits or '_'")); continue
                }
                guard value.count <= 200 else { errors.append(FieldError(name, "must be at most 200 characters")); continue }
                query[keyPath: keyPath][field] = String(value)
            }
        }
        if let text = params.get("sort") {
            if let sort = ContractQuery.Sort(rawValue: text) { query.sort = sort } else {
                errors.append(FieldError("sort", "must be one of \(ContractQuery.Sort.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return query
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<ContractDTO> {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        return JSON(try await dto(id, for: user))
    }

    func dto(_ id: Contract.ID, for user: User) async throws -> ContractDTO {
        let d = try await workflow.details(id, for: user)
        return ContractDTO(d.contract, counterpartyName: d.counterpartyName, documents: d.documents, today: Day(services.clock()), clauses: d.clauses,
                           template: d.template, approval: d.approval, signatory: d.signatory, signature: d.signature)
    }

    @Sendable func events(_ request: Request, context: AppContext) async throws -> JSON<Page<EventDTO>> {
        let events = try await workflow.events(of: try context.requireID("id"), for: try context.requireUser())
        return JSON(Page(items: events.map(EventDTO.init), nextCursor: nil))
    }

    struct Verification: Encodable, Sendable {
        struct DocumentCheck: Encodable, Sendable {
            var id: String
            var sha256: String
            var status: String
        }
        var auditChain: String
        var events: Int
        var detail: String?
        var documents: [DocumentCheck]
        /// Each sealed PDF: its seal checked, and whether the trail still holds the head it carries.
        var seals: [SealCheckDTO]
    }

    @Sendable func verify(_ request: Request, context: AppContext) async throws -> JSON<Verification> {
        let result = try await workflow.verification(of: try context.requireID("id"), for: try context.requireUser())
        let checks = result.documents.map {
            Verification.DocumentCheck(id: $0.document.id.description, sha256: $0.document.sha256, status: $0.status.rawValue)
        }
        let seals = result.seals.map {
            SealCheckDTO($0.verification, evidence: $0.evidence, anchorHolds: $0.anchorHolds, documentId: $0.document.id.description)
        }
        return switch result.verdict {
        case .valid: JSON(Verification(auditChain: "valid", events: result.events, detail: nil, documents: checks, seals: seals))
        case .broken(let sequence, let reason):
            JSON(Verification(auditChain: "broken", events: result.events, detail: "event #\(sequence): \(reason)", documents: checks, seals: seals))
        }
    }

    @Sendable func documents(_ request: Request, context: AppContext) async throws -> JSON<Page<DocumentDTO>> {
        let docs = try await workflow.documents(of: try context.requireID("id"), for: try context.requireUser())
        return JSON(Page(items: docs.map(DocumentDTO.init), nextCursor: nil))
    }

    // MARK: Writing

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let body = try await request.decodeJSON(CreateContractBody.self, context: context, limit: 131_072)
        let actor = try context.actor(userAgent: request.userAgent)
        if let generation = body.generation {
            // The template's variables fill these; accepting them too would leave two sources of truth.
            let conflicting = ["type", "amount", "startDate", "endDate", "renewal", "metadata"].filter(body.manual.present.contains)
            guard conflicting.isEmpty else {
                throw Problem.validation(conflicting.map { FieldError($0, "is set by the template and its variables; leave it out with templateId") })
            }
            let generationRequest = try await CRMGeneration(services: services).prefilled(try generation.request(), by: user)
            let contract = try await GenerationWorkflow(services: services).create(generationRequest, owner: user, actor: actor)
            return try JSON(try await dto(contract.id, for: user), status: .created).response(from: request, context: context)
        }
        let input = body.manual
        var errors: [FieldError] = []
        for key in ["title", "type"] where !input.present.contains(key) { errors.append(FieldError(key, "is required")) }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let terms = try input.terms(over: nil).get()
        let contract = try await workflow.create(terms, owner: user, actor: actor)
        return try JSON(try await dto(contract.id, for: user), status: .created).response(from: request, context: context)
    }

    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<ContractDTO> {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(ContractInput.self, context: context, limit: 131_072)
        _ = try await workflow.edit(id, input: ContractInputTerms(input: input), by: .user(user), actor: try context.actor(userAgent: request.userAgent), reason: nil)
        return JSON(try await dto(id, for: user))
    }

    struct TransitionInput: Decodable {
        var to: String
        var reason: String?
    }

    @Sendable func transition(_ request: Request, context: AppContext) async throws -> JSON<ContractDTO> {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(TransitionInput.self, context: context, limit: 16_384)
        guard let status = ContractStatus(rawValue: input.to) else {
            throw Problem.validation([FieldError("to", "unknown status; one of \(ContractStatus.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        let reasonErrors = TextRules.optionalText(input.reason, field: "reason", max: 2000)
        guard reasonErrors.isEmpty else { throw Problem.validation(reasonErrors) }
        _ = try await workflow.transition(id, to: status, reason: input.reason, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        return JSON(try await dto(id, for: user))
    }

    struct RenewalDecisionInput: Decodable {
        var decision: String
        var comment: String?
    }

    /// *Reconduire*, *Renégocier* or *Résilier* the term in force; notice given comes with its letter among the documents.
    @Sendable func decideRenewal(_ request: Request, context: AppContext) async throws -> JSON<ContractDTO> {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(RenewalDecisionInput.self, context: context, limit: 16_384)
        guard let kind = RenewalDecisionKind(rawValue: input.decision) else {
            throw Problem.validation([FieldError("decision", "must be one of \(RenewalDecisionKind.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        _ = try await RenewalWorkflow(services: services).decide(id, kind, comment: input.comment, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        return JSON(try await dto(id, for: user))
    }

    struct ClausesInput: Decodable {
        var clauses: [String: JSONValue]?
        var reason: String?
    }

    /// `{"clauses": {"publicReference": "noPublicReference"}, "reason": "…"}`: the clauses named take the text given (as at
    /// creation); the documents are generated again, the commitments follow, and approval starts over when it had begun.
    @Sendable func changeClauses(_ request: Request, context: AppContext) async throws -> JSON<ContractDTO> {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(ClausesInput.self, context: context, limit: 262_144)
        var errors = [FieldError]()
        let choices = GenerationInput.choices(input.clauses ?? [:], errors: &errors)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        _ = try await GenerationWorkflow(services: services).changeClauses(id, to: choices, reason: input.reason, by: .user(user),
                                                                         actor: try context.actor(userAgent: request.userAgent))
        return JSON(try await dto(id, for: user))
    }

    struct ShareInput: Decodable {
        var userId: String
    }

    @Sendable func share(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let id: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(ShareInput.self, context: context, limit: 16_384)
        guard let other = User.ID(input.userId) else { throw Problem.validation([FieldError("userId", "must be a user id (UUID)")]) }
        try await workflow.share(id, with: other, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        return Response(status: .noContent)
    }

    /// `multipart/form-data`: `file` (the signed PDF) and `metadata` (JSON: the fields of a hand-recorded contract,
    /// plus optional `status` and `signedAt`).
    @Sendable func importPDF(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let buffer = try await request.collectBody(limit: services.config.maxBodyBytes)
        let form = try MultipartForm.parse(buffer, contentType: request.headers[.contentType] ?? "")
        guard let file = form.part("file") else { throw Problem.validation([FieldError("file", "is required: the signed PDF")]) }
        let metadata = try ImportMetadata.decode(form.text("metadata") ?? "{}")
        var input = metadata.contract
        if !input.present.contains("title") {
            input.title = ((file.filename ?? "contrat.pdf") as NSString).deletingPathExtension
            input.present.insert("title")
        }
        if !input.present.contains("type") {
            input.type = "msa"
            input.present.insert("type")
        }
        let terms = try input.terms(over: nil).get()
        let outcome = try await ImportWorkflow(services: services).run(
            .init(pdf: file.body, filename: file.filename ?? "document.pdf", terms: terms, status: try metadata.status(), signedAt: try metadata.signedDate()),
            owner: user, actor: try context.actor(userAgent: request.userAgent))
        switch outcome {
        case .imported(let contract, _):
            return try JSON(try await dto(contract.id, for: user), status: .created).response(from: request, context: context)
        case .duplicate(let id, let reference):
            let place = if let id, let reference { "in contract \(reference) (\(id))" } else { "in a contract you cannot see" }
            throw Problem(type: "duplicate-document", title: "Already imported", status: 409, detail: "this exact file is already stored, \(place)")
        }
    }
}

/// `POST /api/v1/contracts`: from a template when `templateId` is present, otherwise recorded by hand.
struct CreateContractBody: Decodable {
    var manual: ContractInput
    var generation: GenerationInput?

    init(from decoder: any Decoder) throws {
        manual = try ContractInput(from: decoder)
        generation = manual.templateId == nil ? nil : try GenerationInput(from: decoder)
    }
}

/// The `metadata` part of an import: contract fields plus the status and signature date of the legacy contract.
struct ImportMetadata: Decodable {
    var contract: ContractInput
    var statusText: String?
    var signedAt: String?

    enum Keys: String, CodingKey { case status, signedAt }

    init(from decoder: any Decoder) throws {
        contract = try ContractInput(from: decoder)
        let c = try decoder.container(keyedBy: Keys.self)
        statusText = try c.decodeIfPresent(String.self, forKey: .status)
        signedAt = try c.decodeIfPresent(String.self, forKey: .signedAt)
    }

    static func decode(_ text: String) throws -> ImportMetadata {
        do {
            return try JSONDecoder().decode(ImportMetadata.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            var problem = Problem.decodingProblem(error)
            problem.errors = problem.errors?.map { FieldError("metadata.\($0.field)", $0.message) }
                ?? [FieldError("metadata", "must be a JSON object")]
            problem.status = 422
            throw problem
        }
    }

    /// The status asked for; whether this user may record it is the import policy's to say.
    func status() throws -> ContractStatus? {
        guard let statusText else { return nil }
        guard let status = ContractStatus(rawValue: statusText), ContractImportPolicy.statuses.contains(status) else {
            throw ValidationFailure([FieldError("metadata.status", "must be one of \(ContractImportPolicy.statuses.map(\.rawValue).joined(separator: ", "))")])
        }
        return status
    }

    func signedDate() throws -> Date? {
        guard let signedAt else { return nil }
        if let day = Day(signedAt) { return Timestamp.parse("\(day)T12:00:00Z") }
        guard let date = Timestamp.parse(signedAt) else {
            throw Problem.validation([FieldError("metadata.signedAt", "must be a date YYYY-MM-DD or an RFC 3339 timestamp")])
        }
        return date
    }
}
