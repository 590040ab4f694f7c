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

/// Who may change a contract: its owner and those it is shared with, legal and admins. Finance and viewers see every
/// contract; finance approves, it does not write others' contracts.
public enum ContractAccess {
    /// Legal and admins may change any contract.
    public static func writesEveryContract(_ user: User) -> Bool {
        user.has(.legal) || user.has(.admin)
    }

    public static func canWrite(_ user: User, owner: User.ID, sharedWith: Set<User.ID>) -> Bool {
        if writesEveryContract(user) { return true }
        return user.canWriteContracts && (owner == user.id || sharedWith.contains(user.id))
    }
}
