import Foundation

/// The colleague named to sign a contract for the company. Named ahead of the signature, so that the contract page
/// and the e-signature request start from someone the signature authorities allow; checked again when the contract
/// moves to signing.
public struct DesignatedSignatory: Hashable, Sendable {
    public var contractId: Contract.ID
    public var userId: User.ID
    public var namedBy: User.ID
    public var namedAt: Date

    public init(contractId: Contract.ID, userId: User.ID, namedBy: User.ID, namedAt: Date) {
        self.contractId = contractId
        self.userId = userId
        self.namedBy = namedBy
        self.namedAt = namedAt
    }

    /// Until the signing starts: once it has, the signers are the signature request's, and an executed or closed
    /// contract has been signed already.
    public static func canChange(in status: ContractStatus) -> Bool {
        switch status {
        case .draft, .inReview, .approved, .negotiating: true
        default: false
        }
    }
}
