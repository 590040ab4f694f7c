import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

/// `GET /api/v1/reports/renewals?within=90`: notice deadlines, tacit renewals and endings to come, with the
/// calendar's counts per day, as JSON or CSV.
struct RenewalRoutes {
    let services: AppServices

    func register(_ api: some RouterMethods<AppContext>) {
        api.get("reports/renewals", use: renewals)
    }

    struct TermsDTO: Encodable, Sendable {
        var mode: RenewalMode
        var period: String?
        var notice: String?

        init(_ r: RenewalTerms) {
            mode = r.mode
            period = r.period?.description
            notice = r.notice?.description
        }
    }

    struct EntryDTO: Encodable, Sendable {
        var contractId: String
        var reference: String
        var title: String
        var type: String
        var status: ContractStatus
        var counterparty: String?
        var ownerId: String
        var owner: String?
        var renewal: TermsDTO
        var noticeDeadline: Day?
        var daysToDeadline: Int?
        var nextRenewalDate: Day?
        var endsOn: Day?
        var decision: ContractDTO.DecisionDTO?
        /// The template's renewal terms, when this contract's depart from them: the exception to follow.
        var exception: TermsDTO?
    }

    struct DayDTO: Encodable, Sendable {
        var date: Day
        var noticeDeadlines: Int
        var renewals: Int
        var endings: Int
    }

    struct CalendarDTO: Encodable, Sendable {
        var from: Day
        var to: Day
        var within: Int
        var calendar: [DayDTO]
        var items: [EntryDTO]
        var nextCursor: String?

        enum CodingKeys: String, CodingKey { case from, to, within, calendar, items, nextCursor }

        /// `nextCursor` is written even when null, as every paged list writes it.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(within, forKey: .within)
            try c.encode(calendar, forKey: .calendar)
            try c.encode(items, forKey: .items)
            try c.encode(nextCursor, forKey: .nextCursor)
        }
    }

    struct Cursor: Codable {
        var date: String
        var id: String
    }

    static func within(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("within") else { return 90 }
        guard let days = Int(text), (1...RenewalWorkflow.maxWithin).contains(days) else {
            throw Problem.validation([FieldError("within", "must be a number of days from 1 to \(RenewalWorkflow.maxWithin)")])
        }
        return days
    }

    @Sendable func renewals(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let within = try Self.within(request)
        let workflow = RenewalWorkflow(services: services)
        let presentation = RenewalPresentation(language: user.language, today: Day(services.clock()))
        if CSVDownload.wanted(request) { return presentation.csv(within: within, workflow: workflow, caller: try context.caller()) }
        let page = try PageRequest(request)
        let after = try page.decodeCursor(Cursor.self)
        let calendar = try await workflow.calendar(within: within, after: after.map { ($0.date, $0.id) }, limit: page.limit, by: try context.caller())
        let dto = CalendarDTO(
            from: calendar.from, to: calendar.to, within: within,
            calendar: calendar.days.map { DayDTO(date: $0.date, noticeDeadlines: $0.noticeDeadlines, renewals: $0.renewals, endings: $0.endings) },
            items: calendar.entries.map { e in
                EntryDTO(contractId: e.contractId.description, reference: e.reference, title: e.title, type: e.type, status: e.status,
                         counterparty: e.counterparty, ownerId: e.ownerId.description, owner: e.owner, renewal: TermsDTO(e.renewal),
                         noticeDeadline: e.noticeDeadline, daysToDeadline: e.daysToDeadline(today: calendar.from), nextRenewalDate: e.nextRenewalDate,
                         endsOn: e.endsOn, decision: e.decision.map { ContractDTO.DecisionDTO(decision: $0.kind, termEnd: $0.termEnd) },
                         exception: calendar.standards[e.contractId].map(TermsDTO.init))
            },
            nextCursor: calendar.next.map { PageRequest.encodeCursor(Cursor(date: $0.date, id: $0.id)) })
        return try JSON(dto).response(from: request, context: context)
    }
}
