/// What a workflow refuses, in domain words. Workflows throw these (with `ValidationFailure` for invalid input and
/// `LifecycleError` for the state machine); one place at the HTTP edge turns them into problem+json, so the same
/// refusal reads the same whoever asked: a person, a job, a CRM rule or an external signer.
public enum DomainError: Error, Sendable, Equatable {
    /// The object does not exist, or the actor may not know it does.
    case notFound(String)
    /// The actor may not do this; `reason` is a stable code when clients act on it (`noAuthority`, `selfGrant`…).
    case forbidden(String, reason: String? = nil)
    /// The object's state forbids it now.
    case conflict(String)
    /// Too many attempts; `retryAfter` in seconds.
    case rateLimited(String, retryAfter: Int)
}
