import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices

/// An `application/x-www-form-urlencoded` body.
struct WebForm {
    var fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// The value, trimmed, or nil when blank.
    func value(_ name: String) -> String? {
        guard let text = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// A typed amount (`1 234,50`) with the form's `currency`, nil when blank; when it is not an amount, an error on
    /// `errorField` (the API's name for it) with `example` shown.
    func money(_ name: String, errorField: String, example: String, errors: inout [FieldError]) -> Money? {
        guard let text = value(name) else { return nil }
        guard let amount = Money.parseAmount(Money.normalizeTypedAmount(text)) else {
            errors.append(FieldError(errorField, "must be an amount such as \(example)"))
            return nil
        }
        return Money(amount: amount, currency: value("currency") ?? "EUR")
    }

    static func read(_ request: inout Request, limit: Int) async throws -> WebForm {
        let buffer = try await request.collectBody(limit: limit)
        let body = String(buffer: buffer)
        if body.range(of: "%00") != nil { throw Problem.badRequest("the form contains a NUL character") }
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let key = decode(parts[0])
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return WebForm(fields: fields)
    }

    /// The contract form's fields as API input: what the API and the UI accept is one thing.
    func contractInput(clearingBlanks: Bool) -> ContractInput {
        var present: Set<String> = ["title", "type", "renewal"]
        let optionalKeys = ["counterpartyId", "amount", "startDate", "endDate"]
        for key in optionalKeys where clearingBlanks || (key == "amount" ? value("amount") != nil : value(key) != nil) {
            present.insert(key)
        }
        let amount = value("amount").map { ContractInput.MoneyInput(amount: Money.normalizeTypedAmount($0), currency: value("currency") ?? "EUR") }
        let mode = value("renewalMode") ?? "none"
        let renewal = ContractInput.RenewalInput(mode: mode, period: mode == "none" ? nil : value("renewalPeriod"),
                                                 notice: mode == "none" ? nil : value("renewalNotice"))
        return ContractInput(title: self["title"] ?? "", type: value("type") ?? "", counterpartyId: value("counterpartyId"), amount: amount,
                             startDate: value("startDate"), endDate: value("endDate"), renewal: renewal, metadata: nil, present: present)
    }

    /// API field names as the form names them.
    static func formField(_ apiField: String) -> String {
        switch apiField {
        case "amount.amount": "amount"
        case "amount.currency": "currency"
        case "renewal.mode": "renewalMode"
        case "renewal.period": "renewalPeriod"
        case "renewal.notice": "renewalNotice"
        default: apiField
        }
    }
}

/// The session's anti-forgery token must come back with every form; the login form, before any session, has its own
/// (`LoginForgery`).
enum CSRF {
    static func check(_ form: WebForm, expected: String?) throws {
        guard let expected, let sent = form["_csrf"], !expected.isEmpty,
              sent.utf8.count == expected.utf8.count,
              zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw Problem(type: "stale-form", title: "Forbidden", status: 403, detail: "the form's anti-forgery token is missing or stale; reload the page")
        }
    }
}
