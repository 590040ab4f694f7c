import Foundation
import ParapheCore
import ParapheServices

struct NamedSignatoryDTO: Encodable, Sendable {
    var user: SignatureAuthorityRoutes.SignatoryDTO
    var namedBy: String
    var namedAt: Date
    /// Whether their authority covers the contract today: its terms, or the grant, may have changed since.
    var eligible: Bool
    var reason: String?
    var message: String?

    init(_ n: NamedSignatory) {
        user = .init(n.user)
        namedBy = n.designation.namedBy.description
        namedAt = n.designation.namedAt
        eligible = n.refusal == nil
        reason = n.refusal?.code
        message = n.refusal?.message
    }
}
