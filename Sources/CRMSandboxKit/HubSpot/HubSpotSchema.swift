import Foundation

/// A HubSpot property as `GET /crm/v3/properties/{objectType}` describes it.
struct HubSpotProperty: Codable, Sendable, Hashable {
    var name: String
    var label: String
    /// `string`, `number`, `date`, `datetime`, `enumeration`, `bool`.
    var type: String
    var fieldType: String
    var unique = false
    var readOnly = false
    var custom = false
    var options: [String] = []
}

/// A CRM object type: its name (`deals`), its type id (`0-3`), the other names the API takes for it (custom objects
/// answer to `p_{name}` and `p{portalId}_{name}` too), and its properties.
struct HubSpotObjectSpec: Codable, Sendable, Hashable {
    var name: String
    var typeId: String
    var aliases: [String]
    var properties: [HubSpotProperty]

    func property(_ name: String) -> HubSpotProperty? { properties.first { $0.name == name } }
}

enum HubSpotSchema {
    static let portalId = 14_532_001

    static func p(_ name: String, _ label: String, _ type: String = "string", field: String? = nil, unique: Bool = false,
                  readOnly: Bool = false, custom: Bool = false, options: [String] = []) -> HubSpotProperty {
        let fieldType = field ?? ["number": "number", "date": "date", "datetime": "date", "enumeration": "select", "bool": "booleancheckbox"][type] ?? "text"
        return HubSpotProperty(name: name, label: label, type: type, fieldType: fieldType, unique: unique, readOnly: readOnly, custom: custom, options: options)
    }

    static let system = [
        p("hs_object_id", "Record ID", "number", readOnly: true), p("createdate", "Create date", "datetime", readOnly: true),
        p("hs_lastmodifieddate", "Last modified date", "datetime", readOnly: true), p("hubspot_owner_id", "Owner", "enumeration"),
    ]

    /// The default sales pipeline's stages, as a new portal has them.
    static let dealStages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent",
                             "closedwon", "closedlost"]

    static let objects: [HubSpotObjectSpec] = [
        HubSpotObjectSpec(name: "contacts", typeId: "0-1", aliases: ["contact"], properties: system + [
            p("firstname", "First name"), p("lastname", "Last name"), p("email", "Email", unique: true), p("jobtitle", "Job title"),
            p("phone", "Phone number"), p("lastmodifieddate", "Last modified date", "datetime", readOnly: true),
        ]),
        HubSpotObjectSpec(name: "companies", typeId: "0-2", aliases: ["company"], properties: system + [
            p("name", "Company name"), p("domain", "Company domain name"), p("address", "Street address"), p("zip", "Postal code"),
            p("city", "City"), p("country", "Country/Region"),
        ]),
        HubSpotObjectSpec(name: "deals", typeId: "0-3", aliases: ["deal"], properties: system + [
            p("dealname", "Deal name"), p("dealstage", "Deal stage", "enumeration", options: dealStages),
            p("pipeline", "Pipeline", "enumeration", options: ["default"]), p("amount", "Amount", "number"),
            p("closedate", "Close date", "datetime"), p("description", "Deal description", field: "textarea"),
            p("paraphe_status", "Statut du contrat", custom: true), p("paraphe_signed_date", "Date de signature", "date", custom: true),
            p("paraphe_renewal_date", "Date de renouvellement", "date", custom: true),
            p("paraphe_notice_deadline", "Date limite de préavis", "date", custom: true),
            p("paraphe_derogations", "Dérogations", field: "textarea", custom: true),
            p("paraphe_document_url", "Contrat signé (PDF)", custom: true),
        ]),
        // A product as sold on a deal; HubSpot computes `amount` (quantity × price).
        HubSpotObjectSpec(name: "line_items", typeId: "0-8", aliases: ["line_item"], properties: system + [
            p("name", "Name"), p("quantity", "Quantity", "number"), p("price", "Unit price", "number"),
            p("amount", "Net price", "number", readOnly: true), p("hs_product_id", "Product ID", "number"),
            p("hs_position_on_quote", "Position on quote", "number"),
        ]),
        HubSpotObjectSpec(name: "paraphe_contracts", typeId: "2-9001",
                          aliases: ["p_paraphe_contracts", "p\(portalId)_paraphe_contracts"], properties: system + [
            p("paraphe_id", "Identifiant Paraphe", unique: true, custom: true), p("reference", "Référence", custom: true),
            p("status", "Statut", custom: true), p("signed_date", "Date de signature", "date", custom: true),
            p("end_date", "Date de fin", "date", custom: true), p("renewal_date", "Date de renouvellement", "date", custom: true),
            p("notice_deadline", "Date limite de préavis", "date", custom: true), p("amount", "Montant", "number", custom: true),
            p("derogations", "Dérogations", field: "textarea", custom: true), p("document_url", "Contrat signé (PDF)", custom: true),
        ]),
    ]

    /// HubSpot-defined association types: id → (from, to, label).
    static let associationTypes: [Int: (from: String, to: String, name: String)] = [
        1: ("contacts", "companies", "contact_to_company"), 2: ("companies", "contacts", "company_to_contact"),
        3: ("deals", "contacts", "deal_to_contact"), 4: ("contacts", "deals", "contact_to_deal"),
        5: ("deals", "companies", "deal_to_company"), 6: ("companies", "deals", "company_to_deal"),
        19: ("deals", "line_items", "deal_to_line_item"), 20: ("line_items", "deals", "line_item_to_deal"),
    ]

    static func associationType(from: String, to: String) -> (id: Int, name: String)? {
        associationTypes.first { $0.value.from == from && $0.value.to == to }.map { ($0.key, $0.value.name) }
    }
}

/// HubSpot's timestamps: ISO 8601 with milliseconds and `Z`, or epoch milliseconds where the API takes numbers.
enum HubSpotTime {
    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        if let ms = Double(text), text.allSatisfy({ $0.isNumber }) { return Date(timeIntervalSince1970: ms / 1000) }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withFullDate]
        return f.date(from: text)
    }

    static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded())) }
}
