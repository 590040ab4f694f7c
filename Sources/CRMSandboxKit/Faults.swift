import Foundation

/// Failures an admin (a test, the demo) asks the sandbox to play, so clients are checked against the CRM's real
/// bad days: `POST /__sandbox/faults`.
struct FaultPlan: Codable, Sendable {
    /// `unavailable` (503), `expireSessions` (Salesforce: 401 INVALID_SESSION_ID; HubSpot: 401 for the token),
    /// `requestLimit` (Salesforce: 403 REQUEST_LIMIT_EXCEEDED; HubSpot: 429 RATE_LIMIT), `lockRow` (Salesforce's
    /// UNABLE_TO_LOCK_ROW), `latency`, `down` (503 for `seconds`), `renameField`, `deleteField` (a Salesforce field or
    /// a HubSpot property, by the object's name), `clear`. One plan covers both APIs: the next calls meet it, whichever.
    var kind: String
    /// How many API calls the fault hits.
    var count: Int?
    /// Calls that pass first.
    var after: Int?
    var seconds: Double?
    var milliseconds: Int?
    var object: String?
    var field: String?
    var to: String?
    /// `pipedrive` for a Pipedrive deal field (HubSpot and Pipedrive both name their deals `deals`).
    var crm: String?
}

struct Faults: Sendable {
    var unavailable = 0
    var unavailableAfter = 0
    var expireAfter: Int?
    var requestLimit = 0
    var lockRow = 0
    var latency = 0
    var latencyCalls = 0
    var downUntil: Date?

    enum Outcome: Sendable {
        case pass
        case fail(Failure)
        case expireSessions
    }

    /// What a failing call meets; each API answers it in its own words.
    enum Failure: Sendable {
        case down, unavailable, requestLimit
    }

    /// Spends one call against the plan.
    mutating func admit(now: Date) -> (Outcome, delay: Int) {
        var delay = 0
        if latencyCalls > 0 { latencyCalls -= 1; delay = latency }
        if let until = downUntil {
            if now < until { return (.fail(.down), delay) }
            downUntil = nil
        }
        if let after = expireAfter {
            if after <= 0 { expireAfter = nil; return (.expireSessions, delay) }
            expireAfter = after - 1
        }
        if unavailable > 0 {
            if unavailableAfter > 0 { unavailableAfter -= 1 } else {
                unavailable -= 1
                return (.fail(.unavailable), delay)
            }
        }
        if requestLimit > 0 {
            requestLimit -= 1
            return (.fail(.requestLimit), delay)
        }
        return (.pass, delay)
    }

    /// A write that meets a locked row, as a busy org answers.
    mutating func takeLock() -> Bool {
        guard lockRow > 0 else { return false }
        lockRow -= 1
        return true
    }
}
