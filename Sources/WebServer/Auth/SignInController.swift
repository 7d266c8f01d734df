import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// `/sign-in` (the form, and its POST) and `/sign-out` (POST): a person signs in
/// with their email and password and gets the session cookie; signing out ends the
/// session. Failed attempts are throttled by the register (`SignInThrottle`).
struct SignInController: SiteController {
    let pages: FormPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.signIn.routePattern)) { request, context in
            try await show(request, context)
        }
        router.post(RouterPath(SiteURL.signIn.routePattern)) { request, context in
            try await signIn(request, context)
        }
        router.post(RouterPath(SiteURL.signOut.routePattern)) { request, context in
            if let session = context.session { try await pages.register.endSession(session.id) }
            var response = Response(status: .seeOther, headers: [.location: SiteURL.signIn.path, .cacheControl: "no-store"])
            response.setCookie(pages.cookies.ended())
            return response
        }
    }

    private func show(_ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let token = pages.formToken(request, context)
        let back = ReturnPath.safe(try QueryParameters(request).text("return"))
        var response = try await pages.render(SignInView(context: page, csrf: token.token, principal: context.principal, returnTo: back),
                                              request: request, context: context)
        if token.isNew { response.setCookie(pages.cookies.form(token.token)) }
        return response
    }

    private func signIn(_ request: Request, _ context: InsynRequestContext) async throws -> Response {
        var request = request
        let fields = FormBody.isForm(request) ? try await FormBody.read(&request) : [:]
        guard pages.formTokenMatches(fields, request, context) else { return try await pages.expired(request, context) }
        let page = try await pages.pageContext(request, context)
        let token = pages.formToken(request, context).token
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = fields["password"] ?? ""
        let back = ReturnPath.safe(fields["return"])
        if email.isEmpty || password.isEmpty {
            let view = SignInView(context: page, csrf: token, email: email, emailError: email.isEmpty ? page["signInEmailMissing"] : nil,
                                  passwordError: password.isEmpty ? page["signInPasswordMissing"] : nil, returnTo: back)
            return try await pages.render(view, status: .badRequest, request: request, context: context)
        }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        do {
            let session = try await pages.register.signIn(email: email, password: password, address: address)
            var response = Response(status: .seeOther, headers: [.location: back ?? SiteURL.signIn.path, .cacheControl: "no-store"])
            response.setCookie(pages.cookies.session(session.id))
            return response
        } catch let refusal as SignInRefusal {
            switch refusal {
            case .wrongCredentials:
                let view = SignInView(context: page, csrf: token, email: email, refusal: page["signInWrong"], returnTo: back)
                return try await pages.render(view, status: .badRequest, request: request, context: context)
            case .locked(let until):
                let message = page.strings.format("signInLocked", page.dates.time(until))
                var response = try await pages.render(SignInView(context: page, csrf: token, email: email, refusal: message, returnTo: back),
                                                      status: .tooManyRequests, request: request, context: context)
                response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
                return response
            }
        }
    }
}
