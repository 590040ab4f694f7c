/// The human reference of a contract, `CTR-2026-000123`: unique and gap-free within a year.
public struct ContractReference: Hashable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0] == "CTR", parts[1].count == 4, parts[2].count >= 6,
              let y = Int(parts[1]), let n = Int(parts[2]) else { return nil }
        self.init(year: y, number: n)
    }

    public var description: String {
        let digits = String(number)
        return "CTR-\(year)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }
}
