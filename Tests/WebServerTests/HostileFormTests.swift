import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// Every form of the site (signing in and out, setting a password, and the forms the
/// signed-in pages add): each field given markup, NUL, invalid UTF-8, broken
/// percent-encoding, a line break that would start a header, or a huge value; and
/// bodies no form takes. Each is a 4xx error page, with nothing echoed unescaped and
/// the register unchanged (a failed sign-in is counted for the throttle, on purpose).
@Suite("Hostile input: forms")
struct HostileFormTests {
    static let routes = HostileRoute.all.filter { if case .form = $0.body { true } else { false } }

    static let values = [HostileInput.markup[1], HostileInput.markup[3]].map(HostileInput.encoded) + [
        "%00", "a%00bcdefghijklmnop", "%FF", "%FFabcdefghijklmnop", "%C0%AE", "%", "%zz", "%E2%82",
        "a%0D%0ASet-Cookie:%20x=y%0D%0A", "%E2%80%AEabcdefghijklmnop", String(repeating: "x", count: 30_000),
        String(repeating: "%C3%A5", count: 12_000),
    ]

    /// Values no password may be, for the password and its repetition together (markup
    /// is a password like any other): NUL, text that is not UTF-8, broken encoding, too
    /// short, and longer than bcrypt reads.
    static let passwords = ["%00", "a%00bcdefghijklmnop", "%FFabcdefghijklmnop", "%C0%AEabcdefghijklmnop", "%", "%zz", "%E2%82", "kort",
                            String(repeating: "x", count: 73), String(repeating: "%C3%A5", count: 37), String(repeating: "x", count: 30_000)]

    /// The form's fields as a person's browser sends them, its CSRF token in the form only (not the header).
    static func headers(_ route: HostileRoute, _ fixture: HostileFixture) -> HTTPFields {
        var headers = route.headers(fixture)
        headers[CSRFMiddleware.header] = nil
        return headers
    }

    static func fields(_ route: HostileRoute, _ fixture: HostileFixture) -> [(String, String)] {
        guard case .form(let make) = route.body else { return [] }
        return make(fixture)
    }

    /// The forms whose table request is one a person may make (the others' are refused
    /// on purpose, so that spoiling one field could make them valid).
    static let complete = ["/sign-in", "/set-password/{secret}"]

    @Test(arguments: routes.filter { complete.contains($0.path) })
    func everyHostileFieldValueIsRefusedAndNothingIsEchoed(route: HostileRoute) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let fields = Self.fields(route, fixture) + [("csrf", fixture.session!.csrfToken)]
        // Each field alone, and the password with its repetition (so the two agree).
        var spoiled = fields.map(\.0).filter { $0 != "csrf" }.map { [$0] }
        if fields.contains(where: { $0.0 == "repeat" }) { spoiled.append(["password", "repeat"]) }
        let spoilt = spoiled
        try await buildApplication(register: fixture.register).test(.router) { client in
            for names in spoilt {
                for value in names.count > 1 ? Self.passwords : Self.values {
                    let body = HostileForm.encode(fields.map { names.contains($0.0) ? ($0.0, value) : $0 })
                    let label = "\(route) with \(names.joined(separator: " and ")) = \(value.prefix(60))"
                    let response = try await client.hostile(route.method, route.uri(fixture), headers: Self.headers(route, fixture),
                                                            body: Array(body.utf8))
                    HostileExpect.refused(response, label, api: false, method: route.method)
                }
            }
        }
        #expect(try fixture.state() == before)
    }

    @Test(arguments: routes)
    func everyBodyNoFormTakesIsRefused(route: HostileRoute) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let token = fixture.session!.csrfToken
        let form = HostileForm.encode(Self.fields(route, fixture))
        let separator = form.isEmpty ? "" : "&"
        var bodies: [(String, [UInt8])] = [
            ("no CSRF token", Array(form.utf8)), ("an empty body", []), ("a wrong CSRF token", Array((form + separator + "csrf=x").utf8)),
            ("the CSRF token with a NUL", Array((form + separator + "csrf=" + token + "%00").utf8)),
            ("markup for a token", Array((form + separator + "csrf=%3Cscript%3Ealert(7)%3C%2Fscript%3E").utf8)),
            ("a body over the form limit", Array((form + separator + "csrf=" + token + "&x=" + String(repeating: "x", count: FormBody.limit)).utf8)),
        ]
        if route.path != "/sign-out" {
            bodies += [
                ("nested brackets", Array((form + "&csrf=" + token + "&a" + String(repeating: "[a]", count: 10_000) + "=1").utf8)),
                ("a field twice", Array((form + "&csrf=" + token + "&" + form).utf8)),
                ("raw bytes", [0xFF, 0xFE, 0x00, 0x3D, 0x26, 0x80] + Array(("&csrf=" + token).utf8)),
                ("only separators", Array(("&&&==&=&csrf=" + token).utf8)),
            ]
        }
        let cases = bodies
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (name, body) in cases {
                let response = try await client.hostile(route.method, route.uri(fixture), headers: Self.headers(route, fixture), body: body)
                HostileExpect.refused(response, "\(route) with \(name)", api: false, method: route.method)
            }
            var json = Self.headers(route, fixture)
            json[.contentType] = "application/json"
            let wrongType = try await client.hostile(route.method, route.uri(fixture), headers: json, body: Array(#"{"csrf": "x"}"#.utf8))
            HostileExpect.refused(wrongType, "\(route) with a JSON body", api: false, method: route.method)
        }
        #expect(try fixture.state() == before)
    }
}
