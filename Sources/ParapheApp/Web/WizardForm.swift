import Foundation
import ParapheCore
import ParapheDocuments
import ParapheServices

/// The wizard's form fields are named after the API's: `variables.price.amount`, `clauses.paymentTerms`. So the
/// API's field errors land on the right control, and the form becomes the same request the API takes.
extension WebForm {
    func generationInput(templateId: Template.ID, manifest: TemplateManifest) -> GenerationInput {
        var variables = [String: JSONValue]()
        for spec in manifest.variables {
            if let value = variable(spec) { variables[spec.name] = value }
        }
        var clauses = [String: JSONValue]()
        for node in manifest.allNodes where node.isChoosable {
            let key = node.choiceKey
            let field = "clauses.\(key)"
            if node.clause == nil {
                clauses[key] = .bool(self[field] == "on")
                continue
            }
            switch value(field) ?? "standard" {
            case "omit": clauses[key] = .bool(false)
            case "custom": clauses[key] = .object(["custom": .string(self["\(field).custom"] ?? "")])
            case let choice: clauses[key] = .string(choice)
            }
        }
        return GenerationInput(templateId: templateId.description, counterpartyId: value("counterpartyId"), title: value("title"),
                               variables: variables, clauses: clauses)
    }

    /// The CRM record the wizard was opened from, as its hidden fields carry it.
    var crmLink: CRMLink? {
        guard let integration = value("crm.integrationId"), let system = value("crm.system").flatMap(CRMSystem.init),
              let type = value("crm.objectType"), let id = value("crm.objectId") else { return nil }
        return CRMLink(integrationId: integration, system: system, objectType: type, objectId: id, url: nil)
    }

    /// The form fields for values taken from the CRM, as the wizard names them.
    static func fields(for variables: [String: JSONValue], manifest: TemplateManifest) -> [String: String] {
        var fields: [String: String] = [:]
        for spec in manifest.variables {
            guard let value = variables[spec.name] else { continue }
            let field = "variables.\(spec.name)"
            switch (spec.type, value) {
            case (.money, .object(let o)):
                fields["\(field).amount"] = o["amount"]?.stringValue
                fields["\(field).currency"] = o["currency"]?.stringValue
            case (_, .string(let s)): fields[field] = s
            case (_, .number(let n)): fields[field] = NSDecimalNumber(decimal: n).stringValue
            case (.boolean, .bool(let b)): fields[field] = b ? "on" : nil
            default: break
            }
        }
        return fields
    }

    /// One variable as JSON, or nil when left blank (so a required one is reported as missing).
    func variable(_ spec: VariableSpec) -> JSONValue? {
        let field = "variables.\(spec.name)"
        switch spec.type {
        case .boolean: return .bool(self[field] == "on")
        case .money:
            guard let amount = value("\(field).amount") else { return nil }
            return .object(["amount": .string(Money.normalizeTypedAmount(amount)), "currency": .string(value("\(field).currency") ?? "EUR")])
        case .number, .percent:
            return value(field).map { .string(Money.normalizeTypedAmount($0)) }
        case .duration:
            guard let count = value("\(field).count") else { return nil }
            return .string("P\(count)\(value("\(field).unit") ?? "M")")
        case .party:
            var object = [String: JSONValue]()
            for member in ["name", "legalForm", "registrationNumber", "address", "representative"] {
                if let text = value("\(field).\(member)") { object[member] = .string(text) }
            }
            return object.isEmpty ? nil : .object(object)
        case .list:
            guard let text = value(field) else { return nil }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let numeric = spec.itemType == .number || spec.itemType == .percent
            return .array(lines.map { numeric ? .string(Money.normalizeTypedAmount($0)) : .string($0) })
        case .text, .date, .enum:
            return value(field).map(JSONValue.string)
        }
    }

    /// The form a template starts with: its defaults, so the preview shows something at once.
    static func defaults(for manifest: TemplateManifest) -> WebForm {
        var fields = [String: String]()
        for spec in manifest.variables {
            let field = "variables.\(spec.name)"
            switch spec.defaultValue {
            case .money(let m)?:
                fields["\(field).amount"] = m.amountString
                fields["\(field).currency"] = m.currency
            case .duration(let p)?:
                if p.years > 0, p.months == 0, p.days == 0 { (fields["\(field).count"], fields["\(field).unit"]) = ("\(p.years)", "Y") }
                else if p.days > 0, p.years == 0, p.months == 0 { (fields["\(field).count"], fields["\(field).unit"]) = ("\(p.days)", "D") }
                else { (fields["\(field).count"], fields["\(field).unit"]) = ("\(p.years * 12 + p.months)", "M") }
            case .bool(let b)?: if b { fields[field] = "on" }
            case .party(let party)?:
                fields["\(field).name"] = party.name
                fields["\(field).legalForm"] = party.legalForm
                fields["\(field).registrationNumber"] = party.registrationNumber
                fields["\(field).address"] = party.address
                fields["\(field).representative"] = party.representative
            case .date(let d)?: fields[field] = d.description
            case .number(let d)?, .percent(let d)?: fields[field] = NSDecimalNumber(decimal: d).stringValue
            case .text(let s)?: fields[field] = s
            case .list(let items)?: fields[field] = items.compactMap { if case .text(let s) = $0 { s } else { nil } }.joined(separator: "\n")
            case nil: break
            }
            if spec.type == .money, fields["\(field).currency"] == nil { fields["\(field).currency"] = "EUR" }
        }
        for node in manifest.allNodes where node.optional && node.clause == nil && node.includedByDefault {
            fields["clauses.\(node.choiceKey)"] = "on"
        }
        for node in manifest.allNodes where node.optional && node.clause != nil && !node.includedByDefault {
            fields["clauses.\(node.choiceKey)"] = "omit"
        }
        return WebForm(fields: fields)
    }
}
