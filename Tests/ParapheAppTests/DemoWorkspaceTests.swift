import Foundation
import ParapheApp
import ParapheCore
import ParapheStore
import Testing
import ParapheServices

/// `paraphe demo` must come up with every template published and real contracts generated from them.
@Suite struct DemoWorkspaceTests {
    @Test(arguments: TestEngine.all)
    func demoSeedsPublishedTemplatesAndGeneratedContracts(engine: TestEngine) async throws {
        let config = try await TestDatabase.config(engine)
        try await AppServices.standalone(config, logger: TestDatabase.logger) { services in
            #expect(try await DemoWorkspace.seed(services))
            try await services.database.read { s in
                let templates = try await s.templates(publishedOnly: true, after: nil, limit: 50)
                #expect(templates.count == 6)
                #expect(Set(templates.map(\.contractType)) == ["nda", "msa", "order_form", "dpa", "supplier"])
                #expect(templates.contains { $0.language == .en })
                var query = ContractQuery()
                query.hasDerogation = true
                let derogating = try await s.contractsWithCounterpartyNames(query)
                #expect(derogating.count == 1)
                let clauses = try await s.clauses(of: try #require(derogating.first).0.id)
                #expect(Set(clauses.filter(\.instance.isDerogation).map(\.instance.variant.name)) == ["payment60Days", "noPublicReference"])
                var ndas = ContractQuery()
                ndas.type = "nda"
                let nda = try #require(try await s.contractsWithCounterpartyNames(ndas).first { $0.0.status == .approved }?.0)
                let named = try #require(try await s.designatedSignatory(of: nda.id))
                #expect(try await s.user(named.userId)?.email == "commercial@paraphe.demo")
            }
            // seeding twice does nothing
            #expect(try await DemoWorkspace.seed(services) == false)
        }
        try? FileManager.default.removeItem(atPath: config.dataDirectory)
    }
}
