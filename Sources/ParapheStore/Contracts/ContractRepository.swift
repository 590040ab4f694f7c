import Foundation
import ParapheCore
import SQLKit

/// Filters of `GET /api/v1/contracts`, already validated.
public struct ContractQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable { case updatedAt, priority, endDate }

    /// A variable or metadata field a filter may name: it becomes part of a JSON path, so letters, digits and '_' only.
    public static func isFieldName(_ field: String) -> Bool {
        !field.isEmpty && field.count <= 60 && field.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
    public var text: String?
    public var statuses: [ContractStatus] = []
    public var type: String?
    public var counterpartyId: Counterparty.ID?
    public var ownerId: User.ID?
    public var endsBefore: Day?
    public var renewalNoticeBefore: Day?
    /// Only contracts with at least one derogation clause.
    public var hasDerogation: Bool?
    /// Only contracts using this alternative key.
    public var derogation: String?
    /// Only contracts with this library clause.
    public var clause: String?
    /// Only contracts whose clause takes this variant: `clauseKey:variant` (an alternative's key, `standard` or `custom`).
    public var alternative: String?
    /// Only contracts whose template variable (metadata field) has this value, compared as text.
    public var variables: [String: String] = [:]
    public var metadata: [String: String] = [:]
    public var sort: Sort = .updatedAt
    public var visibility: ContractVisibility = .all
    public var after: ContractCursor?
    public var limit: Int = 50

    public init() {}
}

/// Where a page ended: the sort key and id of its last row.
public struct ContractCursor: Sendable, Hashable, Codable {
    public var key: String
    public var id: String
    public init(key: String, id: String) {
        self.key = key
        self.id = id
    }
}

extension Session {
    /// Allocates the next reference of `year`. The counter row is locked until commit, so concurrent creates queue
    /// and a rolled-back create gives its number back: references stay gap-free.
    public func nextReference(year: Int) async throws -> ContractReference {
        let row = try await first("""
            INSERT INTO reference_counters (year, last_number) VALUES (\(bind: year), 1)
            ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1
            RETURNING last_number
            """)
        return ContractReference(year: year, number: try row!.int("last_number"))
    }

    public func insertContract(_ c: Contract) async throws {
        let searchKey = try await nextValue(of: "contract_search_key")
        try await run("""
            INSERT INTO contracts (id, reference, title, type, counterparty_id, owner_id, status, amount, currency, start_date, end_date,
              signed_at, renewal_mode, renewal_period, renewal_notice, metadata, origin, priority, created_at, updated_at,
              next_renewal_date, notice_deadline, ends_on, renewal_decision, renewal_decision_term_end, rolled_term_end, search_key,
              crm_integration_id, crm_system, crm_object_type, crm_object_id, crm_url)
            VALUES (\(bind: c.id.description), \(bind: c.reference.description), \(bind: c.title), \(bind: c.type),
              \(bind: c.counterpartyId?.description), \(bind: c.ownerId.description), \(bind: c.status.rawValue),
              \(bind: c.amount?.amountString), \(bind: c.amount?.currency), \(bind: c.startDate?.description), \(bind: c.endDate?.description),
              \(bind: c.signedAt.map(Timestamp.format)), \(bind: c.renewal.mode.rawValue), \(bind: c.renewal.period?.description),
              \(bind: c.renewal.notice?.description), \(bind: try jsonText(c.metadata)), \(bind: c.origin.rawValue), \(bind: c.priority),
              \(bind: Timestamp.format(c.createdAt)), \(bind: Timestamp.format(c.updatedAt)),
              \(Self.storedRenewal(c)), \(bind: c.rolledTermEnd?.description), \(bind: searchKey),
              \(bind: c.crm?.integrationId), \(bind: c.crm?.system.rawValue), \(bind: c.crm?.objectType), \(bind: c.crm?.objectId), \(bind: c.crm?.url))
            """)
    }

