import Foundation
import ParapheCore
import ParapheDocuments
import Plot

// Plot renders attribute values as given and keeps entity-like text such as `&lt;` unescaped, so every string that
// may come from a user goes through `HTMLText.escape` (the document renderer's) first.

/// Literal text, escaped by us.
func T(_ text: String) -> Node<HTML.BodyContext> { .raw(HTMLText.escape(text)) }

/// Any element, with escaped attributes. Boolean attributes pass `""` and render bare.
func E(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ children: [Node<HTML.BodyContext>] = []) -> Node<HTML.BodyContext> {
    var nodes: [Node<HTML.BodyContext>] = []
    for (key, value) in attributes {
        guard let value else { continue }
        nodes.append(value.isEmpty ? .attribute(named: key) : .attribute(named: key, value: HTMLText.escape(value)))
    }
    return .element(named: name, nodes: nodes + children)
}

func E(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) -> Node<HTML.BodyContext> {
    E(name, attributes, [T(text)])
}

/// Void elements (`input`, `meta`, `link`) take no closing tag.
func V(_ name: String, _ attributes: KeyValuePairs<String, String?>) -> Node<HTML.BodyContext> {
    var list: [Attribute<HTML.BodyContext>] = []
    for (key, value) in attributes {
        guard let value else { continue }
        list.append(Attribute(name: key, value: value.isEmpty ? nil : HTMLText.escape(value), ignoreIfValueIsEmpty: false))
    }
    return .selfClosedElement(named: name, attributes: list)
}

extension L10n {
    /// A contract's status as a badge, one colour per lifecycle state.
    func statusBadge(_ s: ContractStatus) -> Node<HTML.BodyContext> {
        E("span", ["class": "badge status-\(s.rawValue)"], text: status(s))
    }
}

extension L10n {
    /// The summary at the top of a refused form: each error names its field by its label and links to it, so the
    /// keyboard and the screen reader go straight there. A field the form does not show is named as the form.
    func errorSummary(_ errors: [FieldError], label: (String) -> String?, anchor: (String) -> String = { $0 }) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .group([]) }
        return E("div", ["class": "alert error-summary", "role": "alert", "id": "error-summary", "tabindex": "-1"], [
            E("p", [:], [E("strong", [:], text: self(.formErrors))]),
            E("ul", [:], errors.map { error in
                let named = label(error.field)
                return E("li", [:], [E("a", ["href": "#" + (named == nil ? "main" : anchor(error.field))],
                                       text: "\(named ?? t("Formulaire", "Form"))\(t("\u{00A0}: ", ": "))\(fieldMessage(error))")])
            }),
        ])
    }
}

