import Foundation
import ParapheCore
import Testing

/// The one-time code's limits: five wrong tries per code, ten over every code, three codes an hour.
@Suite struct OneTimeCodeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fiveWrongTriesLockACodeAndTenLockTheSigner() {
        var code = OneTimeCode.none.minted(hash: "right", at: now)
        for attempt in 1...4 {
            let (check, next) = code.check(submittedHash: "wrong", at: now)
            #expect(check == .wrong(remaining: 5 - attempt))
            code = next
        }
        #expect(code.check(submittedHash: "wrong", at: now).0 == .locked)
        code = code.check(submittedHash: "wrong", at: now).1
        #expect(code.check(submittedHash: "right", at: now).0 == .locked, "the right code, once locked")
        // a new code resets its own tries, not the signer's total
        code = code.minted(hash: "right", at: now)
        for _ in 1...4 { code = code.check(submittedHash: "wrong", at: now).1 }
        #expect(code.failures == 9)
        let (last, after) = code.check(submittedHash: "wrong", at: now)
        #expect(last == .locked && after.exhausted)
        #expect(after.minted(hash: "right", at: now).check(submittedHash: "right", at: now).0 == .locked,
                "ten wrong codes: only the sender's new link helps")
    }

    @Test func codesExpireAndAreSentThreeTimesAnHour() {
        let code = OneTimeCode.none.minted(hash: "right", at: now)
        #expect(code.check(submittedHash: "right", at: now.addingTimeInterval(599)).0 == .accepted)
        #expect(code.check(submittedHash: "right", at: now.addingTimeInterval(600)).0 == .expired)
        #expect(OneTimeCode.none.check(submittedHash: "x", at: now).0 == .noneSent)
        var window = OneTimeCode.none
        for _ in 1...3 { window = (try? window.mayResend(at: now).get()) ?? window }
        #expect(window.sentInWindow == 3)
        guard case .failure(let wait) = window.mayResend(at: now.addingTimeInterval(60)) else {
            Issue.record("a fourth code within the hour")
            return
        }
        #expect(wait.seconds == 3541)
        #expect((try? window.mayResend(at: now.addingTimeInterval(3601)).get())?.sentInWindow == 1)
    }
}
