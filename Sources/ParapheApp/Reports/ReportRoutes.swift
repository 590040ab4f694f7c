import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheServices

/// `/api/v1/reports/…`: the derogation dashboard's groups and the derogations behind each, and the contract report, as
/// JSON or CSV.
struct ReportRoutes {
    let services: AppServices

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("reports/derogations", use: derogations)
        api.get("reports/derogations/items", use: derogationItems)
        api.get("reports/contracts", use: contracts)
    }

    struct SpreadDTO: Encodable, Sendable {
        var count: Int
        var medianDays: Double
        var p90Days: Double

        init(_ s: DurationSpread) {
            count = s.count
            medianDays = (s.median / 86400 * 100).rounded() / 100
            p90Days = (s.p90 / 86400 * 100).rounded() / 100
        }
    }

    struct ContractGroupDTO: Encodable, Sendable {
        var key: String
        var label: String
        var contracts: Int
        var signed: Int
        var valueSigned: [Money]
        var cycleTime: SpreadDTO?
    }

    struct ContractsDTO: Encodable, Sendable {
        struct MonthDTO: Encodable, Sendable {
            var month: String
            var value: Money
            var contracts: Int
        }
        struct StateDTO: Encodable, Sendable {
            var status: ContractStatus
            var time: SpreadDTO
        }
        struct TurnaroundDTO: Encodable, Sendable {
            var role: String?
            var time: SpreadDTO
        }
        struct QuarterDTO: Encodable, Sendable {
            var quarter: String
            var legalApprovals: Int
            var lastTwoWeeks: Int
            var perDayLastTwoWeeks: Double
            var perDayBefore: Double
        }
        var groupBy: ContractGrouping.RawValue
        var scope: String
        var groups: [ContractGroupDTO]
        var valueSignedByMonth: [MonthDTO]
        var timeInState: [StateDTO]
        var approvalTurnaround: [TurnaroundDTO]
        var quarterEndLoad: [QuarterDTO]
    }

    static func contractFilter(_ request: Request) throws -> (ContractGrouping, ContractReportFilter) {
        let params = request.uri.queryParameters
        var grouping = ContractGrouping.type
        var errors: [FieldError] = []
        if let text = params.get("groupBy") {
            if let parsed = ContractGrouping(rawValue: text) { grouping = parsed } else {
                errors.append(FieldError("groupBy", "must be one of \(ContractGrouping.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        switch ContractReportFilter.parse({ params.get($0) }) {
        case .success(let filter) where errors.isEmpty: return (grouping, filter)
        case .success: throw Problem.validation(errors)
        case .failure(let failure): throw Problem.validation(errors + failure.errors)
        }
    }

    @Sendable func contracts(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let (grouping, filter) = try Self.contractFilter(request)
        let report = try await ReportWorkflow(services: services).contracts(by: grouping, filter, by: try context.caller())
        let presentation = ContractReportPresentation(language: user.language, vocabulary: try await services.database.read { try await Vocabulary.read(in: $0) })
        if CSVDownload.wanted(request) { return presentation.csvResponse(report) }
        let dto = ContractsDTO(
            groupBy: grouping.rawValue, scope: report.everyContract ? "all" : "own",
            groups: report.groups.map { g in
                ContractGroupDTO(key: g.key, label: presentation.label(g, grouping), contracts: g.contracts, signed: g.signed,
                                 valueSigned: g.valueSigned.sorted { $0.key < $1.key }.map { Money(amount: $0.value, currency: $0.key) },
                                 cycleTime: g.cycleTime.map(SpreadDTO.init))
            },
            valueSignedByMonth: report.valueByMonth.map { .init(month: $0.month, value: Money(amount: $0.value, currency: $0.currency), contracts: $0.contracts) },
            timeInState: report.timeInState.map { .init(status: $0.status, time: SpreadDTO($0.spread)) },
            approvalTurnaround: report.turnaround.map { .init(role: $0.role, time: SpreadDTO($0.spread)) },
            quarterEndLoad: report.quarterLoad.map { .init(quarter: $0.quarter, legalApprovals: $0.total, lastTwoWeeks: $0.lastTwoWeeks,
                                                           perDayLastTwoWeeks: ($0.perDayLastTwoWeeks * 100).rounded() / 100,
                                                           perDayBefore: ($0.perDayBefore * 100).rounded() / 100) })
        return try JSON(dto).response(from: request, context: context)
    }

    struct GroupDTO: Encodable, Sendable {
        var key: String
        var label: String
        var derogations: Int
        var contracts: Int
        /// The derogations behind this group: `GET` it.
        var items: String
    }

    struct DerogationsDTO: Encodable, Sendable {
        struct Totals: Encodable, Sendable {
            var derogations: Int
            var contracts: Int
        }
        var groupBy: String
        var totals: Totals
        var groups: [GroupDTO]
    }

    struct ItemDTO: Encodable, Sendable {
        var contractId: String
        var reference: String
        var title: String
        var status: ContractStatus
        var counterparty: String?
        var clause: String
        var clauseTitle: String
        var variant: String
        var category: String?
    }

    struct ItemCursor: Codable {
        var reference: String
        var position: Int
    }

    static func grouping(_ request: Request) throws -> DerogationGrouping {
        guard let text = request.uri.queryParameters.get("groupBy") else { return .category }
        guard let grouping = DerogationGrouping(rawValue: text) else {
            throw Problem.validation([FieldError("groupBy", "must be one of \(DerogationGrouping.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return grouping
    }

    static func filter(_ request: Request) throws -> DerogationFilter {
        let params = request.uri.queryParameters
        switch DerogationFilter.parse({ params.get($0) }) {
        case .success(let filter): return filter
        case .failure(let failure): throw Problem.validation(failure.errors)
        }
    }

    static func query(_ items: [(String, String)]) -> String {
        items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Sendable func derogations(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let grouping = try Self.grouping(request)
        let report = try await ReportWorkflow(services: services).derogations(by: grouping, try Self.filter(request), by: try context.caller())
        let presentation = DerogationPresentation(language: user.language, vocabulary: try await services.database.read { try await Vocabulary.read(in: $0) })
        if CSVDownload.wanted(request) { return presentation.groupsCSV(report) }
        let dto = DerogationsDTO(groupBy: grouping.rawValue, totals: .init(derogations: report.derogations, contracts: report.contracts), groups: report.groups.map { g in
            GroupDTO(key: g.key, label: presentation.label(g, grouping), derogations: g.derogations, contracts: g.contracts,
                     items: "/api/v1/reports/derogations/items?" + Self.query(report.filter.narrowed(to: grouping, key: g.key).query))
        })
        return try JSON(dto).response(from: request, context: context)
    }

    @Sendable func derogationItems(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let filter = try Self.filter(request)
        let workflow = ReportWorkflow(services: services)
        if CSVDownload.wanted(request) {
            let presentation = DerogationPresentation(language: user.language, vocabulary: try await services.database.read { try await Vocabulary.read(in: $0) })
            return try presentation.itemsCSV(filter, workflow: workflow, caller: try context.caller())
        }
        let page = try PageRequest(request)
        let after = try page.decodeCursor(ItemCursor.self)
        let rows = try await workflow.derogationItems(filter, after: after.map { ($0.reference, $0.position) }, limit: page.limit + 1, by: try context.caller())
        return try JSON(PageRequest.page(rows, limit: page.limit, item: { i in
            ItemDTO(contractId: i.contractId.description, reference: i.reference, title: i.title, status: i.status, counterparty: i.counterparty,
                    clause: i.clauseKey, clauseTitle: i.clauseTitle, variant: i.variant.name, category: i.category)
        }, cursor: { PageRequest.encodeCursor(ItemCursor(reference: $0.reference, position: $0.position)) })).response(from: request, context: context)
    }
}
