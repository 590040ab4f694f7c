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
    var createdAt: Date
    var updatedAt: Date

    init(_ c: Counterparty) {
        id = c.id.description
        name = c.name
        kind = c.kind.rawValue
        registrationNumber = c.registrationNumber
        address = c.address
        crmRefs = c.crmRefs
        createdAt = c.createdAt
        updatedAt = c.updatedAt
    }
}

struct CounterpartyRoutes {
    let services: AppServices

    struct Input: Decodable {
        var name: String?
        var kind: String?
        var registrationNumber: String?
        var address: String?
        var crmRefs: [String: String]?
    }

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
        guard after == nil || after!.count == 2 else { throw Problem.validation([FieldError("cursor", "is not a cursor this API returned")]) }
        let q = request.uri.queryParameters.get("q").map { String($0.prefix(200)) }
        let rows = try await services.database.read {
            try await $0.counterparties(q: q, after: after.map { ($0[0], $0[1]) }, limit: page.limit + 1)
        }
        return JSON(PageRequest.page(rows, limit: page.limit, item: CounterpartyDTO.init, cursor: { PageRequest.encodeCursor([$0.name, $0.id.description]) }))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<CounterpartyDTO> {
        _ = try context.requireUser()
        let id: Counterparty.ID = try context.requireID("id")
        guard let c = try await services.database.read({ try await $0.counterparty(id) }) else { throw Problem.notFound("no counterparty with this id") }
        return JSON(CounterpartyDTO(c))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        guard try context.requireUser().canWriteContracts else { throw Problem.forbidden("a viewer cannot create counterparties") }
        var request = request
        let input = try await request.decodeJSON(Input.self, context: context, limit: 65_536)
        let kind = try Self.kind(input.kind ?? "customer")
        let errors = Counterparty.validate(name: input.name, registrationNumber: input.registrationNumber, address: input.address, crmRefs: input.crmRefs)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let now = services.clock()
        let c = Counterparty(name: input.name!.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind,
                             registrationNumber: input.registrationNumber, address: input.address, crmRefs: input.crmRefs ?? [:],
                             createdAt: now, updatedAt: now)
        try await services.database.transaction { try await $0.insertCounterparty(c) }
        return try JSON(CounterpartyDTO(c), status: .created).response(from: request, context: context)
    }

    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<CounterpartyDTO> {
        guard try context.requireUser().canWriteContracts else { throw Problem.forbidden("a viewer cannot edit counterparties") }
        var request = request
        let id: Counterparty.ID = try context.requireID("id")
        let input = try await request.decodeJSON(Input.self, context: context, limit: 65_536)
        let kind = try input.kind.map(Self.kind)
        let now = services.clock()
        let updated = try await services.database.transaction { s -> Counterparty in
            guard var c = try await s.counterparty(id) else { throw Problem.notFound("no counterparty with this id") }
            if let name = input.name { c.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let kind { c.kind = kind }
            if let r = input.registrationNumber { c.registrationNumber = r }
            if let a = input.address { c.address = a }
            if let refs = input.crmRefs { c.crmRefs = refs }
            let errors = Counterparty.validate(name: c.name, registrationNumber: c.registrationNumber, address: c.address, crmRefs: c.crmRefs)
            guard errors.isEmpty else { throw Problem.validation(errors) }
            c.updatedAt = now
            try await s.updateCounterparty(c)
            // Contracts are found by their counterparty's name: a rename must reach their search entries.
            if input.name != nil {
                for contract in try await s.contracts(ofCounterparty: id) { try await s.reindex(contract) }
            }
            return c
        }
        return JSON(CounterpartyDTO(updated))
    }

    static func kind(_ text: String) throws -> CounterpartyKind {
        guard let kind = CounterpartyKind(rawValue: text) else {
            throw Problem.validation([FieldError("kind", "must be one of \(CounterpartyKind.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return kind
    }
}

struct ContractTypeRoutes {
    let services: AppServices

    struct Input: Decodable {
        var key: String
        var labelFr: String
        var labelEn: String?
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("contract-types", use: list)
        api.post("contract-types", use: create)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<ContractTypeRecord>> {
        _ = try context.requireUser()
        return JSON(Page(items: try await services.database.read { try await $0.contractTypes() }, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        var request = request
        let input = try await request.decodeJSON(Input.self, context: context, limit: 16_384)
        var errors: [FieldError] = []
        if !BuiltInContractType.isValidKey(input.key) {
            errors.append(FieldError("key", "must be 1–40 lowercase letters, digits or _, starting with a letter"))
        }
        errors += TextRules.requiredLine(input.labelFr, field: "labelFr", max: 120)
        errors += TextRules.optionalText(input.labelEn, field: "labelEn", max: 120)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let record = ContractTypeRecord(key: input.key, labelFr: input.labelFr, labelEn: input.labelEn ?? input.labelFr, builtIn: false)
        try await services.database.transaction { try await $0.insertContractType(record, now: services.clock()) }
        return try JSON(record, status: .created).response(from: request, context: context)
    }
}
