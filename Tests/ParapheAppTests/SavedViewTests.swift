import Foundation
import ParapheCore
import Testing

/// Saved views and the homes: each person's own, through the API and the pages.
@Suite struct SavedViewTests {
    @Test(arguments: TestEngine.all)
    func eachPersonSavesListsAndDeletesTheirOwnViews(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given legal saves the one-click question as a view
            let created = try await app.call(.post, "/api/v1/saved-views", as: "legal", json: """
                {"name": "Clients à ne pas citer", "path": "/reports/derogations/items", "query": "?alternative=publicReference%3AnoPublicReference&status=inForce"}
                """)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["link"]?.string == "/reports/derogations/items?alternative=publicReference%3AnoPublicReference&status=inForce")
            let id = try #require(created.json["id"]?.string)
            // then it is theirs to list, and nobody else's
            #expect(try await app.call(.get, "/api/v1/saved-views", as: "legal").json["items"]?.array?.compactMap { $0["name"]?.string } == ["Clients à ne pas citer"])
            #expect(try await app.call(.get, "/api/v1/saved-views", as: "sales").json["items"]?.array?.isEmpty == true)
            #expect(try await app.call(.delete, "/api/v1/saved-views/\(id)", as: "sales").status == 404)
            #expect(try await app.call(.get, "/api/v1/saved-views", as: nil).status == 401)
            // bad input names its field
            #expect(try await app.call(.post, "/api/v1/saved-views", as: "legal", json: #"{"name": "Clients à ne pas citer", "path": "/contracts"}"#).fields == ["name"], "a name once")
            #expect(try await app.call(.post, "/api/v1/saved-views", as: "legal", json: #"{"name": " ", "path": "/contracts"}"#).fields == ["name"])
            #expect(try await app.call(.post, "/api/v1/saved-views", as: "legal", json: #"{"name": "Ailleurs", "path": "https://evil.example/"}"#).fields == ["path"])
            #expect(try await app.call(.post, "/api/v1/saved-views", as: "legal", json: #"{"name": "Fragment", "path": "/contracts", "query": "a=1#x"}"#).fields == ["query"])
            #expect(try await app.call(.post, "/api/v1/saved-views", as: "legal", json: #"{"name": "Long", "path": "/contracts", "query": "\#(String(repeating: "a", count: 2001))"}"#).fields == ["query"])
            #expect(try await app.call(.post, "/api/v1/saved-views", as: "legal", json: #"{"path": "/contracts"}"#).status == 422)
            // pages: the page at hand can be saved from its own form, and opens from Mes vues
            let sales = try await app.webSession(as: "sales")
            let list = try await app.call(.get, "/contracts?status=draft", as: nil, headers: [.cookie: sales.cookie]).text
            #expect(list.contains(#"action="/saved-views""#) && list.contains(#"name="query" value="status=draft""#))
            let saved = try await app.postForm("/saved-views", [("_csrf", sales.csrf), ("name", "Mes brouillons"), ("path", "/contracts"), ("query", "status=draft")],
                                               cookie: sales.cookie)
            #expect(saved.headers[.location] == "/contracts?status=draft&done=view-saved")
            let mine = try await app.call(.get, "/saved-views", as: nil, headers: [.cookie: sales.cookie]).text
            #expect(mine.contains(#"<a href="/contracts?status=draft">Mes brouillons</a>"#) && !mine.contains("Clients à ne pas citer"))
            let refused = try await app.postForm("/saved-views", [("_csrf", sales.csrf), ("name", ""), ("path", "/contracts"), ("query", "")], cookie: sales.cookie)
            #expect(refused.status == 422 && refused.text.contains("Champ obligatoire"))
            #expect(try await app.postForm("/saved-views", [("name", "Sans jeton"), ("path", "/contracts"), ("query", "")], cookie: sales.cookie).status == 403)
            let view = try #require(try await app.call(.get, "/api/v1/saved-views", as: "sales").json["items"]?.array?.first?["id"]?.string)
            let legal = try await app.webSession(as: "legal")
            #expect(try await app.postForm("/saved-views/\(view)/delete", [("_csrf", legal.csrf)], cookie: legal.cookie).status == 404, "someone else's")
            #expect(try await app.postForm("/saved-views/\(view)/delete", [("_csrf", sales.csrf)], cookie: sales.cookie).headers[.location] == "/saved-views?done=view-deleted")
            #expect(try await app.call(.get, "/saved-views", as: nil, headers: [.cookie: sales.cookie]).text.contains("Aucune vue enregistrée."))
            #expect(try await app.call(.delete, "/api/v1/saved-views/\(id)", as: "legal").status == 204)
        }
    }

    @Test(arguments: TestEngine.all)
    func eachRoleLandsOnItsHome(engine: TestEngine) async throws {
        try await TestApp.run(engine, configure: RenewalAppTests.longTokens) { app in
            // given a contract of sales in force with a notice deadline in 30 days, and one in draft
            _ = try await RenewalAppTests.inForce(app, endDate: "2026-05-31")
            _ = try await app.createContract(title: "Brouillon")
            // then legal's dashboard shows the queue, the derogations and the deadline
            let legal = try await app.webSession(as: "legal")
            let dashboard = try await app.call(.get, "/dashboard", as: nil, headers: [.cookie: legal.cookie]).text.replacingOccurrences(of: "&#39;", with: "'")
            #expect(dashboard.contains("File juridique") && dashboard.contains("Rien n'attend le juridique."))
            #expect(dashboard.contains("Dérogations en vigueur") && dashboard.contains("Échéances à 30 jours") && dashboard.contains("préavis avant le 1er avril 2026"))
            #expect(dashboard.contains("Cycles de signature"))
            // and sales' home shows their pipeline and the same deadline
            let sales = try await app.webSession(as: "sales")
            let home = try await app.call(.get, "/requests", as: nil, headers: [.cookie: sales.cookie]).text
            #expect(home.contains("Mon pipeline") && home.contains(#"<a href="/contracts?status=draft">Brouillon</a> : 1"#), "\(home)")
            #expect(home.contains("préavis avant le 1er avril 2026") && home.contains("Cycles de signature") && !home.contains("File juridique"))
            let other = try await app.webSession(as: "sales2")
            #expect(try await app.call(.get, "/requests", as: nil, headers: [.cookie: other.cookie]).text.contains("Aucune échéance."))
        }
    }
}
