import Foundation
import Hummingbird
import ParapheCore
import ParapheStore
import ParapheServices

/// `/api/v1/inbox`: the caller's notifications; `/api/v1/mails`: the outbox, for admins.
struct NotificationRoutes {
    let services: AppServices


    func register(_ api: some RouterMethods<AppContext>) {
        api.get("inbox", use: inbox)
        api.post("inbox/:id/read", use: markRead)
        api.get("mails", use: mails)
    }

    @Sendable func inbox(_ request: Request, context: AppContext) async throws -> JSON<Page<InboxItemDTO>> {
        let user = try context.requireUser()
        let page = try PageRequest(request)
        let cursor = try page.decodeCursor(TimeCursor.self)?.position()
        let unread: Bool
        switch request.uri.queryParameters.get("unread") {
        case nil, "false": unread = false
        case "true": unread = true
        default: throw ValidationFailure([FieldError("unread", "must be true or false")])
        }
        let rows = try await OperationsWorkflow(services: services).inbox(of: user, unreadOnly: unread, before: cursor, limit: page.limit + 1)
        return JSON(PageRequest.page(rows, limit: page.limit, item: {
            InboxItemDTO(id: $0.id.description, kind: $0.kind.rawValue, title: $0.title, link: $0.link, contractId: $0.contractId?.description,
                         createdAt: $0.createdAt, readAt: $0.readAt)
        }, cursor: { PageRequest.encodeCursor(TimeCursor(at: $0.createdAt, id: $0.id.description)) }))
    }

    @Sendable func markRead(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        try await OperationsWorkflow(services: services).markRead(try context.requireID("id"), of: user)
        return Response(status: .noContent)
    }

    @Sendable func mails(_ request: Request, context: AppContext) async throws -> JSON<Page<MailDTO>> {
        let caller = try context.caller()
        let page = try PageRequest(request)
        let rows = try await OperationsWorkflow(services: services).mails(limit: page.limit, by: caller)
        return JSON(Page(items: rows.map {
            MailDTO(id: $0.id.description, recipient: $0.recipient, subject: $0.subject, body: $0.body, status: $0.status.rawValue,
                    createdAt: $0.createdAt, sentAt: $0.sentAt, lastError: $0.lastError)
        }, nextCursor: nil))
    }
}
