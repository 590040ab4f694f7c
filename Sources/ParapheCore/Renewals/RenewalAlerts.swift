/// When the people who decide hear of a notice deadline: at each window (90, 30 and 7 days before by default).
public struct RenewalAlertWindows: Hashable, Sendable {
    /// Days before the deadline, largest first.
    public let days: [Int]

    public static let standard = RenewalAlertWindows(days: [90, 30, 7])!

    public init?(days: [Int]) {
        let sorted = Array(Set(days)).sorted(by: >)
        guard !sorted.isEmpty, sorted.count <= 10, sorted.allSatisfy({ (0...366).contains($0) }) else { return nil }
        self.days = sorted
    }

    /// "90,30,7" as the setting writes it.
    public init?(_ text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count else { return nil }
        self.init(days: values)
    }

    /// The windows open on `today` for a deadline: the one to send (the closest to the deadline) and those it
    /// supersedes. After a clock jump past several windows, one alert goes out, the most urgent, and the others are
    /// marked as covered by it rather than sent late all at once. Nothing is due once the deadline has passed.
    public func due(deadline: Day, today: Day) -> (send: Int, superseded: [Int])? {
        let left = today.days(until: deadline)
        guard left >= 0 else { return nil }
        let open = days.filter { left <= $0 }
        guard let closest = open.last else { return nil }
        return (closest, open.dropLast())
    }
}
