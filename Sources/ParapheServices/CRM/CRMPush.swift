import Foundation
import ParapheCore
import ParapheCRM
import ParapheStore

/// Paraphe → CRM. Drains an integration's outbox: reads each pending contract as it is now, writes the mapped
/// fields in batches (upserts of the contract record by Paraphe's id, updates of the deal by its id), and records
/// the version that reached the CRM. A crash anywhere leaves the rows pending, and the next run writes them again:
/// by external id, so nothing is ever created twice.
public struct CRMPush: Sendable {
    public let services: AppServices
    /// Rows per round: five sObject Collections calls per object.
    static let round = 1000

    public init(services: AppServices) { self.services = services }

    public func run(_ id: Integration.ID) async throws {
        let now = services.clock()
        guard let integration = try await services.database.read({ try await $0.integration(id) }), integration.active else { return }
        let monitor = CRMMonitor(services: services, integration: integration)
        if let until = try await monitor.heldUntil() {
            try await services.database.transaction { s in
                try await s.enqueueCoalesced(CRMPushJob(integrationId: id), key: "crm.push:\(id)", runAt: until, now: now, maxAttempts: 20)
            }
            return
        }
        let connector = try await services.connector(for: integration)
        let (pending, _) = try await services.database.read { try await $0.crmOutboxCounts(id) }
        guard pending > 0 else { return }
        guard try await monitor.checkMap(connector) else { return }
        var done = 0
        var stalled = false
        while !stalled {
            let rows = try await services.database.read { try await $0.pendingCRMPushes(id, limit: Self.round) }
            guard !rows.isEmpty else { break }
            let (writes, owners) = try await plan(rows, integration: integration)
            let merged = CRMWritePlan.merged(writes)
            let batch: CRMWriteBatch
            do {
                let sent = try await connector.write(merged.writes)
                batch = CRMWriteBatch(results: merged.source.map { sent.results[$0] }, calls: sent.calls)
            } catch let error as CRMError {
                try await monitor.failed(error, direction: .push, operation: "upsert", records: rows.count, payload: Self.payload(rows))
                guard case .limitExceeded = error else { throw error }
                // Not a failure to retry soon: the push waits for the circuit to close, then sends what is pending.
                let until = services.clock().addingTimeInterval(CRMMonitor.circuitTime)
                try await services.database.transaction { s in
                    try await s.enqueueCoalesced(CRMPushJob(integrationId: id), key: "crm.push:\(id)", runAt: until, now: now, maxAttempts: 20)
                }
                return
            }
            let progressed = try await record(batch, rows: rows, owners: owners, integration: id)
            // A field the CRM no longer has (Salesforce's INVALID_FIELD, HubSpot's PROPERTY_DOESNT_EXIST): check the map now.
            if batch.results.contains(where: { if case .rejected(let code, _) = $0 { code.hasPrefix("INVALID_FIELD") || code == "PROPERTY_DOESNT_EXIST" } else { false } }) {
                try await monitor.checkMap(connector, force: true)
            }
            done += progressed
            stalled = progressed == 0
            // A short round was the whole backlog: changes made since then have queued their own, delayed push, so
            // they go out together instead of one by one as they trickle in.
            if rows.count < Self.round { break }
            try await monitor.progress(done: done, total: pending)
        }
        try await monitor.progress(done: nil, total: nil)
        if stalled { throw CRMError.unavailable("records the CRM could not take yet (locked rows) will be sent again") }
    }

    /// The writes for these contracts, and which contract each write belongs to.
    func plan(_ rows: [CRMOutboxRow], integration: Integration) async throws -> ([CRMWrite], [Contract.ID]) {
        let ids = rows.map(\.contractId)
        let (contracts, clauses, pdfs, alternatives) = try await services.database.read { s in
            let clauses = try await s.clauses(of: ids)
            return (try await s.contracts(ids: ids), clauses, try await s.latestPDFs(of: ids), try await Self.alternativeTitles(clauses, in: s))
        }
        let today = Day(services.clock())
        let base = services.config.publicURL
        var writes: [CRMWrite] = []
        var owners: [Contract.ID] = []
        for row in rows {
            guard let contract = contracts[row.contractId], let link = contract.crm, link.integrationId == integration.id.description else { continue }
            let derogations = (clauses[contract.id] ?? []).filter(\.instance.isDerogation).map { Self.derogation($0.instance, titles: alternatives) }
            let documentURL = pdfs[contract.id].map { "\(base)/contracts/\(contract.id)/documents/\($0.id)" }
            let projection = ContractProjection(contract: contract, derogations: derogations, documentURL: documentURL,
                                                contractURL: "\(base)/contracts/\(contract.id)", link: link, today: today)
            for write in CRMWritePlan.writes(for: projection, map: integration.fieldMap, link: link) {
                writes.append(write)
                owners.append(contract.id)
            }
        }
        return (writes, owners)
    }

