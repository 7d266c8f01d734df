import Hummingbird
import Publishing
import RegisterCore

/// `/set-password/<secret>`: the page a one-time link from `insyn account add` or
/// `insyn account reset-password` opens, where the person chooses a password of at
/// least `Password.minimumLength` characters. A used, expired or unknown link is 410.
struct SetPasswordController: SiteController {
    let pages: FormPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        let pattern = RouterPath(SiteURL.pattern(SiteURL.setPassword))
        router.get(pattern) { request, context in
            let secret = context.parameters.get("secret") ?? ""
            let page = try await pages.pageContext(request, context)
            guard let account = try await pages.register.passwordResetAccount(secret) else { return try await gone(request, context, page) }
            let token = pages.formToken(request, context)
            var response = try await pages.render(SetPasswordView(context: page, secret: secret, account: account, csrf: token.token),
                                                  request: request, context: context)
            if token.isNew { response.setCookie(pages.cookies.form(token.token)) }
            return response
        }
        router.post(pattern) { request, context in
            try await setPassword(request, context)
        }
    }

    private func setPassword(_ request: Request, _ context: InsynRequestContext) async throws -> Response {
        var request = request
        let fields = FormBody.isForm(request) ? try await FormBody.read(&request) : [:]
        guard pages.formTokenMatches(fields, request, context) else { return try await pages.expired(request, context) }
        let secret = context.parameters.get("secret") ?? ""
        let page = try await pages.pageContext(request, context)
        guard let account = try await pages.register.passwordResetAccount(secret) else { return try await gone(request, context, page) }
        let token = pages.formToken(request, context).token
        let password = fields["password"] ?? ""
        var passwordError: String?, repeatError: String?
        if password.unicodeScalars.count < Password.minimumLength {
            passwordError = page.strings.format("setPasswordTooShort", String(Password.minimumLength))
        } else if password.utf8.count > Password.maximumBytes {
            passwordError = page.strings.format("hostilePasswordTooLong", String(Password.maximumBytes))
        } else if (try? Password.validate(password)) == nil {
            passwordError = page["setPasswordInvalid"]
        }
        if passwordError == nil && fields["repeat"] != password { repeatError = page["setPasswordMismatch"] }
        if passwordError != nil || repeatError != nil {
            let view = SetPasswordView(context: page, secret: secret, account: account, csrf: token, passwordError: passwordError,
                                       repeatError: repeatError)
            return try await pages.render(view, status: .badRequest, request: request, context: context)
        }
        do {
            let updated = try await pages.register.setPassword(resetSecret: secret, password: password)
            return try await pages.render(SetPasswordView(context: page, secret: secret, account: updated, csrf: token, done: true),
                                          request: request, context: context)
        } catch is PasswordResetInvalid {
            return try await gone(request, context, page)
        }
    }

    private func gone(_ request: Request, _ context: InsynRequestContext, _ page: PageContext) async throws -> Response {
        try await pages.render(PasswordLinkGoneView(context: page), status: .gone, request: request, context: context)
    }
}
