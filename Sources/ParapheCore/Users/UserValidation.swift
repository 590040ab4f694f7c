import Foundation

public struct NewUser: Sendable, Hashable {
    public var email: String
    public var name: String
    public var password: String
    public var roles: Set<Role>
    public var language: Language
    public var timeZone: String

    public init(email: String, name: String, password: String, roles: Set<Role>, language: Language = .fr,
                timeZone: String = Formatting.defaultTimeZone.identifier) {
        self.timeZone = timeZone
        self.email = email
        self.name = name
        self.password = password
        self.roles = roles
        self.language = language
    }
}

public enum UserRules {
    public static let minimumPasswordLength = 10

    public static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace)
    }

    public static func validate(_ user: NewUser) -> [FieldError] {
        var errors: [FieldError] = []
        if !isPlausibleEmail(normalizedEmail(user.email)) {
            errors.append(FieldError("email", "must be an email address such as jeanne@example.fr"))
        }
        errors += validateName(user.name)
        if user.password.count < minimumPasswordLength {
            errors.append(FieldError("password", "must have at least \(minimumPasswordLength) characters"))
        } else if user.password.utf8.count > 72 {
            errors.append(FieldError("password", "must be at most 72 bytes (bcrypt ignores the rest)"))
        }
        if user.roles.isEmpty {
            errors.append(FieldError("roles", "must name at least one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        return errors
    }

    public static func validateName(_ name: String) -> [FieldError] {
        TextRules.requiredLine(name.trimmingCharacters(in: .whitespacesAndNewlines), field: "name", max: 200)
    }

    /// Role names as a client wrote them; at least one.
    public static func roles(from names: [String]) throws -> Set<Role> {
        var roles = Set<Role>()
        for (index, name) in names.enumerated() {
            guard let role = Role(rawValue: name) else {
                throw ValidationFailure([FieldError("roles[\(index)]", "unknown role '\(name.prefix(40))'; one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            roles.insert(role)
        }
        guard !roles.isEmpty else { throw ValidationFailure([FieldError("roles", "must name at least one role")]) }
        return roles
    }

    /// A language code, French when none is given.
    public static func language(from text: String?) throws -> Language {
        guard let text else { return .fr }
        guard let language = Language(rawValue: text) else { throw ValidationFailure([FieldError("language", "must be fr or en")]) }
        return language
    }

    /// A time zone by its IANA name (`Europe/Paris`, `America/Martinique`).
    public static func timeZone(from text: String) throws -> String {
        // Named zones only: an abbreviation (`CET`, `EST`) shifts with the seasons differently from what it says.
        guard text.count <= 64, TimeZone.knownTimeZoneIdentifiers.contains(text) || text == "UTC", TimeZone(identifier: text) != nil else {
            throw ValidationFailure([FieldError("timeZone", "must be a time zone such as Europe/Paris")])
        }
        return text
    }

    /// An admin cannot take away their own admin access (deactivate themselves or drop the role): one slip would
    /// leave the workspace with nobody to administer it.
    public static func selfDemotion(by admin: User, of target: User.ID, roles: Set<Role>?, active: Bool?) -> FieldError? {
        guard target == admin.id else { return nil }
        if active == false { return FieldError("active", "you cannot remove your own admin access") }
        if let roles, !roles.contains(.admin) { return FieldError("roles", "you cannot remove your own admin access") }
        return nil
    }
}
