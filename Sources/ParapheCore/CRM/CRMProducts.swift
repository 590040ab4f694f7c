import Foundation

/// One product line of a deal as each CRM keeps it: a Salesforce opportunity product, a HubSpot line item, a
/// Pipedrive deal product.
public struct CRMProductLine: Sendable, Hashable {
    public var name: String
    public var quantity: Decimal
    public var unitPrice: Decimal?
    /// The CRM's own line total, after its discounts; quantity × unit price when it gives none.
    public var total: Decimal?

    public init(name: String, quantity: Decimal, unitPrice: Decimal?, total: Decimal?) {
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.total = total
    }

    public var amount: Decimal? { total ?? unitPrice.map { $0 * quantity } }
}

/// A deal's products, read as the fields of a pseudo-object `products` that the map's `variables.` lines can name:
/// `lines` (one phrase per product), `names`, `total` and `count`. The CRM has no such object: Paraphe reads the
/// products only when a contract is generated and the map asks for them.
public enum CRMProducts {
    public static let object = "products"

    public enum Field: String, CaseIterable, Sendable {
        case lines, names, total, count
    }

    public static func isObject(_ name: String) -> Bool { name.caseInsensitiveCompare(object) == .orderedSame }

    /// A list read into a text variable: one sentence, items apart by semicolons, since the document collapses
    /// line breaks inside a value.
    public static func sentence(_ items: [JSONValue], language: Language) -> String {
        items.compactMap(\.stringValue).joined(separator: language == .fr ? "\u{00A0}; " : "; ")
    }

    /// `lines` reads "Licence Paraphe Pro : 3 × 4 000,00 € = 12 000,00 €" in French; a list variable takes one item
    /// per product, a text variable all of them in one `sentence`.
    public static func fields(_ products: [CRMProductLine], currency: String, language: Language) -> [String: JSONValue] {
        let named = products.filter { !$0.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !named.isEmpty else { return [:] }
        func money(_ amount: Decimal) -> String { Formatting.money(Money(amount: amount, currency: currency), language) }
        let lines = named.map { line -> JSONValue in
            var text = "\(line.name)\(language == .fr ? "\u{00A0}:" : ":") \(Formatting.number(line.quantity, language))"
            if let price = line.unitPrice { text += " × \(money(price))" }
            if let amount = line.amount { text += " = \(money(amount))" }
            return .string(text)
        }
        var out: [String: JSONValue] = [
            Field.lines.rawValue: .array(lines),
            Field.names.rawValue: .array(named.map { .string($0.name) }),
            Field.count.rawValue: .number(Decimal(named.count)),
        ]
        let amounts = named.compactMap(\.amount)
        if amounts.count == named.count { out[Field.total.rawValue] = .number(amounts.reduce(0, +)) }
        return out
    }
}
