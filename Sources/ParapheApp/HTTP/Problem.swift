import Foundation
import ParapheCRM
import Hummingbird
import NIOCore
import ParapheCore
import ParapheStore
import ParapheServices

/// An RFC 9457 problem: the only shape an error takes on the wire. `type` is stable; clients switch on it.
public struct Problem: Error, Sendable, Codable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [FieldError]?
    /// For 409s on the lifecycle: where the contract may go instead.
    public var allowed: [String]?
    /// For a refused signatory: why, as a code (`noAuthority`, `typeNotCovered`, `amountAboveLimit`…).
    public var reason: String?
    /// For a 429: seconds before trying again, also sent as `Retry-After`.
    public var retryAfter: Int?

    public init(type: String, title: String, status: Int, detail: String, errors: [FieldError]? = nil, allowed: [String]? = nil,
                reason: String? = nil) {
        self.type = "https://paraphe.dev/problems/\(type)"
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.allowed = allowed
        self.reason = reason
    }

    public static func validation(_ errors: [FieldError]) -> Problem {
        Problem(type: "validation", title: "Invalid input", status: 422,
                detail: errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "), errors: errors)
    }

    public static func badRequest(_ detail: String) -> Problem {
        Problem(type: "malformed-request", title: "Malformed request", status: 400, detail: detail)
    }

    public static func unauthorized(_ detail: String = "send Authorization: Bearer <token>; get one from POST /api/v1/auth/token") -> Problem {
        Problem(type: "unauthorized", title: "Authentication required", status: 401, detail: detail)
    }

    public static func forbidden(_ detail: String) -> Problem {
        Problem(type: "forbidden", title: "Forbidden", status: 403, detail: detail)
    }

    public static func notFound(_ detail: String) -> Problem {
        Problem(type: "not-found", title: "Not found", status: 404, detail: detail)
    }

    public static func conflict(_ detail: String) -> Problem {
        Problem(type: "conflict", title: "Conflict", status: 409, detail: detail)
    }

    public static func tooLarge(_ limit: Int) -> Problem {
        Problem(type: "too-large", title: "Request too large", status: 413,
                detail: "the request body is larger than this endpoint's limit of \(ByteSize.describe(limit)) (\(limit) bytes)")
    }

    public static func unsupportedMediaType(_ detail: String) -> Problem {
        Problem(type: "unsupported-media-type", title: "Unsupported media type", status: 415, detail: detail)
    }

    public static func tooManyRequests(_ detail: String) -> Problem {
        Problem(type: "rate-limited", title: "Too many requests", status: 429, detail: detail)
    }

    /// Maps every error the app can throw to a problem; anything unexpected is a 500 (and a bug to fix).
    static func from(_ error: any Error, maxBodyBytes: Int) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ValidationFailure:
            return .validation(failure.errors)
        case let domain as DomainError:
            switch domain {
            case .notFound(let detail): return .notFound(detail)
            case .forbidden(let detail, let reason):
                var problem = Problem.forbidden(detail)
                problem.reason = reason
                return problem
            case .conflict(let detail): return .conflict(detail)
            case .rateLimited(let detail, let retryAfter):
                var problem = Problem.tooManyRequests(detail)
                problem.retryAfter = retryAfter
                return problem
            }
        case LifecycleError.approvedByDecisions(let allowed):
            return Problem(type: "illegal-transition", title: "Transition not allowed", status: 409,
                           detail: "a contract is approved by its approvers' decisions (POST /api/v1/approvals/{id}/decision), not by hand",
                           allowed: allowed.map(\.rawValue))
        case LifecycleError.signedThroughRequests(let to, let allowed):
            let how = to == .signing ? "send it for signature (POST /api/v1/contracts/{id}/signature-requests)"
                : "every signer signs and the seal completes it, or legal records a copy signed elsewhere (POST /api/v1/contracts/{id}/signed-elsewhere)"
            return Problem(type: "illegal-transition", title: "Transition not allowed", status: 409,
                           detail: "a contract does not move to \(to.rawValue) by hand: \(how)", allowed: allowed.map(\.rawValue))
        case let refusal as RenewalDecisionRefusal:
            return Problem(type: "renewal-refused", title: "Renewal decision refused", status: 409, detail: refusal.detail)
        case let refusal as SignatureCeremony.Refusal:
            return refusal.problem
        case let unreadable as TemplateUnreadable:
            return Problem(type: "corrupt-template", title: "Template cannot be read", status: 500,
                           detail: "published version \(unreadable.version) no longer parses")
        case LifecycleError.illegal(let from, let to, let allowed):
            return Problem(type: "illegal-transition", title: "Transition not allowed", status: 409,
                           detail: "a contract in status \(from.rawValue) cannot move to \(to.rawValue); allowed: \(allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", "))",
                           allowed: allowed.map(\.rawValue))
        case let crm as CRMError:
            return Problem(type: "crm-unavailable", title: "CRM error", status: 502, detail: crm.description)
        case let hook as CRMHooks.Refusal:
            switch hook {
            case .unknownIntegration: return .notFound(hook.description)
            case .rejected(let why): return Problem(type: "hook-refused", title: "Inbound message refused", status: 400, detail: why)
            }
        case let unreadable as SecretBox.Unreadable:
            return Problem(type: "secret-unreadable", title: "Stored secret unreadable", status: 500, detail: unreadable.description)
        case let refused as SigningRefused:
            return Problem(type: "no-signature-authority", title: "No signature authority", status: 403,
                           detail: "\(refused.name) may not sign this contract: \(refused.refusal.message)", reason: refused.refusal.code)
        case StoreError.notFound:
            return .notFound("no such object")
        case StoreError.conflict(let detail):
            return .conflict(detail)
        case let decoding as DecodingError:
            return decodingProblem(decoding)
        case is NIOTooManyBytesError:
            return .tooLarge(maxBodyBytes)
        case let http as HTTPError:
            switch http.status {
            case .contentTooLarge: return .tooLarge(maxBodyBytes)
            case .notFound: return .notFound("no route for this method and path")
            case .methodNotAllowed: return Problem(type: "method-not-allowed", title: "Method not allowed", status: 405, detail: "this path does not accept this method")
            default:
                return Problem(type: "http", title: http.status.reasonPhrase, status: Int(http.status.code), detail: http.body ?? http.status.reasonPhrase)
            }
        default:
            return Problem(type: "internal", title: "Internal error", status: 500, detail: "an unexpected error occurred; it has been logged")
        }
    }

    /// The 4xx a workflow's refusal maps to, for pages that show it in place; nil for anything else (a 5xx is a bug
    /// and goes to the middleware).
    static func refusal(_ error: any Error) -> Problem? {
        let problem = from(error, maxBodyBytes: 0)
        return (400..<500).contains(problem.status) ? problem : nil
    }

    /// Turns a JSON decoding failure into a 400 (not JSON at all) or a 422 naming the field.
    static func decodingProblem(_ error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context, appending key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "body" : text)
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest("the body is not valid JSON (UTF-8)")
        case .dataCorrupted(let context):
            return .validation([FieldError(path(context), context.debugDescription)])
        case .keyNotFound(let key, let context):
            return .validation([FieldError(path(context, appending: key), "is required")])
        case .typeMismatch(let type, let context):
            return .validation([FieldError(path(context), "must be \(jsonTypeName(type))")])
        case .valueNotFound(let type, let context):
            return .validation([FieldError(path(context), "must be \(jsonTypeName(type)), not null")])
        @unknown default:
            return .badRequest("the body could not be read")
        }
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type, is Decimal.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

