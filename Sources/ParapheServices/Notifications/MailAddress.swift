/// The address inside a sender such as `Paraphe <contrats@example.com>`.
public enum MailAddress {
    public static func address(of from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from }
        return String(from[from.index(after: open)..<close])
    }
}
