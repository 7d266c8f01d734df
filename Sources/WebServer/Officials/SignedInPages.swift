import Hummingbird
import Publishing
import RegisterCore

/// The frame of every signed-in page: who may open it, and how it is rendered. An
/// anonymous request is sent to sign in (303, with the way back); a signed-in person
/// whose role may not use the page gets a 403 page. The pages are rendered like the
/// sign-in forms (never cached, the header showing the person's links).
struct SignedInPages: Sendable {
    let forms: FormPages
    var register: Register { forms.register }

    /// The roles that record meetings: the officials' pages.
    static let meetingWriters: Set<Role> = [.recorder, .registrar, .admin]
    static let registrars: Set<Role> = [.registrar, .admin]
    static let auditors: Set<Role> = [.auditor, .registrar, .admin]

    /// Runs `body` with the signed-in principal when its role is one of `roles`.
    func guarded(_ request: Request, _ context: InsynRequestContext, roles: Set<Role>,
                 _ body: (Principal) async throws -> Response) async throws -> Response {
        guard let principal = context.principal else {
            let back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : request.uri.path
            return Response(status: .seeOther, headers: [.location: SiteURL.signIn(returningTo: back), .cacheControl: "no-store"])
        }
        guard roles.contains(principal.role) else { return try await forbidden(request, context) }
        return try await body(principal)
    }

    /// The page of a signed-in person who may not do what they asked.
    func forbidden(_ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await forms.pageContext(request, context)
        return try await forms.render(ForbiddenView(context: page), status: .forbidden, request: request, context: context)
    }

    func render(_ view: any PageView, status: HTTPResponse.Status = .ok, request: Request,
                context: InsynRequestContext) async throws -> Response {
        try await forms.render(view, status: status, request: request, context: context)
    }

    func pageContext(_ request: Request, _ context: InsynRequestContext) async throws -> PageContext {
        try await forms.pageContext(request, context)
    }

    /// The token every form of a signed-in page carries (see `CSRFMiddleware`).
    func csrf(_ context: InsynRequestContext) -> String {
        context.session?.csrfToken ?? ""
    }

    /// After a change: where the person goes next (303, so a reload does not send the form again).
    static func seeOther(_ place: String) -> Response {
        Response(status: .seeOther, headers: [.location: place, .cacheControl: "no-store"])
    }
}

/// The 403 page of a signed-in page: who may use it, and the way back.
struct ForbiddenView: PageView {
    static let template = "text-page"
    let title: String
    let intro: String
    let sections: [TextSection]

    init(context: PageContext) {
        title = context["deskForbiddenTitle"]
        intro = context["deskForbiddenText"]
        sections = [TextSection(context["deskForbiddenHeading"], [], links: [PageLink(context["signInTitle"], .signIn),
                                                                             PageLink(context["navHome"], .home)])]
    }
}
