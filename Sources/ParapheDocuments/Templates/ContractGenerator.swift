import Foundation
import ParapheCore

/// What a template and a contract's data produce: the document to render, the clause instances to store, and the
/// contract terms the variables fill. Pure and deterministic: same inputs, same output.
public struct GeneratedContract: Hashable, Sendable {
    public var title: String
    public var document: DocumentModel
    public var clauses: [ClauseInstance]
    /// The commitments the clauses chosen declare, worded and dated from the variables.
    public var obligations: [ObligationDraft]
    public var amount: Money?
    public var startDate: Day?
    public var endDate: Day?
    public var renewal: RenewalTerms
    /// The variables as checked, computed values included, to store with the contract.
    public var scope: TemplateScope

    /// The variables as the contract stores them, and as approval rules read them.
    public var variablesJSON: JSONValue { .object(scope.mapValues(\.json)) }
}

public struct ContractGenerator {
    public var manifest: TemplateManifest
    public var library: [String: Clause]
    public var language: Language

    public init(manifest: TemplateManifest, library: [String: Clause], language: Language) {
        self.manifest = manifest
        self.library = library
        self.language = language
    }

    /// `choices` maps a node's choice key to what the contract wants there; every problem is a field error under
    /// `variables.` or `clauses.`.
    public func generate(variables scope: TemplateScope, choices: [String: ClauseChoice], title: String? = nil,
                         subtitle: String? = nil) throws(ValidationFailure) -> GeneratedContract {
        var scope = scope
        var errors = [FieldError]()
        for computed in manifest.computed {
            do { scope[computed.name] = try computed.expression.evaluate(scope) } catch {
                errors.append(FieldError("variables", "cannot compute \(computed.name): \(error.message)"))
            }
        }
        errors += checkChoices(choices)
        guard errors.isEmpty else { throw ValidationFailure(errors) }

        var numbers = [String: String]()
        var conditionErrors = [FieldError]()
        let included = number(manifest.clauses, scope: scope, choices: choices, prefix: "", numbers: &numbers, errors: &conditionErrors)
        let annexTemplates = manifest.annexes.enumerated().filter { index, annex in
            holds(annex.when, scope, field: "annexes[\(index)].when", errors: &conditionErrors)
        }.map(\.element)
        guard conditionErrors.isEmpty else { throw ValidationFailure(conditionErrors) }
        var writer = TextWriter(scope: scope, numbers: numbers, language: language, allIds: Set(manifest.allNodes.map(\.id)))
        var instances = [ClauseInstance]()
        let articles = included.map { build($0, level: 1, choices: choices, writer: &writer, instances: &instances) }
        let terms = evaluateTerms(scope, errors: &writer.errors)
        let obligations = commitments(of: instances, scope: scope, start: terms.start, writer: &writer)
        let documentTitle = title ?? writer.line(manifest.title, context: "title")
        let parties = manifest.parties.compactMap { reference -> Party? in
            guard case .party(var party)? = scope[reference.variable] else {
                writer.errors.append(FieldError("variables.\(reference.variable)", "is required: the contract names this party"))
                return nil
            }
            party.role = reference.role
            return party
        }
        let preamble = manifest.preamble.map { writer.blocks($0, context: "preamble") } ?? []
        let closing = manifest.closing.map { writer.line($0, context: "closing") }
            ?? (language == .fr ? "Fait en deux exemplaires originaux." : "Executed in two original copies.")
        let annexes = annexTemplates
            .map { Annex(title: $0.title, blocks: writer.blocks($0.body, context: "annex \($0.title)")) }
        guard writer.errors.isEmpty else { throw ValidationFailure(Array(Set(writer.errors)).sorted { $0.field < $1.field }) }
        let document = DocumentModel(
            language: language, title: documentTitle, subtitle: subtitle, parties: parties, preamble: preamble, articles: articles,
            signature: SignaturePage(closing: closing, signatories: parties.map { Signatory(party: $0.name, name: $0.representative) }),
            annexes: annexes)
        return GeneratedContract(title: documentTitle, document: document, clauses: instances, obligations: obligations, amount: terms.amount, startDate: terms.start,
                                 endDate: terms.end, renewal: terms.renewal, scope: scope)
    }

