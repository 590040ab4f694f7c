import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func insertSignatureAuthority(_ a: SignatureAuthority) async throws {
        try await run("""
            INSERT INTO signature_authorities (id, user_id, contract_types, max_amount, currency, valid_from, valid_until, granted_by, granted_at)
            VALUES (\(bind: a.id.description), \(bind: a.userId.description), \(bind: try jsonText(a.contractTypes)), \(bind: a.maxAmount?.amountString),
                    \(bind: a.maxAmount?.currency), \(bind: a.validFrom.description), \(bind: a.validUntil?.description), \(bind: a.grantedBy.description),
                    \(bind: Timestamp.format(a.grantedAt)))
            """)
    }

    /// Grants, newest first; `userId` narrows to one person's, revoked ones included (they are the record).
    public func signatureAuthorities(userId: User.ID? = nil) async throws -> [SignatureAuthority] {
        var query: SQLQueryString = "SELECT * FROM signature_authorities"
        if let userId { query += " WHERE user_id = \(bind: userId.description)" }
        query += " ORDER BY granted_at DESC, id"
        return try await all(query).map { row in
            let amount = try row.optionalString("max_amount").flatMap(Money.parseAmount)
            let currency = try row.optionalString("currency")
            guard let validFrom = try row.day("valid_from") else { throw StoreError.corrupt("valid_from") }
            return SignatureAuthority(
                id: try row.id("id"), userId: try row.id("user_id"), contractTypes: try row.json("contract_types", as: [String].self),
                maxAmount: amount.flatMap { a in currency.map { Money(amount: a, currency: $0) } }, validFrom: validFrom,
                validUntil: try row.day("valid_until"), grantedBy: try row.id("granted_by"), grantedAt: try row.date("granted_at"),
                revokedAt: try row.optionalDate("revoked_at"), revokedBy: try row.optionalID("revoked_by"))
        }
    }

    /// Whether an active grant was revoked; a revoked or unknown one is left as it is.
    public func revokeSignatureAuthority(_ id: SignatureAuthority.ID, by user: User.ID, at now: Date) async throws -> Bool {
        guard try await first("SELECT id FROM signature_authorities WHERE id = \(bind: id.description) AND revoked_at IS NULL") != nil else { return false }
        try await run("""
            UPDATE signature_authorities SET revoked_at = \(bind: Timestamp.format(now)), revoked_by = \(bind: user.description)
            WHERE id = \(bind: id.description)
            """)
        return true
    }
}
