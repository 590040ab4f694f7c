import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore

/// An integration's health, as the engine learns it: the circuit a spent API allowance opens, credentials the CRM
/// refuses, a field map that no longer matches the CRM, the progress of a long sync. Every failure is logged.
public struct CRMMonitor: Sendable {
    let services: AppServices
    let id: Integration.ID
    let integration: Integration?
    /// How long calls are held after REQUEST_LIMIT_EXCEEDED; Salesforce counts its allowance over a rolling day, so
    /// the first call after it is a probe.
    public static let circuitTime: TimeInterval = 600

    public init(services: AppServices, integration: Integration) {
        self.services = services
        self.id = integration.id
        self.integration = integration
    }

    public init(services: AppServices, integrationId: Integration.ID) {
        self.services = services
        self.id = integrationId
        self.integration = nil
    }

    func update(_ change: @escaping @Sendable (inout IntegrationState) -> Void) async throws {
        try await services.database.transaction { s in
            guard try await s.integration(id, forUpdate: true) != nil else { return }
            var state = try await s.integrationState(of: id)
            change(&state)
            try await s.saveIntegrationState(state, of: id)
        }
    }

    /// When the circuit is open, the moment it closes.
    func heldUntil() async throws -> Date? {
        let state = try await services.database.read { try await $0.integrationState(of: id) }
        let now = services.clock()
        return state.circuitOpen(at: now) ? state.circuitOpenUntil : nil
    }

    func succeeded() async throws {
        let now = services.clock()
        try await update { state in
            state.token = .valid
            state.lastSuccessAt = now
            state.lastError = nil
            state.circuitOpenUntil = nil
        }
    }

    func progress(done: Int?, total: Int?) async throws {
        try await update { state in
            state.progress = done.flatMap { d in total.map { IntegrationState.Progress(done: d, total: $0) } }
        }
    }

    /// Records a failed call: in the log, and in the state the page and the banner show.
    func failed(_ error: CRMError, direction: CRMLogEntry.Direction, operation: String, records: Int, payload: String?) async throws {
        let now = services.clock()
        let until = now.addingTimeInterval(Self.circuitTime)
        let status: CRMLogEntry.Status
        let message: String
        switch error {
        case .limitExceeded:
            status = .failed
            message = error.description + "; calls are held until \(Timestamp.format(until))"
        case .unavailable:
            status = .retrying
            message = error.description
        case .unauthorized, .rejected:
            status = .failed
            message = error.description
        }
        try await update { state in
            state.lastError = message
            if case .limitExceeded = error { state.circuitOpenUntil = until }
            if case .unauthorized = error { state.token = .refused }
        }
        try await services.database.transaction { s in
            try await s.appendCRMLog(CRMLogEntry(integrationId: id, at: now, direction: direction, operation: operation, status: status,
                                                 records: records, calls: 0, error: message, payload: payload))
        }
    }

    /// The objects the map and the rules name, described by the CRM.
    static func describe(_ integration: Integration, with connector: any CRMConnector) async throws -> [String: CRMObjectDescription] {
        var seen: Set<String> = []
        let objects = (integration.fieldMap.map(\.crmObject) + integration.rules.map(\.when.object)).filter { !CRMProducts.isObject($0) && seen.insert($0.lowercased()).inserted }
        var out: [String: CRMObjectDescription] = [:]
        for object in objects {
            do {
                out[object] = try await connector.describe(object)
            } catch CRMError.rejected {
                continue
            }
        }
        return out
    }

    /// Checks the map against the CRM, keeps the verdict in the state, and logs a map that broke. Whether the map
    /// holds.
    /// A map found sound is checked again after this long, or at once when the CRM refuses a field.
    public static let mapRecheck: TimeInterval = 600

    @discardableResult
    func checkMap(_ connector: any CRMConnector, force: Bool = false) async throws -> Bool {
        guard let integration else { return true }
        let state = try await services.database.read { try await $0.integrationState(of: id) }
        if !force, state.mapErrors.isEmpty, let at = state.mapCheckedAt, at >= integration.updatedAt,
           services.clock().timeIntervalSince(at) < Self.mapRecheck {
            return true
        }
        let described: [String: CRMObjectDescription]
        do {
            described = try await Self.describe(integration, with: connector)
        } catch let error as CRMError {
            try await failed(error, direction: .check, operation: "describe", records: 0, payload: nil)
            if case .unavailable = error { throw error }
            return false
        }
        let errors = FieldMap.check(integration.fieldMap, against: described)
        let now = services.clock()
        let before = state.mapErrors
        try await update { $0.mapErrors = errors; $0.mapCheckedAt = now }
        if !errors.isEmpty && errors != before {
            try await services.database.transaction { s in
                try await s.appendCRMLog(CRMLogEntry(integrationId: id, at: now, direction: .check, operation: "describe", status: .failed,
                                                     records: 0, calls: described.count,
                                                     error: "the field map no longer matches the CRM: " + errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")))
            }
        }
        return errors.isEmpty
    }
}
