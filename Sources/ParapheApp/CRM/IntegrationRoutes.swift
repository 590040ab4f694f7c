import Foundation
import Hummingbird
import ParapheCore
import ParapheCRM
import ParapheServices
import ParapheStore

/// `/api/v1/integrations` (admin): CRM connections, their health, the sync log and its replay.
struct IntegrationRoutes {
    let services: AppServices
    var workflow: IntegrationWorkflow { IntegrationWorkflow(services: services) }

    static let credentialKeys = KeyShape.object(Dictionary(uniqueKeysWithValues: [
        "clientId", "clientSecret", "username", "privateKey", "loginUrl", "accessToken", "webhookSecret", "webhookUser", "webhookPassword",
    ].map { ($0, KeyShape.any) }))
    static let keys = KeyShape.object([
        "name": .any, "system": .any, "baseUrl": .any, "allowPrivateNetwork": .any, "active": .any, "credentials": credentialKeys,
        "fieldMap": .array(.object(["clmField": .any, "crmObject": .any, "crmField": .any, "direction": .any, "owner": .any])),
        "rules": .array(.object(["id": .any, "templateId": .any, "autoSend": .any, "signatoryId": .any,
                                 "when": .object(["object": .any, "field": .any, "equals": .any, "recordType": .any])])),
    ])

    struct StatusDTO: Encodable, Sendable {
        var token: String
        var circuitOpen: Bool
        var circuitOpenUntil: Date?
        var lastPollAt: Date?
        var lastSuccessAt: Date?
        var lastError: String?
        var mapErrors: [FieldError]
        var mapCheckedAt: Date?
        var pending: Int
        var rejected: Int
        var ruleFirings: Int
        var progress: IntegrationState.Progress?
        var organisation: String?
        var needsAttention: Bool
    }

    struct IntegrationDTO: Encodable, Sendable {
        var id: String
        var name: String
        var system: String
        var baseUrl: String
        var allowPrivateNetwork: Bool
        var active: Bool
        /// Credentials are write-only: the API says which are set, never what they are.
        var credentialsSet: Bool
        var fieldMap: [FieldMapping]
        var rules: [StageRule]
        var hookUrl: String
        var status: StatusDTO
        var createdAt: Date
        var updatedAt: Date
    }

    struct LogEntryDTO: Encodable, Sendable {
        var id: String
        var at: Date
        var direction: String
        var operation: String
        var status: String
        var records: Int
        var calls: Int
        var error: String?
        var payload: JSONValue?
        var replayOf: String?
        var replayedAt: Date?

        init(_ e: CRMLogEntry) {
            id = e.id.description
            at = e.at
            direction = e.direction.rawValue
            operation = e.operation
            status = e.status.rawValue
            records = e.records
            calls = e.calls
            error = e.error
            payload = e.payload.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            replayOf = e.replayOf?.description
            replayedAt = e.replayedAt
        }
    }

