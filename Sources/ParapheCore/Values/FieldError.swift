/// One invalid field, named as the client sent it (`amount.currency`, `renewal.period`).
public struct FieldError: Hashable, Sendable, Codable {
    public var field: String
    public var message: String
    /// The 1-based line in a submitted document (a template manifest) where the problem is.
    public var line: Int?

    public init(_ field: String, _ message: String, line: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
    }
}

/// What the core throws when input breaks a rule; the HTTP edge turns it into a 422 listing every field.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// Text limits shared by every form and endpoint.
public enum TextRules {
    public static func requiredText(_ value: String?, field: String, max: Int) -> [FieldError] {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return [FieldError(field, "is required")]
        }
        return optionalText(value, field: field, max: max)
    }

    /// A title or a name: required, on one line.
    public static func requiredLine(_ value: String?, field: String, max: Int) -> [FieldError] {
        let errors = requiredText(value, field: field, max: max)
        guard errors.isEmpty, let value, value.contains(where: \.isNewline) else { return errors }
        return [FieldError(field, "must be on one line")]
    }

    public static func optionalText(_ value: String?, field: String, max: Int) -> [FieldError] {
        guard let value else { return [] }
        if value.count > max { return [FieldError(field, "must be at most \(max) characters")] }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            return [FieldError(field, "must not contain control characters")]
        }
        if containsBidiControl(value) {
            return [FieldError(field, "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)")]
        }
        return []
    }

    /// Embeddings, overrides and isolates reorder what a reader sees: a title could show one amount or name and hold
    /// another ("Trojan Source"). No title, name or comment needs them.
    public static func containsBidiControl(_ value: String) -> Bool {
        value.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
    }
}

extension String {
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
