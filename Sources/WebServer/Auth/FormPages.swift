import Hummingbird
import Publishing
import RegisterCore

/// Renders the pages of signing in: never cached, since each carries a CSRF token;
/// read with the register's async API like every page. Also hands out the form
/// cookie's token that guards the forms shown before there is a session.
struct FormPages: Sendable {
    let register: Register
    let renderer: PageRenderer
    let cookies: SessionCookies

    func render(_ view: any PageView, status: HTTPResponse.Status = .ok, request: Request,
                context: InsynRequestContext) async throws -> Response {
        let renderer = renderer
        let language = context.language
        let path = request.uri.path
        let query = QueryParameters(request)
        let principal = context.principal
        let html = try await register.read { snapshot in
            var page = PageContext(language: language, settings: try snapshot.settings(), path: path, query: query)
            page.principal = principal
            return try renderer.render(view, context: page)
        }
        var headers = PageResponder.headers(language: language)
        headers[.cacheControl] = "no-store"
        return PageResponder.response(status: Int(status.code), html: html, headers: headers)
    }

    /// The page's strings and settings, for building a view before rendering it.
    func pageContext(_ request: Request, _ context: InsynRequestContext) async throws -> PageContext {
        let settings = try await register.read { try $0.settings() }
        return PageContext(request: request, context: context, settings: settings)
    }

    /// The CSRF token a form carries: the session's when signed in, else the form
    /// cookie's (`isNew` when the response must set that cookie).
    func formToken(_ request: Request, _ context: InsynRequestContext) -> (token: String, isNew: Bool) {
        if let session = context.session { return (session.csrfToken, false) }
        if let existing = request.cookies[SessionCookies.formName]?.value, !existing.isEmpty { return (existing, false) }
        return (FormToken.generate(), true)
    }

    /// Whether a posted form carries the token it was shown with (a signed-in request
    /// was checked against its session already, by `CSRFMiddleware`).
    func formTokenMatches(_ fields: [String: String], _ request: Request, _ context: InsynRequestContext) -> Bool {
        if context.session != nil { return true }
        guard let cookie = request.cookies[SessionCookies.formName]?.value, let field = fields[CSRFMiddleware.field] else { return false }
        return FormToken.same(cookie, field)
    }

    /// The page of a form posted without the token it was shown with.
    func expired(_ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await pageContext(request, context)
        return try await render(FormExpiredView(context: page), status: .forbidden, request: request, context: context)
    }
}

/// The page of a form whose CSRF token is missing or wrong: most often a form left
/// open across a sign-in or a restart of the browser; sending it again from a fresh
/// page works.
struct FormExpiredView: PageView {
    static let template = "text-page"
    let title: String
    let intro: String
    let sections: [TextSection]

    init(context: PageContext) {
        title = context["formExpiredTitle"]
        intro = context["formExpiredText"]
        sections = [TextSection(context["formExpiredHeading"], [], links: [PageLink(context["signInTitle"], .signIn)])]
    }
}
