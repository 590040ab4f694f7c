import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// The commitments register: `GET /api/v1/reports/obligations` (JSON or CSV), `GET|PATCH /api/v1/obligations/{id}`
/// and `POST /api/v1/contracts/{id}/obligations` for a commitment written by hand.
struct ObligationRoutes {
    let services: AppServices
    var workflow: ObligationWorkflow { ObligationWorkflow(services: services) }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("reports/obligations", use: list)
        api.get("obligations/:id", use: show)
        api.patch("obligations/:id", use: patch)
        api.post("contracts/:id/obligations", use: add)
    }

    struct EventDTO: Encodable, Sendable {
        var at: Date
        var actorId: String?
        var from: ObligationStatus?
        var to: ObligationStatus
        var dueOn: Day?
        var note: String?
    }

    struct ObligationDTO: Encodable, Sendable {
        var id: String
        var contractId: String
        var reference: String
        var contractTitle: String
        var contractStatus: ContractStatus
        var counterpartyId: String?
        var counterparty: String?
        var counterpartyKind: CounterpartyKind?
        var origin: ObligationOrigin
        var clauseKey: String?
        var wording: String
        var owedBy: ObligationParty
        var ownerRole: Role
        var dueOn: Day?
        var every: String?
        var status: ObligationStatus
        var createdAt: Date
        var updatedAt: Date
        /// Only on `GET /api/v1/obligations/{id}`: every change, oldest first.
        var history: [EventDTO]?
        /// Only there too: the due dates a reminder went out for.
        var remindedFor: [Day]?
        var canChange: Bool?

        init(_ e: ObligationEntry) {
            let o = e.obligation
            id = o.id.description
            contractId = o.contractId.description
            reference = e.reference
            contractTitle = e.contractTitle
            contractStatus = e.contractStatus
            counterpartyId = e.counterpartyId?.description
            counterparty = e.counterparty
            counterpartyKind = e.counterpartyKind
            origin = o.origin
            clauseKey = o.clauseKey
            wording = o.wording
            owedBy = o.owedBy
            ownerRole = o.ownerRole
            dueOn = o.dueOn
            every = o.every?.description
            status = o.status
            createdAt = o.createdAt
            updatedAt = o.updatedAt
        }

        init(_ d: ObligationWorkflow.Detail) {
            self.init(d.entry)
            history = d.history.map { EventDTO(at: $0.at, actorId: $0.actorId?.description, from: $0.from, to: $0.to, dueOn: $0.dueOn, note: $0.note) }
            remindedFor = d.reminders
            canChange = d.canChange
        }
    }

    /// Where a page of the register ends: the last entry's sort key and id.
    struct Cursor: Codable, Sendable {
        var key: String
        var id: String

        init(_ entry: ObligationEntry) {
            key = entry.sortKey
            id = entry.obligation.id.description
        }

        var position: (key: String, id: String) { (key, id) }
    }

    /// The register's filters, each refused by name when it cannot be read; an empty one (a form's « Tous ») is no filter.
    static func parseQuery(_ params: Parameters) throws -> ObligationQuery {
        var query = ObligationQuery(visibility: .all)
        var errors = [FieldError]()
        let params = Parameters(params.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) })
        for text in params.getAll("status").flatMap({ $0.split(separator: ",").map(String.init) }) {
            if let status = ObligationStatus(rawValue: text) { query.statuses.append(status) } else {
                errors.append(FieldError("status", "must be one of \(ObligationStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        for text in params.getAll("phase").flatMap({ $0.split(separator: ",").map(String.init) }) {
            if let phase = ContractPhase(rawValue: text) { query.phases.insert(phase) } else {
                errors.append(FieldError("phase", "must be one of \(ContractPhase.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let text = params.get("owedBy") {
            if let party = ObligationParty(rawValue: text) { query.owedBy = party } else { errors.append(FieldError("owedBy", "must be us or them")) }
        }
        if let text = params.get("counterpartyId") {
            if let id = Counterparty.ID(text) { query.counterpartyId = id } else { errors.append(FieldError("counterpartyId", "must be a UUID")) }
        }
        if let text = params.get("counterpartyKind") {
            if let kind = CounterpartyKind(rawValue: text) { query.counterpartyKind = kind } else {
                errors.append(FieldError("counterpartyKind", "must be one of \(CounterpartyKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let text = params.get("contractId") {
            if let id = Contract.ID(text) { query.contractId = id } else { errors.append(FieldError("contractId", "must be a UUID")) }
        }
        if let text = params.get("dueBy") {
            if let day = Day(text) { query.dueBy = day } else { errors.append(FieldError("dueBy", "must be a date YYYY-MM-DD")) }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return query
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let query = try Self.parseQuery(request.uri.queryParameters)
        if CSVDownload.wanted(request) {
            return ObligationPresentation(language: user.language, today: Day(services.clock())).csv(query, workflow: workflow, caller: .user(user))
        }
        let page = try PageRequest(request)
        let after = try page.decodeCursor(Cursor.self)
        let rows = try await workflow.register(query, after: after?.position, limit: page.limit + 1, by: .user(user))
        return try JSON(PageRequest.page(rows, limit: page.limit, item: ObligationDTO.init, cursor: { PageRequest.encodeCursor(Cursor($0)) }))
            .response(from: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<ObligationDTO> {
        let user = try context.requireUser()
        let id: Obligation.ID = try context.requireID("id")
        return JSON(ObligationDTO(try await workflow.detail(id, by: .user(user))))
    }

    struct PatchInput: Decodable {
        var status: String?
        var note: String?
    }

    /// `{"status": "met" | "breached" | "waived" | "open", "note": "…"}`; the note is required for breached and waived.
    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<ObligationDTO> {
        let user = try context.requireUser()
        let id: Obligation.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(PatchInput.self, context: context, limit: 16_384)
        guard let text = input.status else { throw Problem.validation([FieldError("status", "is required")]) }
        guard let status = ObligationStatus(rawValue: text) else {
            throw Problem.validation([FieldError("status", "must be one of \(ObligationStatus.settable.map(\.rawValue).joined(separator: ", "))")])
        }
        _ = try await workflow.change(id, to: status, note: input.note, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        return JSON(ObligationDTO(try await workflow.detail(id, by: .user(user))))
    }

    struct AddInput: Decodable {
        var wording: String?
        var owedBy: String?
        var ownerRole: String?
        var dueOn: String?
        var every: String?
    }

    @Sendable func add(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let contractId: Contract.ID = try context.requireID("id")
        var request = request
        let input = try await request.decodeJSON(AddInput.self, context: context, limit: 16_384)
        let manual = try ManualObligation.parse(wording: input.wording, owedBy: input.owedBy, ownerRole: input.ownerRole, dueOn: input.dueOn, every: input.every)
        let added = try await workflow.add(manual, to: contractId, by: .user(user), actor: try context.actor(userAgent: request.userAgent))
        return try JSON(ObligationDTO(try await workflow.detail(added.id, by: .user(user))), status: .created).response(from: request, context: context)
    }
}