    /// The next value of a named counter; the row stays locked until commit, like the reference counter.
    func nextValue(of name: String) async throws -> Int {
        try await first("""
            INSERT INTO counters (name, value) VALUES (\(bind: name), 1)
            ON CONFLICT (name) DO UPDATE SET value = counters.value + 1
            RETURNING value
            """)!.int("value")
    }

    /// The renewal values stored for filtering and the renewal calendar, as of `today` (the contract's last change
    /// unless told): next renewal, notice deadline, the day it ends when nothing renews it, and the decision taken.
    static func storedRenewal(_ c: Contract, today: Day? = nil) -> SQLQueryString {
        let day = today ?? Day(c.updatedAt)
        let schedule = c.renewalSchedule(today: day)
        return """
            \(bind: schedule.nextRenewalDate?.description), \(bind: schedule.noticeDeadline?.description), \(bind: c.endsOn(today: day)?.description), \
            \(bind: c.renewalDecision?.kind.rawValue), \(bind: c.renewalDecision?.termEnd.description)
            """
    }

    /// Stores the renewal values of `c` as they stand on `today`.
    public func storeRenewal(of c: Contract, today: Day) async throws {
        try await run("""
            UPDATE contracts SET (next_renewal_date, notice_deadline, ends_on, renewal_decision, renewal_decision_term_end) = (\(Self.storedRenewal(c, today: today)))
            WHERE id = \(bind: c.id.description)
            """)
    }

    public func updateContract(_ c: Contract) async throws {
        try await run("""
            UPDATE contracts SET title = \(bind: c.title), type = \(bind: c.type), counterparty_id = \(bind: c.counterpartyId?.description),
              owner_id = \(bind: c.ownerId.description), status = \(bind: c.status.rawValue), amount = \(bind: c.amount?.amountString),
              currency = \(bind: c.amount?.currency), start_date = \(bind: c.startDate?.description), end_date = \(bind: c.endDate?.description),
              signed_at = \(bind: c.signedAt.map(Timestamp.format)), renewal_mode = \(bind: c.renewal.mode.rawValue),
              renewal_period = \(bind: c.renewal.period?.description), renewal_notice = \(bind: c.renewal.notice?.description),
              metadata = \(bind: try jsonText(c.metadata)), priority = \(bind: c.priority), updated_at = \(bind: Timestamp.format(c.updatedAt)),
              (next_renewal_date, notice_deadline, ends_on, renewal_decision, renewal_decision_term_end) = (\(Self.storedRenewal(c))),
              rolled_term_end = \(bind: c.rolledTermEnd?.description)
            WHERE id = \(bind: c.id.description)
            """)
    }

    /// Reads a contract; `forUpdate` locks its row until commit (Postgres), so its audit chain grows one event at a time.
    public func contract(_ id: Contract.ID, forUpdate: Bool = false) async throws -> Contract? {
        try await first("SELECT * FROM contracts WHERE id = \(bind: id.description)\(forUpdate ? dialect.forUpdate : "")")
            .map(Self.decodeContract)
    }

    public func contracts(ids: [Contract.ID]) async throws -> [Contract.ID: Contract] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await all("SELECT * FROM contracts WHERE id IN (\(binds: Array(Set(ids.map(\.description)))))").map(Self.decodeContract)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func contract(reference: String) async throws -> Contract? {
        try await first("SELECT * FROM contracts WHERE reference = \(bind: reference)").map(Self.decodeContract)
    }

    public func shares(of id: Contract.ID) async throws -> Set<User.ID> {
        Set(try await all("SELECT user_id FROM contract_shares WHERE contract_id = \(bind: id.description)").map { try $0.id("user_id") })
    }

    public func share(_ id: Contract.ID, with user: User.ID) async throws -> Bool {
        if try await first("SELECT user_id FROM contract_shares WHERE contract_id = \(bind: id.description) AND user_id = \(bind: user.description)") != nil {
            return false
        }
        try await run("INSERT INTO contract_shares (contract_id, user_id) VALUES (\(bind: id.description), \(bind: user.description))")
        return true
    }

