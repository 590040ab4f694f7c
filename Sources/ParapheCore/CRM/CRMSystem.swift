import Foundation

public enum CRMSystem: String, Codable, Sendable, CaseIterable {
    case salesforce, hubspot, pipedrive

    /// The CRM's name as its users write it.
    public var name: String {
        switch self {
        case .salesforce: "Salesforce"
        case .hubspot: "HubSpot"
        case .pipedrive: "Pipedrive"
        }
    }

    /// The record a contract comes from, and the one Paraphe writes back.
    public var dealObject: String {
        switch self {
        case .salesforce: "Opportunity"
        case .hubspot: "deals"
        case .pipedrive: "deals"
        }
    }

    /// The CRM's own record for a contract, upserted by Paraphe's id.
    public var contractObject: String {
        switch self {
        case .salesforce: "Paraphe_Contract__c"
        case .hubspot: "p_paraphe_contracts"
        case .pipedrive: "deals"
        }
    }
}

/// Where a contract came from in the CRM: `crm` on the contract.
public struct CRMLink: Codable, Sendable, Hashable {
    public var integrationId: String
    public var system: CRMSystem
    public var objectType: String
    public var objectId: String
    public var url: String?

    public init(integrationId: String, system: CRMSystem, objectType: String, objectId: String, url: String?) {
        self.integrationId = integrationId
        self.system = system
        self.objectType = objectType
        self.objectId = objectId
        self.url = url
    }

    /// CRM record ids: letters, digits, dashes and underscores, as Salesforce (18), HubSpot and Pipedrive (numbers)
    /// give them.
    public static func isRecordId(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    public static func isObjectName(_ name: String) -> Bool {
        (1...80).contains(name.count) && name.first!.isLetter && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
