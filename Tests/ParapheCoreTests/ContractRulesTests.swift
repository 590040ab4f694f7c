import Foundation
import ParapheCore
import Testing

@Suite struct ContractRulesTests {
    let known: Set<String> = ["msa", "nda"]

    func terms(amount: String? = "100.00", currency: String = "EUR", start: String? = "2026-01-01", end: String? = "2026-12-31",
               title: String = "Contrat", type: String = "msa") -> ContractTerms {
        ContractTerms(title: title, type: type, counterpartyId: nil, amount: amount.flatMap(Money.parseAmount).map { Money(amount: $0, currency: currency) },
                      startDate: start.flatMap(Day.init), endDate: end.flatMap(Day.init), renewal: .none, metadata: [:])
    }

    @Test func valid() { #expect(terms().validate(knownTypes: known).isEmpty) }

    @Test func everyProblemNamed() {
        let errors = terms(amount: "-5.00", currency: "euro", start: "2026-12-31", end: "2026-01-01", title: " ", type: "lease").validate(knownTypes: known)
        #expect(Set(errors.map(\.field)) == ["title", "type", "amount.amount", "amount.currency", "endDate"])
    }

    @Test func tooManyDecimalsAndAbsurdLength() {
        #expect(terms(amount: "1.005").validate(knownTypes: known).map(\.field) == ["amount.amount"])
        #expect(terms(title: String(repeating: "a", count: 301)).validate(knownTypes: known).map(\.field) == ["title"])
        #expect(terms(title: "a\u{0}b").validate(knownTypes: known).map(\.field) == ["title"])
    }

    @Test func moneyParsing() {
        #expect(Money.parseAmount("12000.00") == Decimal(12000))
        for bad in ["1e5", "12 000", "1,5", "", ".5", "5.", "abc", "--1", "-", "1.2.3", "+1", "١٢", "1.5 ", String(repeating: "9", count: 41)] { #expect(Money.parseAmount(bad) == nil, "\(bad)") }
        #expect(Money(amount: Decimal(string: "48000")!, currency: "EUR").amountString == "48000.00")
        #expect(Money.parseAmount("-0.50") == Decimal(string: "-0.5"))
    }

    /// The integer fast path and the general one agree; amounts with more decimals or beyond 64 bits take the latter.
    @Test(arguments: ["0", "0.5", "0.05", "-0.05", "-12.3", "48000", "12500.50", "99999999999.99", "1.005", "0.125", "-7.999",
                      "123456789012345678901234.5", "1e3"])
    func moneyFormatting(text: String) {
        let amount = Decimal(string: text)!
        var value = amount, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .bankers)
        let expected = NSDecimalNumber(decimal: rounded).stringValue
        let parts = expected.split(separator: ".", omittingEmptySubsequences: false)
        let reference = "\(parts[0]).\((parts.count > 1 ? String(parts[1]) : "").padding(toLength: 2, withPad: "0", startingAt: 0))"
        #expect(Money.format(amount) == reference)
    }

    @Test func moneyComparison() {
        #expect(Money(amount: 100, currency: "EUR").reaches(above: Money(amount: 50, currency: "EUR")))
        #expect(!Money(amount: 50, currency: "EUR").reaches(above: Money(amount: 50, currency: "EUR")))
        #expect(Money(amount: 1, currency: "USD").reaches(above: Money(amount: 50, currency: "EUR")), "another currency fails closed")
    }

    @Test func currenciesAreISOCodes() {
        #expect(CurrencyCode.isValid("EUR") && CurrencyCode.isValid("JPY") && CurrencyCode.isValid("XOF"))
        for code in ["ZZZ", "XXX", "XTS", "XAU", "eur", "EURO", ""] { #expect(!CurrencyCode.isValid(code), "\(code)") }
        let usd = ContractTerms(title: "t", type: "msa", counterpartyId: nil, amount: Money(amount: 1, currency: "USD"), startDate: nil, endDate: nil,
                                renewal: .none, metadata: [:])
        #expect(usd.validate(knownTypes: ["msa"], currencies: ["EUR"]).map(\.field) == ["amount.currency"])
        #expect(usd.validate(knownTypes: ["msa"], currencies: ["EUR", "USD"]).isEmpty)
    }

    @Test func typedAmounts() {
        #expect(Money.normalizeTypedAmount("1 234,50") == "1234.50")
        #expect(Money.normalizeTypedAmount("1\u{202F}234,5") == "1234.5")
        #expect(Money.normalizeTypedAmount("1234.50") == "1234.50")
        #expect(Money.parseAmount(Money.normalizeTypedAmount("1,234.50")) == nil, "ambiguous separators are refused, not guessed")
    }

    @Test func frenchAndEnglishFormatting() {
        let money = Money(amount: Decimal(string: "1234.5")!, currency: "EUR")
        #expect(Formatting.money(money, .fr) == "1\u{00A0}234,50\u{00A0}€")
        #expect(Formatting.money(money, .en) == "€1,234.50")
        #expect(Formatting.money(Money(amount: Decimal(string: "1234567.89")!, currency: "EUR"), .fr) == "1\u{00A0}234\u{00A0}567,89\u{00A0}€")
        #expect(Formatting.day(Day("2026-03-01")!, .fr) == "1er mars 2026")
        #expect(Formatting.day(Day("2026-08-15")!, .fr) == "15 août 2026")
        #expect(Formatting.day(Day("2026-03-01")!, .en) == "1 March 2026")
    }

    @Test func visibility() {
        let sales = User(email: "s@x.fr", name: "S", roles: [.sales], createdAt: Date())
        let legal = User(email: "l@x.fr", name: "L", roles: [.legal], createdAt: Date())
        let viewer = User(email: "v@x.fr", name: "V", roles: [.viewer], createdAt: Date())
        let other = User.ID()
        #expect(ContractVisibility(for: sales).allows(owner: sales.id, sharedWith: []))
        #expect(!ContractVisibility(for: sales).allows(owner: other, sharedWith: []))
        #expect(ContractVisibility(for: sales).allows(owner: other, sharedWith: [sales.id]))
        #expect(ContractVisibility(for: legal).allows(owner: other, sharedWith: []))
        #expect(ContractVisibility(for: viewer).allows(owner: other, sharedWith: []))
        #expect(!ContractAccess.canWrite(viewer, owner: viewer.id, sharedWith: []))
        #expect(ContractAccess.canWrite(legal, owner: other, sharedWith: []))
        #expect(!ContractAccess.canWrite(sales, owner: other, sharedWith: []))
    }
}

@Suite struct IdentifierTests {
    @Test func textAndOrderMatchFoundation() {
        let ids = (0..<500).map { _ in Contract.ID() }
        for id in ids { #expect(id.description == id.uuid.uuidString.lowercased()) }
        #expect(ids.sorted().map(\.description) == ids.map(\.description).sorted())
        #expect(Contract.ID("00000000-0000-0000-0000-00000000000A")?.description == "00000000-0000-0000-0000-00000000000a")
    }

    /// The hand-written parser reads what Foundation reads and refuses what it refuses.
    @Test func parsingMatchesFoundation() {
        for id in (0..<200).map({ _ in UUID() }) {
            #expect(Contract.ID(id.uuidString)?.uuid == id)
            #expect(Contract.ID(id.uuidString.lowercased())?.uuid == id)
        }
        for bad in ["", "0000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-0000000000000", "00000000_0000-0000-0000-000000000000",
                    "0000000g-0000-0000-0000-000000000000", "000000000000-0000-0000-00000000000-", "{00000000-0000-0000-0000-0000000000}",
                    "00000000-0000-0000-0000-00000000000é"] {
            #expect(Contract.ID(bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
    }
}
