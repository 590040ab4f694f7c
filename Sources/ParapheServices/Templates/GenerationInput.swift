import Foundation
import ParapheCore

/// The template part of `POST /api/v1/contracts` and of the preview: `clauses` maps a clause key to `"standard"`, an
/// alternative key, `{"custom": "text"}`, `true` (include an optional clause) or `false` (leave it out).
public struct GenerationInput: Decodable, Sendable {
    public var templateId: String?
    public var counterpartyId: String?
    public var title: String?
    public var variables: [String: JSONValue]?
    public var clauses: [String: JSONValue]?
    /// The CRM record the contract is made from; checked against the CRM before it is kept.
    public var crm: CRMLink?

    public init(templateId: String?, counterpartyId: String?, title: String?, variables: [String: JSONValue]?, clauses: [String: JSONValue]?,
                crm: CRMLink? = nil) {
        self.crm = crm
        self.templateId = templateId
        self.counterpartyId = counterpartyId
        self.title = title
        self.variables = variables
        self.clauses = clauses
    }

    public func request() throws -> GenerationRequest {
        var errors = [FieldError]()
        let templateId = templateId.flatMap(Template.ID.init)
        if templateId == nil { errors.append(FieldError("templateId", self.templateId == nil ? "is required" : "must be a template id (UUID)")) }
        var counterparty: Counterparty.ID?
        if let text = counterpartyId {
            counterparty = Counterparty.ID(text)
            if counterparty == nil { errors.append(FieldError("counterpartyId", "must be a UUID")) }
        }
        let choices = Self.choices(clauses ?? [:], errors: &errors)
        if let crm {
            if Integration.ID(crm.integrationId) == nil { errors.append(FieldError("crm.integrationId", "must be an integration id (UUID)")) }
            if !CRMLink.isObjectName(crm.objectType) { errors.append(FieldError("crm.objectType", "must be a CRM object name")) }
            if !CRMLink.isRecordId(crm.objectId) { errors.append(FieldError("crm.objectId", "must be a CRM record id")) }
        }
        guard errors.isEmpty, let templateId else { throw ValidationFailure(errors) }
        return GenerationRequest(templateId: templateId, counterpartyId: counterparty, title: title, variables: variables ?? [:], clauses: choices, crm: crm)
    }

    /// The `clauses` map of a creation or of a change of clauses, every bad entry named.
    public static func choices(_ clauses: [String: JSONValue], errors: inout [FieldError]) -> [String: ClauseChoice] {
        var choices = [String: ClauseChoice]()
        for (key, value) in clauses.sorted(by: { $0.key < $1.key }) {
            let field = "clauses.\(key.prefix(60))"
            switch value {
            case .string("standard"), .bool(true): choices[key] = .standard
            case .bool(false): choices[key] = .omitted
            case .string(let alternative) where ClauseKey.isValid(alternative): choices[key] = .alternative(alternative)
            case .object(let object) where object.keys.sorted() == ["custom"]:
                guard case .string(let text)? = object["custom"] else {
                    errors.append(FieldError(field + ".custom", "must be the clause text"))
                    continue
                }
                let problems = TextRules.requiredText(text, field: field + ".custom", max: Clause.maxBodyLength)
                if problems.isEmpty { choices[key] = .custom(text) } else { errors += problems }
            default:
                errors.append(FieldError(field, "must be \"standard\", an alternative key, {\"custom\": \"text\"}, true or false"))
            }
        }
        return choices
    }
}
