import AsyncHTTPClient
import Foundation
import NIOCore
import ServiceLifecycle

struct OutboundSubscription: Codable, Sendable {
    var object: String
    var url: String
    var fields: [String]?
}

struct OutboundNotification: Sendable {
    var id: String
    var url: String
    var object: String
    var record: [String: Value]
    var fields: [String]
    var attempts = 0
    var nextAt: Date
}

extension Org {
    func subscribe(_ subscription: OutboundSubscription) throws(Error) {
        let spec = try spec(subscription.object)
        outbound[spec.name] = subscription
    }

    /// Queues an Outbound Message for a change, as a workflow rule on "created, and every time it's edited" does.
    func notify(_ type: String, record: [String: Value]) {
        guard let subscription = outbound[type] else { return }
        let id = SalesforceId.make(prefix: "04l", number: pendingNotifications.count + apiCalls + 1)
        pendingNotifications.append(OutboundNotification(id: id, url: subscription.url, object: type, record: record,
                                                         fields: subscription.fields ?? ["Id", "StageName"], nextAt: clock()))
    }

    func dueNotifications() -> [OutboundNotification] {
        let now = clock()
        return pendingNotifications.filter { $0.nextAt <= now }
    }

    /// Salesforce retries an unacknowledged message with growing intervals (up to 24 hours); the sandbox keeps the
    /// same order of growth, in seconds.
    func delivered(_ id: String, acknowledged: Bool) {
        guard let index = pendingNotifications.firstIndex(where: { $0.id == id }) else { return }
        if acknowledged {
            pendingNotifications.remove(at: index)
        } else {
            pendingNotifications[index].attempts += 1
            pendingNotifications[index].nextAt = clock().addingTimeInterval(min(60, 0.5 * pow(2, Double(pendingNotifications[index].attempts))))
        }
    }
}

enum OutboundEnvelope {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func soap(_ n: OutboundNotification, organisation: String) -> String {
        let fields = n.fields.compactMap { name -> String? in
            guard let value = n.record[name]?.string else { return nil }
            return "<sf:\(name)>\(escape(value))</sf:\(name)>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
             <soapenv:Body>
              <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
               <OrganizationId>\(organisation)</OrganizationId>
               <ActionId>04k5g000000SANDBOXA</ActionId>
               <SessionId xsi:nil="true"/>
               <EnterpriseUrl>/services/Soap/c/59.0</EnterpriseUrl>
               <PartnerUrl>/services/Soap/u/59.0</PartnerUrl>
               <Notification>
                <Id>\(n.id)</Id>
                <sObject xsi:type="sf:\(n.object)" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">\(fields)</sObject>
               </Notification>
              </notifications>
             </soapenv:Body>
            </soapenv:Envelope>
            """
    }
}

/// Delivers queued Outbound Messages until each is acknowledged with `<Ack>true</Ack>`.
struct OutboundDelivery: Service {
    let org: Org
    let client: HTTPClient

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for notification in await org.dueNotifications() {
                    let acknowledged = await send(notification)
                    await org.delivered(notification.id, acknowledged: acknowledged)
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func send(_ n: OutboundNotification) async -> Bool {
        var request = HTTPClientRequest(url: n.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
        request.headers.add(name: "SOAPAction", value: "\"\"")
        request.body = .bytes(ByteBuffer(string: OutboundEnvelope.soap(n, organisation: "00D5g000000SANDBOX")))
        guard let response = try? await client.execute(request, timeout: .seconds(10)),
              let body = try? await response.body.collect(upTo: 1 << 16) else { return false }
        return (200..<300).contains(Int(response.status.code)) && String(buffer: body).contains("<Ack>true</Ack>")
    }
}
