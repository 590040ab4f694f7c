import Foundation

/// A contract as the CRM sees it: Paraphe's values for every field the map can push.
public struct ContractProjection: Sendable, Hashable {
    public var values: [String: JSONValue]
    public var executed: Bool

    public init(contract: Contract, derogations: [String], documentURL: String?, contractURL: String, link: CRMLink, today: Day) {
        let schedule = contract.renewal.schedule(endDate: contract.endDate, today: today)
        var v: [String: JSONValue] = [
            "id": .string(contract.id.description), "reference": .string(contract.reference.description), "title": .string(contract.title),
            "status": .string(contract.status.rawValue), "contractUrl": .string(contractURL), "dealLink": .string(link.objectId),
            "derogations": .string(derogations.joined(separator: "; ")),
        ]
        v["signedDate"] = contract.signedAt.map { .string(Day($0).description) } ?? .null
        v["startDate"] = contract.startDate.map { .string($0.description) } ?? .null
        v["endDate"] = contract.endDate.map { .string($0.description) } ?? .null
        v["renewalDate"] = schedule.nextRenewalDate.map { .string($0.description) } ?? .null
        v["noticeDeadline"] = schedule.noticeDeadline.map { .string($0.description) } ?? .null
        v["amount"] = contract.amount.map { .number($0.amount) } ?? .null
        v["documentUrl"] = documentURL.map(JSONValue.string) ?? .null
        values = v
        executed = contract.status.isExecuted
    }
}

/// One record write to the CRM: an upsert by Paraphe's id on the contract object, or an update of the deal by its id.
public struct CRMWrite: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        case externalId(field: String, value: String)
        case recordId(String)
    }

    public var object: String
    public var key: Key
    public var fields: [String: JSONValue]

    public init(object: String, key: Key, fields: [String: JSONValue]) {
        self.object = object
        self.key = key
        self.fields = fields
    }
}

public enum CRMWritePlan {
    /// The writes one contract change makes: for each object the map pushes to, the mapped values. The contract
    /// object is keyed by the line that carries Paraphe's `id`; the deal by the record the contract came from.
    public static func writes(for projection: ContractProjection, map: [FieldMapping], link: CRMLink) -> [CRMWrite] {
        let pushed = map.filter { $0.pushes(executed: projection.executed) }
        var byObject: [String: [FieldMapping]] = [:]
        for m in pushed { byObject[m.crmObject, default: []].append(m) }
        return byObject.keys.sorted().compactMap { object in
            let lines = byObject[object]!
            var fields: [String: JSONValue] = [:]
            for m in lines { fields[m.crmField] = projection.values[m.clmField] ?? .null }
            if let key = lines.first(where: { $0.clmField == "id" }) {
                fields.removeValue(forKey: key.crmField)
                return CRMWrite(object: object, key: .externalId(field: key.crmField, value: projection.values["id"]?.stringValue ?? ""), fields: fields)
            }
            guard object.caseInsensitiveCompare(link.objectType) == .orderedSame else { return nil }
            return CRMWrite(object: object, key: .recordId(link.objectId), fields: fields)
        }
    }

    /// One write per CRM record: several contracts from one deal (an NDA, then an MSA) each update it, and a CRM
    /// refuses or counts every repeat. Later writes' values win, as the later change does. `source[i]` is the merged
    /// write that carries original write `i`.
    public static func merged(_ writes: [CRMWrite]) -> (writes: [CRMWrite], source: [Int]) {
        var out: [CRMWrite] = []
        var index: [CRMWrite.Key: [String: Int]] = [:]
        var source: [Int] = []
        for write in writes {
            if let at = index[write.key]?[write.object.lowercased()] {
                out[at].fields.merge(write.fields) { _, later in later }
                source.append(at)
            } else {
                index[write.key, default: [:]][write.object.lowercased()] = out.count
                source.append(out.count)
                out.append(write)
            }
        }
        return (out, source)
    }

    /// What a deal's fields say for the contract's CRM-owned metadata (`closeDate`, `stage`, `dealAmount`), before
    /// signature. Values the CRM leaves empty are left out.
    public static func pulledMetadata(_ fields: [String: JSONValue], map: [FieldMapping], object: String, executed: Bool) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for m in map where m.pulls(executed: executed) && m.crmObject.caseInsensitiveCompare(object) == .orderedSame {
            let key = m.clmField == "amount" ? "dealAmount" : m.clmField
            guard let kind = CLMField.pullable[key], let value = fields[m.crmField], value != .null else { continue }
            out[key] = CLMField.normalised(value, as: kind)
        }
        return out
    }

    /// Template variables from the record and its products (`CRMProducts.fields`), through the map's
    /// `variables.<name>` lines. The first line with a value wins, so a variable can read the products and fall back
    /// on a field of the deal when it has none.
    public static func variables(_ fields: [String: JSONValue], products: [String: JSONValue] = [:], map: [FieldMapping], object: String) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for m in map where CLMField.isVariable(m.clmField) {
            let source = CRMProducts.isObject(m.crmObject) ? products : m.crmObject.caseInsensitiveCompare(object) == .orderedSame ? fields : [:]
            let name = String(m.clmField.dropFirst("variables.".count))
            guard out[name] == nil, let value = source[m.crmField], !value.isBlank else { continue }
            out[name] = value
        }
        return out
    }


}

