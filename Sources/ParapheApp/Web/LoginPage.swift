import ParapheCore
import Plot
import ParapheServices

struct LoginPage {
    let l: L10n

    struct Model {
        var email: String
        var error: String?
        var csrf: String
        var next: String
    }

    func body(_ model: Model) -> [Node<HTML.BodyContext>] {
        let email = model.email, error = model.error, csrf = model.csrf, next = model.next
        return [E("div", ["class": "login card"], [
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
