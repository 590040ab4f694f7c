import Foundation

/// A request for signatures on one version of a contract's PDF. It is open until every signer has signed (then it is
/// sealed), someone declines, the sender cancels it or it expires.
public struct SignatureRequest: Hashable, Sendable {
    public typealias ID = Identifier<SignatureRequest>

    public enum Status: String, Sendable, CaseIterable, Codable {
        case open
        /// Everyone signed; the seal job has not finished yet.
        case sealing
        case completed, declined, cancelled, expired

        /// While a request is in one of these, the contract's terms and signatory cannot change.
        public var holdsContract: Bool { self == .open || self == .sealing }
    }

    public var id: ID
    public var contractId: Contract.ID
    public var status: Status
    public var message: String?
    /// The PDF document being signed, and the SHA-256 every signer confirms.
    public var documentId: String
    public var documentSha256: String
    public var createdBy: User.ID
    public var createdAt: Date
    public var expiresAt: Date
    public var nextReminderAt: Date?
    public var closedAt: Date?
    public var sealedDocumentId: String?

    public init(id: ID = ID(), contractId: Contract.ID, status: Status = .open, message: String?, documentId: String, documentSha256: String,
                createdBy: User.ID, createdAt: Date, expiresAt: Date, nextReminderAt: Date?, closedAt: Date? = nil, sealedDocumentId: String? = nil) {
        self.id = id
        self.contractId = contractId
        self.status = status
        self.message = message
        self.documentId = documentId
        self.documentSha256 = documentSha256
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.nextReminderAt = nextReminderAt
        self.closedAt = closedAt
        self.sealedDocumentId = sealedDocumentId
    }

    /// How long links stay valid unless the workspace says otherwise.
    public static let defaultLifetimeDays = 14
}

/// One person asked to sign: a colleague (`internal`, whose authority must cover the contract) or someone at the
/// counterparty.
public struct Signer: Hashable, Sendable {
    public typealias ID = Identifier<Signer>

    public enum Role: String, Sendable, CaseIterable, Codable {
        case `internal`, counterparty
    }

    public enum Status: String, Sendable, CaseIterable, Codable {
        /// An earlier order has not finished signing yet.
        case waiting
        /// Their link has been sent.
        case invited
        case signed, declined
    }

    public var id: ID
    public var requestId: SignatureRequest.ID
    public var position: Int
    public var name: String
    public var email: String
    public var role: Role
    public var order: Int
    public var language: Language
    public var userId: User.ID?
    public var status: Status
    public var invitedAt: Date?
    public var verifiedAt: Date?
    public var signedAt: Date?
    public var declinedAt: Date?
    public var declineReason: String?
    public var mark: SignatureInput.Mark?
    public var consentSha256: String?
    public var code: OneTimeCode?
    /// The last time the signer's page was recorded as viewed (once an hour at most).
    public var viewedAt: Date?

    public init(id: ID = ID(), requestId: SignatureRequest.ID, position: Int, name: String, email: String, role: Role, order: Int,
                language: Language, userId: User.ID?, status: Status, invitedAt: Date? = nil, verifiedAt: Date? = nil, signedAt: Date? = nil,
                declinedAt: Date? = nil, declineReason: String? = nil, mark: SignatureInput.Mark? = nil, consentSha256: String? = nil,
                code: OneTimeCode? = nil, viewedAt: Date? = nil) {
        self.viewedAt = viewedAt
        self.id = id
        self.requestId = requestId
        self.position = position
        self.name = name
        self.email = email
        self.role = role
        self.order = order
        self.language = language
        self.userId = userId
        self.status = status
        self.invitedAt = invitedAt
        self.verifiedAt = verifiedAt
        self.signedAt = signedAt
        self.declinedAt = declinedAt
        self.declineReason = declineReason
        self.mark = mark
        self.consentSha256 = consentSha256
        self.code = code
    }
}

/// The one-time code a signer receives by mail: stored hashed, valid ten minutes, five wrong tries and it is dead.
/// At most a few codes an hour, and ten wrong tries in all, after which only the sender's new link helps: a leaked
/// link cannot be brute-forced one fresh code at a time.
public struct OneTimeCode: Hashable, Sendable {
    public var hash: String?
    public var expiresAt: Date?
    public var attempts: Int
    /// Wrong tries over every code this signer received.
    public var failures: Int
    public var sentInWindow: Int
    public var windowStart: Date?

    public init(hash: String?, expiresAt: Date?, attempts: Int, failures: Int = 0, sentInWindow: Int, windowStart: Date?) {
        self.hash = hash
        self.expiresAt = expiresAt
        self.attempts = attempts
        self.failures = failures
        self.sentInWindow = sentInWindow
        self.windowStart = windowStart
    }

    public static let digits = 6
    public static let lifetime: TimeInterval = 10 * 60
    public static let maxAttempts = 5
    public static let maxFailures = 10
    public static let maxPerHour = 3

    /// Too many wrong codes overall: the sender must send a new link.
    public var exhausted: Bool { failures >= Self.maxFailures }

    public enum Check: Equatable, Sendable {
        case accepted
        case wrong(remaining: Int)
        case locked
        case expired
        case noneSent
    }

    /// Judges `submittedHash` (the hash of what the signer typed) and returns the code as it must be stored after.
    public func check(submittedHash: String, at now: Date) -> (Check, OneTimeCode) {
        var next = self
        guard !exhausted else { return (.locked, self) }
        guard let hash, let expiresAt else { return (.noneSent, self) }
        guard attempts < Self.maxAttempts else { return (.locked, self) }
        guard now < expiresAt else { return (.expired, self) }
        guard hash == submittedHash else {
            next.attempts += 1
            next.failures += 1
            return (next.attempts >= Self.maxAttempts || next.exhausted ? .locked : .wrong(remaining: Self.maxAttempts - next.attempts), next)
        }
        next.hash = nil
        next.expiresAt = nil
        return (.accepted, next)
    }

    /// Whether another code may be sent now; when not, how many seconds until one may.
    public func mayResend(at now: Date) -> Result<OneTimeCode, RetryLater> {
        var next = self
        if let start = windowStart, now.timeIntervalSince(start) < 3600 {
            guard sentInWindow < Self.maxPerHour else { return .failure(RetryLater(seconds: Int(3600 - now.timeIntervalSince(start)) + 1)) }
            next.sentInWindow += 1
        } else {
            next.windowStart = now
            next.sentInWindow = 1
        }
        return .success(next)
    }

    /// A new code was minted: fresh attempts, fresh expiry.
    public func minted(hash: String, at now: Date) -> OneTimeCode {
        var next = self
        next.hash = hash
        next.expiresAt = now.addingTimeInterval(Self.lifetime)
        next.attempts = 0
        return next
    }

    public static let none = OneTimeCode(hash: nil, expiresAt: nil, attempts: 0, sentInWindow: 0, windowStart: nil)
}

public struct RetryLater: Error, Equatable, Sendable {
    public var seconds: Int
}
