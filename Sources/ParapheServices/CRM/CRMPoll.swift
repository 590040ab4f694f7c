import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore

/// CRM → Paraphe. Reads what changed since the last mark (one query per watched object when nothing did), feeds
/// CRM-owned fields into contracts not yet signed, and fires stage rules. Everything it does is idempotent: a
/// record seen twice changes nothing the second time, so the overlap window and inbound hints cost nothing more.
public struct CRMPoll: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The periodic job: every active integration, each on its own, so one broken CRM does not stop the others.
    public func pollAll() async throws {
        let integrations = try await services.database.read { try await $0.integrations(activeOnly: true) }
        for integration in integrations {
            do {
                try await run(integration.id)
            } catch {
                services.logger.warning("CRM poll of \(integration.name): \(error)")
            }
        }
    }

    /// The fields a watched object is read with: the rules', the map's pulls and variables, and the deal's own.
    static func fingerprint(_ record: CRMRecord) -> String {
        SHA256Hex.of((try? CanonicalJSON.encode(JSONValue.object(record.fields))) ?? Data())
    }

    static func fields(of object: String, integration: Integration, connector: any CRMConnector) -> [String] {
        var fields = integration.fieldMap.filter { $0.direction != .push && $0.crmObject.caseInsensitiveCompare(object) == .orderedSame }.map(\.crmField)
        for rule in integration.rules where rule.when.object.caseInsensitiveCompare(object) == .orderedSame {
            fields.append(rule.when.field)
            if rule.when.recordType != nil { fields.append(integration.system.recordTypeField) }
        }
        if object.caseInsensitiveCompare(integration.system.dealObject) == .orderedSame { fields += connector.dealFields }
        var seen: Set<String> = []
        return fields.filter { seen.insert($0.lowercased()).inserted }
    }

    public func run(_ id: Integration.ID, recordIds: [String] = []) async throws {
        guard let integration = try await services.database.read({ try await $0.integration(id) }), integration.active else { return }
        let monitor = CRMMonitor(services: services, integration: integration)
        guard try await monitor.heldUntil() == nil else { return }
        let connector = try await services.connector(for: integration)
        let now = services.clock()
        for object in integration.watchedObjects {
            let fields = Self.fields(of: object, integration: integration, connector: connector)
            var state = try await services.database.read { try await $0.integrationState(of: id) }
            let records: [CRMRecord]
            var calls = 1
            do {
                if recordIds.isEmpty {
                    let changes = try await connector.changes(object, since: state.watermarks[object], fields: fields)
                    records = changes.records
                    calls = changes.calls
                    if let mark = changes.watermark { state.watermarks[object] = mark }
                } else {
                    records = try await connector.fetch(object, ids: recordIds, fields: fields)
                }
            } catch let error as CRMError {
                try await monitor.failed(error, direction: .pull, operation: recordIds.isEmpty ? "poll" : "fetch", records: 0,
                                         payload: try jsonText(["object": object]))
                if case .rejected(let code, _) = error, code.hasPrefix("INVALID_FIELD") { try await monitor.checkMap(connector, force: true) }
                if case .unavailable = error { throw error }
                continue
            }
            // A record asked for by id is handled whatever was seen: a hint or a replay wants it looked at again.
            let prints = Dictionary(records.map { ($0.id, Self.fingerprint($0)) }) { $1 }
            let fresh = recordIds.isEmpty ? records.filter { state.isFresh($0.id, modifiedAt: $0.modifiedAt, fingerprint: prints[$0.id] ?? "") } : records
            for record in fresh {
                try await pull(record, integration: integration)
                try await fireRules(record, integration: integration, connector: connector)
            }
            // What was seen is remembered only as far back as the overlap window reaches.
            for record in fresh { state.remember(record.id, modifiedAt: record.modifiedAt ?? now, fingerprint: prints[record.id] ?? "") }
            state.forgetSeen(before: (state.watermarks[object] ?? now).addingTimeInterval(-SalesforceConnector.overlap * 2))
            state.lastPollAt = now
            let final = state
            let spent = calls
            try await services.database.transaction { s in
                let current = try await s.integrationState(of: id)
                var merged = final
                merged.mapErrors = current.mapErrors
                merged.mapCheckedAt = current.mapCheckedAt
                merged.circuitOpenUntil = current.circuitOpenUntil
                merged.token = current.token
                merged.progress = current.progress
                merged.lastError = current.lastError
                merged.organisation = current.organisation
                try await s.saveIntegrationState(merged, of: id)
                if !fresh.isEmpty {
                    try await s.appendCRMLog(CRMLogEntry(integrationId: id, at: now, direction: .pull, operation: recordIds.isEmpty ? "poll" : "fetch",
                                                         status: .ok, records: fresh.count, calls: spent,
                                                         payload: try jsonText(["object": object, "records": fresh.prefix(200).map(\.id).joined(separator: ",")])))
                }
            }
        }
        try await monitor.succeeded()
    }

    /// CRM-owned fields into the contracts made from this record, before they are signed, as the automation
    /// user: the same edit, with the same checks and audit, as a person's.
    func pull(_ record: CRMRecord, integration: Integration) async throws {
        let contracts = try await services.database.read { try await $0.contracts(fromCRMRecord: record.id, of: integration.id) }
        guard !contracts.isEmpty else { return }
        let user = try await CRMGeneration(services: services).automationUser()
        for contract in contracts where !contract.status.isExecuted && contract.status != .cancelled {
            let pulled = CRMWritePlan.pulledMetadata(record.fields, map: integration.fieldMap, object: record.object, executed: false)
            var metadata = contract.metadata
            for (k, v) in pulled { metadata[k] = v }
            guard metadata != contract.metadata else { continue }
            let input = ContractInput(title: nil, type: nil, counterpartyId: nil, amount: nil, startDate: nil, endDate: nil, renewal: nil,
                                      metadata: metadata, present: ["metadata"])
            do {
                _ = try await ContractWorkflow(services: services).edit(contract.id, input: ContractInputTerms(input: input), by: .system,
                                                                       actor: Actor(userId: user.id, label: "\(user.name) (\(integration.name))"),
                                                                       reason: SystemReason.updatedFromCRM(system: integration.system.rawValue, object: record.object, record: record.id).stored)
            } catch let error as DomainError {
                try await services.database.transaction { s in
                    try await s.appendCRMLog(CRMLogEntry(integrationId: integration.id, at: services.clock(), direction: .pull, operation: "pull",
                                                         status: .failed, records: 1, calls: 0, error: "\(error)",
                                                         payload: try jsonText(["record": record.id, "contract": contract.id.description])))
                }
            }
        }
    }

    func fireRules(_ record: CRMRecord, integration: Integration, connector: any CRMConnector) async throws {
        for rule in integration.rules where rule.matches(object: record.object, fields: record.fields, system: integration.system) {
            do {
                _ = try await CRMGeneration(services: services).fire(rule, record: record, integration: integration, connector: connector)
            } catch let error as CRMError {
                throw error
            } catch {
                try await ruleFailed(rule, record: record, integration: integration, error: error)
            }
        }
    }

    /// A rule that cannot make its contract (a required variable the deal lacks, an unpublished template) is
    /// logged once per record and error, not at every poll; it fires when the record changes or on replay.
    func ruleFailed(_ rule: StageRule, record: CRMRecord, integration: Integration, error: any Error) async throws {
        let message = (error as? ValidationFailure).map { $0.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ") } ?? "\(error)"
        let now = services.clock()
        try await services.database.transaction { s in
            try await s.appendCRMLog(CRMLogEntry(integrationId: integration.id, at: now, direction: .pull, operation: "rule", status: .failed,
                                                 records: 1, calls: 0, error: "rule \(rule.id) on \(record.object) \(record.id): \(message)",
                                                 payload: try jsonText(["rule": rule.id, "record": record.id, "object": record.object])))
        }
    }
}
