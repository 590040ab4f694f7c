import Foundation
import ParapheCore
import Yams

/// Reads a manifest (YAML, or JSON, which YAML reads too) into a `TemplateManifest`, collecting every problem with
/// its line and field instead of stopping at the first.
public enum ManifestParser {
    public static let maxBytes = 512 * 1024

    public static func parse(_ source: String) throws(ManifestRejected) -> TemplateManifest {
        // Browsers send textareas with CRLF, and "\r\n" is one Character: line numbers must count it once.
        let source = source.replacingOccurrences(of: "\r\n", with: "\n")
        guard source.utf8.count <= maxBytes else {
            throw ManifestRejected(issues: [ManifestIssue(line: nil, field: "manifest", message: "is larger than \(maxBytes / 1024) KB")])
        }
        if let line = tooDeep(source) {
            throw ManifestRejected(issues: [ManifestIssue(line: line, field: "manifest", message: "nests deeper than \(maxDepth) levels")])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: source)
        } catch let error as YamlError {
            throw ManifestRejected(issues: [syntaxIssue(error)])
        } catch {
            throw ManifestRejected(issues: [ManifestIssue(line: nil, field: "manifest", message: "cannot be read: \(error)")])
        }
        if let root, let line = tooLarge(root) {
            throw ManifestRejected(issues: [ManifestIssue(line: line, field: "manifest",
                                                          message: "has more than \(maxNodes) values or nests deeper than \(maxDepth) levels once anchors are expanded")])
        }
        guard let root, case .mapping = root else {
            throw ManifestRejected(issues: [ManifestIssue(line: root?.mark?.line, field: "manifest", message: "must be a mapping with title, variables and clauses")])
        }
        var reader = NodeReader()
        let manifest = reader.manifest(root)
        guard reader.issues.isEmpty, let manifest else { throw ManifestRejected(issues: reader.issues) }
        return manifest
    }

    public static let maxDepth = 64
    public static let maxNodes = 100_000

    /// Yams expands each alias into a copy of its anchor, so a kilobyte of `&a [*b, *b, …]` can stand for a billion
    /// values. The expanded tree is walked once, without recursion, against a budget before anything reads it.
    static func tooLarge(_ root: Node) -> Int? {
        var pending: [(Node, Int)] = [(root, 1)]
        var count = 0
        while let (node, depth) = pending.popLast() {
            count += 1
            if count > maxNodes || depth > maxDepth { return node.mark?.line }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append((key, depth + 1)); pending.append((value, depth + 1)) }
            case .sequence(let sequence):
                for item in sequence { pending.append((item, depth + 1)) }
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    /// The YAML reader and ours recurse per level; a hostile `[[[[…` must be refused before it reaches them. Counts
    /// flow brackets and indentation, conservatively (a bracket inside quotes counts too).
    static func tooDeep(_ source: String) -> Int? {
        var depth = 0
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.prefix(while: { $0 == " " || $0 == "-" }).count > maxDepth * 4 { return index + 1 }
            for ch in line.utf8 {
                if ch == UInt8(ascii: "[") || ch == UInt8(ascii: "{") { depth += 1 }
                if ch == UInt8(ascii: "]") || ch == UInt8(ascii: "}") { depth = max(0, depth - 1) }
                if depth > maxDepth { return index + 1 }
            }
        }
        return nil
    }

    static func syntaxIssue(_ error: YamlError) -> ManifestIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            ManifestIssue(line: mark.line, field: "manifest", message: "YAML syntax: \(problem)")
        default:
            ManifestIssue(line: nil, field: "manifest", message: "YAML syntax: \(error)")
        }
    }
}

/// Walks the node tree; every accessor records an issue and returns nil rather than throwing.
struct NodeReader {
    var issues = [ManifestIssue]()

    mutating func fail(_ node: Node?, _ field: String, _ message: String) {
        issues.append(ManifestIssue(line: node?.mark?.line, field: field, message: message))
    }

    /// The keys of a mapping, complaining about keys the manifest does not know, so a typo never passes silently.
    mutating func fields(_ node: Node, _ field: String, allowed: Set<String>) -> [String: Node]? {
        guard case .mapping(let mapping) = node else { fail(node, field, "must be a mapping"); return nil }
        var result = [String: Node]()
        for (key, value) in mapping {
            guard let name = key.string, case .scalar = key else { fail(key, field, "keys must be plain names"); continue }
            if !allowed.contains(name) {
                fail(key, field.isEmpty ? name : "\(field).\(name)", "unknown field; expected one of \(allowed.sorted().joined(separator: ", "))")
            } else if case .alias = value {
                fail(value, "\(field).\(name)", "anchors and aliases are not supported")
            } else {
                result[name] = value
            }
        }
        return result
    }

