import Foundation
import ParapheCore
import Testing

struct SideBySideDiffTests {
    func text(_ segments: [WordDiff.Segment]?) -> String { (segments ?? []).map(\.text).joined() }

    @Test func sharedSentencesAlignAndAChangeReadsWithinItsSentence() {
        let standard = "Les factures sont payables à trente (30) jours. Tout retard porte intérêt. La disponibilité visée est de 99.9 %."
        let proposed = "Les factures sont payables à soixante (60) jours. Tout retard porte intérêt. Un escompte de 2 % est accordé. La disponibilité visée est de 99.9 %."
        let rows = SideBySideDiff.rows(standard, proposed)
        #expect(rows.count == 4)
        #expect(rows.map(\.changed) == [true, false, true, false])
        #expect(rows[0].standard?.filter { $0.kind == .removed }.map(\.text).joined() == "trente (30) ")
        #expect(rows[0].proposed?.filter { $0.kind == .added }.map(\.text).joined() == "soixante (60) ")
        #expect(rows[2].standard == nil && text(rows[2].proposed) == "Un escompte de 2 % est accordé. ", "an added sentence stands alone on the right")
        #expect(rows.map { text($0.standard) }.joined() == standard, "the left column reads the standard back")
        #expect(rows.map { text($0.proposed) }.joined() == proposed, "the right column reads the contract back")
    }

    @Test func aDroppedSentenceAndTextWithoutSentencesStillCompare() {
        let rows = SideBySideDiff.rows("Premier point. Second point.", "Premier point.")
        #expect(rows.count == 2 && rows[1].proposed == nil && rows[1].changed)
        let single = SideBySideDiff.rows("sans ponctuation", "sans ponctuation aucune")
        #expect(single.count == 1 && single[0].changed && text(single[0].proposed) == "sans ponctuation aucune")
        #expect(single[0].proposed?.first == WordDiff.Segment(.same, "sans "))
        #expect(SideBySideDiff.rows("", "").isEmpty)
    }

    @Test func aHugeTextIsComparedAsOneBlockAndStillReadsBack() {
        let standard = String(repeating: "a\n", count: 10_000), proposed = String(repeating: "b\n", count: 10_000)
        let rows = SideBySideDiff.rows(standard, proposed)
        #expect(rows.count == 1 && rows[0].changed)
        #expect(text(rows[0].standard) == standard && text(rows[0].proposed) == proposed)
    }
}