    /// The contracts `c` a reader may see: all, or those they own or that are shared with them.
    static func visibilityFilter(_ visibility: ContractVisibility) -> SQLQueryString {
        guard case .ownedOrSharedWith(let user) = visibility else { return "" }
        return " AND (c.owner_id = \(bind: user.description) OR c.id IN (SELECT contract_id FROM contract_shares WHERE user_id = \(bind: user.description)))"
    }

    /// The metadata fields the latest contracts a reader may see carry, for the list's filter: a sample rather than a
    /// scan of every row, read the same way on both engines.
    public func recentMetadataKeys(visibility: ContractVisibility, sample: Int = 1000) async throws -> [String] {
        var keys = Set<String>()
        for row in try await all("SELECT c.metadata FROM contracts c WHERE 1 = 1\(Self.visibilityFilter(visibility)) ORDER BY c.updated_at DESC LIMIT \(bind: sample)") {
            if case .object(let fields) = try row.json("metadata", as: JSONValue.self) { keys.formUnion(fields.keys) }
        }
        return keys.sorted()
    }

    public func contracts(_ q: ContractQuery) async throws -> [Contract] {
        let terms = q.text.map(SearchText.terms) ?? []
        let source = try await dialect.contractsSource(searching: terms, sortedByUpdate: q.sort == .updatedAt, in: self)
        var sql: SQLQueryString = "SELECT * FROM \(source) WHERE 1 = 1"
        sql += Self.visibilityFilter(q.visibility)
        if !terms.isEmpty { sql += " AND \(dialect.searchMatch(terms))" }
        if !q.statuses.isEmpty {
            sql += " AND c.status IN (\(binds: q.statuses.map(\.rawValue)))"
        }
        if let type = q.type { sql += " AND c.type = \(bind: type)" }
        if let cp = q.counterpartyId { sql += " AND c.counterparty_id = \(bind: cp.description)" }
        if let owner = q.ownerId { sql += " AND c.owner_id = \(bind: owner.description)" }
        if let day = q.endsBefore { sql += " AND c.end_date IS NOT NULL AND c.end_date < \(bind: day.description)" }
        if let day = q.renewalNoticeBefore { sql += " AND c.notice_deadline IS NOT NULL AND c.notice_deadline < \(bind: day.description)" }
        if let has = q.hasDerogation {
            sql += " AND \(unsafeRaw: has ? "" : "NOT ")EXISTS (SELECT 1 FROM contract_clauses k WHERE k.contract_id = c.id AND k.is_derogation = 1)"
        }
        if let key = q.derogation {
            sql += " AND EXISTS (SELECT 1 FROM contract_clauses k WHERE k.contract_id = c.id AND k.variant = \(bind: key))"
        }
        if let clause = q.clause {
            sql += " AND EXISTS (SELECT 1 FROM contract_clauses k WHERE k.contract_id = c.id AND k.clause_key = \(bind: clause))"
        }
        if let alternative = q.alternative, let colon = alternative.firstIndex(of: ":") {
            sql += """
                 AND EXISTS (SELECT 1 FROM contract_clauses k WHERE k.contract_id = c.id AND k.clause_key = \(bind: String(alternative[..<colon]))
                   AND k.variant = \(bind: String(alternative[alternative.index(after: colon)...])))
                """
        }
        for (name, value) in q.variables.sorted(by: { $0.key < $1.key }) { sql += " AND \(dialect.jsonField("c.variables", name)) = \(bind: value)" }
        for (name, value) in q.metadata.sorted(by: { $0.key < $1.key }) { sql += " AND \(dialect.jsonField("c.metadata", name)) = \(bind: value)" }
        switch q.sort {
        case .updatedAt:
            if let after = q.after {
                sql += " AND (c.updated_at < \(bind: after.key) OR (c.updated_at = \(bind: after.key) AND c.id < \(bind: after.id)))"
            }
            sql += " ORDER BY c.updated_at DESC, c.id DESC"
        case .priority:
            if let after = q.after, let p = Int(after.key) {
                sql += " AND (c.priority < \(bind: p) OR (c.priority = \(bind: p) AND c.id > \(bind: after.id)))"
            }
            sql += " ORDER BY c.priority DESC, c.id ASC"
        case .endDate:
            // Contracts without an end date come last: the key 9999-99-99 sorts after every date under any collation
            // (dates are bounded to years 1900–2999).
            if let after = q.after {
                sql += " AND (COALESCE(c.end_date, '9999-99-99') > \(bind: after.key) OR (COALESCE(c.end_date, '9999-99-99') = \(bind: after.key) AND c.id > \(bind: after.id)))"
            }
            sql += " ORDER BY COALESCE(c.end_date, '9999-99-99') ASC, c.id ASC"
        }
        sql += " LIMIT \(bind: q.limit)"
        return try await all(sql).map(Self.decodeContract)
    }

