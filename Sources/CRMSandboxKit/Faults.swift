import Foundation

/// Failures an admin (a test, the demo) asks the sandbox to play, so clients are checked against the CRM's real
/// bad days: `POST /__sandbox/faults`.
struct FaultPlan: Codable, Sendable {
    /// `unavailable` (503), `expireSessions` (401 INVALID_SESSION_ID), `requestLimit` (403 REQUEST_LIMIT_EXCEEDED),
    /// `lockRow` (UNABLE_TO_LOCK_ROW), `latency`, `down` (503 for `seconds`), `renameField`, `deleteField`, `clear`.
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
        case fail(status: Int, body: Value)
        case expireSessions
    }

    /// Spends one call against the plan.
    mutating func admit(now: Date) -> (Outcome, delay: Int) {
        var delay = 0
        if latencyCalls > 0 { latencyCalls -= 1; delay = latency }
        if let until = downUntil {
            if now < until { return (.fail(status: 503, body: .string("Service Unavailable")), delay) }
            downUntil = nil
        }
        if let after = expireAfter {
            if after <= 0 { expireAfter = nil; return (.expireSessions, delay) }
            expireAfter = after - 1
        }
        if unavailable > 0 {
            if unavailableAfter > 0 { unavailableAfter -= 1 } else {
                unavailable -= 1
                return (.fail(status: 503, body: [["message": "Server is temporarily unavailable", "errorCode": "SERVER_UNAVAILABLE"]]), delay)
            }
        }
        if requestLimit > 0 {
            requestLimit -= 1
            return (.fail(status: 403, body: [["message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"]]), delay)
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
