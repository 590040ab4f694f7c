import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

struct CounterpartyDTO: Codable, Sendable {
    var id: String
    var name: String
    var kind: String
    var registrationNumber: String?
    var address: String?
    var crmRefs: [String: String]
    var contact: Counterparty.Contact?
    var createdAt: Date
    var updatedAt: Date

    init(_ c: Counterparty) {
        id = c.id.description
        name = c.name
        kind = c.kind.rawValue
        registrationNumber = c.registrationNumber
        address = c.address
        crmRefs = c.crmRefs
        contact = c.contact
        createdAt = c.createdAt
        updatedAt = c.updatedAt
    }
}

struct CounterpartyRoutes {
    let services: AppServices

    var workflow: CounterpartyWorkflow { CounterpartyWorkflow(services: services) }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("counterparties", use: list)
        api.post("counterparties", use: create)
        api.get("counterparties/:id", use: show)
        api.patch("counterparties/:id", use: patch)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<CounterpartyDTO>> {
        _ = try context.requireUser()
        let page = try PageRequest(request)
        let after = try page.decodeCursor([String].self)
        guard after == nil || after!.count == 2 else { throw ValidationFailure([FieldError("cursor", "is not a cursor this API returned")]) }
        let q = request.uri.queryParameters.get("q").map { String($0.prefix(200)) }
        let rows = try await workflow.counterparties(matching: q, after: after.map { ($0[0], $0[1]) }, limit: page.limit + 1)
        return JSON(PageRequest.page(rows, limit: page.limit, item: CounterpartyDTO.init, cursor: { PageRequest.encodeCursor([$0.name, $0.id.description]) }))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<CounterpartyDTO> {
        _ = try context.requireUser()
        let id: Counterparty.ID = try context.requireID("id")
        return JSON(CounterpartyDTO(try await workflow.counterparty(id)))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(CounterpartyWorkflow.Input.self, context: context, limit: 65_536)
        return try JSON(CounterpartyDTO(try await workflow.create(input, by: caller)), status: .created).response(from: request, context: context)
    }

    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<CounterpartyDTO> {
        let caller = try context.caller()
        var request = request
        let id: Counterparty.ID = try context.requireID("id")
        let input = try await request.decodeJSON(CounterpartyWorkflow.Input.self, context: context, limit: 65_536)
        return JSON(CounterpartyDTO(try await workflow.update(id, input, by: caller)))
    }
}

struct ContractTypeRoutes {
    let services: AppServices

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("contract-types", use: list)
        api.post("contract-types", use: create)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<ContractTypeRecord>> {
        _ = try context.requireUser()
        return JSON(Page(items: try await CounterpartyWorkflow(services: services).contractTypes(), nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(CounterpartyWorkflow.ContractTypeInput.self, context: context, limit: 16_384)
        let record = try await CounterpartyWorkflow(services: services).addContractType(input, by: caller)
        return try JSON(record, status: .created).response(from: request, context: context)
    }
}
