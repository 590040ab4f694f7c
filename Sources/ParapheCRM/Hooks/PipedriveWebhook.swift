import Foundation

/// A Pipedrive webhook (v2): Basic auth with the user and password set on the webhook, then a JSON body whose `meta`
/// names the company, the entity and its id. Only a deal's id is kept: the webhook is a hint, never data Paraphe trusts.
public struct PipedriveWebhook: Sendable {
    public var companyId: String
    public var dealId: String?

    public enum Refusal: Error, Sendable, CustomStringConvertible, Equatable {
        case unauthenticated, malformed(String)

        public var description: String {
            switch self {
            case .unauthenticated: "the Basic auth user or password does not match the webhook's"
            case .malformed(let why): "not a Pipedrive webhook: \(why)"
            }
        }
    }

    /// Checks the credentials (in constant time) before reading anything, then the body.
    public static func verify(body: Data, authorization: String?, user: String, password: String) throws(Refusal) -> PipedriveWebhook {
        let expected = Data("Basic \(Data("\(user):\(password)".utf8).base64EncodedString())".utf8)
        guard let given = authorization.map({ Data($0.utf8) }), given.count == expected.count,
              zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .unauthenticated }
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let meta = json["meta"] as? [String: Any] else {
            throw .malformed("the body has no meta object")
        }
        guard let company = meta["company_id"].map({ "\($0)" }), company.allSatisfy(\.isNumber), !company.isEmpty else {
            throw .malformed("meta names no company_id")
        }
        var deal: String?
        if meta["entity"] as? String == "deal", let id = meta["entity_id"].map({ "\($0)" }), id.allSatisfy(\.isNumber), !id.isEmpty { deal = id }
        return PipedriveWebhook(companyId: company, dealId: deal)
    }
}
