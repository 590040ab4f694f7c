/// Which contracts a user sees. Legal, finance and admin see all, and so does a viewer, who reads only (an
/// auditor or a manager); sales see the contracts they own and those shared with them.
public enum ContractVisibility: Hashable, Sendable {
    case all
    case ownedOrSharedWith(User.ID)

    public init(for user: User) {
        self = user.seesAllContracts || user.has(.viewer) ? .all : .ownedOrSharedWith(user.id)
    }

    public func allows(owner: User.ID, sharedWith: Set<User.ID>) -> Bool {
        switch self {
        case .all: true
        case .ownedOrSharedWith(let user): owner == user || sharedWith.contains(user)
        }
    }
}

public enum ContractAccess {
    /// Writing needs a writing role and sight of the contract.
    public static func canWrite(_ user: User, owner: User.ID, sharedWith: Set<User.ID>) -> Bool {
        user.canWriteContracts && ContractVisibility(for: user.withoutViewer).allows(owner: owner, sharedWith: sharedWith)
    }
}

extension User {
    fileprivate var withoutViewer: User {
        var copy = self
        copy.roles.remove(.viewer)
        return copy
    }
}
