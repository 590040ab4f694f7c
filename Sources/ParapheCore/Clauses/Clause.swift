import Foundation

/// A library clause: a standard text and the pre-approved alternatives legal allows. Versioned: an edit makes a new
/// version, and contracts keep the text they were generated with.
public struct Clause: Hashable, Sendable, Codable {
    public var key: String
    public var version: Int
    public var title: String
    public var category: String
    public var body: String
    public var alternatives: [ClauseAlternative]
    /// The commitments the standard text creates; each alternative declares its own.
    public var obligations: [ObligationDeclaration]

    public init(key: String, version: Int = 1, title: String, category: String, body: String, alternatives: [ClauseAlternative] = [],
                obligations: [ObligationDeclaration] = []) {
        self.obligations = obligations
        self.key = key
        self.version = version
        self.title = title
        self.category = category
        self.body = body
        self.alternatives = alternatives
    }

    public func alternative(_ key: String) -> ClauseAlternative? {
        alternatives.first { $0.key == key }
    }

    /// The commitments a contract takes on by choosing `variant`: custom text declares none (legal adds them by hand).
    public func obligations(for variant: ClauseVariant) -> [ObligationDeclaration] {
        switch variant {
        case .standard: obligations
        case .alternative(let key): alternative(key)?.obligations ?? []
        case .custom: []
        }
    }

    public static let maxObligations = 20

    static func validate(_ obligations: [ObligationDeclaration], field: String) -> [FieldError] {
        var errors = obligations.count > maxObligations ? [FieldError(field, "at most \(maxObligations) commitments")] : []
        for (index, declaration) in obligations.enumerated() { errors += declaration.validate(field: "\(field)[\(index)]") }
        return errors
    }

    public static let maxBodyLength = 20_000

    /// Every rule on a clause as legal writes it; field names are those of the API body.
    public func validate() -> [FieldError] {
        var errors = [FieldError]()
        if !ClauseKey.isValid(key) { errors.append(FieldError("key", ClauseKey.rule)) }
        errors += TextRules.requiredLine(title, field: "title", max: 200)
        errors += TextRules.requiredText(category, field: "category", max: 80)
        errors += TextRules.requiredText(body, field: "body", max: Clause.maxBodyLength)
        errors += Self.validate(obligations, field: "obligations")
        var seen = Set<String>()
        for (index, alternative) in alternatives.enumerated() {
            let field = "alternatives[\(index)]"
            if !ClauseKey.isValid(alternative.key) { errors.append(FieldError("\(field).key", ClauseKey.rule)) }
            if ["standard", "custom", "omit"].contains(alternative.key) {
                errors.append(FieldError("\(field).key", "'\(alternative.key)' is reserved"))
            }
            if !seen.insert(alternative.key).inserted {
                errors.append(FieldError("\(field).key", "'\(alternative.key)' is used twice"))
            }
            errors += TextRules.requiredLine(alternative.title, field: "\(field).title", max: 200)
            errors += TextRules.requiredText(alternative.body, field: "\(field).body", max: Clause.maxBodyLength)
            errors += Self.validate(alternative.obligations, field: "\(field).obligations")
            if alternative.isDerogation {
                errors += TextRules.requiredText(alternative.derogationCategory, field: "\(field).derogationCategory", max: 80)
            } else if alternative.derogationCategory != nil {
                errors.append(FieldError("\(field).derogationCategory", "is only for alternatives with isDerogation: true"))
            }
        }
        return errors
    }
}

public struct ClauseAlternative: Hashable, Sendable, Codable {
    public var key: String
    public var title: String
    public var body: String
    /// A departure from the standard position that legal wants counted and reported, e.g. payment at 60 days.
    public var isDerogation: Bool
    public var derogationCategory: String?
    /// Roles whose approval the alternative needs (read by the approval policy).
    public var requiresApprovalBy: [Role]
    public var obligations: [ObligationDeclaration]

    public init(key: String, title: String, body: String, isDerogation: Bool, derogationCategory: String? = nil,
                requiresApprovalBy: [Role] = [], obligations: [ObligationDeclaration] = []) {
        self.obligations = obligations
        self.key = key
        self.title = title
        self.body = body
        self.isDerogation = isDerogation
        self.derogationCategory = derogationCategory
        self.requiresApprovalBy = requiresApprovalBy
    }

    enum CodingKeys: String, CodingKey { case key, title, body, isDerogation, derogationCategory, requiresApprovalBy, obligations }

    /// Versions stored before commitments existed have no `obligations`: they declared none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(key: try c.decode(String.self, forKey: .key), title: try c.decode(String.self, forKey: .title),
                  body: try c.decode(String.self, forKey: .body), isDerogation: try c.decode(Bool.self, forKey: .isDerogation),
                  derogationCategory: try c.decodeIfPresent(String.self, forKey: .derogationCategory),
                  requiresApprovalBy: try c.decodeIfPresent([Role].self, forKey: .requiresApprovalBy) ?? [],
                  obligations: try c.decodeIfPresent([ObligationDeclaration].self, forKey: .obligations) ?? [])
    }
}

/// Keys of clauses, alternatives and template nodes: stable identifiers a DOCX content control and an API client use.
public enum ClauseKey {
    public static let rule = "must be 1 to 60 letters, digits, '_' or '-', starting with a letter"

    public static func isValid(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isLetter, key.count <= 60 else { return false }
        return key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
