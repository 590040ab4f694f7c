import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

/// Legal's side: the clause library and the templates, each write one transaction.
public struct TemplateWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public var database: Database { services.database }

    private func requireEditor(_ user: User) throws {
        guard user.canEditTemplates else { throw DomainError.forbidden("only legal or an admin may change clauses and templates") }
    }

    // MARK: Clauses

    public func createClause(_ clause: Clause, by user: User) async throws -> Clause {
        try requireEditor(user)
        var clause = clause
        clause.version = 1
        let errors = clause.validate() + Self.bodyErrors(clause)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let now = services.clock()
        let stored = clause
        try await database.transaction { s in
            try await s.saveClause(stored, by: user.id, at: now)
            try await s.appendAdminEvent(.clauseSaved(key: stored.key, version: stored.version), actor: .user(user), at: now)
        }
        return clause
    }

    /// A new version with `change` applied; contracts generated before keep the text they were generated with.
    public func updateClause(_ key: String, by user: User, change: @Sendable (inout Clause) -> Void) async throws -> Clause {
        try requireEditor(user)
        let now = services.clock()
        return try await database.transaction { s in
            guard var clause = try await s.clause(key) else { throw DomainError.notFound("no clause with key \(key)") }
            let before = clause
            change(&clause)
            clause.key = key
            guard clause != before else { return before }
            clause.version = before.version + 1
            let errors = clause.validate() + Self.bodyErrors(clause)
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            let broken = try await brokenTemplates(if: clause, in: s)
            guard broken.isEmpty else { throw ValidationFailure(broken) }
            try await s.saveClause(clause, by: user.id, at: now)
            try await s.appendAdminEvent(.clauseSaved(key: clause.key, version: clause.version), actor: .user(user), at: now)
            return clause
        }
    }

    /// What the edit would break in the published templates using the clause: a new placeholder they do not
    /// declare, or an alternative they allow that no longer exists. New contracts use the edit at once, so those
    /// templates must stay valid with it.
    public func brokenTemplates(if clause: Clause, in s: Session) async throws -> [FieldError] {
        var errors = [FieldError]()
        for template in try await s.templates(publishedOnly: true, after: nil, limit: 10_000) {
            guard let number = template.publishedVersion, let version = try await s.templateVersion(template.id, number),
                  let manifest = try? ManifestParser.parse(version.source), manifest.libraryKeys.contains(clause.key) else { continue }
            var library = try await s.currentClauses(manifest.libraryKeys)
            library[clause.key] = clause
            for issue in ManifestValidator.validate(manifest, library: library) {
                errors.append(FieldError("body", "template '\(template.name)' (v\(number)) would break: \(issue.field): \(issue.message)"))
            }
        }
        return errors
    }

    /// Bodies and commitments' wordings are text templates, due dates expressions: a broken placeholder is caught when legal saves, not when sales generate.
    public static func bodyErrors(_ clause: Clause) -> [FieldError] {
        var errors = [FieldError]()
        func check(_ body: String, _ field: String) {
            do { _ = try TextTemplate.parse(body) } catch { errors.append(FieldError(field, "line \(error.line): \(error.message)")) }
        }
        func check(_ obligations: [ObligationDeclaration], _ field: String) {
            for (i, declaration) in obligations.enumerated() {
                check(declaration.wording, "\(field)[\(i)].wording")
                if let due = declaration.due {
                    do { _ = try ExpressionParser.parse(due) } catch { errors.append(FieldError("\(field)[\(i)].due", error.message)) }
                }
            }
        }
        check(clause.body, "body")
        check(clause.obligations, "obligations")
        for (i, alternative) in clause.alternatives.enumerated() {
            check(alternative.body, "alternatives[\(i)].body")
            check(alternative.obligations, "alternatives[\(i)].obligations")
        }
        return errors
    }

    // MARK: Templates

    public func createTemplate(name: String?, contractType: String?, language: String?, by user: User) async throws -> Template {
        try requireEditor(user)
        var shapeErrors = Template.validateName(name)
        let lang = Language(rawValue: language ?? "fr")
        if lang == nil { shapeErrors.append(FieldError("language", "must be fr or en")) }
        if contractType == nil { shapeErrors.append(FieldError("contractType", "is required")) }
        let now = services.clock()
        let found = shapeErrors
        return try await database.transaction { s in
            var errors = found
            if let type = contractType, try await !s.contractTypeExists(type) {
                errors.append(FieldError("contractType", "unknown contract type; one of \(try await s.contractTypes().map(\.key).joined(separator: ", "))"))
            }
            guard errors.isEmpty, let name, let contractType, let lang else { throw ValidationFailure(errors) }
            let template = Template(name: name, contractType: contractType, language: lang, createdAt: now, updatedAt: now)
            try await s.insertTemplate(template)
            return template
        }
    }

    /// Stores a draft after checking its shape; full validation happens at publication, against the library.
    public func addVersion(_ id: Template.ID, source: String, by user: User) async throws -> TemplateVersion {
        try requireEditor(user)
        do { _ = try ManifestParser.parse(source) } catch { throw ValidationFailure(error.issues.map(\.fieldError)) }
        let now = services.clock()
        return try await database.transaction { s in
            guard try await s.template(id, forUpdate: true) != nil else { throw DomainError.notFound("no template with this id") }
            let next = (try await s.templateVersions(id).map(\.version).max() ?? 0) + 1
            let version = TemplateVersion(templateId: id, version: next, status: .draft, source: source, createdAt: now, createdBy: user.id)
            try await s.insertTemplateVersion(version)
            return version
        }
    }

    public func publish(_ id: Template.ID, version number: Int, by user: User) async throws -> Template {
        try requireEditor(user)
        let now = services.clock()
        return try await database.transaction { s in
            guard var template = try await s.template(id, forUpdate: true) else { throw DomainError.notFound("no template with this id") }
            let versions = try await s.templateVersions(id)
            guard let version = versions.first(where: { $0.version == number }) else { throw DomainError.notFound("template has no version \(number)") }
            guard version.status != .published else { return template }
            let manifest: TemplateManifest
            do throws(ManifestRejected) { manifest = try ManifestParser.parse(version.source) } catch {
                throw ValidationFailure(error.issues.map(\.fieldError))
            }
            let library = try await s.currentClauses(manifest.libraryKeys)
            let issues = ManifestValidator.validate(manifest, library: library)
            guard issues.isEmpty else { throw ValidationFailure(issues.map(\.fieldError)) }
            // publish maps the versions one to one: only those whose status moved are written.
            for (before, after) in zip(versions, TemplatePublishing.publish(number, in: versions, at: now)) where after != before {
                try await s.updateTemplateVersionStatus(after)
            }
            template.publishedVersion = number
            template.updatedAt = now
            try await s.updateTemplate(template)
            try await s.appendAdminEvent(.templatePublished(templateId: id.description, version: number), actor: .user(user), at: now)
            return template
        }
    }

    /// The published manifest of a template, parsed; what the wizard and generation use.
    public func published(_ id: Template.ID, in s: Session) async throws -> (Template, TemplateVersion, TemplateManifest) {
        guard let template = try await s.template(id) else { throw ValidationFailure([FieldError("templateId", "no template with this id")]) }
        guard let number = template.publishedVersion, let version = try await s.templateVersion(id, number) else {
            throw ValidationFailure([FieldError("templateId", "template '\(template.name)' has no published version yet")])
        }
        do {
            return (template, version, try ManifestParser.parse(version.source))
        } catch {
            throw TemplateUnreadable(version: number)
        }
    }
}

/// A stored, published manifest that no longer parses: the server's fault, never the caller's.
public struct TemplateUnreadable: Error, Sendable {
    public var version: Int
}