    mutating func string(_ node: Node?, _ field: String, required: Bool = false, max: Int = 500) -> String? {
        guard let node else {
            if required { issues.append(ManifestIssue(line: nil, field: field, message: "is required")) }
            return nil
        }
        guard case .scalar(let scalar) = node else { fail(node, field, "must be text"); return nil }
        let text = scalar.string
        if let problem = TextRules.optionalText(text, field: field, max: max).first { fail(node, field, problem.message); return nil }
        if required, text.trimmingCharacters(in: .whitespaces).isEmpty { fail(node, field, "must not be empty"); return nil }
        return text
    }

    mutating func bool(_ node: Node?, _ field: String) -> Bool? {
        guard let node else { return nil }
        guard node.tagName == .bool, let value = node.bool else { fail(node, field, "must be true or false"); return nil }
        return value
    }

    mutating func sequence(_ node: Node?, _ field: String) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else { fail(node, field, "must be a list"); return [] }
        return Array(items)
    }

    mutating func expression(_ node: Node?, _ field: String) -> Expression? {
        guard let text = string(node, field, max: ExpressionParser.maxLength) else { return nil }
        // A bare ISO 8601 duration or date is a literal, so `period: P12M` reads as legal writes it.
        if let period = Period(text) { return .literal(.duration(period)) }
        if let day = Day(text) { return .literal(.date(day)) }
        do { return try ExpressionParser.parse(text) } catch { fail(node, field, error.message); return nil }
    }

    mutating func text(_ node: Node?, _ field: String) -> TextTemplate? {
        guard let source = string(node, field, max: Clause.maxBodyLength) else { return nil }
        do {
            return try TextTemplate.parse(source)
        } catch {
            // Block scalars (`|`) start on the line after the key.
            let base = node?.mark?.line ?? 0
            let offset = (node.flatMap { if case .scalar(let s) = $0 { s.style == .literal || s.style == .folded } else { false } } ?? false) ? 1 : 0
            issues.append(ManifestIssue(line: base + offset + error.line, field: field, message: error.message))
            return nil
        }
    }

    mutating func json(_ node: Node, _ field: String) -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            switch node.tagName {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool)
            case .int, .float:
                guard let d = Decimal(string: scalar.string, locale: Locale(identifier: "en_US_POSIX")) else { fail(node, field, "is not a number"); return nil }
                return .number(d)
            default: return .string(scalar.string)
            }
        case .sequence(let items):
            var values = [JSONValue]()
            for (i, item) in items.enumerated() { if let v = json(item, "\(field)[\(i)]") { values.append(v) } }
            return .array(values)
        case .mapping(let mapping):
            var object = [String: JSONValue]()
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if let v = json(value, "\(field).\(name)") { object[name] = v }
            }
            return .object(object)
        case .alias:
            fail(node, field, "anchors and aliases are not supported")
            return nil
        }
    }

    mutating func manifest(_ root: Node) -> TemplateManifest? {
        guard let f = fields(root, "", allowed: ["title", "variables", "computed", "parties", "preamble", "clauses", "terms", "closing", "annexes"]) else {
            return nil
        }
        let title = text(f["title"], "title")
        if f["title"] == nil { fail(root, "title", "is required") }
        var variables = [VariableSpec]()
        for (i, node) in sequence(f["variables"], "variables").enumerated() {
            if let spec = variable(node, "variables[\(i)]") { variables.append(spec) }
        }
        var computed = [ComputedValue]()
        for (i, node) in sequence(f["computed"], "computed").enumerated() {
            let field = "computed[\(i)]"
            guard let c = fields(node, field, allowed: ["name", "value"]) else { continue }
            guard let name = identifier(c["name"], "\(field).name"), let value = expression(c["value"], "\(field).value") else {
                if c["value"] == nil { fail(node, "\(field).value", "is required") }
                continue
            }
            computed.append(ComputedValue(name: name, expression: value, line: node.mark?.line ?? 0))
        }
        var parties = [PartyReference]()
        for (i, node) in sequence(f["parties"], "parties").enumerated() {
            let field = "parties[\(i)]"
            guard let p = fields(node, field, allowed: ["variable", "role"]) else { continue }
            if let variable = identifier(p["variable"], "\(field).variable"), let role = string(p["role"], "\(field).role", required: true, max: 80) {
                parties.append(PartyReference(variable: variable, role: role, line: node.mark?.line ?? 0))
            }
        }
        let clauseNodes = sequence(f["clauses"], "clauses")
        if clauseNodes.isEmpty { fail(f["clauses"] ?? root, "clauses", "must list at least one article") }
        var clauses = [ClauseNode]()
        for (i, node) in clauseNodes.enumerated() {
            if let clause = clauseNode(node, "clauses[\(i)]", depth: 1) { clauses.append(clause) }
        }
        var terms = TermsMapping()
        if let node = f["terms"], let t = fields(node, "terms", allowed: ["amount", "startDate", "endDate", "renewal"]) {
            terms.amount = expression(t["amount"], "terms.amount")
            terms.startDate = expression(t["startDate"], "terms.startDate")
            terms.endDate = expression(t["endDate"], "terms.endDate")
            if let renewalNode = t["renewal"], let r = fields(renewalNode, "terms.renewal", allowed: ["mode", "period", "notice"]) {
                if let mode = string(r["mode"], "terms.renewal.mode", required: true) {
                    if let parsed = RenewalMode(rawValue: mode) { terms.renewalMode = parsed } else {
                        fail(r["mode"], "terms.renewal.mode", "must be none, tacit or explicit")
                    }
                }
                terms.renewalPeriod = expression(r["period"], "terms.renewal.period")
                terms.renewalNotice = expression(r["notice"], "terms.renewal.notice")
            }
        }
        var annexes = [AnnexTemplate]()
        for (i, node) in sequence(f["annexes"], "annexes").enumerated() {
            let field = "annexes[\(i)]"
            guard let a = fields(node, field, allowed: ["title", "body", "when"]) else { continue }
            if let title = string(a["title"], "\(field).title", required: true, max: 200), let body = text(a["body"], "\(field).body") {
                annexes.append(AnnexTemplate(title: title, body: body, when: expression(a["when"], "\(field).when")))
            }
        }
        let preamble = text(f["preamble"], "preamble")
        let closing = text(f["closing"], "closing")
        guard let title else { return nil }
        return TemplateManifest(title: title, variables: variables, computed: computed, parties: parties, preamble: preamble,
                                clauses: clauses, terms: terms, closing: closing, annexes: annexes)
    }

    mutating func identifier(_ node: Node?, _ field: String) -> String? {
        guard let name = string(node, field, required: true, max: 60) else { return nil }
        guard name.first?.isLetter == true, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
              !["and", "or", "not", "in", "true", "false"].contains(name) else {
            fail(node, field, "must be a name of letters, digits and '_', starting with a letter (not and/or/not/in/true/false)")
            return nil
        }
        return name
    }

    mutating func variable(_ node: Node, _ field: String) -> VariableSpec? {
        guard let v = fields(node, field, allowed: ["name", "type", "label", "help", "required", "default", "options", "items", "min", "max",
                                                   "pattern", "counterparty"]) else { return nil }
        let name = identifier(v["name"], "\(field).name")
        let typeName = string(v["type"], "\(field).type", required: true)
        let type = typeName.flatMap(VariableType.init(rawValue:))
        if typeName != nil, type == nil {
            fail(v["type"], "\(field).type", "must be one of \(VariableType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let label = string(v["label"], "\(field).label", required: true, max: 200)
        var spec = VariableSpec(name: name ?? "", type: type ?? .text, label: label ?? "", line: node.mark?.line ?? 0)
        spec.help = string(v["help"], "\(field).help", max: 1000)
        spec.required = bool(v["required"], "\(field).required") ?? false
        spec.fromCounterparty = bool(v["counterparty"], "\(field).counterparty") ?? false
        for (i, option) in sequence(v["options"], "\(field).options").enumerated() {
            if let text = string(option, "\(field).options[\(i)]", required: true, max: 200) { spec.options.append(text) }
        }
        if let items = v["items"] {
            let itemName = string(items, "\(field).items")
            spec.itemType = itemName.flatMap(VariableType.init(rawValue:))
            // One line per item in the form: structured items (money, party) and yes/no lists cannot be typed that way.
            if spec.itemType == nil || !VariableType.listItems.contains(spec.itemType!) {
                fail(items, "\(field).items", "must be one of \(VariableType.listItems.map(\.rawValue).sorted().joined(separator: ", "))")
            }
        }
        for (key, target) in [("min", \VariableSpec.min), ("max", \VariableSpec.max)] {
            guard let node = v[key] else { continue }
            if let d = node.string.flatMap({ Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }), node.tagName == .int || node.tagName == .float {
                spec[keyPath: target] = d
            } else {
                fail(node, "\(field).\(key)", "must be a number")
            }
        }
        if let pattern = string(v["pattern"], "\(field).pattern", max: 200) {
            if (try? NSRegularExpression(pattern: pattern)) == nil {
                fail(v["pattern"], "\(field).pattern", "is not a valid regular expression")
            } else if let problem = PatternSafety.problem(pattern) {
                fail(v["pattern"], "\(field).pattern", problem)
            }
            spec.pattern = pattern
        }
        guard name != nil, type != nil, label != nil else { return nil }
        if type == .enum, spec.options.isEmpty { fail(node, "\(field).options", "is required for an enum") }
        if type != .enum, !spec.options.isEmpty { fail(v["options"], "\(field).options", "is only for enum variables") }
        if type == .list, spec.itemType == nil, v["items"] == nil { fail(node, "\(field).items", "is required for a list (the type of its items)") }
        if spec.fromCounterparty, type != .party { fail(v["counterparty"], "\(field).counterparty", "is only for party variables") }
        if let defaultNode = v["default"], let json = json(defaultNode, "\(field).default") {
            do {
                spec.defaultValue = try VariableBinding.value(json, spec: spec, field: "\(field).default")
            } catch {
                for e in error.errors { fail(defaultNode, e.field, e.message) }
            }
        }
        return spec
    }

    mutating func clauseNode(_ node: Node, _ field: String, depth: Int) -> ClauseNode? {
        guard let c = fields(node, field, allowed: ["id", "title", "clause", "body", "optional", "included", "when", "alternatives", "custom", "children"]) else {
            return nil
        }
        let id = string(c["id"], "\(field).id", required: true, max: 60)
        if let id, !ClauseKey.isValid(id) { fail(c["id"], "\(field).id", ClauseKey.rule) }
        let clause = string(c["clause"], "\(field).clause", max: 60)
        let body = text(c["body"], "\(field).body")
        let title = string(c["title"], "\(field).title", max: 200)
        if clause == nil, body == nil, c["body"] == nil, c["children"] == nil {
            fail(node, field, "needs a body, a library clause or children")
        }
        if clause != nil, c["body"] != nil { fail(c["body"], "\(field).body", "cannot be set with clause: the library clause gives the text") }
        if clause == nil, title == nil { fail(node, "\(field).title", "is required for an article without a library clause") }
        var alternatives: [String]?
        if let node = c["alternatives"] {
            alternatives = sequence(node, "\(field).alternatives").enumerated().compactMap { string($1, "\(field).alternatives[\($0)]", required: true, max: 60) }
            if clause == nil { fail(node, "\(field).alternatives", "needs clause: alternatives come from a library clause") }
        }
        var children = [ClauseNode]()
        if depth >= 3, c["children"] != nil {
            fail(c["children"], "\(field).children", "articles nest at most three levels deep")
        } else {
            for (i, child) in sequence(c["children"], "\(field).children").enumerated() {
                if let parsed = clauseNode(child, "\(field).children[\(i)]", depth: depth + 1) { children.append(parsed) }
            }
        }
        let optional = bool(c["optional"], "\(field).optional") ?? false
        let included = bool(c["included"], "\(field).included")
        if included != nil, !optional { fail(c["included"], "\(field).included", "is only for optional articles") }
        guard let id else { return nil }
        return ClauseNode(id: id, title: title, clause: clause, body: body, optional: optional, includedByDefault: included ?? true,
                          when: expression(c["when"], "\(field).when"), allowedAlternatives: alternatives,
                          allowCustom: bool(c["custom"], "\(field).custom") ?? false, children: children, line: node.mark?.line ?? 0)
    }
}

extension Node {
    /// The resolved tag's name (`Tag.name` is internal to Yams; its description is the name).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.description) }
}
