import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// The cookies a response sets, by name, with their attributes as sent.
func setCookies(_ response: TestResponse) -> [String: String] {
    var cookies: [String: String] = [:]
    for value in response.headers[values: .setCookie] {
        if let name = value.split(separator: "=").first { cookies[String(name)] = value }
    }
    return cookies
}

/// The value of the form's hidden CSRF field.
func csrfField(_ html: String) throws -> String {
    let marker = "name=\"csrf\" value=\""
    let start = try #require(html.range(of: marker)).upperBound
    return String(html[start...].prefix { $0 != "\"" })
}

/// The form cookie and the token of the form a GET of `uri` shows.
func formCookie(_ client: some TestClientProtocol, _ uri: String) async throws -> (cookie: String, token: String) {
    try await client.execute(uri: uri, method: .get) { response in
        let cookie = try #require(setCookies(response)[SessionCookies.formName]).split(separator: ";")[0]
        return (String(cookie), try csrfField(String(buffer: response.body)))
    }
}

func formHeaders(_ cookie: String) -> HTTPFields {
    [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
}

func encode(_ fields: [(String, String)]) -> ByteBuffer {
    ByteBuffer(string: PageContext.encode(fields.map { (name: $0.0, value: $0.1) }))
}

@Suite("Sign-in, sign-out and set-password pages")
struct SignInPageTests {
    @Test func theSignInFormHasLabelledFieldsAndACSRFTokenInItsCookie() async throws {
        let fixture = try AuthFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            try await client.execute(uri: "/sign-in", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(html.contains("<label for=\"sign-in-email\">") && html.contains("id=\"sign-in-email\""))
                #expect(html.contains("<label for=\"sign-in-password\">") && html.contains("type=\"password\""))
                let cookie = try #require(setCookies(response)[SessionCookies.formName])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("=\(try csrfField(html));"))
            }
        }
    }

    @Test func signingInSetsAnHttpOnlyLaxSessionCookieThatIsSecureUnderHttps() async throws {
        let fixture = try await AuthFixture().withPassword()
        var settings = try fixture.register.settings()
        settings.baseURL = "https://insyn.example.se/"
        try fixture.register.update(settings: settings, by: .shell)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let (cookie, token) = try await formCookie(client, "/sign-in")
            let body = encode([("csrf", token), ("email", fixture.account.email), ("password", AuthFixture.password)])
            let session = try await client.execute(uri: "/sign-in", method: .post, headers: formHeaders(cookie), body: body) { response in
                #expect(response.status == .seeOther)
                let sent = try #require(setCookies(response)[SessionCookies.name])
                #expect(sent.contains("HttpOnly") && sent.contains("SameSite=Lax") && sent.contains("Secure"))
                return String(sent.split(separator: ";")[0])
            }
            try await client.execute(uri: "/sign-in?lang=en", method: .get, headers: [.cookie: session]) { response in
                #expect(String(buffer: response.body).contains("You are signed in as Anna Lindqvist (recorder)."))
            }
        }
    }

    @Test func signingInWithAnEndedSessionsCookieStillStartsTheNewSession() async throws {
        let fixture = try await AuthFixture().withPassword()
        let ended = try await fixture.register.signIn(email: fixture.account.email, password: AuthFixture.password, address: "a")
        try await fixture.register.endSession(ended.id)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let (form, token) = try await formCookie(client, "/sign-in")
            let body = encode([("csrf", token), ("email", fixture.account.email), ("password", AuthFixture.password)])
            let cookie = "\(form); \(SessionCookies.name)=\(ended.id)"
            try await client.execute(uri: "/sign-in", method: .post, headers: formHeaders(cookie), body: body) { response in
                #expect(response.status == .seeOther)
                let sessions = response.headers[values: .setCookie].filter { $0.hasPrefix(SessionCookies.name + "=") }
                #expect(sessions.count == 1)
                let id = try #require(sessions.first?.split(separator: ";").first?.split(separator: "=").last)
                #expect(try await fixture.register.session(String(id)) != nil)
            }
        }
    }

    @Test func aWrongPasswordShowsTheErrorBesideTheFieldAndInTheSummaryKeepingTheEmail() async throws {
        let fixture = try await AuthFixture().withPassword()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let (cookie, token) = try await formCookie(client, "/sign-in?lang=en")
            let body = encode([("csrf", token), ("email", fixture.account.email), ("password", "not the password")])
            try await client.execute(uri: "/sign-in?lang=en", method: .post, headers: formHeaders(cookie), body: body) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .badRequest)
                #expect(html.contains("<title>Error: Sign in"))
                #expect(html.contains("<li><a href=\"#sign-in-email\">The email address or the password is wrong</a></li>"))
                #expect(html.contains("id=\"sign-in-email-error\""))
                #expect(html.contains("value=\"\(fixture.account.email)\""))
                #expect(setCookies(response)[SessionCookies.name] == nil)
            }
        }
    }

    @Test func signInThrottlingLocksTheFormAfterFiveFailuresWith429() async throws {
        let fixture = try await AuthFixture().withPassword()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let (cookie, token) = try await formCookie(client, "/sign-in?lang=en")
            for attempt in 1...SignInThrottle.accountFailures {
                let body = encode([("csrf", token), ("email", fixture.account.email), ("password", "wrong \(attempt)")])
                let status = try await client.execute(uri: "/sign-in", method: .post, headers: formHeaders(cookie), body: body) { $0.status }
                #expect(status == (attempt < SignInThrottle.accountFailures ? .badRequest : .tooManyRequests), "attempt \(attempt)")
            }
            let body = encode([("csrf", token), ("email", fixture.account.email), ("password", AuthFixture.password)])
            try await client.execute(uri: "/sign-in?lang=en", method: .post, headers: formHeaders(cookie), body: body) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] != nil)
                #expect(String(buffer: response.body).contains("Signing in is locked after too many failed attempts."))
            }
        }
    }

    @Test func aSignInFormPostedWithoutItsTokenIsRefusedAndStartsNoSession() async throws {
        let fixture = try await AuthFixture().withPassword()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let (cookie, _) = try await formCookie(client, "/sign-in")
            let body = encode([("csrf", "forged"), ("email", fixture.account.email), ("password", AuthFixture.password)])
            try await client.execute(uri: "/sign-in", method: .post, headers: formHeaders(cookie), body: body) { response in
                #expect(response.status == .forbidden)
                #expect(setCookies(response)[SessionCookies.name] == nil)
            }
        }
    }

    @Test func aMethodTheFormsDoNotTakeGets405WithTheMethodsTheyDo() async throws {
        let fixture = try AuthFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (uri, method, allow) in [("/sign-out", HTTPRequest.Method.get, "POST"), ("/sign-in", .put, "GET, HEAD, POST"),
                                         ("/set-password/abc", .delete, "GET, HEAD, POST")] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                }
            }
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let fixture = try AuthFixture()
        let session = try await fixture.signIn()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let body = encode([("csrf", session.csrfToken)])
            try await client.execute(uri: "/sign-out", method: .post, headers: formHeaders("\(SessionCookies.name)=\(session.id)"),
                                     body: body) { response in
                #expect(response.status == .seeOther)
                #expect(setCookies(response)[SessionCookies.name]?.contains("Max-Age=0") == true)
            }
        }
        #expect(try await fixture.register.session(session.id) == nil)
    }

    @Test func theSetPasswordPageRefusesAShortPasswordThenSetsItOnceAndTheLinkIsGone() async throws {
        let fixture = try AuthFixture()
        let link = try fixture.register.passwordResetLink(for: fixture.account.id)
        let uri = "/set-password/\(link.secret)?lang=en"
        try await buildApplication(register: fixture.register).test(.router) { client in
            let (cookie, token) = try await formCookie(client, uri)
            let short = encode([("csrf", token), ("password", "elevenchars"), ("repeat", "elevenchars")])
            try await client.execute(uri: uri, method: .post, headers: formHeaders(cookie), body: short) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .badRequest)
                #expect(html.contains("<li><a href=\"#set-password-new\">The password must have at least 12 characters</a></li>"))
                #expect(html.contains("aria-describedby=\"set-password-new-hint set-password-new-error\""))
            }
            let mismatch = encode([("csrf", token), ("password", AuthFixture.password), ("repeat", "something else entirely")])
            try await client.execute(uri: uri, method: .post, headers: formHeaders(cookie), body: mismatch) { response in
                #expect(String(buffer: response.body).contains("<li><a href=\"#set-password-repeat\">The passwords are not the same</a></li>"))
            }
            let good = encode([("csrf", token), ("password", AuthFixture.password), ("repeat", AuthFixture.password)])
            try await client.execute(uri: uri, method: .post, headers: formHeaders(cookie), body: good) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("The password is saved."))
            }
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .gone) }
        }
        _ = try await fixture.register.signIn(email: fixture.account.email, password: AuthFixture.password, address: "a")
    }
}
