import Foundation

/// What the legal queue knows about a contract waiting on legal.
public struct QueueFacts: Sendable {
    public var amount: Money?
    /// The CRM close date or the date the requester asked for, if any.
    public var deadline: Day?
    public var derogations: [ClauseInstance]
    public var waitingSince: Date

    public init(amount: Money?, deadline: Day?, derogations: [ClauseInstance], waitingSince: Date) {
        self.amount = amount
        self.deadline = deadline
        self.derogations = derogations
        self.waitingSince = waitingSince
    }
}

/// A priority score and the parts that make it, so that the order of the queue can be explained.
public struct PriorityScore: Hashable, Sendable, Codable {
    public struct Part: Hashable, Sendable, Codable {
        /// The facts behind the points, phrased for a person by `describe`; `because` is the API's English.
        public enum Why: Hashable, Sendable {
            case value(Money?)
            /// `quarterEnds` when the deadline falls within the current quarter.
            case deadline(Day?, inDays: Int, quarterEnds: Day?)
            case risk([ClauseInstance])
            case age(days: Int)
        }

        public var name: String
        public var points: Int
        public var because: String
        public var why: Why? = nil

        enum CodingKeys: String, CodingKey { case name, points, because }

        public func describe(_ language: Language, _ v: Vocabulary) -> String {
            let fr = language == .fr
            switch why {
            case nil: return because
            case .value(let money): return money.map { Formatting.money($0, language) } ?? (fr ? "aucun montant" : "no amount")
            case .deadline(nil, _, _): return fr ? "aucune échéance" : "no deadline"
            case .deadline(let day?, let days, let quarterEnd):
                let date = Formatting.day(day, language)
                var text = days < 0 ? (fr ? "échéance du \(date) dépassée" : "deadline \(date) passed")
                    : days == 0 ? (fr ? "échéance aujourd'hui" : "deadline today")
                    : fr ? "échéance le \(date), dans \(days) jour\(days > 1 ? "s" : "")" : "deadline \(date), in \(days) day\(days > 1 ? "s" : "")"
                if let quarterEnd { text += fr ? ", avant la fin du trimestre (\(Formatting.day(quarterEnd, .fr)))" : ", within this quarter (ends \(Formatting.day(quarterEnd, .en)))" }
                return text
            case .risk(let derogations) where derogations.isEmpty: return fr ? "aucune dérogation" : "no derogation"
            case .risk(let derogations):
                return derogations.map { d in
                    let variant: String = switch d.variant {
                    case .custom: fr ? "texte négocié" : "negotiated text"
                    case .alternative(let key): v.alternative(key, of: d.key)
                    case .standard: fr ? "texte standard" : "standard text"
                    }
                    return "\(v.clause(d.key)) (\(variant))"
                }.joined(separator: ", ")
            case .age(let days) where days == 0: return fr ? "en attente depuis aujourd'hui" : "waiting since today"
            case .age(let days): return fr ? "en attente depuis \(days) jour\(days > 1 ? "s" : "")" : "waiting \(days) day\(days > 1 ? "s" : "")"
            }
        }
    }
    public var total: Int
    public var parts: [Part]
}

/// Legal works its queue by impact: value, urgency, risk and age, each capped so that no one factor drowns the
/// others. Weights are in points out of 100.
public enum LegalPriority {
    /// The date a contract is needed by: the CRM close date or the date the requester asked for (metadata
    /// `closeDate` or `neededBy`), the earlier.
    public static func deadline(of c: Contract) -> Day? {
        ["closeDate", "neededBy"].compactMap { key -> Day? in
            if case .string(let text)? = c.metadata[key] { return Day(text) }
            return nil
        }.min()
    }

    /// Derogation categories that weigh more than the default: they move liability or ownership.
    static let categoryWeight: [String: Int] = ["liability": 10, "ip": 8, "data": 8, "termination": 6, "payment": 5]

    public static func score(_ facts: QueueFacts, now: Date) -> PriorityScore {
        let today = Day(now)
        var parts: [PriorityScore.Part] = []

        // Value: logarithmic, so a 1 M€ deal ranks above a 50 k€ one without hiding everything else. Amounts are
        // compared as numbers whatever the currency; the queue has no exchange rates.
        let amount = facts.amount.map { NSDecimalNumber(decimal: $0.amount).doubleValue } ?? 0
        let value = amount > 0 ? min(30, Int((10 * log10(1 + amount / 1000)).rounded())) : 0
        parts.append(.init(name: "value", points: value,
                           because: facts.amount.map { "\($0.amountString) \($0.currency)" } ?? "no amount", why: .value(facts.amount)))

        var urgency = 0
        var urgencyWhy = "no deadline"
        var deadlineWhy = PriorityScore.Part.Why.deadline(nil, inDays: 0, quarterEnds: nil)
        if let deadline = facts.deadline {
            let days = today.days(until: deadline)
            urgency = days <= 0 ? 25 : max(0, 25 - days)
            urgencyWhy = days < 0 ? "deadline \(deadline) passed" : "deadline \(deadline), in \(days) days"
            let inQuarter = deadline <= today.endOfQuarter
            if inQuarter {
                urgency += 10
                urgencyWhy += ", within this quarter (ends \(today.endOfQuarter))"
            }
            deadlineWhy = .deadline(deadline, inDays: days, quarterEnds: inQuarter ? today.endOfQuarter : nil)
        }
        parts.append(.init(name: "deadline", points: urgency, because: urgencyWhy, why: deadlineWhy))

        let risk = min(25, facts.derogations.reduce(0) { sum, d in
            sum + (d.variant == .custom ? 8 : (d.derogationCategory.flatMap { categoryWeight[$0] } ?? 4))
        })
        let riskWhy = facts.derogations.isEmpty ? "no derogation"
            : facts.derogations.map { d in d.variant == .custom ? "\(d.key) (negotiated text)" : "\(d.key) (\(d.derogationCategory ?? d.variant.name))" }
                .joined(separator: ", ")
        parts.append(.init(name: "risk", points: risk, because: riskWhy, why: .risk(facts.derogations)))

        let waitedDays = max(0, Int(now.timeIntervalSince(facts.waitingSince) / 86400))
        parts.append(.init(name: "age", points: min(20, 2 * waitedDays), because: "waiting \(waitedDays) days", why: .age(days: waitedDays)))

        return PriorityScore(total: parts.reduce(0) { $0 + $1.points }, parts: parts)
    }
}
