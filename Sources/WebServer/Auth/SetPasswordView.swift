import Publishing
import RegisterCore

/// The page of a password link: the form for a new password (twice), or, once it is
/// set, the way to sign in.
struct SetPasswordView: PageView {
    static let template = "set-password"
    let title: String
    let heading: String
    let intro: String
    let action: String
    let csrfField = CSRFMiddleware.field
    let csrf: String
    /// The account's email, for a password manager to save the password under.
    let username: String
    let fields: [FormField]
    let summary: FormErrors
    let done: Done?

    /// What the page says once the password is set.
    struct Done: Sendable {
        let text: String
        let signInHref = SiteURL.signIn.path
        let signInText: String
    }

    init(context: PageContext, secret: String, account: Account, csrf: String, passwordError: String? = nil,
         repeatError: String? = nil, done: Bool = false) {
        let strings = context.strings
        heading = context["setPasswordTitle"]
        intro = strings.format("setPasswordIntro", account.name, account.email)
        action = SiteURL.setPassword(secret).path
        self.csrf = csrf
        username = account.email
        fields = done ? [] : [
            FormField(id: "set-password-new", name: "password", label: context["setPasswordNew"], type: "password",
                      autocomplete: "new-password", hint: strings.format("setPasswordHint", String(Password.minimumLength)),
                      error: passwordError),
            FormField(id: "set-password-repeat", name: "repeat", label: context["setPasswordRepeat"], type: "password",
                      autocomplete: "new-password", error: repeatError),
        ]
        summary = FormErrors(fields: fields)
        title = summary.title(heading, strings: strings)
        self.done = done ? Done(text: context["setPasswordDone"], signInText: context["signInTitle"]) : nil
    }
}

/// The page of a password link that was used already, has expired or never existed.
struct PasswordLinkGoneView: PageView {
    static let template = "text-page"
    let title: String
    let intro: String
    let sections: [TextSection] = []

    init(context: PageContext) {
        title = context["setPasswordGoneTitle"]
        intro = context["setPasswordGoneText"]
    }
}
