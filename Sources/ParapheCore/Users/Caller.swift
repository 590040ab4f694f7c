/// Who asks a workflow to act. Workflows check their permissions against it, so the rules hold whoever calls:
/// a signed-in person through the API or the web UI, or Paraphe itself (the command line run by the server's
/// operator, the demo, jobs, and CRM rules to come), which holds every role. An external signer acting by token
/// joins when the e-signature arrives.
public enum Caller: Sendable, Hashable {
    case user(User)
    case system

    public var user: User? {
        if case .user(let user) = self { return user }
        return nil
    }

    /// Whether the caller holds one of `roles`; the system holds them all.
    public func holds(_ roles: Role...) -> Bool {
        switch self {
        case .user(let user): roles.contains(where: user.has)
        case .system: true
        }
    }

    /// How the audit trail names the caller.
    public var actor: Actor {
        switch self {
        case .user(let user): .user(user)
        case .system: .system
        }
    }
}
