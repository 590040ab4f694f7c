import Foundation

/// An RFC 5322 message in UTF-8: the subject as an encoded word, the body in base64, so any text survives any
/// relay. Header values are stripped of line breaks, so a contract title cannot inject headers.
struct MailMessage: Sendable {
    var from: String
    var to: String
    var subject: String
    var body: String
    var date: Date
    var messageId: String
    var attachment: Attachment?

    struct Attachment: Sendable {
        var filename: String
        var contentType: String
        var data: Data
    }

    var rendered: String {
        var headers = [
            "From: \(Self.clean(from))",
            "To: \(Self.clean(to))",
            "Subject: \(Self.encodedWord(Self.clean(subject)))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(Self.clean(messageId))>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"]
        guard let attachment else {
            return (headers + text).joined(separator: "\r\n") + "\r\n\r\n" + Self.base64(Data(body.utf8)) + "\r\n"
        }
        // The boundary is derived from the message id: it never appears in base64 text.
        let boundary = "=_paraphe_" + Self.clean(messageId).filter { $0.isLetter || $0.isNumber }
        headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        let name = Self.clean(attachment.filename).filter { $0 != "\"" && $0 != "\\" }
        return headers.joined(separator: "\r\n") + "\r\n\r\n"
            + "--\(boundary)\r\n" + text.joined(separator: "\r\n") + "\r\n\r\n" + Self.base64(Data(body.utf8)) + "\r\n"
            + "--\(boundary)\r\nContent-Type: \(attachment.contentType); name=\"\(name)\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"\(name)\"\r\n\r\n" + Self.base64(attachment.data) + "\r\n"
            + "--\(boundary)--\r\n"
    }

    static func base64(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func clean(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
    }

    /// RFC 2047 `=?UTF-8?B?…?=`, in chunks short enough for the 78-character line limit.
    static func encodedWord(_ text: String) -> String {
        guard !text.allSatisfy({ $0.isASCII && !$0.isNewline }) || text.count > 60 else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
