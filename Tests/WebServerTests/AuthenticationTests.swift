import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("Authentication and CSRF")
struct AuthenticationTests {
    @Test func anUnknownExpiredOrRevokedBearerTokenGets401BeforeAnyPage() async throws {
        let fixture = try AuthFixture()
        let expired = try fixture.register.createToken(NewAPIToken(name: "Kort", role: .registrar, expiresAt: fixture.clock.now + 60))
        let revoked = try fixture.register.createToken(NewAPIToken(name: "Gammal", role: .registrar))
        try fixture.register.revokeToken(revoked.token.id)
        fixture.clock.now += 60
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (authorization, detail) in [("Bearer insyn_unknown", "not known"), ("Bearer " + expired.secret, "expired"),
                                            ("Bearer " + revoked.secret, "revoked"), ("Basic YTpi", "must be")] {
                try await client.execute(uri: "/", method: .get, headers: [.authorization: authorization]) { response in
                    #expect(response.status == .unauthorized, "\(authorization)")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                    #expect(response.headers[.contentType] == ProblemDetails.mediaType)
                    #expect(String(buffer: response.body).contains(detail), "\(authorization)")
                }
            }
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func aValidBearerTokenSetsItsPrincipalAndNeedsNoCSRFToken() async throws {
        let fixture = try AuthFixture()
        let created = try fixture.register.createToken(NewAPIToken(name: "Kalender", role: .registrar))
        try await probeApplication(fixture.register).test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer " + created.secret]
            try await client.execute(uri: "/whoami", method: .get, headers: headers) { #expect(String(buffer: $0.body) == "token Kalender registrar") }
            try await client.execute(uri: "/change", method: .post, headers: headers) { #expect($0.status == .ok) }
        }
    }

    @Test func aSessionCookieSetsTheAccountAndADisabledAccountsSessionIsAnonymous() async throws {
        let fixture = try AuthFixture()
        let session = try await fixture.signIn()
        try await probeApplication(fixture.register).test(.router) { client in
            try await client.execute(uri: "/whoami", method: .get, headers: AuthFixture.cookie(session)) {
                #expect(String(buffer: $0.body) == "account Anna Lindqvist recorder")
            }
            try fixture.register.disableAccount(fixture.account.id)
            try await client.execute(uri: "/whoami", method: .get, headers: AuthFixture.cookie(session)) { response in
                #expect(String(buffer: response.body) == "anonymous")
                #expect(response.headers[.setCookie]?.hasPrefix("\(SessionCookies.name)=;") == true)
            }
        }
    }

    @Test func aCookieAuthenticatedPostWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let fixture = try AuthFixture()
        let session = try await fixture.signIn()
        let cookie = AuthFixture.cookie(session)
        let form: HTTPFields = [.cookie: cookie[.cookie]!, .contentType: "application/x-www-form-urlencoded"]
        try await probeApplication(fixture.register).test(.router) { client in
            try await client.execute(uri: "/change", method: .post, headers: cookie) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/change", method: .post, headers: form, body: ByteBuffer(string: "note=a&csrf=wrong")) {
                #expect($0.status == .forbidden)
            }
            var header = cookie
            header[CSRFMiddleware.header] = session.csrfToken
            try await client.execute(uri: "/change", method: .post, headers: header) { #expect($0.status == .ok) }
            try await client.execute(uri: "/change", method: .post, headers: form,
                                     body: ByteBuffer(string: "note=h%C3%A4r&csrf=\(session.csrfToken)")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "changed här")
            }
        }
    }
}
