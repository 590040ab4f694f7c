import Foundation

/// The demo's CRM: three French accounts, their buyers, and opportunities at several stages.
enum SandboxSeed {
    static func seed(_ org: Org) async throws {
        guard try await org.all("Account").isEmpty else { return }
        let accounts: [(String, String, String, String, String, String, Double, String)] = [
            ("Boulangeries Martin SAS", "12 rue des Fours", "69002", "Lyon", "Claire", "Martin", 48000, "Prospecting"),
            ("Transports Lefèvre", "4 quai de la Loire", "44000", "Nantes", "Hugo", "Lefèvre", 125000, "Negotiation/Review"),
            ("Atelier Numérique Breton", "8 place du Parlement", "35000", "Rennes", "Maëlle", "Le Goff", 18500, "Qualification"),
        ]
        for (i, (name, street, postcode, city, first, last, amount, stage)) in accounts.enumerated() {
            let account = try await org.create("Account", ["Name": .string(name), "BillingStreet": .string(street), "BillingPostalCode": .string(postcode),
                                                           "BillingCity": .string(city), "BillingCountry": "France"])
            let email = "\(first).\(last)".folding(options: .diacriticInsensitive, locale: nil).lowercased().replacingOccurrences(of: " ", with: "") + "@example.fr"
            let contact = try await org.create("Contact", ["FirstName": .string(first), "LastName": .string(last), "Email": .string(email),
                                                           "AccountId": .string(account)])
            _ = try await org.create("Opportunity", ["Name": .string("\(name) — abonnement \(2027 + i % 2)"), "StageName": .string(stage),
                                                     "Description": .string("le déploiement de la plateforme Paraphe chez \(name)"),
                                                     "CloseDate": .string("2027-0\(i + 1)-15"), "Amount": .number(amount),
                                                     "AccountId": .string(account), "ContactId": .string(contact)])
            let organization = try await org.pdCreate("organizations", ["name": .string(name), "address": .object(["value": .string("\(street), \(postcode) \(city), France"),
                "street_number": .null, "postal_code": .string(postcode), "locality": .string(city), "country": "France"])])
            let person = try await org.pdCreate("persons", ["name": .string("\(first) \(last)"), "emails": [["value": .string(email), "primary": true, "label": "work"]],
                                                            "org_id": organization["id"]!])
            try await org.pdCreate("deals", ["title": .string("\(name) — abonnement"), "value": .number(amount), "stage_id": .number(Double([1, 4, 2][i])),
                                             "expected_close_date": .string("2027-0\(i + 1)-15"), "org_id": organization["id"]!, "person_id": person["id"]!])
            try await seedHubSpot(org, company: name, street: street, postcode: postcode, city: city, first: first, last: last, email: email,
                                  amount: amount, stage: ["qualifiedtobuy", "decisionmakerboughtin", "appointmentscheduled"][i], closes: "2027-0\(i + 1)-15")
        }
    }

    /// The same customers in the HubSpot portal: a company, its contact and a deal, associated.
    static func seedHubSpot(_ org: Org, company: String, street: String, postcode: String, city: String, first: String, last: String,
                            email: String, amount: Double, stage: String, closes: String) async throws {
        let companyId = try await org.hsCreate("companies", properties: ["name": .string(company), "address": .string(street), "zip": .string(postcode),
                                                                         "city": .string(city), "country": "France"]).id
        let contactId = try await org.hsCreate("contacts", properties: ["firstname": .string(first), "lastname": .string(last), "email": .string(email)],
                                               associations: [(companyId, 1)]).id
        try await org.hsCreate("deals", properties: ["dealname": .string("\(company) — abonnement"), "dealstage": .string(stage), "pipeline": "default",
                                                     "amount": .number(amount), "closedate": .string(closes + "T00:00:00Z"),
                                                     "description": .string("le déploiement de la plateforme Paraphe chez \(company)")],
                               associations: [(contactId, 3), (companyId, 5)])
    }
}
