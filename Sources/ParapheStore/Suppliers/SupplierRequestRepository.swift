import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func insertSupplierRequest(_ r: SupplierRequest) async throws {
        try await run("""
            INSERT INTO supplier_requests (id, supplier_name, purpose, annual_cost, currency, data_processed, requested_by, status, counterparty_id,
                                           created_at, decided_at)
            VALUES (\(bind: r.id.description), \(bind: r.supplierName), \(bind: r.purpose), \(bind: r.annualCost?.amountString), \(bind: r.annualCost?.currency),
                    \(bind: try jsonText(r.dataProcessed)), \(bind: r.requestedBy.description), \(bind: r.status.rawValue),
                    \(bind: r.counterpartyId?.description), \(bind: Timestamp.format(r.createdAt)), \(bind: r.decidedAt.map(Timestamp.format)))
            """)
    }

    /// Writes the outcome: the status, the counterparty created on approval, when it was decided.
    public func updateSupplierRequest(_ r: SupplierRequest) async throws {
        try await run("""
            UPDATE supplier_requests SET status = \(bind: r.status.rawValue), counterparty_id = \(bind: r.counterpartyId?.description),
              decided_at = \(bind: r.decidedAt.map(Timestamp.format)) WHERE id = \(bind: r.id.description)
            """)
    }

    /// `forUpdate` locks the row (Postgres) so its decisions apply one after the other, as a contract's do.
    public func supplierRequest(_ id: SupplierRequest.ID, forUpdate: Bool = false) async throws -> SupplierRequest? {
        try await first("SELECT * FROM supplier_requests WHERE id = \(bind: id.description)\(forUpdate ? dialect.forUpdate : "")")
            .map(Self.decodeSupplierRequest)
    }

    /// Newest first; `requestedBy` narrows to one person's requests.
    public func supplierRequests(requestedBy: User.ID?, before cursor: (Date, String)?, limit: Int) async throws -> [SupplierRequest] {
        var query: SQLQueryString = "SELECT * FROM supplier_requests WHERE 1 = 1"
        if let requestedBy { query += " AND requested_by = \(bind: requestedBy.description)" }
        query += newestFirst(after: cursor, limit: limit)
        return try await all(query).map(Self.decodeSupplierRequest)
    }

    public func supplierRequests(ids: [SupplierRequest.ID]) async throws -> [SupplierRequest.ID: SupplierRequest] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await all("SELECT * FROM supplier_requests WHERE id IN (\(binds: Array(Set(ids.map(\.description)))))").map(Self.decodeSupplierRequest)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func decodeSupplierRequest(_ row: any SQLRow) throws -> SupplierRequest {
        let amount = try row.optionalString("annual_cost").flatMap(Money.parseAmount)
        let currency = try row.optionalString("currency")
        return SupplierRequest(id: try row.id("id"), supplierName: try row.string("supplier_name"), purpose: try row.string("purpose"),
                               annualCost: amount.flatMap { a in currency.map { Money(amount: a, currency: $0) } },
                               dataProcessed: try row.json("data_processed", as: [String].self), requestedBy: try row.id("requested_by"),
                               status: SupplierRequest.Status(rawValue: try row.string("status")) ?? .pending,
                               counterpartyId: try row.optionalID("counterparty_id"), createdAt: try row.date("created_at"),
                               decidedAt: try row.optionalDate("decided_at"))
    }
}