    /// The choices that produced `instances`, so a contract can be generated again with one of them changed. An
    /// optional clause the contract does not hold was left out.
    public func choices(from instances: [ClauseInstance]) -> [String: ClauseChoice] {
        let held = Dictionary(instances.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var choices = [String: ClauseChoice]()
        for node in manifest.allNodes where node.isChoosable {
            switch held[node.choiceKey]?.variant {
            case .alternative(let key)?: choices[node.choiceKey] = .alternative(key)
            case .custom?: choices[node.choiceKey] = held[node.choiceKey].map { .custom($0.text) }
            case .standard?: choices[node.choiceKey] = .standard
            case nil: if node.optional { choices[node.choiceKey] = .omitted }
            }
        }
        return choices
    }

    private func checkChoices(_ choices: [String: ClauseChoice]) -> [FieldError] {
        let nodes = Dictionary(manifest.allNodes.filter(\.isChoosable).map { ($0.choiceKey, $0) }, uniquingKeysWith: { a, _ in a })
        var errors = [FieldError]()
        for (key, choice) in choices.sorted(by: { $0.key < $1.key }) {
            let field = "clauses.\(key.prefix(60))"
            guard let node = nodes[key] else {
                errors.append(FieldError(field, "unknown clause; this template lets you choose \(nodes.keys.sorted().joined(separator: ", "))"))
                continue
            }
            switch choice {
            case .standard: break
            case .omitted:
                if !node.optional { errors.append(FieldError(field, "is not optional")) }
            case .custom(let text):
                if !node.allowCustom { errors.append(FieldError(field, "does not accept custom text in this template")) }
                errors += TextRules.requiredText(text, field: "\(field).custom", max: Clause.maxBodyLength)
            case .alternative(let alternative):
                let allowed = node.clause.flatMap { library[$0] }.map { clause in
                    clause.alternatives.map(\.key).filter { node.allowedAlternatives?.contains($0) ?? true }
                } ?? []
                if !allowed.contains(alternative) {
                    errors.append(FieldError(field, "alternative '\(alternative.prefix(60))' is not allowed here; allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))"))
                }
            }
        }
        return errors
    }

    /// Drops the articles whose condition fails or that the user left out, then numbers what remains, so numbering
    /// never has gaps.
    /// Whether a condition holds: absent values read as false; a condition that cannot be evaluated (comparing a
    /// duration with a number) is the template's fault, reported rather than read as false.
    private func holds(_ condition: Expression?, _ scope: TemplateScope, field: String, errors: inout [FieldError]) -> Bool {
        guard let condition else { return true }
        do {
            return try condition.evaluate(scope)?.truthy ?? false
        } catch {
            errors.append(FieldError(field, "this template's condition cannot be evaluated: \(error.message)"))
            return false
        }
    }

    private func number(_ nodes: [ClauseNode], scope: TemplateScope, choices: [String: ClauseChoice], prefix: String,
                        numbers: inout [String: String], errors: inout [FieldError]) -> [ClauseNode] {
        var kept = [ClauseNode]()
        for node in nodes {
            if !holds(node.when, scope, field: "clauses.\(node.id).when", errors: &errors) { continue }
            if node.optional {
                let choice = choices[node.choiceKey]
                if choice == .omitted || (choice == nil && !node.includedByDefault) { continue }
            }
            let number = prefix.isEmpty ? "\(kept.count + 1)" : "\(prefix).\(kept.count + 1)"
            numbers[node.id] = number
            var copy = node
            copy.children = self.number(node.children, scope: scope, choices: choices, prefix: number, numbers: &numbers, errors: &errors)
            kept.append(copy)
        }
        return kept
    }

    private func build(_ node: ClauseNode, level: Int, choices: [String: ClauseChoice], writer: inout TextWriter,
                       instances: inout [ClauseInstance]) -> Article {
        let number = writer.numbers[node.id] ?? ""
        let clause = node.clause.flatMap { library[$0] }
        // A choice names a choosable node; a plain article whose id happens to equal that key is not the one meant.
        let choice = node.isChoosable ? choices[node.choiceKey] ?? .standard : .standard
        let context = "article \(number)"
        var blocks = [Block]()
        var variant = ClauseVariant.standard
        switch choice {
        case .custom(let text):
            variant = .custom
            blocks = TextWriter.literalParagraphs(text)
        case .alternative(let key):
            if let alternative = clause?.alternative(key), let template = try? TextTemplate.parse(alternative.body) {
                variant = .alternative(key)
                blocks = writer.blocks(template, context: context)
            }
        case .standard, .omitted:
            if let body = node.body { blocks = writer.blocks(body, context: context) }
            else if let clause, let template = try? TextTemplate.parse(clause.body) { blocks = writer.blocks(template, context: context) }
        }
        let title = node.title ?? clause?.title ?? node.id
        // Every article is an instance, library clause or not, so a contract's clauses can be compared with the
        // standard and counted by derogation.
        let deviation = ClauseDeviation.classify(variant, in: clause)
        instances.append(ClauseInstance(
            nodeId: node.id, number: number, key: node.choiceKey, clauseVersion: clause?.version, title: title, variant: variant,
            isDerogation: deviation.isDerogation, derogationCategory: deviation.category, requiresApprovalBy: deviation.approvers,
            text: blocks.plainText))
        let children = node.children.map { build($0, level: level + 1, choices: choices, writer: &writer, instances: &instances) }
        return Article(id: node.id, number: number, level: level, title: title, clauseKey: node.choiceKey, blocks: blocks, children: children)
    }

    /// Each clause kept declares its commitments through the text chosen. A due date the variables cannot give (the
    /// expression names a variable this contract left empty) leaves the commitment undated for legal to set, rather
    /// than stopping the sales rep.
    private func commitments(of instances: [ClauseInstance], scope: TemplateScope, start: Day?, writer: inout TextWriter) -> [ObligationDraft] {
        var drafts = [ObligationDraft]()
        for instance in instances {
            // Only articles drawn from the library (they carry its version) declare commitments.
            guard instance.clauseVersion != nil, let clause = library[instance.key] else { continue }
            for (index, declaration) in clause.obligations(for: instance.variant).enumerated() {
                guard let wording = try? TextTemplate.parse(declaration.wording) else { continue }
                var due: Day?
                if let text = declaration.due, let expression = try? ExpressionParser.parse(text), case .date(let day)?? = try? expression.evaluate(scope) {
                    due = day
                }
                if declaration.due == nil, let every = declaration.every, let start { due = start.adding(every) }
                drafts.append(ObligationDraft(source: ObligationDraft.source(clauseKey: instance.key, variant: instance.variant, index: index),
                                              clauseKey: instance.key, wording: writer.line(wording, context: "article \(instance.number)"),
                                              owedBy: declaration.owedBy, ownerRole: declaration.ownerRole, dueOn: due, every: declaration.every))
            }
        }
        return drafts
    }

    private func evaluateTerms(_ scope: TemplateScope, errors: inout [FieldError]) -> (amount: Money?, start: Day?, end: Day?, renewal: RenewalTerms) {
        func value(_ expression: Expression?, _ field: String) -> TemplateValue? {
            guard let expression else { return nil }
            do { return try expression.evaluate(scope) } catch {
                errors.append(FieldError("variables", "\(field): \(error.message)"))
                return nil
            }
        }
        let terms = manifest.terms
        var amount: Money?
        if case .money(let m)? = value(terms.amount, "terms.amount") { amount = m }
        var start: Day?, end: Day?
        if case .date(let d)? = value(terms.startDate, "terms.startDate") { start = d }
        if case .date(let d)? = value(terms.endDate, "terms.endDate") { end = d }
        var period: Period?, notice: Period?
        if case .duration(let p)? = value(terms.renewalPeriod, "terms.renewal.period") { period = p }
        if case .duration(let p)? = value(terms.renewalNotice, "terms.renewal.notice") { notice = p }
        let renewal: RenewalTerms = switch terms.renewalMode {
        case .tacit?: RenewalTerms(mode: .tacit, period: period, notice: notice)
        case .explicit?: RenewalTerms(mode: .explicit, period: period, notice: notice)
        default: .none
        }
        return (amount, start, end, renewal)
    }
}
