import Foundation
import Hummingbird
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

@Suite struct AuthTests {
    @Test(arguments: TestEngine.all)
    func tokensCanBeRevokedAndAreStoredHashed(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let me = try await app.call(.get, "/api/v1/me", as: "legal")
            #expect(me.json["email"]?.string == "legal@paraphe.test")
            #expect(me.json["roles"]?.array?.compactMap(\.string) == ["legal"])
            // the secret itself is nowhere in the database
            let token = app.tokens["legal"]!
            let stored = try await app.withServices { s in
                try await s.database.read { try await $0.authenticate(secretHash: token, now: Date()) }
            }
            #expect(stored == nil)
            #expect(try await app.call(.delete, "/api/v1/auth/token", as: "legal").status == 204)
            #expect(try await app.call(.get, "/api/v1/me", as: "legal").status == 401)
        }
    }

    @Test(arguments: TestEngine.all)
    func repeatedFailedLoginsAreThrottled(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            func login(_ password: String) async throws -> Int {
                try await app.call(.post, "/api/v1/auth/token", as: nil, json: #"{"email": "sales@paraphe.test", "password": "\#(password)"}"#).status
            }
            // With no client address (the router test has none), only the account's own counter applies: ten
            // failures from anywhere. Per address it is five (LoginBrakeTests).
            for _ in 0..<10 {
                let status = try await login("wrong password!")
                #expect(status == 401)
            }
            // even the right password is refused while throttled, and the answer says when to come back
            let throttled = try await app.call(.post, "/api/v1/auth/token", as: nil, json: #"{"email": "sales@paraphe.test", "password": "\#(TestUsers.password)"}"#)
            #expect(throttled.status == 429)
            #expect(throttled.headers[.retryAfter].flatMap { Int($0) }.map { (1...900).contains($0) } == true, "\(throttled.headers)")
            // after the window, the right password works again
            app.clock.advance(16 * 60)
            let later = try await login(TestUsers.password)
            #expect(later == 201)
            #expect(try await app.call(.post, "/api/v1/auth/token", as: nil, json: #"{"email": "nobody@paraphe.test", "password": "whatever-it-is"}"#).status == 401)
        }
    }

    @Test(arguments: TestEngine.all)
    func adminsManageUsersAndDeactivationEndsAccess(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let body = #"{"email": "Nouvelle@Paraphe.test", "name": "Nouvelle", "password": "assez-long-mot", "roles": ["sales"], "language": "en"}"#
            #expect(try await app.call(.post, "/api/v1/users", as: "legal", json: body).status == 403)
            let created = try await app.call(.post, "/api/v1/users", json: body)
            #expect(created.status == 201)
            #expect(created.json["email"]?.string == "nouvelle@paraphe.test")
            #expect(try await app.call(.post, "/api/v1/users", json: body).status == 409)
            #expect(try await app.call(.post, "/api/v1/users", json: #"{"email": "x", "name": "", "password": "short", "roles": ["boss"]}"#).fields == ["roles[0]"])
            #expect(Set(try await app.call(.post, "/api/v1/users", json: #"{"email": "x", "name": "", "password": "short", "roles": ["sales"]}"#).fields) == ["email", "name", "password"])
            let id = app.users["sales2"]!.id
            #expect(try await app.call(.patch, "/api/v1/users/\(id)", json: #"{"active": false}"#).status == 200)
            #expect(try await app.call(.get, "/api/v1/me", as: "sales2").status == 401)
            #expect(try await app.call(.patch, "/api/v1/users/\(app.users["admin"]!.id)", json: #"{"active": false}"#).fields == ["active"])
            let list = try await app.call(.get, "/api/v1/users?limit=2").json
            #expect(list["items"]?.array?.count == 2)
            #expect(list["nextCursor"]?.string != nil)
        }
    }

    @Test(arguments: TestEngine.all)
    func webLoginUsesHttpOnlyCookieAndCSRF(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            let form = try await app.call(.get, "/login", as: nil)
            #expect(form.status == 200)
            #expect(form.text.contains("Connexion"))
            let (loginCookie, token) = try await app.loginForm()
            let login = "email=legal%40paraphe.test&password=correct+horse+battery"
            func post(_ body: String, cookie: String, extra: HTTPFields = [:]) async throws -> Reply {
                var headers = extra
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[.cookie] = cookie
                return try await app.call(.post, "/login", as: nil, raw: ByteBuffer(string: body), headers: headers)
            }
            // without the token the login form is refused
            #expect(try await post(login, cookie: loginCookie).status == 403)
            // a cookie planted by an attacker with a token of their choosing is refused: only the server makes tokens
            let planted = try await post("_csrf=chosen&\(login)", cookie: "paraphe_login_csrf=chosen")
            #expect(planted.status == 403)
            #expect(!planted.headers[values: .setCookie].contains { $0.hasPrefix("paraphe_session=") })
            // a server-made token belongs to its own cookie only
            #expect(try await post("_csrf=\(token)&\(login)", cookie: "paraphe_login_csrf=other").status == 403)
            // a post the browser says came from elsewhere is refused even with a valid pair: a sibling subdomain could
            // have fetched the pair for itself and planted the cookie
            for site in ["cross-site", "same-site"] {
                #expect(try await post("_csrf=\(token)&\(login)", cookie: loginCookie, extra: [.init("Sec-Fetch-Site")!: site]).status == 403, "\(site)")
            }
            #expect(try await post("_csrf=\(token)&\(login)", cookie: loginCookie, extra: [.origin: "https://evil.paraphe.example"]).status == 403)
            // an hour later, the pair has expired
            app.clock.advance(3601)
            let stale = try await post("_csrf=\(token)&\(login)", cookie: loginCookie)
            #expect(stale.status == 403)
            #expect(stale.text.contains("Le formulaire a expiré"))
            let (freshCookie, freshToken) = try await app.loginForm()
            let ok = try await post("_csrf=\(freshToken)&\(login)&next=%2Fcontracts", cookie: freshCookie,
                                    extra: [.init("Sec-Fetch-Site")!: "same-origin", .origin: "http://127.0.0.1:8080"])
            #expect(ok.status == 303)
            #expect(ok.headers[.location] == "/contracts")
            let session = try #require(ok.headers[values: .setCookie].first { $0.hasPrefix("paraphe_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            let cookie = String(session.split(separator: ";")[0])
            let list = try await app.call(.get, "/contracts", as: nil, headers: [.cookie: cookie, .acceptLanguage: "en-GB,en;q=0.8"])
            #expect(list.status == 200)
            #expect(list.text.contains("Aucun contrat"), "the user's language (fr) wins over the browser's")
            // a session cookie is no API token
            #expect(try await app.call(.get, "/api/v1/me", as: nil, headers: [.cookie: cookie]).status == 401)
            // a form post without the session's CSRF token is refused and creates nothing
            let post = try await app.call(.post, "/contracts/new", as: nil, raw: ByteBuffer(string: "title=X&type=msa&renewalMode=none"),
                                          headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie])
            #expect(post.status == 403)
            #expect(try await app.call(.get, "/api/v1/contracts").json["items"]?.array?.isEmpty == true)
            // anonymous pages send the browser to the login page
            let anonymous = try await app.call(.get, "/contracts/new", as: nil)
            #expect(anonymous.status == 303)
            #expect(anonymous.headers[.location] == "/login?next=/contracts/new")
        }
    }
}
