import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import RegisterCore

/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) made with the session
/// cookie unless it carries the session's CSRF token, in the `X-CSRF-Token` header or
/// the form field `csrf`, with 403: another site can make a browser send the cookie,
/// not read the token. Requests with a bearer token, and anonymous ones, pass (the
/// sign-in and set-password forms check their own token, see `FormToken`). The 403 is
/// problem details under /api/, a page saying the form has expired elsewhere.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = InsynRequestContext
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let field = "csrf"
    let pages: FormPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let session = context.session, Self.changesState(request.method) else { return try await next(request, context) }
        var request = request
        let supplied = try await Self.suppliedToken(&request)
        guard let supplied, FormToken.same(supplied, session.csrfToken) else {
            let detail = "A request signed in with the session cookie must carry the session's CSRF token (X-CSRF-Token or the form field csrf)."
            if request.uri.path.hasPrefix("/api/") { throw ProblemDetails(status: .forbidden, detail: detail) }
            return try await pages.expired(request, context)
        }
        return try await next(request, context)
    }

    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        [.post, .put, .patch, .delete].contains(method)
    }

    /// The header's token, else the `csrf` field of a form body, url-encoded or
    /// multipart (an upload); the body stays readable for the handler.
    static func suppliedToken(_ request: inout Request) async throws -> String? {
        if let header = request.headers[header] { return header }
        if MultipartBody.isMultipart(request) { return try await MultipartBody.read(&request).text(field) }
        guard FormBody.isForm(request) else { return nil }
        return try await FormBody.read(&request)[field]
    }
}

/// The CSRF token of a form shown before there is a session: random, kept in the
/// form cookie and repeated in the form, and the two must agree when it is posted.
enum FormToken {
    static func generate() -> String { Commitment.newSalt() }

    /// Compares in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Array(a.utf8))), y = Array(SHA256.hash(data: Array(b.utf8)))
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
