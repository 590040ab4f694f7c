import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Salesforce Outbound Message, read only for what it hints at: the organisation it comes from and the ids of
/// the records that changed. Paraphe fetches those records itself; nothing else in the message is used.
public struct OutboundMessage: Sendable, Hashable {
    public var organisation: String
    public var objectType: String?
    public var recordIds: [String]

    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case tooLarge, declaresEntities, malformed(String), notANotification

        public var description: String {
            switch self {
            case .tooLarge: "the message is larger than 1 MiB"
            case .declaresEntities: "the message declares a DTD or entities, which a Salesforce notification never does"
            case .malformed(let why): "the message is not well-formed XML: \(why)"
            case .notANotification: "the message is not a Salesforce notifications envelope"
            }
        }
    }

    /// A DTD is refused before parsing, so no entity is ever expanded (billion laughs, external files).
    public static func parse(_ data: Data) throws(Refusal) -> OutboundMessage {
        guard data.count <= 1 << 20 else { throw .tooLarge }
        let text = String(decoding: data, as: UTF8.self)
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.range(of: "<!ENTITY", options: .caseInsensitive) != nil {
            throw .declaresEntities
        }
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else { throw .malformed(parser.parserError.map { "\($0.localizedDescription)" } ?? "unreadable") }
        guard reader.sawNotifications, let organisation = reader.organisation, !organisation.isEmpty else { throw .notANotification }
        return OutboundMessage(organisation: organisation, objectType: reader.objectType, recordIds: reader.ids)
    }

    /// What Salesforce waits for; without it, it sends the message again.
    public static let acknowledgement = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>\
        <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>\
        </soapenv:Body></soapenv:Envelope>
        """

    final class Reader: NSObject, XMLParserDelegate {
        var path: [String] = []
        var text = ""
        var organisation: String?
        var objectType: String?
        var ids: [String] = []
        var sawNotifications = false

        static func local(_ name: String) -> String { String(name.split(separator: ":").last ?? "") }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let local = Self.local(name)
            path.append(local)
            text = ""
            if local == "notifications" { sawNotifications = true }
            if local == "sObject", let type = attributes["xsi:type"] { objectType = Self.local(type) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let local = Self.local(name)
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if local == "OrganizationId" { organisation = value }
            if local == "Id", path.dropLast().last == "sObject", ids.count < 100 { ids.append(value) }
            path.removeLast()
            text = ""
        }
    }
}
