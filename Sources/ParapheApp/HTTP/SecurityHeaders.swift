import Hummingbird

/// Every answer but the static assets is private to its reader: no cache keeps it (a shared or back-button copy of a
/// contract page outlives the session), and no link hands its address to another site. Outermost, so error pages
/// and problems carry the headers too.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if request.uri.path.split(separator: "/").first != "assets" {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
