import HTTPTypes
import Hummingbird

/// Made once: building a field name validates and lower-cases it.
private let secFetchSiteField = HTTPField.Name("Sec-Fetch-Site")!

/// Applies `RequestGuard` to every request before it reaches a route.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let requestGuard: RequestGuard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let headers = request.headers
        let hasBody = request.method == .post
        if let rejection = requestGuard.check(
            method: request.method.rawValue,
            host: request.head.authority,
            origin: headers[.origin],
            secFetchSite: headers[secFetchSiteField],
            contentType: headers[.contentType],
            contentEncoding: headers[.contentEncoding],
            hasBody: hasBody
        ) {
            return rejection.response()
        }
        return try await next(request, context)
    }
}
