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
}
