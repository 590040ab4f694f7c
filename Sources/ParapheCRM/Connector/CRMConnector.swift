import Foundation
import ParapheCore

/// A CRM record as Paraphe reads it.
public struct CRMRecord: Sendable, Hashable {
    public var object: String
    public var id: String
    public var fields: [String: JSONValue]
    public var modifiedAt: Date?

    public init(object: String, id: String, fields: [String: JSONValue], modifiedAt: Date?) {
        self.object = object
        self.id = id
        self.fields = fields
        self.modifiedAt = modifiedAt
    }
}

public struct CRMChanges: Sendable {
    public var records: [CRMRecord]
    /// The newest modification among them: the next poll's mark.
    public var watermark: Date?
    public var calls: Int
}

/// What became of one write, in the order the writes were given.
public enum CRMWriteResult: Sendable, Hashable {
    case written(id: String)
    /// The CRM refused this record (a field it does not know, a value it rejects): retrying will not help.
    case rejected(code: String, message: String)
    /// A passing condition (a locked row): the record goes out again with the next batch.
    case retry(message: String)
}

public struct CRMWriteBatch: Sendable {
    public var results: [CRMWriteResult]
    public var calls: Int
    public init(results: [CRMWriteResult], calls: Int) {
        self.results = results
        self.calls = calls
    }
}

/// The company and the person a deal is with, as the CRM holds them: the counterparty and its signer.
public struct CRMParty: Sendable, Hashable {
    public var accountId: String
    public var name: String
    public var address: String?
    public var contactName: String?
    public var contactEmail: String?
    public var contactTitle: String?

    public init(accountId: String, name: String, address: String?, contactName: String?, contactEmail: String?, contactTitle: String?) {
        self.accountId = accountId
        self.name = name
        self.address = address
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactTitle = contactTitle
    }
}

public struct CRMIdentity: Sendable, Hashable {
    /// The CRM account Paraphe is connected to (Salesforce org id, HubSpot portal id, Pipedrive company id).
    public var organisation: String
}

public enum CRMError: Error, Sendable, CustomStringConvertible, Hashable {
    /// Credentials refused, even after one fresh sign-in.
    case unauthorized(String)
    /// The CRM's API allowance is spent: hold every call until `until`.
    case limitExceeded(String, until: Date?)
    /// Down, overloaded or busy: try again later.
    case unavailable(String)
    /// The call itself is wrong: a field, a query, a record.
    case rejected(code: String, message: String)

    public var description: String {
        switch self {
        case .unauthorized(let m): "the CRM refused the credentials: \(m)"
        case .limitExceeded(let m, _): "the CRM's API limit is reached: \(m)"
        case .unavailable(let m): "the CRM is unavailable: \(m)"
        case .rejected(let code, let m): "\(code): \(m)"
        }
    }
}

/// One CRM behind the same small surface: sign in, read records, list changes since a mark, write in batches,
/// describe objects, read a deal's company, contact and products, and verify an inbound notification. Salesforce,
/// HubSpot and Pipedrive each implement it; tests drive them against the CRM sandbox.
public protocol CRMConnector: Sendable {
    var system: CRMSystem { get }
    func authenticate() async throws -> CRMIdentity
    func fetch(_ object: String, ids: [String], fields: [String]) async throws -> [CRMRecord]
    /// Records of `object` modified after `since` (minus the connector's overlap window), oldest first.
    func changes(_ object: String, since: Date?, fields: [String]) async throws -> CRMChanges
    /// Writes every record, batched as the CRM allows; results in the order of `writes`.
    func write(_ writes: [CRMWrite]) async throws -> CRMWriteBatch
    func describe(_ object: String) async throws -> CRMObjectDescription
    /// The fields a deal needs read beyond the map and the rules, to find its company and contact.
    var dealFields: [String] { get }
    /// The deal's company and contact, or nil when it has no company.
    func party(of deal: CRMRecord) async throws -> CRMParty?
    /// The deal's product lines, in the CRM's order.
    func products(of deal: CRMRecord) async throws -> [CRMProductLine]
    /// Where a person opens the record in the CRM.
    func recordURL(_ object: String, id: String) -> String
    /// Checks a notification the CRM posted (its signature or credentials, then that it comes from `organisation`,
    /// the account Paraphe signed in to) before reading anything else from it, and returns the ids of the records
    /// it names, to be read again. Throws `CRMInboundRefusal`.
    func verify(_ inbound: CRMInbound, organisation: String?) throws -> [String]
}
