import Foundation

/// "When an opportunity's stage is Contracting, generate this template and, optionally, send it for signature."
/// Level-triggered: a record that is at the stage when Paraphe looks fires the rule, once per (rule, record), even
/// when the move happened between two polls.
public struct StageRule: Codable, Sendable, Hashable {
    public struct Condition: Codable, Sendable, Hashable {
        public var object: String
        public var field: String
        public var equals: String
        /// Only records of this record type (Salesforce `RecordTypeId`, HubSpot and Pipedrive pipelines).
        public var recordType: String?

        public init(object: String, field: String, equals: String, recordType: String? = nil) {
            self.object = object
            self.field = field
            self.equals = equals
            self.recordType = recordType
        }
    }

    /// Stable across edits of the rule, so a record that fired it does not fire it again.
    public var id: String
    public var when: Condition
    public var templateId: String
    public var autoSend: Bool
    /// The colleague who signs for the company when the rule sends (a signature needs one), unless a person named
    /// another signatory on the contract while it was in review. Their authority is checked when it is sent.
    public var signatoryId: String?

    public init(id: String, when: Condition, templateId: String, autoSend: Bool, signatoryId: String? = nil) {
        self.id = id
        self.when = when
        self.templateId = templateId
        self.autoSend = autoSend
        self.signatoryId = signatoryId
    }

    public func matches(object: String, fields: [String: JSONValue], system: CRMSystem) -> Bool {
        guard object.caseInsensitiveCompare(when.object) == .orderedSame,
              Self.value(fields, when.field) == when.equals else { return false }
        guard let recordType = when.recordType else { return true }
        return Self.value(fields, system.recordTypeField) == recordType
    }

    static func value(_ fields: [String: JSONValue], _ name: String) -> String? {
        switch fields[name] ?? fields.first(where: { $0.key.caseInsensitiveCompare(name) == .orderedSame })?.value {
        case .string(let text)?: text
        case .number(let n)?: "\(n)"
        case .bool(let b)?: "\(b)"
        default: nil
        }
    }

    public static func validate(_ rules: [StageRule], templateExists: (String) -> Bool, colleagueExists: (String) -> Bool) -> [FieldError] {
        var errors: [FieldError] = []
        var ids: Set<String> = []
        for (i, rule) in rules.enumerated() {
            let at = "rules[\(i)]"
            if !CRMLink.isObjectName(rule.id) || !ids.insert(rule.id).inserted {
                errors.append(FieldError("\(at).id", "must be a unique name of letters, digits and _"))
            }
            if !CRMLink.isObjectName(rule.when.object) || CRMProducts.isObject(rule.when.object) {
                errors.append(FieldError("\(at).when.object", "must be a CRM object name"))
            }
            if !CRMLink.isObjectName(rule.when.field) { errors.append(FieldError("\(at).when.field", "must be a CRM field name")) }
            if rule.when.equals.isEmpty || rule.when.equals.count > 255 { errors.append(FieldError("\(at).when.equals", "must have 1 to 255 characters")) }
            if !templateExists(rule.templateId) { errors.append(FieldError("\(at).templateId", "no published template with this id")) }
            if let signatory = rule.signatoryId, !colleagueExists(signatory) {
                errors.append(FieldError("\(at).signatoryId", "no active colleague with this id"))
            } else if rule.autoSend, rule.signatoryId == nil {
                errors.append(FieldError("\(at).signatoryId", "name the colleague who signs for the company when the rule sends for signature"))
            }
        }
        return errors
    }
}

extension CRMSystem {
    public var recordTypeField: String {
        switch self {
        case .salesforce: "RecordTypeId"
        case .hubspot: "pipeline"
        case .pipedrive: "pipeline_id"
        }
    }
}
