import ParapheCore
import Plot
import ParapheServices

struct LoginPage {
    let l: L10n

    func body(email: String, error: String?, csrf: String, next: String) -> [Node<HTML.BodyContext>] {
        [E("div", ["class": "login card"], [
            E("h1", [:], text: l(.login)),
            error.map { E("p", ["class": "alert", "role": "alert"], text: $0) } ?? .group([]),
            E("form", ["method": "post", "action": "/login"], [
                V("input", ["type": "hidden", "name": "_csrf", "value": csrf]),
                V("input", ["type": "hidden", "name": "next", "value": next]),
                E("div", ["class": "field"], [
                    E("label", ["for": "email"], text: l(.email)),
                    V("input", ["id": "email", "name": "email", "type": "email", "value": email, "autocomplete": "username", "required": ""]),
                ]),
                E("div", ["class": "field"], [
                    E("label", ["for": "password"], text: l(.password)),
                    V("input", ["id": "password", "name": "password", "type": "password", "autocomplete": "current-password", "required": ""]),
                ]),
                E("button", ["type": "submit"], text: l(.signIn)),
            ]),
        ])]
    }
}
