/// Colleagues split by whether they may sign a contract on a day, each refusal with its reason, by the one rule
/// (`SignatureEligibility.check`): a deactivated colleague is listed as such, never silently left out. The API and
/// the contract page both show it, and the page offers only the eligible ones.
public struct SignatoryEligibility: Sendable {
    public var eligible: [User] = []
    public var ineligible: [(user: User, refusal: SignatureRefusal)] = []

    public init(of contract: Contract, among users: [User], grants: [SignatureAuthority], on day: Day) {
        let byUser = Dictionary(grouping: grants, by: \.userId)
        for colleague in users {
            switch SignatureEligibility.check(colleague, contract: contract, on: day, authorities: byUser[colleague.id] ?? []) {
            case .success: eligible.append(colleague)
            case .failure(let refusal): ineligible.append((colleague, refusal))
            }
        }
    }
}