    /// Marks what reached the CRM. A contract counts as sent when all its writes went through; one rejected write
    /// fails it (shown in the log, replayable); a locked row leaves it pending. Returns how many contracts moved on.
    func record(_ batch: CRMWriteBatch, rows: [CRMOutboxRow], owners: [Contract.ID], integration id: Integration.ID) async throws -> Int {
        var found: [Contract.ID: (rejected: String?, retry: String?)] = [:]
        for (owner, result) in zip(owners, batch.results) {
            var o = found[owner] ?? (nil, nil)
            switch result {
            case .written: break
            case .rejected(let code, let message): o.rejected = o.rejected ?? "\(code): \(message)"
            case .retry(let message): o.retry = o.retry ?? message
            }
            found[owner] = o
        }
        let outcome = found
        let rejected = rows.compactMap { row in outcome[row.contractId]?.rejected.map { (row, $0) } }
        let retried = rows.compactMap { row in outcome[row.contractId]?.rejected == nil ? outcome[row.contractId]?.retry.map { (row, $0) } : nil }
        let sent = rows.filter { outcome[$0.contractId]?.rejected == nil && outcome[$0.contractId]?.retry == nil }
        let now = services.clock()
        try await services.database.transaction { s in
            for row in sent { try await s.markCRMPushed(id, contract: row.contractId, version: row.version, at: now) }
            for (row, why) in retried { try await s.markCRMRetry(id, contract: row.contractId, error: why) }
            for (row, why) in rejected {
                try await s.markCRMRejected(id, contract: row.contractId, version: row.version, error: why)
                try await s.appendCRMLog(CRMLogEntry(integrationId: id, at: now, direction: .push, operation: "upsert", status: .failed, records: 1,
                                                     calls: 0, error: why, payload: Self.payload([row.contractId])))
            }
            try await s.appendCRMLog(CRMLogEntry(integrationId: id, at: now, direction: .push, operation: "upsert",
                                                 status: retried.isEmpty ? .ok : .retrying, records: sent.count, calls: batch.calls,
                                                 error: retried.first.map { "\(retried.count) contracts will be sent again: \($0.1)" },
                                                 payload: Self.payload(sent)))
        }
        try await CRMMonitor(services: services, integrationId: id).succeeded()
        return sent.count + rejected.count
    }

    /// The library's titles of the alternatives these contracts chose, by "clause key@version/alternative key": read
    /// once per clause version, however many contracts use it.
    static func alternativeTitles(_ clauses: [Contract.ID: [StoredClause]], in s: Session) async throws -> [String: String] {
        var titles: [String: String] = [:]
        var read: Set<String> = []
        for stored in clauses.values.joined() where stored.instance.isDerogation {
            let version = "\(stored.instance.key)@\(stored.instance.clauseVersion ?? 0)"
            guard case .alternative = stored.instance.variant, read.insert(version).inserted,
                  let clause = try await s.clause(stored.instance.key, version: stored.instance.clauseVersion) else { continue }
            for alternative in clause.alternatives { titles["\(version)/\(alternative.key)"] = alternative.title }
        }
        return titles
    }

    /// A derogation as the CRM shows it to people: the clause and the chosen alternative by their titles.
    static func derogation(_ instance: ClauseInstance, titles: [String: String]) -> String {
        switch instance.variant {
        case .alternative(let key): "\(instance.title) : \(titles["\(instance.key)@\(instance.clauseVersion ?? 0)/\(key)"] ?? key)"
        case .custom: "\(instance.title) : rédaction négociée"
        case .standard: instance.title
        }
    }

    static func payload(_ rows: [CRMOutboxRow]) -> String {
        payload(rows.map(\.contractId))
    }

    static func payload(_ contracts: [Contract.ID]) -> String {
        (try? jsonText(["contracts": contracts.map(\.description)])) ?? "{}"
    }
}
