import Foundation
import ParapheCore
import SQLKit

/// A contract waiting to reach its CRM, at the version its last change left.
public struct CRMOutboxRow: Sendable, Hashable {
    public var contractId: Contract.ID
    public var version: Int
    public var attempts: Int
}

extension Session {
    /// Marks the contract as changed for its integration and wakes the push, in the caller's transaction: a change
    /// that rolls back never reaches the CRM, and one that commits always does.
    func queueCRMPush(_ link: CRMLink, contract: Contract.ID, at now: Date) async throws {
        guard let integration = Integration.ID(link.integrationId) else { return }
        let at = Timestamp.format(now)
        try await run("""
            INSERT INTO crm_outbox (integration_id, contract_id, version, sent_version, attempts, changed_at)
            VALUES (\(bind: link.integrationId), \(bind: contract.description), 1, 0, 0, \(bind: at))
            ON CONFLICT (integration_id, contract_id) DO UPDATE SET version = crm_outbox.version + 1, changed_at = \(bind: at)
            """)
        // A push already waiting takes this change too: the changes of a busy moment go out in one batch.
        try await enqueueCoalesced(CRMPushJob(integrationId: integration), key: "crm.push:\(integration)", runAt: now.addingTimeInterval(crmPushDelay),
                                   now: now, maxAttempts: 20)
    }

    /// Contracts whose last change has not reached the CRM, oldest change first. A version the CRM rejected waits
    /// for a new change or a replay.
    public func pendingCRMPushes(_ integration: Integration.ID, limit: Int) async throws -> [CRMOutboxRow] {
        try await all("""
            SELECT contract_id, version, attempts FROM crm_outbox
            WHERE integration_id = \(bind: integration.description) AND version > sent_version
              AND (failed_version IS NULL OR failed_version < version)
            ORDER BY changed_at, contract_id LIMIT \(bind: limit)
            """).map { CRMOutboxRow(contractId: try $0.id("contract_id"), version: try $0.int("version"), attempts: try $0.int("attempts")) }
    }

    /// The CRM has `version`; a change made since keeps the row pending.
    public func markCRMPushed(_ integration: Integration.ID, contract: Contract.ID, version: Int, at now: Date) async throws {
        try await run("""
            UPDATE crm_outbox SET sent_version = \(bind: version), attempts = 0, last_error = NULL, failed_version = NULL,
              sent_at = \(bind: Timestamp.format(now))
            WHERE integration_id = \(bind: integration.description) AND contract_id = \(bind: contract.description) AND sent_version < \(bind: version)
            """)
    }

    public func markCRMRejected(_ integration: Integration.ID, contract: Contract.ID, version: Int, error: String) async throws {
        try await run("""
            UPDATE crm_outbox SET failed_version = \(bind: version), attempts = attempts + 1, last_error = \(bind: String(error.prefix(2000)))
            WHERE integration_id = \(bind: integration.description) AND contract_id = \(bind: contract.description)
            """)
    }

    public func markCRMRetry(_ integration: Integration.ID, contract: Contract.ID, error: String) async throws {
        try await run("""
            UPDATE crm_outbox SET attempts = attempts + 1, last_error = \(bind: String(error.prefix(2000)))
            WHERE integration_id = \(bind: integration.description) AND contract_id = \(bind: contract.description)
            """)
    }

    /// Sends these contracts again, as they are now: a rejected version is forgiven, a sent one is sent once more.
    public func replayCRMPushes(_ integration: Integration.ID, contracts: [Contract.ID], at now: Date) async throws -> Int {
        guard !contracts.isEmpty else { return 0 }
        let rows = try await all("""
            UPDATE crm_outbox SET failed_version = NULL, sent_version = CASE WHEN sent_version >= version THEN version - 1 ELSE sent_version END,
              changed_at = \(bind: Timestamp.format(now))
            WHERE integration_id = \(bind: integration.description) AND contract_id IN (\(binds: contracts.map(\.description)))
            RETURNING contract_id
            """)
        if !rows.isEmpty {
            try await enqueueCoalesced(CRMPushJob(integrationId: integration), key: "crm.push:\(integration)", runAt: now, now: now, maxAttempts: 20)
        }
        return rows.count
    }

    public func crmOutboxCounts(_ integration: Integration.ID) async throws -> (pending: Int, rejected: Int) {
        let row = try await first("""
            SELECT
              COALESCE(SUM(CASE WHEN version > sent_version AND (failed_version IS NULL OR failed_version < version) THEN 1 ELSE 0 END), 0) AS pending,
              COALESCE(SUM(CASE WHEN failed_version IS NOT NULL AND failed_version >= version THEN 1 ELSE 0 END), 0) AS rejected
            FROM crm_outbox WHERE integration_id = \(bind: integration.description)
            """)
        return (try row?.int("pending") ?? 0, try row?.int("rejected") ?? 0)
    }

    /// Contracts made from one CRM record.
    public func contracts(fromCRMRecord objectId: String, of integration: Integration.ID) async throws -> [Contract] {
        try await all("""
            SELECT * FROM contracts WHERE crm_integration_id = \(bind: integration.description) AND crm_object_id = \(bind: objectId)
            ORDER BY created_at, id
            """).map(Self.decodeContract)
    }
}

extension Session {
    /// Each contract's newest PDF: the sealed one once signed, the generated one before.
    public func latestPDFs(of contracts: [Contract.ID]) async throws -> [Contract.ID: DocumentRecord] {
        guard !contracts.isEmpty else { return [:] }
        let rows = try await all("""
            SELECT * FROM documents WHERE format = 'pdf' AND contract_id IN (\(binds: contracts.map(\.description))) ORDER BY contract_id, version
            """).map(Self.decodeDocument)
        var latest: [Contract.ID: DocumentRecord] = [:]
        for d in rows { latest[d.contractId] = d }
        return latest
    }
}