extension CRMSystem {
    /// The map a new integration starts with: what the kit in `integrations/<system>/` creates in the CRM.
    public var defaultFieldMap: [FieldMapping] {
        func push(_ clm: String, _ object: String, _ field: String) -> FieldMapping {
            FieldMapping(clmField: clm, crmObject: object, crmField: field, direction: .push, owner: .clm)
        }
        func pull(_ clm: String, _ object: String, _ field: String) -> FieldMapping {
            FieldMapping(clmField: clm, crmObject: object, crmField: field, direction: .pull, owner: .crm)
        }
        switch self {
        case .salesforce:
            let c = "Paraphe_Contract__c", o = "Opportunity"
            return [
                push("id", c, "Paraphe_Id__c"), push("dealLink", c, "Opportunity__c"), push("reference", c, "Reference__c"),
                push("status", c, "Status__c"), push("signedDate", c, "Signed_Date__c"), push("endDate", c, "End_Date__c"),
                push("renewalDate", c, "Renewal_Date__c"), push("noticeDeadline", c, "Notice_Deadline__c"), push("amount", c, "Amount__c"),
                push("derogations", c, "Derogations__c"), push("documentUrl", c, "Document_URL__c"),
                push("status", o, "Contract_Status__c"), push("signedDate", o, "Contract_Signed_Date__c"),
                push("endDate", o, "Contract_End_Date__c"), push("renewalDate", o, "Contract_Renewal_Date__c"),
                push("noticeDeadline", o, "Contract_Notice_Deadline__c"), push("derogations", o, "Contract_Derogations__c"),
                push("documentUrl", o, "Contract_URL__c"),
                pull("closeDate", o, "CloseDate"), pull("stage", o, "StageName"), pull("dealAmount", o, "Amount"),
                pull("variables.annualFee", o, "Amount"), pull("variables.startDate", o, "CloseDate"),
                pull("variables.effectiveDate", o, "CloseDate"), pull("variables.purpose", o, "Description"),
                pull("variables.services", CRMProducts.object, "lines"), pull("variables.services", o, "Description"),
            ]
        case .hubspot:
            let c = "p_paraphe_contracts", d = "deals"
            return [
                push("id", c, "paraphe_id"), push("reference", c, "reference"), push("status", c, "status"),
                push("signedDate", c, "signed_date"), push("endDate", c, "end_date"), push("renewalDate", c, "renewal_date"),
                push("noticeDeadline", c, "notice_deadline"), push("amount", c, "amount"), push("derogations", c, "derogations"),
                push("documentUrl", c, "document_url"),
                push("status", d, "paraphe_status"), push("signedDate", d, "paraphe_signed_date"), push("renewalDate", d, "paraphe_renewal_date"),
                push("noticeDeadline", d, "paraphe_notice_deadline"), push("derogations", d, "paraphe_derogations"),
                push("documentUrl", d, "paraphe_document_url"),
                pull("closeDate", d, "closedate"), pull("stage", d, "dealstage"), pull("dealAmount", d, "amount"),
                pull("variables.annualFee", d, "amount"), pull("variables.startDate", d, "closedate"),
                pull("variables.effectiveDate", d, "closedate"), pull("variables.purpose", d, "description"),
                pull("variables.services", CRMProducts.object, "lines"), pull("variables.services", d, "description"),
            ]
        case .pipedrive:
            let d = "deals"
            return [
                push("status", d, "paraphe_status"), push("signedDate", d, "paraphe_signed_date"), push("renewalDate", d, "paraphe_renewal_date"),
                push("noticeDeadline", d, "paraphe_notice_deadline"), push("derogations", d, "paraphe_derogations"),
                push("documentUrl", d, "paraphe_document_url"),
                pull("closeDate", d, "expected_close_date"), pull("stage", d, "stage_id"), pull("dealAmount", d, "value"),
                pull("variables.annualFee", d, "value"), pull("variables.startDate", d, "expected_close_date"),
                pull("variables.effectiveDate", d, "expected_close_date"), pull("variables.purpose", d, "title"),
                pull("variables.services", CRMProducts.object, "lines"), pull("variables.services", d, "title"),
            ]
        }
    }
}
