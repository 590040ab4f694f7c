/// How many failed logins are allowed within the window before the next attempt is refused, and on what.
///
/// The brake counts per (address, email), so a guesser at one address stops after a few tries at one account; per
/// email, with more room, so guesses spread over many addresses still stop; and per address with a much higher
/// ceiling, so one office behind one address never locks every colleague out because of one forgetful person.
public enum LoginBrake {
    public struct Counter: Hashable, Sendable {
        public var key: String
        public var limit: Int
    }

    /// `perPair` is the base limit (five by default).
    public static func counters(email: String, address: String?, perPair: Int) -> [Counter] {
        var counters = [Counter(key: "email:\(email)", limit: perPair * 2)]
        if let address {
            counters.append(Counter(key: "pair:\(address)|\(email)", limit: perPair))
            counters.append(Counter(key: "ip:\(address)", limit: perPair * 20))
        }
        return counters
    }
}
