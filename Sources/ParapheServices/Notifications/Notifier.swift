import Foundation
import ParapheCore
import ParapheStore

/// Tells people they must act, in their language, by an inbox entry and a mail written in the same transaction as
/// the change that calls for it. Mails link to the page where the recipient acts.
public struct Notifier: Sendable {
    public let publicURL: String

    /// What a notification is about: a contract, or a supplier request.
    public struct Subject: Sendable {
        enum Kind: Sendable { case contract, supplier }
        var kind: Kind
        var label: String
        /// The page the requester reads the outcome on.
        var page: String
        var contractId: Contract.ID?

        static func contract(_ c: Contract) -> Subject {
            Subject(kind: .contract, label: "\(c.reference) — \(c.title)", page: "/contracts/\(c.id)", contractId: c.id)
        }

        static func supplier(_ r: SupplierRequest) -> Subject {
            Subject(kind: .supplier, label: r.supplierName, page: "/suppliers/\(r.id)", contractId: nil)
        }
    }

    /// A notice deadline coming: when, and what happens if nobody acts.
    public struct RenewalAlert: Sendable {
        var deadline: Day
        var daysLeft: Int
        var renewal: RenewalTerms
        var renewsOn: Day?
        var termEnd: Day?
    }

    /// A commitment falling due: what it says, who owes it, and when.
    public struct ObligationReminder: Sendable {
        var wording: String
        var owedBy: ObligationParty
        var counterparty: String?
        var dueOn: Day
        var daysLeft: Int
    }

    public enum Message {
        case approvalNeeded(Approval, requester: String)
        case reminder(Approval)
        case requestApproved
        case requestRejected(comment: String)
        case renewalAlert(RenewalAlert)
        case obligationDue(ObligationReminder)

        /// The step the message is about, when it asks someone to decide.
        var approval: Approval? {
            switch self {
            case .approvalNeeded(let a, _), .reminder(let a): a
            case .requestApproved, .requestRejected, .renewalAlert, .obligationDue: nil
            }
        }

        var kind: NotificationKind {
            switch self {
            case .approvalNeeded: .approvalNeeded
            case .reminder: .approvalReminder
            case .requestApproved: .approvalApproved
            case .requestRejected: .approvalRejected
            case .renewalAlert: .renewalNotice
            case .obligationDue: .obligationDue
            }
        }
    }

    public func send(_ message: Message, about subject: Subject, to recipients: [User], in s: Session, at now: Date) async throws {
        // Reasons name clauses and alternatives by their titles, as the pages do.
        let vocabulary = message.approval == nil ? Vocabulary.empty : try await Vocabulary.read(in: s)
        for user in recipients where user.active {
            let path: String = switch message {
            case .approvalNeeded(let a, _), .reminder(let a): "/approvals/\(a.id)"
            case .requestApproved, .requestRejected: subject.page
            case .renewalAlert: subject.page + "#renewal"
            case .obligationDue: subject.page + "#obligations"
            }
            let (title, body) = Self.text(message, subject: subject, language: user.language, vocabulary: vocabulary)
            try await s.insertInboxItem(InboxItem(userId: user.id, kind: message.kind, title: title, link: path, contractId: subject.contractId, createdAt: now))
            try await s.queueMail(OutgoingMail(recipient: user.email, subject: title,
                                               body: Self.greeting(user) + body + "\n\n" + publicURL + path + "\n\n— Paraphe\n", createdAt: now))
        }
    }

    public static func greeting(_ user: User) -> String {
        (user.language == .fr ? "Bonjour " : "Hello ") + user.name + ",\n\n"
    }

    public static func text(_ message: Message, subject: Subject, language: Language, vocabulary: Vocabulary = .empty) -> (title: String, body: String) {
        let label = subject.label
        func reasons(_ a: Approval) -> String {
            a.reasons.map { "- " + $0.describe(language, vocabulary) }.joined(separator: "\n")
        }
        func step(_ a: Approval) -> String {
            a.step.role.map { Vocabulary.role($0, language) } ?? (language == .fr ? "personnes désignées" : "named people")
        }
        let fr = language == .fr
        let what = switch (subject.kind, fr) {
        case (.contract, true): "le contrat \(label)"
        case (.contract, false): "the contract \(label)"
        case (.supplier, true): "la demande de référencement du fournisseur \(label)"
        case (.supplier, false): "the request to take on the supplier \(label)"
        }
        switch message {
        case .approvalNeeded(let a, let requester):
            return fr ? ("Validation demandée : \(label)", "\(requester) a soumis \(what). Votre validation est demandée (\(step(a))) parce que :\n\(reasons(a))\n\nDécider :")
                : ("Approval needed: \(label)", "\(requester) submitted \(what). Your approval is needed (\(step(a))) because:\n\(reasons(a))\n\nDecide:")
        case .reminder(let a):
            return fr ? ("Rappel — validation en attente : \(label)", "\(what.prefix(1).uppercased() + what.dropFirst()) attend toujours votre validation (\(step(a))) parce que :\n\(reasons(a))\n\nDécider :")
                : ("Reminder — approval waiting: \(label)", "\(what.prefix(1).uppercased() + what.dropFirst()) is still waiting for your approval (\(step(a))) because:\n\(reasons(a))\n\nDecide:")
        case .requestApproved:
            let next = switch (subject.kind, fr) {
            case (.contract, true): "le contrat peut partir en négociation ou en signature."
            case (.contract, false): "the contract can go to negotiation or signature."
            case (.supplier, true): "le fournisseur est référencé, prêt pour son contrat."
            case (.supplier, false): "the supplier is on file, ready for its contract."
            }
            return fr ? ("Approuvé : \(label)", "Toutes les validations sont données ; \(next)") : ("Approved: \(label)", "Every approval is in; \(next)")
        case .requestRejected(let comment):
            let back = subject.kind == .contract ? (fr ? " Le contrat revient en brouillon." : " The contract is back in draft.") : ""
            return fr ? ("Refusé : \(label)", "Votre demande est refusée.\(back) Motif :\n\(comment)\n\nVoir :")
                : ("Rejected: \(label)", "Your request was rejected.\(back) Reason:\n\(comment)\n\nSee:")
        case .renewalAlert(let alert):
            return renewalText(alert, label: label, language: language)
        case .obligationDue(let reminder):
            return obligationText(reminder, label: label, language: language)
        }
    }

