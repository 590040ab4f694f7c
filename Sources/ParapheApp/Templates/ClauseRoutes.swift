import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/clauses`: the clause library. Everyone reads it; legal and admins write it.
struct ClauseRoutes {
    let services: AppServices
    var library: TemplateWorkflow { TemplateWorkflow(services: services) }

    /// Every field optional, so that all missing ones are reported together.
    struct Input: Decodable, Sendable {
        struct Alternative: Decodable, Sendable {
            var key: String?
            var title: String?
            var body: String?
            var isDerogation: Bool?
            var derogationCategory: String?
            var requiresApprovalBy: [String]?
            var obligations: [Commitment]?
        }
        /// A commitment the text creates, as sent; `Clause.validate` checks the wording and the due date.
        struct Commitment: Decodable, Sendable {
            var wording: String?
            var owedBy: String?
            var ownerRole: String?
            var due: String?
            var every: String?

            func declaration(_ field: String, _ errors: inout [FieldError]) -> ObligationDeclaration {
                let (party, role, period) = ObligationFields.parse(owedBy: owedBy, ownerRole: ownerRole, every: every, prefix: field + ".", errors: &errors)
                return ObligationDeclaration(wording: wording ?? "", owedBy: party, ownerRole: role, due: due, every: period)
            }
        }
        var key: String?
        var title: String?
        var category: String?
        var body: String?
        var alternatives: [Alternative]?
        var obligations: [Commitment]?

        /// A new clause as sent, missing fields empty so that validation names them all.
        func clause(_ errors: inout [FieldError]) -> Clause {
            let alternatives = alternatives(&errors) ?? []
            return Clause(key: key ?? "", title: title ?? "", category: category ?? "", body: body ?? "", alternatives: alternatives,
                          obligations: Self.obligations(obligations, field: "obligations", &errors) ?? [])
        }

        static func obligations(_ sent: [Commitment]?, field: String, _ errors: inout [FieldError]) -> [ObligationDeclaration]? {
            sent?.enumerated().map { index, commitment in commitment.declaration("\(field)[\(index)]", &errors) }
        }

        func alternatives(_ errors: inout [FieldError]) -> [ClauseAlternative]? {
            alternatives?.enumerated().map { index, a in
                var roles = [Role]()
                for (i, name) in (a.requiresApprovalBy ?? []).enumerated() {
                    if let role = Role(rawValue: name) { roles.append(role) } else {
                        errors.append(FieldError("alternatives[\(index)].requiresApprovalBy[\(i)]",
                                                 "unknown role; one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
                    }
                }
                return ClauseAlternative(key: a.key ?? "", title: a.title ?? "", body: a.body ?? "", isDerogation: a.isDerogation ?? false,
                                         derogationCategory: a.derogationCategory, requiresApprovalBy: roles,
                                         obligations: Self.obligations(a.obligations, field: "alternatives[\(index)].obligations", &errors) ?? [])
            }
        }
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("clauses", use: list)
        api.post("clauses", use: create)
        api.get("clauses/:key", use: show)
        api.patch("clauses/:key", use: patch)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<ClauseLibraryDTO>> {
        _ = try context.requireUser()
        let page = try PageRequest(request)
        let after = try page.decodeCursor(String.self)
        let rows = try await library.clauses(after: after, limit: page.limit + 1)
        return JSON(PageRequest.page(rows, limit: page.limit, item: ClauseLibraryDTO.init, cursor: { PageRequest.encodeCursor($0.key) }))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<ClauseLibraryDTO> {
        _ = try context.requireUser()
        let key = try context.parameters.require("key")
        var version: Int?
        if let text = request.uri.queryParameters.get("version") {
            guard let number = Int(text), number > 0 else { throw ValidationFailure([FieldError("version", "must be a positive whole number")]) }
            version = number
        }
        return JSON(ClauseLibraryDTO(try await library.clause(key, version: version)))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var request = request
        let input = try await request.decodeJSON(Input.self, context: context, limit: 262_144)
        var errors = [FieldError]()
        let clause = input.clause(&errors)
        guard errors.isEmpty else { throw Problem.validation(errors + clause.validate()) }
        let created = try await library.createClause(clause, by: user)
        return try JSON(ClauseLibraryDTO(created), status: .created).response(from: request, context: context)
    }

    /// Any field sent replaces the current one (`alternatives` and `obligations` as a whole); the result is a new version.
    @Sendable func patch(_ request: Request, context: AppContext) async throws -> JSON<ClauseLibraryDTO> {
        let user = try context.requireUser()
        let key = try context.parameters.require("key")
        var request = request
        let input = try await request.decodeJSON(Input.self, context: context, limit: 262_144)
        var errors = [FieldError]()
        if let sent = input.key, sent != key { errors.append(FieldError("key", "cannot change; create a new clause instead")) }
        let alternatives = input.alternatives(&errors)
        let obligations = Input.obligations(input.obligations, field: "obligations", &errors)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let updated = try await library.updateClause(key, by: user) { clause in
            if let title = input.title { clause.title = title }
            if let category = input.category { clause.category = category }
            if let body = input.body { clause.body = body }
            if let alternatives { clause.alternatives = alternatives }
            if let obligations { clause.obligations = obligations }
        }
        return JSON(ClauseLibraryDTO(updated))
    }
}
