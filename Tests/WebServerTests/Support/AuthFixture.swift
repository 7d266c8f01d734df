import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
@testable import WebServer

/// A register with one official, an account that has set its password, and the way
/// into it: a signed-in session, or a real API token.
struct AuthFixture {
    static let password = "ett långt lösenord"
    let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
    let register: Register
    let official: Int64
    let account: Account

    init(role: Role = .recorder) throws {
        let clock = clock
        register = try Register.inMemory(clock: { clock.now })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, unit: unit, activeFrom: Day("2022-01-01")!), by: .shell)
        account = try register.addAccount(NewAccount(name: "Anna Lindqvist", email: "anna@region.example.se", role: role,
                                                     officials: role == .recorder ? [official] : []))
    }

    /// Sets the account's password through its link.
    func withPassword() async throws -> AuthFixture {
        try await register.setPassword(resetSecret: try register.passwordResetLink(for: account.id).secret, password: Self.password)
        return self
    }

    func signIn() async throws -> Session {
        try await withPassword().register.signIn(email: account.email, password: Self.password, address: "192.0.2.1")
    }

    static func cookie(_ session: Session) -> HTTPFields {
        [.cookie: "\(SessionCookies.name)=\(session.id)"]
    }
}

/// The middleware of `buildApplication` in front of two probes: GET /whoami names the
/// principal, POST /change echoes its form's `note` (so a test sees that the CSRF check
/// left the body readable).
func probeApplication(_ register: Register) -> some ApplicationProtocol {
    let router = Router(context: InsynRequestContext.self)
    router.add(middleware: AuthenticationMiddleware(register: register, cookies: SessionCookies(secure: false)))
    router.add(middleware: CSRFMiddleware(pages: FormPages(register: register, renderer: .builtIn, cookies: SessionCookies(secure: false))))
    router.get("/whoami") { _, context in context.principal.map { "\($0.kind.rawValue) \($0.name) \($0.role.rawValue)" } ?? "anonymous" }
    router.post("/change") { request, _ in
        var request = request
        return "changed " + (try await FormBody.read(&request)["note"] ?? "")
    }
    return Application(router: router)
}
