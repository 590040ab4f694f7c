import Foundation
import ParapheCore
import Testing

struct CRMWritePlanTests {
    @Test func writesToOneRecordAreMergedAndTheLaterValuesWin() {
        let nda = CRMWrite(object: "Opportunity", key: .recordId("006A"), fields: ["Contract_Status__c": .string("signed"), "Contract_URL__c": .string("nda")])
        let record = CRMWrite(object: "Paraphe_Contract__c", key: .externalId(field: "Paraphe_Id__c", value: "c-2"), fields: ["Status__c": .string("draft")])
        let msa = CRMWrite(object: "opportunity", key: .recordId("006A"), fields: ["Contract_Status__c": .string("draft")])
        let other = CRMWrite(object: "Opportunity", key: .recordId("006B"), fields: ["Contract_Status__c": .string("draft")])
        let (writes, source) = CRMWritePlan.merged([nda, record, msa, other])
        #expect(writes.count == 3)
        #expect(source == [0, 1, 0, 2])
        #expect(writes[0].fields == ["Contract_Status__c": .string("draft"), "Contract_URL__c": .string("nda")])
        #expect(writes[1] == record)
        #expect(CRMWritePlan.merged([]).writes.isEmpty)
    }

    @Test func productLinesAreWrittenInTheContractsLanguageAndTotalledOnlyWhenEveryLineHasAnAmount() {
        let lines = [CRMProductLine(name: "Licence", quantity: 3, unitPrice: 4000, total: nil),
                     CRMProductLine(name: "Mise en service", quantity: 1, unitPrice: 500, total: 450),
                     CRMProductLine(name: "  ", quantity: 1, unitPrice: 10, total: nil)]
        let french = CRMProducts.fields(lines, currency: "EUR", language: .fr)
        #expect(french["lines"] == .array([.string("Licence\u{00A0}: 3 × 4\u{00A0}000,00\u{00A0}€ = 12\u{00A0}000,00\u{00A0}€"),
                                          .string("Mise en service\u{00A0}: 1 × 500,00\u{00A0}€ = 450,00\u{00A0}€")]))
        #expect(french["total"] == .number(12450))
        #expect(french["count"] == .number(2))
        let english = CRMProducts.fields([CRMProductLine(name: "Audit", quantity: Decimal(string: "1.5")!, unitPrice: nil, total: nil)] + lines,
                                         currency: "EUR", language: .en)
        guard case .array(let englishLines)? = english["lines"] else { Issue.record("no lines"); return }
        #expect(englishLines.first == .string("Audit: 1.5"))
        #expect(english["total"] == nil)
        #expect(CRMProducts.fields([], currency: "EUR", language: .fr).isEmpty)
    }

    @Test func theFirstMapLineWithAValueFillsAVariable() {
        let map = [FieldMapping(clmField: "variables.services", crmObject: "products", crmField: "lines", direction: .pull, owner: .crm),
                   FieldMapping(clmField: "variables.services", crmObject: "Opportunity", crmField: "Description", direction: .pull, owner: .crm),
                   FieldMapping(clmField: "variables.fee", crmObject: "Account", crmField: "Amount", direction: .pull, owner: .crm)]
        let deal: [String: JSONValue] = ["Description": .string("Accompagnement"), "Amount": .number(5)]
        let lines: JSONValue = .array([.string("Licence : 3")])
        #expect(CRMWritePlan.variables(deal, products: ["lines": lines], map: map, object: "Opportunity") == ["services": lines])
        #expect(CRMWritePlan.variables(deal, products: ["lines": .array([])], map: map, object: "Opportunity") == ["services": .string("Accompagnement")])
    }
}
