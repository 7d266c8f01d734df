import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// The upload page of calendar invitations (`/my/meetings/from-calendar`), signed in
/// with its CSRF token: files that are no invitation, dates out of range, an end
/// before the start, markup and path traversal in its values, lines and files over
/// the limits; and multipart bodies that are not well-formed. Each is refused with a
/// 4xx page, nothing echoed unescaped, nothing recorded.
@Suite("Hostile input: calendar invitations uploaded")
struct HostileCalendarTests {
    static let path = "/my/meetings/from-calendar"

    static func headers(_ fixture: HostileFixture) -> HTTPFields {
        var headers = fixture.credentials(for: path)
        headers[CSRFMiddleware.header] = nil
        headers[.contentType] = "multipart/form-data; boundary=\(HostileForm.boundary)"
        return headers
    }

    @Test func everyHostileInvitationIsRefusedAndRecordsNothing() async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let token = fixture.session!.csrfToken
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (name, bytes) in HostileCalendar.files {
                let body = HostileForm.multipart([("csrf", token)], file: ("invitation", "invite.ics", bytes))
                let response = try await client.hostile(.post, Self.path, headers: Self.headers(fixture), body: body)
                HostileExpect.refused(response, "an upload of \(name)", api: false, method: .post)
            }
        }
        #expect(try fixture.state() == before)
    }

    @Test func everyMalformedMultipartBodyIsRefused() async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let token = fixture.session!.csrfToken
        let invitation = Array(HostileCalendar.invitation(HostileCalendar.event).utf8)
        let file = ("invitation", "invite.ics", invitation)
        let bodies: [(String, [UInt8], String?)] = [
            ("no CSRF token", HostileForm.multipart([], file: file), nil),
            ("a wrong CSRF token", HostileForm.multipart([("csrf", "x")], file: file), nil),
            ("no closing boundary", Array(HostileForm.multipart([("csrf", token)], file: file).dropLast(8)), nil),
            ("no boundary in the type", HostileForm.multipart([("csrf", token)], file: file), "multipart/form-data"),
            ("a boundary of markup", HostileForm.multipart([("csrf", token)], file: file), "multipart/form-data; boundary=<script>alert(7)</script>"),
            ("a body over the limit", HostileForm.multipart([("csrf", token), ("x", String(repeating: "x", count: 3 << 20))], file: file), nil),
            ("a file name that traverses", HostileForm.multipart([("csrf", token)], file: ("invitation", "../../../etc/passwd\u{0}.ics", [])), nil),
            ("noise", [0xFF, 0x00, 0x2D, 0x2D, 0x0D, 0x0A], nil),
        ]
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (name, body, type) in bodies {
                var headers = Self.headers(fixture)
                if let type { headers[.contentType] = type }
                let response = try await client.hostile(.post, Self.path, headers: headers, body: body)
                HostileExpect.refused(response, "an upload with \(name)", api: false, method: .post)
            }
        }
        #expect(try fixture.state() == before)
    }
}
