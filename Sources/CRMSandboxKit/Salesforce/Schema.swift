import Foundation

/// One field of an sObject, as `describe` reports it.
struct FieldSpec: Sendable, Codable, Hashable {
    var name: String
    var type: String
    var label: String
    var externalId = false
    var referenceTo: String? = nil
    var required = false
    var system = false

    var custom: Bool { name.hasSuffix("__c") }
}

struct ObjectSpec: Sendable, Codable, Hashable {
    var name: String
    var keyPrefix: String
    var fields: [FieldSpec]

    func field(_ name: String) -> FieldSpec? { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame } }
}

/// The objects of a fresh sandbox org: the standard ones Paraphe reads and the custom object and fields that the
/// SFDX kit in `integrations/salesforce/` deploys.
enum SalesforceSchema {
    static func standard(_ name: String, _ type: String, required: Bool = false, reference: String? = nil) -> FieldSpec {
        FieldSpec(name: name, type: type, label: name.replacingOccurrences(of: "__c", with: "").replacingOccurrences(of: "_", with: " "),
                  referenceTo: reference, required: required)
    }

    static let systemFields = [
        FieldSpec(name: "Id", type: "id", label: "Record ID", system: true),
        FieldSpec(name: "CreatedDate", type: "datetime", label: "Created Date", system: true),
        FieldSpec(name: "LastModifiedDate", type: "datetime", label: "Last Modified Date", system: true),
        FieldSpec(name: "SystemModstamp", type: "datetime", label: "System Modstamp", system: true),
        FieldSpec(name: "LastModifiedById", type: "reference", label: "Last Modified By ID", referenceTo: "User", system: true),
        FieldSpec(name: "IsDeleted", type: "boolean", label: "Deleted", system: true),
    ]

    static let objects: [ObjectSpec] = [
        ObjectSpec(name: "Account", keyPrefix: "001", fields: systemFields + [
            standard("Name", "string", required: true), standard("BillingStreet", "textarea"), standard("BillingPostalCode", "string"),
            standard("BillingCity", "string"), standard("BillingCountry", "string"), standard("Website", "url"),
            standard("Registration_Number__c", "string"),
        ]),
        ObjectSpec(name: "Contact", keyPrefix: "003", fields: systemFields + [
            standard("FirstName", "string"), standard("LastName", "string", required: true), standard("Email", "email"),
            standard("Title", "string"), standard("AccountId", "reference", reference: "Account"),
        ]),
        ObjectSpec(name: "Opportunity", keyPrefix: "006", fields: systemFields + [
            standard("Name", "string", required: true), standard("StageName", "picklist", required: true),
            standard("CloseDate", "date", required: true), standard("Amount", "currency"), standard("Description", "textarea"),
            standard("AccountId", "reference", reference: "Account"), standard("ContactId", "reference", reference: "Contact"),
            standard("RecordTypeId", "reference", reference: "RecordType"), standard("Type", "picklist"),
            standard("Contract_Status__c", "string"), standard("Contract_Signed_Date__c", "date"), standard("Contract_End_Date__c", "date"),
            standard("Contract_Renewal_Date__c", "date"), standard("Contract_Notice_Deadline__c", "date"),
            standard("Contract_Derogations__c", "textarea"), standard("Contract_URL__c", "url"),
        ]),
        ObjectSpec(name: "Paraphe_Contract__c", keyPrefix: "a01", fields: systemFields + [
            standard("Name", "string"),
            FieldSpec(name: "Paraphe_Id__c", type: "string", label: "Paraphe Id", externalId: true),
            standard("Opportunity__c", "reference", reference: "Opportunity"), standard("Reference__c", "string"),
            standard("Status__c", "string"), standard("Signed_Date__c", "date"), standard("End_Date__c", "date"),
            standard("Renewal_Date__c", "date"), standard("Notice_Deadline__c", "date"), standard("Amount__c", "currency"),
            standard("Derogations__c", "textarea"), standard("Document_URL__c", "url"),
        ]),
        ObjectSpec(name: "Product2", keyPrefix: "01t", fields: systemFields + [
            standard("Name", "string", required: true), standard("ProductCode", "string"), standard("IsActive", "boolean"),
        ]),
        // TotalPrice is Quantity × UnitPrice, computed on save as Salesforce does.
        ObjectSpec(name: "OpportunityLineItem", keyPrefix: "00k", fields: systemFields + [
            standard("OpportunityId", "reference", required: true, reference: "Opportunity"),
            standard("Product2Id", "reference", required: true, reference: "Product2"),
            FieldSpec(name: "Name", type: "string", label: "Opportunity Product Name", system: true),
            standard("Quantity", "double", required: true), standard("UnitPrice", "currency"),
            FieldSpec(name: "TotalPrice", type: "currency", label: "Total Price", system: true),
            standard("Description", "string"), standard("SortOrder", "int"),
        ]),
        ObjectSpec(name: "User", keyPrefix: "005", fields: systemFields + [standard("Name", "string"), standard("Email", "email")]),
    ]
}

/// Salesforce's 18-character ids: 15 case-sensitive characters and a 3-character suffix that encodes their case.
enum SalesforceId {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func make(prefix: String, number: Int) -> String {
        var digits = ""
        var n = number
        for _ in 0..<9 {
            digits = String(alphabet[n % 62]) + digits
            n /= 62
        }
        let base = prefix + "5g" + digits + "A"
        return base + suffix(base)
    }

    static func suffix(_ base: String) -> String {
        let chars = Array(base)
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        return (0..<3).map { chunk in
            var flags = 0
            for i in 0..<5 where chars[chunk * 5 + i].isUppercase { flags |= 1 << i }
            return String(table[flags])
        }.joined()
    }
}

enum SalesforceTime {
    static func format(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return f.string(from: date)
    }

    /// The datetime forms SOQL and the REST API accept: `Z`, `+hh:mm` or `+hhmm`, with or without milliseconds.
    static func parse(_ text: String) -> Date? {
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd'T'HH:mm:ssZ"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = pattern
            if let date = f.date(from: text) { return date }
        }
        return nil
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return text.count == 10 && parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
            && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
    }
}
