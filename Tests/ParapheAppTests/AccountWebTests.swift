import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import Testing

/// A person's own preferences: the time zone of their pages and the language of their mails, and nothing more.
@Suite struct AccountWebTests {
    @Test(arguments: TestEngine.all)
    func timesReadInTheReadersOwnZone(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let id = try #require(try await app.createContract()["id"]?.string)
            let (cookie, csrf) = try await app.webSession(as: "sales")
            let paris = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie]).text
            #expect(paris.contains("2 mars 2026 à 10:00"), "Paris by default")

            let account = try await app.call(.get, "/account", as: nil, headers: [.cookie: cookie]).text
            #expect(account.contains(#"<option value="Europe/Paris" selected>"#))
            let saved = try await app.postForm("/account", [("_csrf", csrf), ("language", "fr"), ("timeZone", "America/Martinique")], cookie: cookie)
            #expect(saved.status == 303 && saved.headers[.location] == "/account?done=account-saved")
            #expect(try await app.call(.get, "/api/v1/me", as: "sales").json["timeZone"]?.string == "America/Martinique")
            let martinique = try await app.call(.get, "/contracts/\(id)", as: nil, headers: [.cookie: cookie]).text
            #expect(martinique.contains("2 mars 2026 à 05:00 America/Martinique"), "the same moment, in the reader's zone")
            #expect(!martinique.contains("à 10:00"))

            let refused = try await app.postForm("/account", [("_csrf", csrf), ("language", "fr"), ("timeZone", "Mars/Olympus")], cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains("Choisissez un fuseau horaire dans la liste."))
            #expect(try await app.postForm("/account", [("_csrf", "forged"), ("language", "en"), ("timeZone", "UTC")], cookie: cookie).status == 403)
            #expect(try await app.call(.get, "/api/v1/me", as: "sales").json["timeZone"]?.string == "America/Martinique")
        }
    }

    @Test(arguments: TestEngine.all)
    func onlyPreferencesAreAPersonsOwnToChange(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let sales = try #require(app.users["sales"]?.id.description)
            let other = try #require(app.users["sales2"]?.id.description)
            let mine = try await app.call(.patch, "/api/v1/users/\(sales)", as: "sales", json: #"{"timeZone": "Europe/London", "language": "en"}"#)
            #expect(mine.status == 200, "\(mine.text)")
            #expect(mine.json["timeZone"]?.string == "Europe/London" && mine.json["language"]?.string == "en")
            for escalation in [#"{"roles": ["admin"]}"#, #"{"active": false}"#, #"{"name": "Chef"}"#, #"{"password": "un-autre-mot-de-passe"}"#,
                               #"{"timeZone": "UTC", "roles": ["legal"]}"#] {
                let refused = try await app.call(.patch, "/api/v1/users/\(sales)", as: "sales", json: escalation)
                #expect(refused.status == 403, "\(escalation): \(refused.status) \(refused.text)")
            }
            #expect(try await app.call(.patch, "/api/v1/users/\(other)", as: "sales", json: #"{"timeZone": "UTC"}"#).status == 403,
                    "someone else's preferences are theirs")
            let bad = try await app.call(.patch, "/api/v1/users/\(sales)", as: "sales", json: #"{"timeZone": "Paris"}"#)
            #expect(bad.status == 422 && bad.text.contains("timeZone"))
            let created = try await app.call(.post, "/api/v1/users", as: "admin", json: """
                {"email": "reunion@paraphe.test", "name": "Réunion", "password": "assez-long-mot", "roles": ["sales"], "timeZone": "Indian/Reunion"}
                """)
            #expect(created.status == 201 && created.json["timeZone"]?.string == "Indian/Reunion")
            #expect(try await app.call(.get, "/api/v1/me", as: "legal").json["timeZone"]?.string == "Europe/Paris")
        }
    }
}
