import Foundation
import ParapheCore
import Testing

@Suite struct AmountInWordsTests {
    @Test(arguments: [
        (0, "zéro"), (1, "un"), (16, "seize"), (21, "vingt et un"), (71, "soixante et onze"), (80, "quatre-vingts"),
        (81, "quatre-vingt-un"), (91, "quatre-vingt-onze"), (200, "deux cents"), (201, "deux cent un"), (1000, "mille"),
        (2080, "deux mille quatre-vingts"), (48000, "quarante-huit mille"), (1_000_000, "un million"),
        (3_200_000, "trois millions deux cent mille"),
    ])
    func french(value: Int, words: String) {
        #expect(AmountInWords.number(value, .fr) == words)
    }

    @Test func money() {
        #expect(AmountInWords.money(Money(amount: 48000, currency: "EUR"), .fr) == "quarante-huit mille euros")
        #expect(AmountInWords.money(Money(amount: 1_000_000, currency: "EUR"), .fr) == "un million d’euros")
        #expect(AmountInWords.money(Money(amount: Decimal(string: "1234.50")!, currency: "EUR"), .fr)
                == "mille deux cent trente-quatre euros et cinquante centimes")
        #expect(AmountInWords.money(Money(amount: 48000, currency: "EUR"), .en) == "forty-eight thousand euros")
        #expect(AmountInWords.number(1_234, .en) == "one thousand two hundred thirty-four")
    }
}
