import Foundation
import ParapheCore

/// What publishing checks beyond the manifest's shape: every name a condition, placeholder, computed value or term
/// uses exists; library clauses and their alternatives exist; ids are unique and cross-references land.
public enum ManifestValidator {
    public static func validate(_ manifest: TemplateManifest, library: [String: Clause]) -> [ManifestIssue] {
        var issues = [ManifestIssue]()
        var types = [String: VariableType?]()
        for (i, spec) in manifest.variables.enumerated() {
            if types[spec.name] != nil {
                issues.append(ManifestIssue(line: spec.line, field: "variables[\(i)].name", message: "'\(spec.name)' is declared twice"))
            }
            types[spec.name] = spec.type
        }
        func check(_ expression: Expression, _ line: Int?, _ field: String) {
            for path in expression.paths {
                guard let type = types[path[0]] else {
                    issues.append(ManifestIssue(line: line, field: field, message: "unknown variable '\(path[0])'; known: \(types.keys.sorted().joined(separator: ", "))"))
                    continue
                }
                if path.count > 1, let type, !type.members.contains(path[1]) {
                    issues.append(ManifestIssue(line: line, field: field, message: "'\(path[0])' (\(type.rawValue)) has no field '\(path[1])'"))
                }
                if path.count > 2 { issues.append(ManifestIssue(line: line, field: field, message: "'\(path.joined(separator: "."))' reaches too deep")) }
            }
            for (name, count) in expression.calls {
                if let expected = TemplateFunctions.arity[name] {
                    if expected != count { issues.append(ManifestIssue(line: line, field: field, message: "\(name) takes \(expected) arguments, not \(count)")) }
                } else {
                    issues.append(ManifestIssue(line: line, field: field, message: "unknown function '\(name)'; known: \(TemplateFunctions.arity.keys.sorted().joined(separator: ", "))"))
                }
            }
        }
        for (i, computed) in manifest.computed.enumerated() {
            check(computed.expression, computed.line, "computed[\(i)].value")
            if types[computed.name] != nil {
                issues.append(ManifestIssue(line: computed.line, field: "computed[\(i)].name", message: "'\(computed.name)' is already a variable"))
            }
            types[computed.name] = .some(nil)
        }
        let ids = manifest.allNodes.map(\.id)
        // For each node, the nodes that contain it (itself included) and can be left out of a contract.
        var removableAncestors = [String: [String]]()
        var ancestors = [String: [String]]()
        func mapTree(_ nodes: [ClauseNode], path: [String], removable: [String]) {
            for node in nodes {
                let here = node.optional || node.when != nil ? removable + [node.id] : removable
                removableAncestors[node.id] = here
                ancestors[node.id] = path + [node.id]
                mapTree(node.children, path: path + [node.id], removable: here)
            }
        }
        mapTree(manifest.clauses, path: [], removable: [])
        var seenIds = Set<String>()
        var seenKeys = Set<String>()
        /// `from` is the node whose text it is; nil for the title, preamble, closing and annexes.
        func checkText(_ text: TextTemplate?, _ line: Int?, _ field: String, from: String? = nil) {
            guard let text else { return }
            for expression in text.expressions { check(expression, line, field) }
            for target in text.references {
                guard ids.contains(target) else {
                    issues.append(ManifestIssue(line: line, field: field, message: "refers to article '\(target)', which does not exist"))
                    continue
                }
                // A reference must not dangle when a contract leaves its target out; text inside that same optional
                // or conditional part goes with it, so it may.
                let within = Set(from.flatMap { ancestors[$0] } ?? [])
                if let loose = removableAncestors[target]?.first(where: { !within.contains($0) }) {
                    issues.append(ManifestIssue(line: line, field: field, message: "refers to article '\(target)', which a contract can leave out "
                                                + "('\(loose)' is optional or conditional); refer to it only from inside it"))
                }
            }
        }
        checkText(manifest.title, nil, "title")
        checkText(manifest.preamble, nil, "preamble")
        checkText(manifest.closing, nil, "closing")
        func walk(_ nodes: [ClauseNode], _ prefix: String) {
            for (i, node) in nodes.enumerated() {
                let field = "\(prefix)[\(i)]"
                if !seenIds.insert(node.id).inserted { issues.append(ManifestIssue(line: node.line, field: "\(field).id", message: "'\(node.id)' is used twice")) }
                if node.isChoosable, !seenKeys.insert(node.choiceKey).inserted {
                    issues.append(ManifestIssue(line: node.line, field: field, message: "'\(node.choiceKey)' appears twice; a contract could not choose between them"))
                }
                if let when = node.when { check(when, node.line, "\(field).when") }
                checkText(node.body, node.line, "\(field).body", from: node.id)
                if let key = node.clause {
                    if let clause = library[key] {
                        checkText(try? TextTemplate.parse(clause.body), node.line, "\(field).clause (\(key))", from: node.id)
                        for alternative in clause.alternatives {
                            checkText(try? TextTemplate.parse(alternative.body), node.line, "\(field).clause (\(key).\(alternative.key))", from: node.id)
                        }
                        // A commitment's wording and due date read this template's variables when a contract is made.
                        let declared = [("", clause.obligations)] + clause.alternatives.map { (".\($0.key)", $0.obligations) }
                        for (variant, declarations) in declared {
                            for (d, declaration) in declarations.enumerated() {
                                let place = "\(field).clause (\(key)\(variant) obligations[\(d)])"
                                checkText(try? TextTemplate.parse(declaration.wording), node.line, place, from: node.id)
                                if let due = declaration.due, let expression = try? ExpressionParser.parse(due) { check(expression, node.line, place) }
                            }
                        }
                        for allowed in node.allowedAlternatives ?? [] where clause.alternative(allowed) == nil {
                            issues.append(ManifestIssue(line: node.line, field: "\(field).alternatives",
                                                        message: "'\(allowed)' is not an alternative of clause '\(key)'; it has \(clause.alternatives.map(\.key).joined(separator: ", "))"))
                        }
                    } else {
                        issues.append(ManifestIssue(line: node.line, field: "\(field).clause", message: "unknown library clause '\(key)'"))
                    }
                }
                walk(node.children, "\(field).children")
            }
        }
        walk(manifest.clauses, "clauses")
        // The API's `clauses` map is keyed by choice key; a plain article with that id would be ambiguous.
        let choiceKeys = Set(manifest.allNodes.filter(\.isChoosable).map(\.choiceKey))
        for node in manifest.allNodes where !node.isChoosable && choiceKeys.contains(node.id) {
            issues.append(ManifestIssue(line: node.line, field: "clauses", message: "article id '\(node.id)' is also the key of a choosable clause; rename it"))
        }
        for (i, party) in manifest.parties.enumerated() {
            guard let type = types[party.variable] else {
                issues.append(ManifestIssue(line: party.line, field: "parties[\(i)].variable", message: "unknown variable '\(party.variable)'"))
                continue
            }
            if type != .party { issues.append(ManifestIssue(line: party.line, field: "parties[\(i)].variable", message: "'\(party.variable)' must be a party variable")) }
        }
        for (field, expression) in manifest.terms.expressions { check(expression, nil, field) }
        for (i, annex) in manifest.annexes.enumerated() {
            if let when = annex.when { check(when, nil, "annexes[\(i)].when") }
            checkText(annex.body, nil, "annexes[\(i)].body")
        }
        return issues
    }
}
