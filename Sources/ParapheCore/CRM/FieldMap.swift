import Foundation

/// One line of an integration's field map: a Paraphe field, the CRM field it travels to or from, which way, and
/// which side owns the value when both have one.
public struct FieldMapping: Codable, Sendable, Hashable {
    public enum Direction: String, Codable, Sendable, CaseIterable { case push, pull, both }
    public enum Owner: String, Codable, Sendable, CaseIterable { case clm, crm }

    public var clmField: String
    public var crmObject: String
    public var crmField: String
    public var direction: Direction
    public var owner: Owner

    public init(clmField: String, crmObject: String, crmField: String, direction: Direction, owner: Owner) {
        self.clmField = clmField
        self.crmObject = crmObject
        self.crmField = crmField
        self.direction = direction
        self.owner = owner
    }

    /// Whether Paraphe writes this field now. A field both sides carry goes to the CRM when Paraphe owns it, and,
    /// when the CRM owns it, once the contract is signed: the deal's amount is the CRM's until then.
    public func pushes(executed: Bool) -> Bool {
        switch direction {
        case .push: true
        case .pull: false
        case .both: owner == .clm || executed
        }
    }

    /// Whether Paraphe reads this field from the CRM now: before signature, when the CRM owns it.
    public func pulls(executed: Bool) -> Bool {
        switch direction {
        case .push: false
        case .pull: !executed
        case .both: owner == .crm && !executed
        }
    }
}

/// What Paraphe can send or receive, with the CRM field types that can hold each.
public enum CLMField {
    public enum Kind: String, Sendable { case text, day, amount, url }

    public static let pushable: [String: Kind] = [
        "id": .text, "reference": .text, "title": .text, "status": .text, "signedDate": .day, "startDate": .day, "endDate": .day,
        "renewalDate": .day, "noticeDeadline": .day, "amount": .amount, "derogations": .text, "documentUrl": .url, "contractUrl": .url,
        "dealLink": .text,
    ]

    /// Read from the CRM into the contract's metadata (the legal queue reads `closeDate`), or, with `variables.`, into
    /// a template variable when a contract is generated from the record.
    public static let pullable: [String: Kind] = ["closeDate": .day, "stage": .text, "dealAmount": .amount]

    public static func kind(of field: String) -> Kind? {
        pushable[field] ?? pullable[field] ?? (isVariable(field) ? .text : nil)
    }

    /// Paraphe's fields go out, the CRM's come in; the amount alone goes both ways, the deal's until signature.
    public static func allows(_ direction: FieldMapping.Direction, for field: String) -> Bool {
        switch direction {
        case .push: pushable[field] != nil
        case .pull: pullable[field] != nil || isVariable(field)
        case .both: field == "amount"
        }
    }

    /// A CRM value in the shape Paraphe keeps for its kind: a day from a datetime (HubSpot's close date is
    /// midnight UTC), a number from text (HubSpot sends every value as a string).
    public static func normalised(_ value: JSONValue, as kind: Kind) -> JSONValue {
        switch (kind, value) {
        case (.day, .string(let text)) where text.count > 10 && Day(String(text.prefix(10))) != nil: .string(String(text.prefix(10)))
        case (.amount, .string(let text)): Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map(JSONValue.number) ?? value
        default: value
        }
    }

    public static func isVariable(_ field: String) -> Bool {
        field.hasPrefix("variables.") && field.count > 10 && field.count <= 80
    }

    /// CRM field types (Salesforce's describe, HubSpot's and Pipedrive's field types folded in) that hold a kind.
    public static func accepts(_ kind: Kind, crmType: String) -> Bool {
        let type = crmType.lowercased()
        switch kind {
        case .text: return ["string", "textarea", "picklist", "text", "varchar", "enumeration", "url", "email", "id", "reference"].contains(type)
        case .day: return ["date", "datetime"].contains(type)
        case .amount: return ["currency", "double", "number", "monetary", "int", "decimal"].contains(type)
        case .url: return ["url", "string", "textarea", "text", "varchar"].contains(type)
        }
    }
}

/// A CRM object's fields as its describe reports them.
public struct CRMObjectDescription: Codable, Sendable, Hashable {
    public struct Field: Codable, Sendable, Hashable {
        public var name: String
        public var type: String
        public var updateable: Bool
        public var externalId: Bool

