import Foundation
import Publishing
import RegisterCore

/// The sign-in page: the form (email, password), or, for someone signed in, who they
/// are and the sign-out button.
struct SignInView: PageView {
    static let template = "sign-in"
    let title: String
    let heading: String
    let intro: String
    let action = SiteURL.signIn.path
    let signOutAction = SiteURL.signOut.path
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let fields: [FormField]
    let summary: FormErrors
    let signedIn: SignedIn?
    /// The page of this site to go on to once signed in (from `?return=`).
    let returnTo: String?

    /// Who is signed in, as the page says it.
    struct SignedIn: Sendable {
        let text: String
    }

    /// `refusal` (wrong credentials, a lock) stands beside the email field and in the summary.
    init(context: PageContext, csrf: String, email: String = "", emailError: String? = nil, passwordError: String? = nil,
         refusal: String? = nil, principal: Principal? = nil, returnTo: String? = nil) {
        self.returnTo = returnTo
        let strings = context.strings
        heading = principal == nil ? context["signInTitle"] : context["signedInTitle"]
        self.csrf = csrf
        fields = [
            FormField(id: "sign-in-email", name: "email", label: context["signInEmail"], type: "email", autocomplete: "username",
                      value: email, error: emailError ?? refusal),
            FormField(id: "sign-in-password", name: "password", label: context["signInPassword"], type: "password",
                      autocomplete: "current-password", error: passwordError),
        ]
        summary = FormErrors(fields: fields)
        title = summary.title(heading, strings: strings)
        if let principal {
            intro = ""
            signedIn = SignedIn(text: strings.format("signInAs", principal.name, strings.format("role_" + principal.role.rawValue)))
        } else {
            intro = context["signInIntro"]
            signedIn = nil
        }
    }
}
