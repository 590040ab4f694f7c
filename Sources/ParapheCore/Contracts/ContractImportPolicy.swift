/// What an import may record. A legacy contract imported as signed or in force is a commitment nobody approved in
/// Paraphe, so only legal and admins may record one; anyone else's import lands as a draft and goes through the
/// approval policy like any other contract.
public enum ContractImportPolicy {
    /// The statuses of a contract signed elsewhere.
    public static let recordedStatuses: [ContractStatus] = [.signed, .active, .renewed, .expired, .terminated]
    public static let statuses: [ContractStatus] = [.draft] + recordedStatuses

    public static func mayRecordSigned(_ user: User) -> Bool {
        user.has(.legal) || user.has(.admin)
    }

    /// The status an import by `user` takes: the one asked for, or by default signed for legal and admins and draft
    /// for the others.
    public static func status(requested: ContractStatus?, by user: User, field: String = "status") throws -> ContractStatus {
        guard let requested else { return mayRecordSigned(user) ? .signed : .draft }
        guard statuses.contains(requested) else {
            throw ValidationFailure([FieldError(field, "must be one of \(statuses.map(\.rawValue).joined(separator: ", "))")])
        }
        if requested != .draft, !mayRecordSigned(user) {
            throw DomainError.forbidden("importing a contract as \(requested.rawValue) is for legal and admins; import it as a draft and submit it for approval",
                                        reason: "importAsSignedNotAllowed")
        }
        return requested
    }
}