    static func obligationText(_ r: ObligationReminder, label: String, language: Language) -> (title: String, body: String) {
        let fr = language == .fr
        let due = Formatting.day(r.dueOn, language)
        let when = switch (r.daysLeft, fr) {
        case (0, true): "aujourd'hui"
        case (0, false): "today"
        case (let n, true) where n < 0: "dépassée de \(-n) jour\(n < -1 ? "s" : "")"
        case (let n, false) where n < 0: "\(-n) day\(n < -1 ? "s" : "") overdue"
        case (let n, true): "dans \(n) jour\(n > 1 ? "s" : "")"
        case (let n, false): "in \(n) day\(n > 1 ? "s" : "")"
        }
        let them = r.counterparty ?? (fr ? "le cocontractant" : "the counterparty")
        let who = switch (r.owedBy, fr) {
        case (.us, true): "nous engage à"
        case (.us, false): "commits us to"
        case (.them, true): "engage \(them) à"
        case (.them, false): "commits \(them) to"
        }
        return fr ? ("Engagement à échéance le \(due) : \(label)",
                     "Le contrat \(label) \(who) :\n« \(r.wording) »\n\nÉchéance : le \(due), \(when).\n\nIndiquer s'il est respecté :")
            : ("Commitment due on \(due): \(label)",
               "The contract \(label) \(who):\n“\(r.wording)”\n\nDue on \(due), \(when).\n\nRecord whether it was met:")
    }

    static func renewalText(_ alert: RenewalAlert, label: String, language: Language) -> (title: String, body: String) {
        let fr = language == .fr
        func day(_ d: Day) -> String { Formatting.day(d, language) }
        func period(_ p: Period?) -> String { p.map { Formatting.period($0, language) } ?? "—" }
        let left = switch (alert.daysLeft, fr) {
        case (0, true): "aujourd'hui"
        case (0, false): "today"
        case (1, true): "demain"
        case (1, false): "tomorrow"
        case (let n, true): "dans \(n) jours"
        case (let n, false): "in \(n) days"
        }
        if alert.renewal.mode == .tacit, let renewsOn = alert.renewsOn {
            return fr ? ("Préavis à donner avant le \(day(alert.deadline)) : \(label)",
                         "Le contrat \(label) se reconduit tacitement le \(day(renewsOn)) pour \(period(alert.renewal.period)). Pour le résilier ou le renégocier, "
                            + "le préavis de \(period(alert.renewal.notice)) doit être donné au plus tard le \(day(alert.deadline)), \(left).\n\n"
                            + "Décider (reconduire, renégocier ou résilier) :")
                : ("Notice due by \(day(alert.deadline)): \(label)",
                   "The contract \(label) renews tacitly on \(day(renewsOn)) for \(period(alert.renewal.period)). To end or renegotiate it, "
                    + "the \(period(alert.renewal.notice)) notice must be given by \(day(alert.deadline)), \(left).\n\nDecide (renew, renegotiate or terminate):")
        }
        let ends = alert.termEnd.map(day) ?? "—"
        return fr ? ("Décision de renouvellement avant le \(day(alert.deadline)) : \(label)",
                     "Le contrat \(label) arrive à échéance le \(ends) et ne se renouvelle que sur décision. La décision est attendue au plus tard le "
                        + "\(day(alert.deadline)), \(left).\n\nDécider (reconduire, renégocier ou résilier) :")
            : ("Renewal decision due by \(day(alert.deadline)): \(label)",
               "The contract \(label) ends on \(ends) and renews only if decided. The decision is due by \(day(alert.deadline)), \(left).\n\n"
                + "Decide (renew, renegotiate or terminate):")
    }
}
