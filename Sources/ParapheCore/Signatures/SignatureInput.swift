import Foundation

/// What the sender asks for and what a signer submits, checked before anything is stored.
public enum SignatureInput {
    public struct SignerDraft: Hashable, Sendable {
        public var name: String
        public var email: String
        public var role: Signer.Role
        public var order: Int

        public init(name: String, email: String, role: Signer.Role, order: Int) {
            self.name = name
            self.email = email
            self.role = role
            self.order = order
        }
    }

    public static let maxSigners = 10
    public static let maxMessage = 2000
    public static let maxReason = 2000

    /// Field errors for a list of signers: names, addresses, orders, no one twice, and at least one colleague,
    /// since a contract the company has not signed binds nobody on its side.
    public static func errors(_ signers: [SignerDraft], message: String?) -> [FieldError] {
        var errors: [FieldError] = []
        if signers.isEmpty { errors.append(FieldError("signers", "name at least one signer")) }
        if signers.count > maxSigners { errors.append(FieldError("signers", "at most \(maxSigners) signers")) }
        var seen: Set<String> = []
        for (index, signer) in signers.enumerated() {
            let field = "signers[\(index)]"
            let name = signer.name.trimmingCharacters(in: .whitespaces)
            if name.isEmpty || name.count > 200 || name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
                errors.append(FieldError("\(field).name", "a name of 1 to 200 characters, without line breaks"))
            }
            if !isEmail(signer.email) { errors.append(FieldError("\(field).email", "not an email address: '\(signer.email.prefix(80))'")) }
            if !(1...maxSigners).contains(signer.order) { errors.append(FieldError("\(field).order", "an order from 1 to \(maxSigners)")) }
            if !seen.insert(signer.email.lowercased()).inserted { errors.append(FieldError("\(field).email", "this address signs twice")) }
        }
        if !signers.isEmpty, !signers.contains(where: { $0.role == .internal }) {
            errors.append(FieldError("signers", "at least one signer must be a colleague (role internal)"))
        }
        if let message, message.count > maxMessage { errors.append(FieldError("message", "at most \(maxMessage) characters")) }
        return errors
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" }
    }

    /// A signature as given: drawn with a pen or typed.
    public enum Mark: Hashable, Sendable, Codable {
        case drawn(strokes: [[[Double]]])
        case typed(text: String)

        public static let maxStrokes = 100
        public static let maxPoints = 5000

        public var kind: String {
            switch self {
            case .drawn: "drawn"
            case .typed: "typed"
            }
        }

        /// Why this mark cannot be accepted, or nil: a typed name of 2 to 100 characters, or strokes of finite
        /// points within a screen-sized box, not too many, and at least one line.
        public var error: String? {
            switch self {
            case .typed(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard (2...100).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
                    return "a typed signature has 2 to 100 characters, without line breaks"
                }
                return nil
            case .drawn(let strokes):
                guard !strokes.isEmpty, strokes.count <= Self.maxStrokes else { return "a drawn signature has 1 to \(Self.maxStrokes) strokes" }
                let points = strokes.joined()
                guard points.count <= Self.maxPoints else { return "a drawn signature has at most \(Self.maxPoints) points" }
                guard points.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isFinite && (0...10_000).contains($0) } }) else {
                    return "each point is [x, y] with coordinates from 0 to 10000"
                }
                guard strokes.contains(where: { $0.count >= 2 }) else { return "draw at least one line" }
                return nil
            }
        }
    }
}
