import Foundation
import ParapheCore

/// What each CRM calls the company's and the contact's fields Paraphe reads to make a counterparty and its signer.
struct CRMPartyFields: Sendable {
    var name, street, postcode, city, country: String
    var firstName, lastName, email, title: String

    var company: [String] { [name, street, postcode, city, country] }
    var contact: [String] { [firstName, lastName, email, title] }

    static let salesforce = CRMPartyFields(name: "Name", street: "BillingStreet", postcode: "BillingPostalCode", city: "BillingCity",
                                           country: "BillingCountry", firstName: "FirstName", lastName: "LastName", email: "Email", title: "Title")
    static let hubspot = CRMPartyFields(name: "name", street: "address", postcode: "zip", city: "city", country: "country",
                                        firstName: "firstname", lastName: "lastname", email: "email", title: "jobtitle")
}

extension CRMParty {
    /// The company as a one-line address ("3 quai Saint-Antoine, 69002 Lyon, France"), and its contact; nil for a
    /// company without a name.
    init?(accountId: String, company f: [String: JSONValue], contact c: [String: JSONValue]?, fields n: CRMPartyFields) {
        guard let name = f[n.name]?.stringValue, !name.isEmpty else { return nil }
        let city = [f[n.postcode]?.stringValue, f[n.city]?.stringValue].compactMap { $0 }.joined(separator: " ")
        let address = [f[n.street]?.stringValue, city.isEmpty ? nil : city, f[n.country]?.stringValue].compactMap { $0 }.joined(separator: ", ")
        self.init(accountId: accountId, name: name, address: address.isEmpty ? nil : address, contactName: nil, contactEmail: nil, contactTitle: nil)
        if let c {
            contactName = [c[n.firstName]?.stringValue, c[n.lastName]?.stringValue].compactMap { $0 }.joined(separator: " ")
            contactEmail = c[n.email]?.stringValue
            contactTitle = c[n.title]?.stringValue
        }
    }
}
