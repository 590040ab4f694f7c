import Foundation
import ParapheCore
import ParapheDocuments
import ParapheStore

/// Renewals and notice deadlines: the calendar, the decisions (*Reconduire*, *Renégocier*, *Résilier*), the alerts
/// before each deadline and the roll of contracts into their next term. Every change is one transaction with its
/// audit events, its documents and its notifications.
public struct RenewalWorkflow: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    var today: Day { Day(services.clock()) }

    // MARK: The calendar

    public struct Calendar: Sendable {
        public var from: Day
        public var to: Day
        public var days: [RenewalCalendarDay]
        public var entries: [RenewalEntry]
        /// For each entry whose renewal departs from its template's, that template's terms.
        public var standards: [Contract.ID: RenewalTerms]
        public var next: (date: String, id: String)?
    }

    public static let maxWithin = 3660

    /// Notice deadlines, renewals and endings in the next `within` days among the contracts the caller may see.
    public func calendar(within: Int, after: (date: String, id: String)?, limit: Int, by caller: Caller) async throws -> Calendar {
        guard let user = caller.user else { throw DomainError.forbidden("sign in to read renewals") }
        let visibility = ContractVisibility(for: user)
        let (from, to) = (today, today.adding(days: within))
        return try await services.database.read { s in
            let days = try await s.renewalCalendar(from: from, to: to, visibility: visibility)
            let page = try await s.renewalEntries(from: from, to: to, visibility: visibility, after: after, limit: limit + 1)
            let entries = Array(page.prefix(limit))
            let standards = try await Self.standards(in: s)
            var departures: [Contract.ID: RenewalTerms] = [:]
            for entry in entries {
                if let standard = Self.standard(of: entry, in: standards), entry.renewal.departs(from: standard) { departures[entry.contractId] = standard }
            }
            let next = page.count > limit ? entries.last.flatMap { e in e.calendarDate(today: from).map { ($0.description, e.contractId.description) } } : nil
            return Calendar(from: from, to: to, days: days, entries: entries, standards: departures, next: next)
        }
    }

    /// The renewal terms each published template sets, by template id and by contract type (the first template of a
    /// type is the standard for contracts of that type made by hand or imported).
    struct Standards {
        var byTemplate: [String: RenewalTerms] = [:]
        var byType: [String: RenewalTerms] = [:]
    }

    static func standards(in s: Session) async throws -> Standards {
        var standards = Standards()
        for template in try await s.templates(publishedOnly: true, after: nil, limit: 500) {
            guard let number = template.publishedVersion, let version = try await s.templateVersion(template.id, number),
                  let manifest = try? ManifestParser.parse(version.source) else { continue }
            let terms = manifest.standardRenewal
            standards.byTemplate[template.id.description] = terms
            if standards.byType[template.contractType] == nil { standards.byType[template.contractType] = terms }
        }
        return standards
    }

    static func standard(of entry: RenewalEntry, in standards: Standards) -> RenewalTerms? {
        entry.templateId.flatMap { standards.byTemplate[$0] } ?? standards.byType[entry.type]
    }

    // MARK: Decisions

    /// Records *Reconduire*, *Renégocier* or *Résilier* for the term in force. Giving notice prepares the letter that
    /// says so, stored with the contract's documents.
    public func decide(_ id: Contract.ID, _ kind: RenewalDecisionKind, comment: String?, by caller: Caller, actor: Actor) async throws -> Contract {
        let errors = TextRules.optionalText(comment, field: "comment", max: 2000)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let now = services.clock()
        let day = Day(now)
        let workflow = ContractWorkflow(services: services)
        return try await services.database.transaction { s in
            let contract = try await workflow.writable(id, by: caller, in: s)
            let (next, changes) = try RenewalDecisions.decide(kind, on: contract, today: day, at: now, comment: comment?.nilIfEmpty)
            try await s.updateContract(next)
            for change in changes { try await s.appendEvent(contractId: id, change: change, actor: actor, reason: comment?.nilIfEmpty, at: now, state: next) }
            if kind.stopsRenewal, let decision = next.renewalDecision {
                try await writeLetter(for: next, decision: decision, caller: caller, actor: actor, in: s, at: now)
            }
            return next
        }
    }

    func writeLetter(for contract: Contract, decision: RenewalDecision, caller: Caller, actor: Actor, in s: Session, at now: Date) async throws {
        let counterparty = try await contract.counterpartyId.asyncMap { try await s.counterparty($0) } ?? nil
        let template = try await s.generationSource(of: contract.id).asyncMap { try await s.template($0.templateId) } ?? nil
        let letter = NoticeLetter(language: template?.language ?? .fr, decision: decision.kind, sender: services.config.organisation,
                                  signatory: caller.user?.name ?? actor.label,
                                  recipient: counterparty.map { Party(name: $0.name, registrationNumber: $0.registrationNumber, address: $0.address) },
                                  reference: contract.reference.description, title: contract.title, renewal: contract.renewal,
                                  termEnd: decision.termEnd, signedOn: contract.signedAt.map { Day($0) }, date: Day(now))
        try await RenderedDocuments(letter.document, fonts: services.fonts, indexed: false)
            .file(with: contract.id, stem: "preavis-" + GenerationWorkflow.fileStem(contract.reference.description), source: "notice",
                  by: caller.user?.id, actor: actor, at: now, blobs: services.blobs, in: s)
    }

    // MARK: Time passing

    /// Rolls every contract time has caught up with: tacit renewals into their next term, contracts past their last
    /// day to expired (or terminated, when notice was given). One short transaction per contract; a contract that
    /// cannot be rolled (its row no longer matches its trail) is logged and left, and the others still roll.
    public func roll() async throws {
        let now = services.clock()
        let day = Day(now)
        try await everyPage({ try await $0.contractsToRoll(today: day, after: $1, limit: 200) }) { s, id in
            guard let contract = try await s.contract(id, forUpdate: true) else { return }
            try await ContractWorkflow.requireIntactState(contract, in: s)
            let (next, changes) = RenewalRoll.roll(contract, today: day, at: now)
            guard !changes.isEmpty else { return }
            try await s.updateContract(next)
            for change in changes { try await s.appendEvent(contractId: id, change: change, actor: .system, reason: nil, at: now, state: next) }
        }
        // Contracts not in force keep their stored dates current for the `renewalNoticeBefore` filter.
        try await everyPage({ try await $0.contractsWithPastRenewalDates(today: day, after: $1, limit: 200) }) { s, id in
            guard let contract = try await s.contract(id, forUpdate: true) else { return }
            try await s.storeRenewal(of: contract, today: day)
        }
    }

    func everyPage(_ page: @escaping @Sendable (Session, String) async throws -> [String],
                   _ work: @escaping @Sendable (Session, Contract.ID) async throws -> Void) async throws {
        try await services.eachInItsOwnTransaction("renewals: contract", page) { s, text in
            if let id = Contract.ID(text) { try await work(s, id) }
        }
    }

    // MARK: Alerts

    /// Records the notice alerts that have come due and queues one job for each. An alert is keyed by contract,
    /// deadline and window, so it is recorded once across restarts, workers and clock jumps.
    public func scanAlerts() async throws {
        let now = services.clock()
        let day = Day(now)
        let windows = services.config.renewalAlertWindows
        let contracts = try await services.database.read { try await $0.noticeDeadlines(from: day, to: day.adding(days: windows.days[0])) }
        for contract in contracts where contract.awaitsRenewalDecision(today: day) {
            guard let deadline = contract.renewalSchedule(today: day).noticeDeadline, let due = windows.due(deadline: deadline, today: day) else { continue }
            try await services.database.transaction { s in
                for days in due.superseded {
                    _ = try await s.recordRenewalAlert(contract.id, deadline: deadline, daysBefore: days, state: .superseded, at: now)
                }
                if try await s.recordRenewalAlert(contract.id, deadline: deadline, daysBefore: due.send, state: .queued, at: now) {
                    try await s.supersedeRenewalAlerts(contract.id, deadline: deadline, widerThan: due.send)
                    try await s.enqueue(RenewalAlertJob(contractId: contract.id, noticeDeadline: deadline, daysBefore: due.send), runAt: now, now: now,
                                        dedupeKey: "renewal-alert:\(contract.id):\(deadline):\(due.send)")
                }
            }
        }
    }

    /// Sends one alert to the contract's owner and to legal, by mail and in their inbox, unless a decision came first
    /// or the deadline moved. The alert's state changes in the transaction that writes the mails: sent once.
    public func sendAlert(_ job: RenewalAlertJob) async throws {
        let now = services.clock()
        let day = Day(now)
        let notifier = Notifier(publicURL: services.config.publicURL)
        try await services.database.transaction { s in
            guard try await s.renewalAlertState(job.contractId, deadline: job.noticeDeadline, daysBefore: job.daysBefore) == .queued else { return }
            guard let contract = try await s.contract(job.contractId, forUpdate: true), contract.awaitsRenewalDecision(today: day),
                  case let schedule = contract.renewalSchedule(today: day), schedule.noticeDeadline == job.noticeDeadline else {
                try await s.setRenewalAlert(job.contractId, deadline: job.noticeDeadline, daysBefore: job.daysBefore, state: .cancelled, at: now)
                return
            }
            // The alert is sealed into the trail: never over a row changed behind Paraphe's back (the job retries, then
            // shows as dead for an admin).
            try await ContractWorkflow.requireIntactState(contract, in: s)
            var recipients: [User] = []
            if let owner = try await s.user(contract.ownerId), owner.active { recipients.append(owner) }
            for user in try await s.activeUsers(withRole: .legal) where !recipients.contains(where: { $0.id == user.id }) { recipients.append(user) }
            try await notifier.send(.renewalAlert(Notifier.RenewalAlert(deadline: job.noticeDeadline, daysLeft: day.days(until: job.noticeDeadline),
                                                                         renewal: contract.renewal, renewsOn: schedule.nextRenewalDate,
                                                                         termEnd: schedule.currentTermEnd)),
                                    about: .contract(contract), to: recipients, in: s, at: now)
            try await s.appendEvent(contractId: contract.id, change: .noticeAlerted(noticeDeadline: job.noticeDeadline, daysBefore: job.daysBefore,
                                                                                   recipients: recipients.map(\.id)),
                                    actor: .system, reason: nil, at: now, state: contract)
            try await s.setRenewalAlert(job.contractId, deadline: job.noticeDeadline, daysBefore: job.daysBefore, state: .sent, at: now)
        }
    }
}

extension TemplateManifest {
    /// The renewal terms the template sets when it fixes them, rather than drawing them from a variable.
    public var standardRenewal: RenewalTerms {
        func literal(_ e: ParapheDocuments.Expression?) -> Period? {
            if case .literal(.duration(let p))? = e { return p }
            return nil
        }
        return RenewalTerms(mode: terms.renewalMode ?? .none, period: literal(terms.renewalPeriod), notice: literal(terms.renewalNotice))
    }
}
