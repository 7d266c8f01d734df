import Hummingbird
import RegisterCore

/// Says who is asking, before any handler runs: an `Authorization: Bearer` token sets
/// the token's principal, and one that is unknown, expired or revoked (or another
/// scheme) is answered 401 at once; otherwise a live session cookie sets the signed-in
/// account and its session. Anything else is an anonymous reader. A session cookie
/// that names no live session is cleared in the response (unless the response
/// starts a new session, as signing in does).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = InsynRequestContext
    let register: Register
    let cookies: SessionCookies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard let secret = Self.bearer(authorization) else {
                return Unauthorized.response("The Authorization header must be \"Bearer\" and an API token.")
            }
            switch try await register.checkBearer(secret) {
            case .valid(let principal): context.principal = principal
            case .unknown: return Unauthorized.response("The API token is not known.")
            case .expired: return Unauthorized.response("The API token has expired.")
            case .revoked: return Unauthorized.response("The API token has been revoked.")
            }
            return try await next(request, context)
        }
        guard let id = request.cookies[SessionCookies.name]?.value else { return try await next(request, context) }
        guard let session = try await register.session(id) else {
            var response = try await next(request, context)
            let setsSession = response.headers[values: .setCookie].contains { $0.hasPrefix(SessionCookies.name + "=") }
            if !setsSession { response.setCookie(cookies.ended()) }
            return response
        }
        context.principal = session.principal
        context.session = session
        return try await next(request, context)
    }

    /// The token of "Bearer <token>" (the scheme in any case, RFC 9110 §11.1).
    static func bearer(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