extension SignatureCeremony.Refusal {
    /// A signer reads these on a phone: the type says what happened, the detail what to do.
    var problem: Problem {
        switch self {
        case .unknownLink:
            Problem(type: "signing-link-unknown", title: "Unknown link", status: 404,
                    detail: "this signing link is not valid: it was replaced by a newer one, revoked, or mistyped")
        case .expired:
            Problem(type: "signing-link-expired", title: "Link expired", status: 410, detail: "this signing link has expired; ask the sender for a new one")
        case .closed(let status):
            Problem(type: "signature-request-closed", title: "Request closed", status: 409, detail: "this signature request is \(status.rawValue)")
        case .alreadySigned:
            Problem(type: "already-signed", title: "Already signed", status: 409, detail: "you have already signed this document")
        case .codeRequired:
            Problem(type: "code-required", title: "Code required", status: 409, detail: "confirm the code sent by mail before signing")
        case .wrongCode(let remaining):
            Problem(type: "wrong-code", title: "Wrong code", status: 422, detail: "this code is wrong; \(remaining) tries left",
                    errors: [FieldError("code", "wrong code")])
        case .codeLocked:
            Problem(type: "code-locked", title: "Code locked", status: 409, detail: "too many wrong codes: ask for a new code")
        case .codeExpired:
            Problem(type: "code-expired", title: "Code expired", status: 409, detail: "this code has expired: ask for a new code")
        case .documentChanged(let current):
            Problem(type: "document-changed", title: "Document changed", status: 409,
                    detail: "the document you were shown is not the one to sign (SHA-256 \(current)); reload the page")
        }
    }
}

/// Renders every error as problem+json (or an HTML error page for browsers on the web UI).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as WebRedirect {
            return .redirect(redirect.location)
        } catch {
            let problem = Self.problem(error, request, context, maxBodyBytes: maxBodyBytes)
            // What fails before the session is read (a NUL in the query) still gets a page in the browser's language.
            if ErrorPage.wantsPage(request) {
                return ErrorPage.response(problem, language: WebLanguage.preferred(request), user: nil, csrf: nil, path: request.uri.path)
            }
            return problem.response()
        }
    }
}

extension ProblemMiddleware {
    /// The problem an error answers, the server's own failures logged with what caused them.
    static func problem(_ error: any Error, _ request: Request, _ context: AppContext, maxBodyBytes: Int) -> Problem {
        let problem = Problem.from(error, maxBodyBytes: maxBodyBytes)
        if problem.status >= 500 {
            context.logger.error("\(request.method) \(loggable(request.uri.path)) failed: \(String(reflecting: error))")
        }
        return problem
    }

    /// A path as logs may show it: a signing link is a credential, so its token is left out.
    static func loggable(_ path: String) -> String {
        guard path.hasPrefix("/sign/") else { return path }
        let rest = path.dropFirst("/sign/".count)
        return "/sign/<token>" + (rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "")
    }
}

extension Problem {
    func response() -> Response {
        let data = (try? CanonicalJSON.encode(self)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

enum ByteSize {
    /// `128 KiB`, `25 MiB`, `512 bytes`: how a limit reads in a message.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
