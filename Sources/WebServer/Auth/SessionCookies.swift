import Hummingbird

/// The cookies of signing in: the session cookie (its value the session's secret id)
/// and, before a session exists, the cookie that carries the CSRF token of the
/// sign-in and set-password forms. Both are `HttpOnly` and `SameSite=Lax`, and
/// `Secure` when the register's base URL is https.
struct SessionCookies: Sendable {
    static let name = "insyn_session"
    static let formName = "insyn_form"
    let secure: Bool

    func session(_ id: String) -> Cookie {
        Cookie(name: Self.name, value: id, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func ended() -> Cookie {
        Cookie(name: Self.name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func form(_ token: String) -> Cookie {
        Cookie(name: Self.formName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
