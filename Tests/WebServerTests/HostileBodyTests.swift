import Foundation
import Hummingbird
import HummingbirdTesting
import PropertyBased
import RegisterCore
import Testing
@testable import WebServer

/// Every JSON body of the write API, with the admin's real token: whole bodies no
/// route takes (malformed, cut short, nested 10,000 deep, invalid UTF-8, NUL, unknown
/// and repeated members), and generated ones that spoil one member of a well-formed
/// body with a value of the wrong type, a number or date out of every range, or
/// text no field takes. Each is a 4xx in problem+json and changes nothing.
@Suite("Hostile input: JSON bodies of the write API")
struct HostileBodyTests {
    static let routes = HostileRoute.all.filter { if case .json = $0.body { true } else { false } }

    @Test(arguments: routes)
    func everyMalformedBodyIsRefusedAndChangesNothing(route: HostileRoute) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let valid = try #require(route.validBody(fixture))
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (name, body) in HostileInput.bodies(valid: valid, huge: !route.path.contains("{")) {
                let response = try await client.hostile(route.method, route.uri(fixture), headers: route.headers(fixture), body: body)
                HostileExpect.refused(response, "\(route) with \(name)", api: true, method: route.method)
                #expect(response.body.count < 16_384, "\(route) with \(name): a \(response.body.count)-byte answer")
            }
        }
        #expect(try fixture.state() == before)
    }

    @Test(arguments: routes)
    func everyMemberSpoiledByAGeneratedValueIsRefusedAndChangesNothing(route: HostileRoute) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let document = try JSONValue.parse(Data(try #require(route.validBody(fixture))))
        let cases = JSONText.paths(document).flatMap { path in
            JSONText.spoilers(for: JSONText.value(document, at: path)!).map { (path: path, spoiler: $0) }
        } + JSONText.spoilers(for: document).map { (path: [JSONText.Step](), spoiler: $0) }
        try await buildApplication(register: fixture.register).test(.router) { client in
            await propertyCheck(count: 40, input: Gen.int(in: 0...(cases.count - 1))) { index in
                let (path, spoiler) = cases[index]
                let body = JSONText.render(document, replacing: path, with: spoiler.raw)
                let label = "\(route) with \(path.map(\.description).joined()) = \(spoiler.name)"
                let response = try await client.hostile(route.method, route.uri(fixture), headers: route.headers(fixture), body: body)
                HostileExpect.refused(response, label, api: true, method: route.method)
            }
        }
        #expect(try fixture.state() == before)
    }

    /// Out-of-range values a meeting can be given that the generated ones do not
    /// reach: a negative duration by an end before the start, and extreme numbers.
    @Test(arguments: [
        #""durationMinutes": -60"#, #""durationMinutes": 0"#, #""durationMinutes": 9223372036854775807"#,
        #""durationMinutes": 1e309"#, #""durationMinutes": "60""#,
        #""startsAt": "2026-11-20T14:30", "endsAt": "2026-11-20T13:30""#, #""startsAt": "0000-01-01T00:00""#,
        #""startsAt": "10000-01-01T00:00""#, #""startsAt": "+010000-01-01T00:00""#, #""startsAt": "2026-11-20T14:30:00.5Z""#,
        #""startsAt": 1795000000"#, #""startsAt": """#,
        #""participants": [9223372036854775807]"#, #""participants": [-9223372036854775808]"#, #""participants": []"#,
        #""issues": [1e309]"#, #""withheld": {"summary": {"ground": "OSL 19 kap. 3 §", "until": "10000-01-01"}}"#,
        #""withheld": {"summary": {"ground": "OSL 19 kap. 3 §", "until": "0000-12-31"}}"#,
        #""withheld": {"<script>alert(7)</script>": "OSL 19 kap. 3 §"}"#,
        #""documents": [{"title": "Skrivelse", "direction": "received", "url": "javascript:alert(7)"}]"#,
        #""documents": [{"title": "Skrivelse", "direction": "received", "url": "https://dok.example/\r\nX: y"}]"#,
    ])
    func aMeetingWithAValueOutOfRangeIsRefused(member: String) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        var json = fixture.api.meetingJSON()
        if member.contains("endsAt") { json = json.replacingOccurrences(of: #""durationMinutes": 60, "#, with: "") }
        if let name = member.split(separator: ":").first, let range = json.range(of: String(name) + ": ") {
            let end = json[range.upperBound...].firstIndex(where: { $0 == "," || $0 == "}" })!
            json.replaceSubrange(range.lowerBound..<end, with: member)
        } else {
            json = String(json.dropLast()) + ", " + member + "}"
        }
        let body = Array(json.utf8)
        try await buildApplication(register: fixture.register).test(.router) { client in
            var headers = fixture.credentials(for: "/api/")
            headers[.contentType] = "application/json"
            let response = try await client.hostile(.post, "/api/v1/meetings", headers: headers, body: body)
            HostileExpect.refused(response, "a meeting with \(member)", api: true, method: .post)
        }
        #expect(try fixture.state() == before)
    }

    /// An endpoint's URL goes into the requests the push worker sends: a line break,
    /// a NUL or another scheme in it must be refused.
    @Test(arguments: [
        "https://portal.example/hook\r\nX: y", "https://portal.example/\u{0}hook", "https://portal.example/ hook", "file:///etc/passwd",
        "gopher://portal.example/", "https://", "https://portal.example:99999/", "https://user:pass@portal.example/\u{202E}",
        String(repeating: "https://a.example/", count: 10_000),
    ])
    func anEndpointURLWithALineBreakOrAnotherSchemeIsRefused(url: String) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let body = #"{"url": \#(JSONText.string(url)), "kind": "webhook"}"#
        try await buildApplication(register: fixture.register).test(.router) { client in
            var headers = fixture.credentials(for: "/api/")
            headers[.contentType] = "application/json"
            let response = try await client.hostile(.post, "/api/v1/endpoints", headers: headers, body: Array(body.utf8))
            HostileExpect.refused(response, "an endpoint at \(url.prefix(80))", api: true, method: .post)
        }
        #expect(try fixture.state() == before)
    }
}
