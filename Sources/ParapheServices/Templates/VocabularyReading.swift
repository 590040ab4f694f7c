import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

extension Vocabulary {
    /// The library's clause and alternative titles and the contract types' labels, read in one session; with
    /// `variables`, the published templates' variable labels too (their manifests are parsed, so only pages that
    /// show variable names ask for them).
    public static func read(in s: Session, variables: Bool = false) async throws -> Vocabulary {
        var vocabulary = Vocabulary()
        var after: String?
        while true {
            let page = try await s.clauses(after: after, limit: 200)
            for clause in page {
                vocabulary.clauses[clause.key] = clause.title
                for alternative in clause.alternatives { vocabulary.alternatives["\(clause.key)/\(alternative.key)"] = alternative.title }
            }
            guard page.count == 200, let last = page.last else { break }
            after = last.key
        }
        for type in try await s.contractTypes() { vocabulary.contractTypes[type.key] = Phrase(type.labelFr, type.labelEn) }
        guard variables else { return vocabulary }
        for template in try await s.templates(publishedOnly: true, after: nil, limit: 500) {
            guard let number = template.publishedVersion, let version = try await s.templateVersion(template.id, number),
                  let manifest = try? ManifestParser.parse(version.source) else { continue }
            for spec in manifest.variables where vocabulary.variables[spec.name] == nil { vocabulary.variables[spec.name] = spec.label }
        }
        return vocabulary
    }
}