        public init(name: String, type: String, updateable: Bool, externalId: Bool = false) {
            self.name = name
            self.type = type
            self.updateable = updateable
            self.externalId = externalId
        }
    }

    public var name: String
    public var fields: [Field]

    public init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame } }
}

public enum FieldMap {
    /// The map's own rules: known Paraphe fields, directions they allow, no field written twice.
    public static func validate(_ map: [FieldMapping]) -> [FieldError] {
        var errors: [FieldError] = []
        var written: Set<String> = []
        for (i, m) in map.enumerated() {
            let at = "fieldMap[\(i)]"
            if CRMProducts.isObject(m.crmObject) {
                errors += productErrors(m, at: at)
                continue
            }
            if CLMField.kind(of: m.clmField) == nil {
                errors.append(FieldError("\(at).clmField", "unknown Paraphe field '\(m.clmField)'; one of \((CLMField.pushable.keys.sorted() + CLMField.pullable.keys.sorted()).joined(separator: ", ")), or variables.<name>"))
            } else if !CLMField.allows(m.direction, for: m.clmField) {
                errors.append(FieldError("\(at).direction", CLMField.pushable[m.clmField] == nil
                    ? "'\(m.clmField)' is read from the CRM: use direction pull"
                    : "'\(m.clmField)' is Paraphe's: use direction push\(m.clmField == "amount" ? " (or both, with owner crm, to read the deal's amount until signature)" : "")"))
            }
            if !CRMLink.isObjectName(m.crmObject) { errors.append(FieldError("\(at).crmObject", "must be a CRM object name (letters, digits, _)")) }
            if !CRMLink.isObjectName(m.crmField) { errors.append(FieldError("\(at).crmField", "must be a CRM field name (letters, digits, _)")) }
            if m.direction != .pull, !written.insert("\(m.crmObject.lowercased()).\(m.crmField.lowercased())").inserted {
                errors.append(FieldError("\(at).crmField", "\(m.crmObject).\(m.crmField) is already written by another line"))
            }
        }
        return errors
    }

    /// A deal's products only fill template variables, when a contract is generated.
    static func productErrors(_ m: FieldMapping, at: String) -> [FieldError] {
        var errors: [FieldError] = []
        if !CLMField.isVariable(m.clmField) {
            errors.append(FieldError("\(at).clmField", "the deal's products fill template variables only: use variables.<name>"))
        }
        if m.direction != .pull { errors.append(FieldError("\(at).direction", "the deal's products are read from the CRM: use direction pull")) }
        if CRMProducts.Field(rawValue: m.crmField) == nil {
            errors.append(FieldError("\(at).crmField", "the deal's products give \(CRMProducts.Field.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        return errors
    }

    /// The map against the CRM's describe: a field renamed or deleted in the CRM, one Paraphe may not write, or of
    /// a type that cannot hold the value, is an error naming the line. `describe` has the objects the map names.
    public static func check(_ map: [FieldMapping], against describe: [String: CRMObjectDescription]) -> [FieldError] {
        var errors: [FieldError] = []
        for (i, m) in map.enumerated() where !CRMProducts.isObject(m.crmObject) {
            let at = "fieldMap[\(i)].crmField"
            guard let object = describe.first(where: { $0.key.caseInsensitiveCompare(m.crmObject) == .orderedSame })?.value else {
                errors.append(FieldError("fieldMap[\(i)].crmObject", "the CRM has no object \(m.crmObject)"))
                continue
            }
            guard let field = object.field(m.crmField) else {
                errors.append(FieldError(at, "\(m.crmObject) has no field \(m.crmField): was it renamed or deleted in the CRM?"))
                continue
            }
            if m.direction != .pull, !field.updateable {
                errors.append(FieldError(at, "\(m.crmObject).\(m.crmField) is read-only in the CRM"))
            }
            if !CLMField.isVariable(m.clmField), let kind = CLMField.kind(of: m.clmField), !CLMField.accepts(kind, crmType: field.type) {
                errors.append(FieldError(at, "\(m.crmObject).\(m.crmField) is of type \(field.type), which cannot hold \(m.clmField)"))
            }
        }
        return errors
    }
}
