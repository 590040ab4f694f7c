import Foundation

/// An amount in a currency. Decimal, never floating point; in JSON the amount is a decimal string.
public struct Money: Hashable, Sendable, Codable {
    public var amount: Decimal
    public var currency: String

    public init(amount: Decimal, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey { case amount, currency }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .amount)
        guard let amount = Money.parseAmount(text) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: c, debugDescription: "expected a decimal string such as \"12000.00\"")
        }
        self.amount = amount
        self.currency = try c.decode(String.self, forKey: .currency)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(amountString, forKey: .amount)
        try c.encode(currency, forKey: .currency)
    }

    /// Accepts `-?digits(.digits)?` only: no exponent, no thousands separator, no locale.
    public static func parseAmount(_ text: String) -> Decimal? {
        var text = text
        guard text.withUTF8(isPlainDecimal) else { return nil }
        return Decimal(string: text, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Checked as bytes: every stored amount read comes through here.
    static func isPlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 40 else { return false }
        var whole = 0, fraction = 0, sawPoint = false
        for byte in bytes[(bytes[0] == UInt8(ascii: "-") ? 1 : 0)...] {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if sawPoint { fraction += 1 } else { whole += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return false
            }
        }
        return whole > 0 && (!sawPoint || fraction > 0)
    }

    /// What a person types or a French spreadsheet exports (`1 234,50`, `1234.50`) as the API's `1234.50`. Only
    /// for human input; the API itself takes the strict form.
    public static func normalizeTypedAmount(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard !compact.contains("."), compact.filter({ $0 == "," }).count == 1 else { return compact }
        return compact.replacingOccurrences(of: ",", with: ".")
    }

    /// Two fraction digits, as money is written in contracts.
    public var amountString: String { Money.format(amount) }

    public static func format(_ amount: Decimal) -> String {
        if let cents = cents(amount) {
            let magnitude = cents.magnitude
            let fraction = magnitude % 100
            return "\(cents < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .bankers)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return "\(parts[0]).\(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))"
    }

    /// The amount in cents when it has at most two decimals and fits in 64 bits: the usual case, formatted with
    /// integer arithmetic, some twenty times faster than going through `NSDecimalNumber`'s text.
    static func cents(_ amount: Decimal) -> Int64? {
        guard (-2...12).contains(amount.exponent) else { return nil }
        var value = amount
        var scaled = Decimal()
        guard NSDecimalMultiplyByPowerOf10(&scaled, &value, 2, .plain) == .noError else { return nil }
        let cents = NSDecimalNumber(decimal: scaled).int64Value
        return Decimal(cents) == scaled ? cents : nil
    }

    /// Whether this passes a threshold: more than it in the same currency, or in any other currency at all. Amounts
    /// are not converted, and a rule must not be dodged by writing the contract in a currency it does not name.
    public func reaches(above threshold: Money) -> Bool {
        currency != threshold.currency || amount > threshold.amount
    }

    /// Number of digits after the decimal point in the amount as written.
    public static func scale(of amount: Decimal) -> Int {
        max(0, -amount.exponent)
    }
}
