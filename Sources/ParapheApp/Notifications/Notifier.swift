import Foundation
import ParapheCore
import ParapheStore

/// Tells people they must act, in their language, by an inbox entry and a mail written in the same transaction as
/// the change that calls for it. Mails link to the page where the recipient acts.
struct Notifier: Sendable {
    let publicURL: String

    enum Message {
        case approvalNeeded(Approval, requester: String)
        case reminder(Approval)
        case requestApproved
        case requestRejected(comment: String)

        var kind: String {
            switch self {
            case .approvalNeeded: "approval.needed"
            case .reminder: "approval.reminder"
            case .requestApproved: "approval.approved"
            case .requestRejected: "approval.rejected"
            }
        }
    }

    func send(_ message: Message, about contract: Contract, to recipients: [User], in s: Session, at now: Date) async throws {
        for user in recipients where user.active {
            let path: String = switch message {
            case .approvalNeeded(let a, _), .reminder(let a): "/approvals/\(a.id)"
            case .requestApproved, .requestRejected: "/contracts/\(contract.id)"
            }
            let (title, body) = Self.text(message, contract: contract, language: user.language)
            let link = publicURL + path
            try await s.insertInboxItem(InboxItem(userId: user.id, kind: message.kind, title: title, link: path, contractId: contract.id, createdAt: now))
            try await s.queueMail(OutgoingMail(recipient: user.email, subject: title, body: Self.greeting(user) + body + "\n\n" + link + "\n\n— Paraphe\n",
                                               createdAt: now))
        }
    }

    static func greeting(_ user: User) -> String {
        (user.language == .fr ? "Bonjour " : "Hello ") + user.name + ",\n\n"
    }

    static func text(_ message: Message, contract: Contract, language: Language) -> (title: String, body: String) {
        let subject = "\(contract.reference) — \(contract.title)"
        func reasons(_ a: Approval) -> String {
            a.reasons.map { "- \($0.rule) : \($0.because.joined(separator: "; "))" }.joined(separator: "\n")
        }
        switch (message, language) {
        case (.approvalNeeded(let a, let requester), .fr):
            return ("Validation demandée : \(subject)",
                    "\(requester) a soumis le contrat \(subject). Votre validation est demandée (\(a.step.label)) parce que :\n\(reasons(a))\n\nDécider :")
        case (.approvalNeeded(let a, let requester), .en):
            return ("Approval needed: \(subject)",
                    "\(requester) submitted the contract \(subject). Your approval is needed (\(a.step.label)) because:\n\(reasons(a))\n\nDecide:")
        case (.reminder(let a), .fr):
            return ("Rappel — validation en attente : \(subject)",
                    "Le contrat \(subject) attend toujours votre validation (\(a.step.label)) parce que :\n\(reasons(a))\n\nDécider :")
        case (.reminder(let a), .en):
            return ("Reminder — approval waiting: \(subject)",
                    "The contract \(subject) is still waiting for your approval (\(a.step.label)) because:\n\(reasons(a))\n\nDecide:")
        case (.requestApproved, .fr):
            return ("Contrat approuvé : \(subject)", "Toutes les validations sont données ; le contrat peut partir en négociation ou en signature.")
        case (.requestApproved, .en):
            return ("Contract approved: \(subject)", "Every approval is in; the contract can go to negotiation or signature.")
        case (.requestRejected(let comment), .fr):
            return ("Contrat refusé : \(subject)", "Le contrat revient en brouillon. Motif :\n\(comment)\n\nLe contrat :")
        case (.requestRejected(let comment), .en):
            return ("Contract rejected: \(subject)", "The contract is back in draft. Reason:\n\(comment)\n\nThe contract:")
        }
    }
}