    func dto(_ v: IntegrationWorkflow.View) -> IntegrationDTO {
        let i = v.integration, s = v.state
        let now = services.clock()
        return IntegrationDTO(id: i.id.description, name: i.name, system: i.system.rawValue, baseUrl: i.baseUrl,
                              allowPrivateNetwork: i.allowPrivateNetwork, active: i.active, credentialsSet: true, fieldMap: i.fieldMap, rules: i.rules,
                              hookUrl: "\(services.config.publicURL)/hooks/\(i.system.rawValue)/\(i.id)",
                              status: StatusDTO(token: s.token.rawValue, circuitOpen: s.circuitOpen(at: now), circuitOpenUntil: s.circuitOpenUntil,
                                                lastPollAt: s.lastPollAt, lastSuccessAt: s.lastSuccessAt, lastError: s.lastError, mapErrors: s.mapErrors,
                                                mapCheckedAt: s.mapCheckedAt, pending: v.pending, rejected: v.rejected, ruleFirings: v.firings,
                                                progress: s.progress, organisation: s.organisation, needsAttention: s.needsAttention(at: now)),
                              createdAt: i.createdAt, updatedAt: i.updatedAt)
    }

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("integrations", use: list)
        api.post("integrations", use: create)
        api.get("integrations/:id", use: show)
        api.patch("integrations/:id", use: update)
        api.delete("integrations/:id", use: remove)
        api.post("integrations/:id/test", use: test)
        api.post("integrations/:id/sync", use: sync)
        api.get("integrations/:id/log", use: log)
        api.post("integrations/:id/log/:entryId/replay", use: replay)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> JSON<Page<IntegrationDTO>> {
        JSON(Page(items: try await workflow.integrations(by: try context.caller()).map(dto), nextCursor: nil))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> JSON<IntegrationDTO> {
        JSON(dto(try await workflow.integration(try context.requireID("id"), by: try context.caller())))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(IntegrationWorkflow.Input.self, context: context, limit: 65_536, keys: Self.keys)
        return try JSON(dto(try await workflow.create(input, by: caller)), status: .created).response(from: request, context: context)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> JSON<IntegrationDTO> {
        let caller = try context.caller()
        var request = request
        let input = try await request.decodeJSON(IntegrationWorkflow.Input.self, context: context, limit: 65_536, keys: Self.keys)
        return JSON(dto(try await workflow.update(try context.requireID("id"), input, by: caller)))
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        try await workflow.remove(try context.requireID("id"), by: try context.caller())
        return Response(status: .noContent)
    }

    @Sendable func test(_ request: Request, context: AppContext) async throws -> JSON<IntegrationDTO> {
        JSON(dto(try await workflow.test(try context.requireID("id"), by: try context.caller())))
    }

    @Sendable func sync(_ request: Request, context: AppContext) async throws -> Response {
        try await workflow.syncNow(try context.requireID("id"), by: try context.caller())
        return try JSON(["status": "queued"], status: .accepted).response(from: request, context: context)
    }

    @Sendable func log(_ request: Request, context: AppContext) async throws -> JSON<Page<LogEntryDTO>> {
        let caller = try context.caller()
        let page = try PageRequest(request)
        let query = request.uri.queryParameters
        var filter = CRMLogFilter()
        if let text = query.get("status") {
            guard let status = CRMLogEntry.Status(rawValue: text) else {
                throw Problem.validation([FieldError("status", "must be one of \(CRMLogEntry.Status.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            filter.status = status
        }
        if let text = query.get("direction") {
            guard let direction = CRMLogEntry.Direction(rawValue: text) else {
                throw Problem.validation([FieldError("direction", "must be one of \(CRMLogEntry.Direction.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            filter.direction = direction
        }
        let rows = try await workflow.log(try context.requireID("id"), filter: filter, before: try page.decodeCursor(TimeCursor.self)?.position(),
                                          limit: page.limit + 1, by: caller)
        return JSON(PageRequest.page(rows, limit: page.limit, item: LogEntryDTO.init,
                                     cursor: { PageRequest.encodeCursor(TimeCursor(at: $0.at, id: $0.id.description)) }))
    }

    @Sendable func replay(_ request: Request, context: AppContext) async throws -> Response {
        let entry = try await workflow.replay(try context.requireID("id"), entry: try context.requireID("entryId"), by: try context.caller())
        return try JSON(LogEntryDTO(entry), status: .accepted).response(from: request, context: context)
    }
}

/// `POST /hooks/{system}/{integrationId}`: public, checked by what each CRM signs with.
struct CRMHookRoutes {
    let services: AppServices

    func register(_ router: some RouterMethods<AppContext>) {
        // One path per CRM, one handler: the integration's connector knows how its CRM proves a notification.
        for system in CRMSystem.allCases {
            router.post("hooks/\(system.rawValue)/:id") { request, context in
                let body = try await request.body.collect(upTo: 1 << 20)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let query = request.uri.query.map { "?" + $0 } ?? ""
                let inbound = CRMInbound(body: Data(buffer: body), headers: headers, uri: services.config.publicURL + request.uri.path + query,
                                         now: services.clock())
                try await CRMHooks(services: services).receive(system, try context.requireID("id"), inbound)
                // Salesforce retries an Outbound Message until it reads its acknowledgement.
                guard system == .salesforce else { return Response(status: .noContent) }
                return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: OutboundMessage.acknowledgement)))
            }
        }
    }
}
