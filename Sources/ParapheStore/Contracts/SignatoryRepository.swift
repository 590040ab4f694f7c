import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func designatedSignatory(of contract: Contract.ID) async throws -> DesignatedSignatory? {
        try await first("SELECT * FROM contract_signatories WHERE contract_id = \(bind: contract.description)").map { row in
            DesignatedSignatory(contractId: try row.id("contract_id"), userId: try row.id("user_id"), namedBy: try row.id("named_by"),
                                namedAt: try row.date("named_at"))
        }
    }

    /// Names the contract's signatory, replacing any earlier one.
    public func setSignatory(_ d: DesignatedSignatory) async throws {
        try await removeSignatory(of: d.contractId)
        try await run("""
            INSERT INTO contract_signatories (contract_id, user_id, named_by, named_at)
            VALUES (\(bind: d.contractId.description), \(bind: d.userId.description), \(bind: d.namedBy.description), \(bind: Timestamp.format(d.namedAt)))
            """)
    }

    public func removeSignatory(of contract: Contract.ID) async throws {
        try await run("DELETE FROM contract_signatories WHERE contract_id = \(bind: contract.description)")
    }
}
