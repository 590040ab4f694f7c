import Foundation
import ParapheCore
import Testing

@Suite struct SignatureAuthorityTests {
    let holder = User.ID()
    let granter = User.ID()
    let today = Day("2026-11-28")!

    func grant(types: [String] = [], max: Decimal? = 50000, currency: String = "EUR", from: String = "2026-01-01", until: String? = "2026-12-31",
               revoked: Bool = false) -> SignatureAuthority {
        SignatureAuthority(userId: holder, contractTypes: types, maxAmount: max.map { Money(amount: $0, currency: currency) }, validFrom: Day(from)!,
                           validUntil: until.flatMap(Day.init), grantedBy: granter, grantedAt: Date(timeIntervalSince1970: 0),
                           revokedAt: revoked ? Date(timeIntervalSince1970: 1) : nil, revokedBy: revoked ? granter : nil)
    }

    func check(_ grants: [SignatureAuthority], type: String = "msa", amount: Decimal? = 40000, currency: String = "EUR",
               active: Bool = true) -> Result<SignatureAuthority, SignatureRefusal> {
        let user = User(id: holder, email: "signe@paraphe.test", name: "Signataire", roles: [.legal], active: active, createdAt: Date(timeIntervalSince1970: 0))
        let contract = Contract(reference: ContractReference(year: 2026, number: 1), title: "Contrat", type: type, counterpartyId: nil, ownerId: granter,
                                amount: amount.map { Money(amount: $0, currency: currency) }, createdAt: Date(timeIntervalSince1970: 0),
                                updatedAt: Date(timeIntervalSince1970: 0))
        return SignatureEligibility.check(user, contract: contract, on: today, authorities: grants)
    }

    @Test func aDeactivatedAccountSignsNothingWhateverItsGrants() {
        #expect(check([grant(max: nil)], active: false) == .failure(.inactive))
        let contract = Contract(reference: ContractReference(year: 2026, number: 2), title: "C", type: "msa", counterpartyId: nil, ownerId: granter,
                                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        let gone = User(id: holder, email: "parti@paraphe.test", name: "Parti", roles: [.legal], active: false, createdAt: Date(timeIntervalSince1970: 0))
        let listed = SignatoryEligibility(of: contract, among: [gone], grants: [grant(max: nil)], on: today)
        #expect(listed.eligible.isEmpty)
        #expect(listed.ineligible.map(\.refusal) == [.inactive], "listed with its reason, not silently left out")
    }

    @Test func withinTheGrantMaySign() throws {
        let g = grant(types: ["msa", "nda"])
        #expect(try check([g]).get() == g)
        #expect(try check([g], amount: nil).get() == g, "a contract without amount")
        #expect(try check([grant(max: nil)], amount: 9_000_000).get().maxAmount == nil, "no limit")
    }

    @Test func eachRefusalSaysWhy() {
        #expect(check([]) == .failure(.noAuthority))
        #expect(check([grant(revoked: true)]) == .failure(.noAuthority))
        #expect(check([grant(types: ["nda"])]) == .failure(.typeNotCovered("msa")))
        #expect(check([grant(until: "2026-06-30")]) == .failure(.expired(Day("2026-06-30")!)))
        #expect(check([grant(from: "2027-01-01", until: nil)]) == .failure(.notYetValid(Day("2027-01-01")!)))
        #expect(check([grant(), grant(max: 80000)], amount: 90000) == .failure(.amountAboveLimit(Money(amount: 80000, currency: "EUR"))))
        #expect(check([grant()], currency: "USD") == .failure(.currencyNotCovered("USD")))
    }

    @Test func anyGrantThatReachesIsEnough() throws {
        let small = grant(max: 10000), big = grant(types: ["msa"], max: 100000)
        #expect(try check([small, big], amount: 60000).get() == big)
    }

    @Test func grantsAreValidated() {
        var g = grant(from: "2026-06-01", until: "2026-05-01")
        g.maxAmount = Money(amount: -1, currency: "EURO")
        #expect(Set(g.validate().map(\.field)) == ["validUntil", "maxAmount.amount", "maxAmount.currency"])
    }
}
