import Foundation

/// The demo's CRM: three French accounts, their buyers, and opportunities at several stages.
enum SandboxSeed {
    static let licence = "Paraphe Pro — licence annuelle par utilisateur"
    static let onboarding = "Mise en service et formation"

    /// Each deal's products, (users, price per user, onboarding): their sum is the deal's amount.
    static let lines: [(users: Double, price: Double, onboarding: Double)] = [(100, 420, 6000), (250, 460, 10000), (30, 450, 5000)]

    static func seed(_ org: Org) async throws {
        guard try await org.all("Account").isEmpty else { return }
        let products = [try await org.create("Product2", ["Name": .string(licence), "ProductCode": "PRO-U", "IsActive": true]),
                        try await org.create("Product2", ["Name": .string(onboarding), "ProductCode": "ONB", "IsActive": true])]
        let catalogue = [try await org.pdCreate("products", ["name": .string(licence), "code": "PRO-U"])["id"]!,
                         try await org.pdCreate("products", ["name": .string(onboarding), "code": "ONB"])["id"]!]
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
            let opportunity = try await org.create("Opportunity", ["Name": .string("\(name) — abonnement \(2027 + i % 2)"), "StageName": .string(stage),
                                                     "Description": .string("le déploiement de la plateforme Paraphe chez \(name)"),
                                                     "CloseDate": .string("2027-0\(i + 1)-15"), "Amount": .number(amount),
                                                     "AccountId": .string(account), "ContactId": .string(contact)])
            let (users, price, setup) = lines[i]
            for (order, (product, quantity, unit)) in [(products[0], users, price), (products[1], 1, setup)].enumerated() {
                _ = try await org.create("OpportunityLineItem", ["OpportunityId": .string(opportunity), "Product2Id": .string(product),
                                                                 "Quantity": .number(quantity), "UnitPrice": .number(unit), "SortOrder": .number(Double(order + 1))])
            }
            let organization = try await org.pdCreate("organizations", ["name": .string(name), "address": .object(["value": .string("\(street), \(postcode) \(city), France"),
                "street_number": .null, "postal_code": .string(postcode), "locality": .string(city), "country": "France"])])
            let person = try await org.pdCreate("persons", ["name": .string("\(first) \(last)"), "emails": [["value": .string(email), "primary": true, "label": "work"]],
                                                            "org_id": organization["id"]!])
            let deal = try await org.pdCreate("deals", ["title": .string("\(name) — abonnement"), "value": .number(amount), "stage_id": .number(Double([1, 4, 2][i])),
                                                        "expected_close_date": .string("2027-0\(i + 1)-15"), "org_id": organization["id"]!, "person_id": person["id"]!])
            for (product, quantity, unit) in [(catalogue[0], users, price), (catalogue[1], 1, setup)] {
                _ = try await org.pdAddDealProduct("deals", deal: Int(deal["id"]!.number!), ["product_id": product, "item_price": .number(unit), "quantity": .number(quantity)])
            }
            try await seedHubSpot(org, company: name, street: street, postcode: postcode, city: city, first: first, last: last, email: email,
                                  amount: amount, stage: ["qualifiedtobuy", "decisionmakerboughtin", "appointmentscheduled"][i], closes: "2027-0\(i + 1)-15",
                                  lines: [(licence, users, price), (onboarding, 1, setup)])
        }
    }

    /// The same customers in the HubSpot portal: a company, its contact and a deal, associated.
    static func seedHubSpot(_ org: Org, company: String, street: String, postcode: String, city: String, first: String, last: String,
                            email: String, amount: Double, stage: String, closes: String, lines: [(String, Double, Double)]) async throws {
        let companyId = try await org.hsCreate("companies", properties: ["name": .string(company), "address": .string(street), "zip": .string(postcode),
                                                                         "city": .string(city), "country": "France"]).id
        let contactId = try await org.hsCreate("contacts", properties: ["firstname": .string(first), "lastname": .string(last), "email": .string(email)],
                                               associations: [(companyId, 1)]).id
        let deal = try await org.hsCreate("deals", properties: ["dealname": .string("\(company) — abonnement"), "dealstage": .string(stage), "pipeline": "default",
                                                     "amount": .number(amount), "closedate": .string(closes + "T00:00:00Z"),
                                                     "description": .string("le déploiement de la plateforme Paraphe chez \(company)")],
                               associations: [(contactId, 3), (companyId, 5)])
        for (position, (name, quantity, price)) in lines.enumerated() {
            try await org.hsCreate("line_items", properties: ["name": .string(name), "quantity": .number(quantity), "price": .number(price),
                                                              "hs_position_on_quote": .number(Double(position))], associations: [(deal.id, 20)])
        }
    }
}