    /// A page of contracts with their counterparties' names, each name read once.
    public func contractsWithCounterpartyNames(_ q: ContractQuery) async throws -> [(Contract, String?)] {
        let contracts = try await contracts(q)
        var names: [Counterparty.ID: String] = [:]
        for id in Set(contracts.compactMap(\.counterpartyId)) { names[id] = try await counterparty(id)?.name }
        return contracts.map { ($0, $0.counterpartyId.flatMap { names[$0] }) }
    }

    public func counterpartyName(of contract: Contract) async throws -> String? {
        guard let id = contract.counterpartyId else { return nil }
        return try await counterparty(id)?.name
    }

    static func decodeCRMLink(_ row: any SQLRow) throws -> CRMLink? {
        guard let integration = try row.optionalString("crm_integration_id"), let system = CRMSystem(rawValue: try row.string("crm_system")) else {
            return nil
        }
        return CRMLink(integrationId: integration, system: system, objectType: try row.string("crm_object_type"),
                       objectId: try row.string("crm_object_id"), url: try row.optionalString("crm_url"))
    }

    static func decodeRenewalDecision(_ row: any SQLRow) throws -> RenewalDecision? {
        guard let kind = try row.optionalString("renewal_decision").flatMap(RenewalDecisionKind.init),
              let termEnd = try row.day("renewal_decision_term_end") else { return nil }
        return RenewalDecision(kind: kind, termEnd: termEnd)
    }

    static func decodeContract(_ row: any SQLRow) throws -> Contract {
        let amount: Money? = try row.optionalString("amount").flatMap { text in
            try Money.parseAmount(text).map { Money(amount: $0, currency: try row.string("currency")) }
        }
        let text = try row.string("reference")
        // A row written behind Paraphe's back fails its read, not the process.
        guard let reference = ContractReference(text) else { throw StoreError.corrupt("contract reference '\(text)' is not CTR-YYYY-NNNNNN") }
        return Contract(
            id: try row.id("id"), reference: reference, title: try row.string("title"),
            type: try row.string("type"), counterpartyId: try row.optionalID("counterparty_id"), ownerId: try row.id("owner_id"),
            status: ContractStatus(rawValue: try row.string("status")) ?? .draft, amount: amount,
            startDate: try row.day("start_date"), endDate: try row.day("end_date"), signedAt: try row.optionalDate("signed_at"),
            renewal: RenewalTerms(mode: RenewalMode(rawValue: try row.string("renewal_mode")) ?? .none,
                                  period: try row.optionalString("renewal_period").flatMap(Period.init),
                                  notice: try row.optionalString("renewal_notice").flatMap(Period.init)),
            metadata: try row.json("metadata", as: [String: JSONValue].self),
            origin: ContractOrigin(rawValue: try row.string("origin")) ?? .manual, priority: try row.int("priority"),
            crm: try Self.decodeCRMLink(row), renewalDecision: try Self.decodeRenewalDecision(row), rolledTermEnd: try row.day("rolled_term_end"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension ContractQuery.Sort {
    public func cursor(for c: Contract) -> ContractCursor {
        switch self {
        case .updatedAt: ContractCursor(key: Timestamp.format(c.updatedAt), id: c.id.description)
        case .priority: ContractCursor(key: String(c.priority), id: c.id.description)
        case .endDate: ContractCursor(key: c.endDate?.description ?? "9999-99-99", id: c.id.description)
        }
    }
}
