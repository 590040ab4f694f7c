import Foundation
import ParapheCore
import Synchronization

/// The test double: a CRM held in memory, with the same answers the connectors give, and every call counted.
public final class InMemoryCRM: CRMConnector, Sendable {
    public let system: CRMSystem
    struct State {
        var records: [String: [String: CRMRecord]] = [:]
        var describes: [String: CRMObjectDescription] = [:]
        var calls = 0
        var failures: [CRMError] = []
        var counter = 0
    }
    private let state = Mutex(State())
    let clock: @Sendable () -> Date

    public init(system: CRMSystem, clock: @escaping @Sendable () -> Date) {
        self.system = system
        self.clock = clock
    }

    public var calls: Int { state.withLock { $0.calls } }

    public func put(_ record: CRMRecord) {
        state.withLock { $0.records[record.object, default: [:]][record.id] = record }
    }

    public func records(_ object: String) -> [CRMRecord] {
        state.withLock { Array(($0.records[object] ?? [:]).values).sorted { $0.id < $1.id } }
    }

    public func describe(_ description: CRMObjectDescription) {
        state.withLock { $0.describes[description.name] = description }
    }

    /// The next calls fail with these, in order.
    public func fail(with errors: [CRMError]) {
        state.withLock { $0.failures = errors }
    }

    private func enter() throws {
        let failure = state.withLock { s -> CRMError? in
            s.calls += 1
            return s.failures.isEmpty ? nil : s.failures.removeFirst()
        }
        if let failure { throw failure }
    }

    public func authenticate() async throws -> CRMIdentity {
        try enter()
        return CRMIdentity(organisation: "in-memory")
    }

    public func fetch(_ object: String, ids: [String], fields: [String]) async throws -> [CRMRecord] {
        try enter()
        return records(object).filter { ids.contains($0.id) }
    }

    public func changes(_ object: String, since: Date?, fields: [String]) async throws -> CRMChanges {
        try enter()
        let changed = records(object).filter { r in since.map { (r.modifiedAt ?? .distantPast) > $0 } ?? true }
        return CRMChanges(records: changed, watermark: changed.compactMap(\.modifiedAt).max() ?? since, calls: 1)
    }

    public func write(_ writes: [CRMWrite]) async throws -> CRMWriteBatch {
        try enter()
        return CRMWriteBatch(results: state.withLock { s in
            writes.map { w in
                var existing: CRMRecord?
                switch w.key {
                case .recordId(let id): existing = s.records[w.object]?[id]
                case .externalId(let field, let value): existing = s.records[w.object]?.values.first { $0.fields[field]?.stringValue == value }
                }
                if case .recordId = w.key, existing == nil { return .rejected(code: "NOT_FOUND", message: "no \(w.object) \(w.key)") }
                s.counter += 1
                var record = existing ?? CRMRecord(object: w.object, id: "mem\(s.counter)", fields: [:], modifiedAt: nil)
                for (k, v) in w.fields { record.fields[k] = v }
                if case .externalId(let field, let value) = w.key { record.fields[field] = .string(value) }
                record.modifiedAt = clock()
                s.records[w.object, default: [:]][record.id] = record
                return .written(id: record.id)
            }
        }, calls: 1)
    }

    public func describe(_ object: String) async throws -> CRMObjectDescription {
        try enter()
        guard let d = state.withLock({ $0.describes[object] }) else { throw CRMError.rejected(code: "NOT_FOUND", message: "no object \(object)") }
        return d
    }

    public var dealFields: [String] { ["Name", "AccountId", "ContactId"] }

    public func party(of deal: CRMRecord) async throws -> CRMParty? {
        try enter()
        guard let accountId = deal.fields["AccountId"]?.stringValue, let account = records("Account").first(where: { $0.id == accountId }) else { return nil }
        let contact = deal.fields["ContactId"]?.stringValue.flatMap { id in records("Contact").first { $0.id == id } }
        return CRMParty(accountId: accountId, name: account.fields["Name"]?.stringValue ?? accountId, address: account.fields["BillingCity"]?.stringValue,
                        contactName: contact?.fields["Name"]?.stringValue, contactEmail: contact?.fields["Email"]?.stringValue, contactTitle: nil)
    }

    public func recordURL(_ object: String, id: String) -> String { "memory://\(object)/\(id)" }

    /// A test's notification: its body is a comma-separated list of record ids.
    public func verify(_ inbound: CRMInbound, organisation: String?) throws -> [String] {
        String(decoding: inbound.body, as: UTF8.self).split(separator: ",").map(String.init).filter(CRMLink.isRecordId)
    }
}
