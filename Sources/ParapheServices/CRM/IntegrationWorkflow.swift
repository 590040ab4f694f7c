import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore

/// An admin's CRM connections: connect (credentials checked, the map checked against the CRM's describe), change,
/// disconnect, test, sync now, and the sync log with replay.
public struct IntegrationWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct RuleInput: Decodable, Sendable {
        public var id: String?
        public var when: StageRule.Condition?
        public var templateId: String?
        public var autoSend: Bool?
        public var signatoryId: String?

        public init(id: String?, when: StageRule.Condition?, templateId: String?, autoSend: Bool?, signatoryId: String? = nil) {
            self.id = id
            self.when = when
            self.templateId = templateId
            self.autoSend = autoSend
            self.signatoryId = signatoryId
        }
    }

    public struct Input: Decodable, Sendable {
        public var name: String?
        public var system: String?
        public var baseUrl: String?
        public var allowPrivateNetwork: Bool?
        public var credentials: CRMCredentials?
        public var fieldMap: [FieldMapping]?
        public var rules: [RuleInput]?
        public var active: Bool?

        public init(name: String? = nil, system: String? = nil, baseUrl: String? = nil, allowPrivateNetwork: Bool? = nil,
                    credentials: CRMCredentials? = nil, fieldMap: [FieldMapping]? = nil, rules: [RuleInput]? = nil, active: Bool? = nil) {
            self.name = name
            self.system = system
            self.baseUrl = baseUrl
            self.allowPrivateNetwork = allowPrivateNetwork
            self.credentials = credentials
            self.fieldMap = fieldMap
            self.rules = rules
            self.active = active
        }
    }

    /// An integration as the API shows it: never its credentials, always its health.
    public struct View: Sendable {
        public var integration: Integration
        public var state: IntegrationState
        public var pending: Int
        public var rejected: Int
        public var firings: Int
    }

    func requireAdmin(_ caller: Caller) throws {
        guard caller.holds(.admin) else { throw DomainError.forbidden("only an admin manages CRM integrations") }
    }

    public func integrations(by caller: Caller) async throws -> [View] {
        try requireAdmin(caller)
        return try await services.database.read { s in
            var views: [View] = []
            for i in try await s.integrations() { views.append(try await view(i, in: s)) }
            return views
        }
    }

    public func integration(_ id: Integration.ID, by caller: Caller) async throws -> View {
        try requireAdmin(caller)
        return try await services.database.read { s in
            guard let i = try await s.integration(id) else { throw DomainError.notFound("no integration with this id") }
            return try await view(i, in: s)
        }
    }

    func view(_ i: Integration, in s: Session) async throws -> View {
        let (pending, rejected) = try await s.crmOutboxCounts(i.id)
        return View(integration: i, state: try await s.integrationState(of: i.id), pending: pending, rejected: rejected, firings: try await s.ruleFirings(i.id))
    }

    /// What every signed-in page needs: the integrations that want an admin's attention now.
    public func attention() async throws -> [(Integration, IntegrationState)] {
        let now = services.clock()
        return try await services.database.read { s in
            var out: [(Integration, IntegrationState)] = []
            for i in try await s.integrations(activeOnly: true) {
                let state = try await s.integrationState(of: i.id)
                if state.needsAttention(at: now) { out.append((i, state)) }
            }
            return out
        }
    }

    func rules(_ inputs: [RuleInput]) -> ([StageRule], [FieldError]) {
        var errors: [FieldError] = []
        var rules: [StageRule] = []
        for (i, r) in inputs.enumerated() {
            guard let when = r.when, let template = r.templateId else {
                errors.append(FieldError("rules[\(i)]", "needs when {object, field, equals} and templateId"))
                continue
            }
            rules.append(StageRule(id: r.id ?? "rule_\(i + 1)", when: when, templateId: template, autoSend: r.autoSend ?? false, signatoryId: r.signatoryId))
        }
        return (rules, errors)
    }

    /// Every check that needs no CRM: names, URL, credentials, map and rules.
    func validate(_ i: Integration, credentials: CRMCredentials?, in s: Session) async throws -> [FieldError] {
        var errors = TextRules.requiredLine(i.name, field: "name", max: 120)
        errors += Integration.validateBaseURL(i.baseUrl, allowPrivateNetwork: i.allowPrivateNetwork)
        if let credentials { errors += credentials.validate(for: i.system) }
        errors += FieldMap.validate(i.fieldMap)
        var published: Set<String> = []
        for rule in i.rules {
            if let id = Template.ID(rule.templateId), let t = try await s.template(id), t.publishedVersion != nil { published.insert(rule.templateId) }
        }
        var colleagues: Set<String> = []
        for rule in i.rules {
            if let text = rule.signatoryId, let id = User.ID(text), let user = try await s.user(id), user.active { colleagues.insert(text) }
        }
        errors += StageRule.validate(i.rules, templateExists: published.contains, colleagueExists: colleagues.contains)
        return errors
    }

    /// Signs in and checks the map against the CRM before anything is saved: wrong credentials, an unreachable CRM
    /// or a field the CRM does not have are the admin's to fix now, named by field.
    @discardableResult
    func check(_ i: Integration, credentials: CRMCredentials) async throws -> String {
        let connector = try services.connector(for: i, credentials: credentials)
        do {
            let identity = try await connector.authenticate()
            let errors = FieldMap.check(i.fieldMap, against: try await CRMMonitor.describe(i, with: connector))
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            return identity.organisation
        } catch let error as CRMError {
            switch error {
            case .unauthorized(let why): throw ValidationFailure([FieldError("credentials", "the CRM refused them: \(why)")])
            case .unavailable(let why), .limitExceeded(let why, _): throw ValidationFailure([FieldError("baseUrl", "the CRM cannot be reached: \(why)")])
            case .rejected(let code, let why): throw ValidationFailure([FieldError("baseUrl", "\(code): \(why)")])
            }
        }
    }

    public func create(_ input: Input, by caller: Caller) async throws -> View {
        try requireAdmin(caller)
        guard let systemText = input.system, let system = CRMSystem(rawValue: systemText) else {
            throw ValidationFailure([FieldError("system", "must be one of \(CRMSystem.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        guard let credentials = input.credentials else { throw ValidationFailure([FieldError("credentials", "are required")]) }
        let (rules, ruleErrors) = rules(input.rules ?? [])
        let now = services.clock()
        let integration = Integration(name: input.name ?? system.rawValue.capitalized, system: system, baseUrl: input.baseUrl ?? "",
                                      allowPrivateNetwork: input.allowPrivateNetwork ?? false, fieldMap: input.fieldMap ?? system.defaultFieldMap,
                                      rules: rules, active: input.active ?? true, createdAt: now, updatedAt: now)
        let errors = try await services.database.read { try await validate(integration, credentials: credentials, in: $0) } + ruleErrors
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let organisation = try await check(integration, credentials: credentials)
        let sealed = try services.sealCredentials(credentials)
        try await services.database.transaction { s in
            var state = IntegrationState(token: .valid, organisation: organisation)
            state.mapCheckedAt = now
            try await s.insertIntegration(integration, sealedCredentials: sealed, state: state)
            try await s.appendAdminEvent(.integrationSaved(integration, credentialsChanged: true), actor: caller.actor, at: now)
        }
        return try await self.integration(integration.id, by: caller)
    }

    public func update(_ id: Integration.ID, _ input: Input, by caller: Caller) async throws -> View {
        try requireAdmin(caller)
        guard var integration = try await services.database.read({ try await $0.integration(id) }) else {
            throw DomainError.notFound("no integration with this id")
        }
        if let system = input.system, system != integration.system.rawValue {
            throw ValidationFailure([FieldError("system", "cannot change; connect a new integration instead")])
        }
        if let name = input.name { integration.name = name }
        if let url = input.baseUrl { integration.baseUrl = url }
        if let allow = input.allowPrivateNetwork { integration.allowPrivateNetwork = allow }
        if let map = input.fieldMap { integration.fieldMap = map }
        var ruleErrors: [FieldError] = []
        if let inputs = input.rules { (integration.rules, ruleErrors) = rules(inputs) }
        if let active = input.active { integration.active = active }
        let now = services.clock()
        integration.updatedAt = now
        let final = integration
        let errors = try await services.database.read { try await validate(final, credentials: input.credentials, in: $0) } + ruleErrors
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        var credentials = input.credentials
        if credentials == nil { credentials = try await services.database.read { try await services.credentials(of: id, in: $0) } }
        var learnt: String?
        if final.active, let credentials { learnt = try await check(final, credentials: credentials) }
        let organisation = learnt
        let sealed = try input.credentials.map { try services.sealCredentials($0) }
        try await services.database.transaction { s in
            try await s.updateIntegration(final)
            if let sealed { try await s.updateIntegrationCredentials(id, sealed: sealed) }
            var state = try await s.integrationState(of: id)
            state.mapErrors = []
            state.mapCheckedAt = now
            if let organisation { state.organisation = organisation }
            if sealed != nil || !final.active { state.token = final.active ? .valid : .unknown; state.circuitOpenUntil = nil }
            try await s.saveIntegrationState(state, of: id)
            try await s.appendAdminEvent(.integrationSaved(final, credentialsChanged: sealed != nil), actor: caller.actor, at: now)
        }
        return try await self.integration(id, by: caller)
    }

    /// Disconnects: nothing is sent or read any more; the contracts keep their CRM link and the log stays.
    public func remove(_ id: Integration.ID, by caller: Caller) async throws {
        try requireAdmin(caller)
        let now = services.clock()
        try await services.database.transaction { s in
            guard var integration = try await s.integration(id, forUpdate: true), integration.active else {
                throw DomainError.notFound("no active integration with this id")
            }
            integration.active = false
            integration.updatedAt = now
            try await s.updateIntegration(integration)
            try await s.appendAdminEvent(.integrationRemoved(id: id), actor: caller.actor, at: now)
        }
    }

    /// Signs in again and checks the map now.
    public func test(_ id: Integration.ID, by caller: Caller) async throws -> View {
        try requireAdmin(caller)
        guard let integration = try await services.database.read({ try await $0.integration(id) }) else {
            throw DomainError.notFound("no integration with this id")
        }
        let connector = try await services.connector(for: integration)
        let monitor = CRMMonitor(services: services, integration: integration)
        do {
            let identity = try await connector.authenticate()
            try await monitor.update { $0.organisation = identity.organisation }
            if try await monitor.checkMap(connector, force: true) { try await monitor.succeeded() }
        } catch let error as CRMError {
            try await monitor.failed(error, direction: .check, operation: "test", records: 0, payload: nil)
        }
        return try await self.integration(id, by: caller)
    }

    /// Reads the CRM now and sends what is pending, in the background; the page follows the progress.
    public func syncNow(_ id: Integration.ID, by caller: Caller) async throws {
        try requireAdmin(caller)
        let now = services.clock()
        try await services.database.transaction { s in
            guard let integration = try await s.integration(id), integration.active else { throw DomainError.notFound("no active integration with this id") }
            try await s.enqueueCoalesced(CRMPollJob(integrationId: id), key: "crm.poll:\(id)", runAt: now, now: now, maxAttempts: 5)
            try await s.enqueueCoalesced(CRMPushJob(integrationId: id), key: "crm.push:\(id)", runAt: now, now: now, maxAttempts: 20)
        }
    }

    public func log(_ id: Integration.ID, filter: CRMLogFilter, before cursor: (Date, String)?, limit: Int, by caller: Caller) async throws -> [CRMLogEntry] {
        try requireAdmin(caller)
        return try await services.database.read { s in
            guard try await s.integration(id) != nil else { throw DomainError.notFound("no integration with this id") }
            return try await s.crmLog(id, filter: filter, before: cursor, limit: limit)
        }
    }

    /// Does again what a log entry records: a push sends its contracts as they are now, a pull or a rule reads its
    /// records again (a rule that already made its contract makes none), a check checks the map again.
    public func replay(_ id: Integration.ID, entry entryId: CRMLogEntry.ID, by caller: Caller) async throws -> CRMLogEntry {
        try requireAdmin(caller)
        let now = services.clock()
        return try await services.database.transaction { s in
            guard try await s.integration(id)?.active == true else { throw DomainError.notFound("no active integration with this id") }
            guard let entry = try await s.crmLogEntry(entryId), entry.integrationId == id else { throw DomainError.notFound("no log entry with this id here") }
            guard entry.status != .ok else { throw DomainError.conflict("this attempt succeeded; there is nothing to replay") }
            let payload = (entry.payload.flatMap { try? JSONDecoder().decode([String: JSONValue].self, from: Data($0.utf8)) }) ?? [:]
            var records = 0
            switch entry.direction {
            case .push:
                let contracts = payload["contracts"].flatMap { value -> [Contract.ID]? in
                    guard case .array(let items) = value else { return nil }
                    return items.compactMap { $0.stringValue.flatMap(Contract.ID.init) }
                } ?? []
                guard !contracts.isEmpty else { throw DomainError.conflict("this entry names no contract to send again") }
                records = try await s.replayCRMPushes(id, contracts: contracts, at: now)
            case .pull where entry.operation == CRMAutoSend.operation:
                guard let contract = payload["contract"]?.stringValue.flatMap(Contract.ID.init), try await s.queueAutoSend(contract, at: now) else {
                    throw DomainError.conflict("this contract is no longer waiting to be sent by its rule")
                }
                records = 1
            case .pull, .check:
                let ids = [payload["record"]?.stringValue].compactMap { $0 }.filter(CRMLink.isRecordId)
                try await s.enqueueCoalesced(CRMPollJob(integrationId: id, recordIds: ids), key: "crm.poll:\(id):\(ids.joined(separator: ","))",
                                             runAt: now, now: now, maxAttempts: 5)
                records = ids.count
            case .inbound:
                throw DomainError.conflict("refused inbound messages cannot be replayed: the CRM sends them again")
            }
            if entry.direction == .check {
                var state = try await s.integrationState(of: id)
                state.mapCheckedAt = nil
                try await s.saveIntegrationState(state, of: id)
            }
            try await s.markCRMLogReplayed(entryId, at: now)
            let replay = CRMLogEntry(integrationId: id, at: now, direction: entry.direction, operation: "replay", status: .ok, records: records, calls: 0,
                                     payload: entry.payload, replayOf: entryId)
            try await s.appendCRMLog(replay)
            try await s.appendAdminEvent(.integrationReplayed(id: id, entryId: entryId.description), actor: caller.actor, at: now)
            return replay
        }
    }
}
