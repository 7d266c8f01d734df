import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// The officials' meeting forms (a new meeting, a draft, a correction, a withdrawal)
/// sent complete and valid but for one field, spoilt: NUL, text that is not UTF-8,
/// broken percent-encoding, a byte order mark, a value longer than any field takes,
/// and markup where a date, number, choice or catalogue id belongs. Each is refused
/// or the form shown again with an error, records nothing and echoes nothing
/// unescaped; markup in free text is shown again escaped by a step that does not write
/// (a search step, a preview). The complete form itself is then accepted, so each
/// refusal was the spoilt field's.
@Suite("Hostile input: the meeting forms")
struct HostileMeetingFormTests {
    /// A meeting form, with what makes it write and what only shows it again.
    struct Form: Sendable, CustomTestStringConvertible {
        let path: String
        let writes: [(String, String)]
        let shows: [(String, String)]
        var testDescription: String { "POST \(path)" }

        var route: HostileRoute { HostileRoute.all.first { $0.method == .post && $0.path == path }! }
    }

    static let forms = [
        Form(path: "/my/meetings/new", writes: [("action", "draft")], shows: [("step", "add-person")]),
        Form(path: "/my/meetings/{id}", writes: [("action", "draft")], shows: [("step", "add-person")]),
        Form(path: "/my/meetings/{id}/correction", writes: [("action", "confirm"), ("reason", "Fel+plats")], shows: [("action", "preview"), ("reason", "Fel+plats")]),
    ]

    /// Values no field of the form may hold.
    static let refusedEverywhere = ["%00", "a%00bcdefghijklmnop", "%FF", "%FFabcdefghijklmnop", "%C0%AE", "%ED%A0%80", "%", "%zz", "%E2%82",
                                    "%EF%BB%BFabcdefghijklmnop", String(repeating: "x", count: 30_000)]
    /// Markup, refused where the field is not free text, shown escaped where it is.
    static let markup = HostileInput.markup.map(HostileInput.encoded)
    static let freeText: Set<String> = ["place", "subject", "summary", "person-0-name", "person-0-role", "reason"]
    /// Fields a step reads and a save does not (the catalogue's search boxes, the
    /// organisation to add): spoilt, they are shown again by a step, escaped.
    static let searched = ["find-official", "find-organisation", "find-issue", "new-organisation-name", "new-organisation-number"]

    /// The form of the fixture's meeting, as a person fills it in (percent-encoded).
    static func filled(_ fixture: HostileFixture, client: Int64) -> [(String, String)] {
        let api = fixture.api
        return [
            ("date", "2026-11-20"), ("time", "14%3A30"), ("duration", "60"), ("place", "Regionens+hus"), ("format", "in-person"),
            ("direction", "inbound"), ("initiator", "counterpart"), ("official-\(api.official)", "on"),
            ("organisation-\(api.organisation)", "on"), ("organisation-\(client)", "on"), ("behalf-\(api.organisation)", String(client)),
            ("person-0-name", "Ulrika+Fors"), ("person-0-role", "VD"), ("person-0-organisation", String(api.organisation)),
            ("issue-\(api.issue)", "on"), ("subject", "V%C3%A4rmlandsbanan"), ("summary", "Samtal+om+tidplanen."),
            ("withheld-place", HostileForm.escape("OSL 19 kap. 3 §")), ("withheld-place-until", "2030-01-01"),
        ]
    }

    @Test(arguments: forms)
    func everySpoiltFieldIsRefusedRecordsNothingAndEchoesNothing(form: Form) async throws {
        let fixture = try await HostileFixture.make()
        let client = try fixture.register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .company), by: .shell)
        let route = form.route
        let uri = route.uri(fixture)
        let headers = HostileFormTests.headers(route, fixture)
        let csrf = ("csrf", fixture.session!.csrfToken)
        let filled = Self.filled(fixture, client: client) + form.writes.filter { $0.0 == "reason" }
        // A checkbox's value is not read (it is there or not), so only the others are spoilt.
        let names = filled.filter { $0.1 != "on" }.map(\.0)
        let before = try fixture.state()
        try await buildApplication(register: fixture.register).test(.router) { http in
            func send(_ fields: [(String, String)]) async throws -> HostileResponse {
                try await http.hostile(.post, uri, headers: headers, body: Array(HostileForm.encode(fields + [csrf]).utf8))
            }
            func spoil(_ name: String, _ value: String) -> [(String, String)] {
                filled.map { $0.0 == name ? ($0.0, value) : $0 }
            }
            let writes = form.writes.filter { $0.0 != "reason" }
            for name in names {
                let hostile = Self.refusedEverywhere + (Self.freeText.contains(name) ? [] : Self.markup)
                for value in hostile {
                    let label = "\(form.testDescription) with \(name) = \(value.prefix(40))"
                    HostileExpect.refused(try await send(spoil(name, value) + writes), label, api: false, method: .post)
                }
                guard Self.freeText.contains(name) else { continue }
                let shows = form.shows.filter { $0.0 != "reason" }
                for value in Self.markup {
                    let label = "\(form.testDescription) shown with \(name) = \(value.prefix(40))"
                    let response = try await send(spoil(name, value) + shows)
                    #expect(response.status.code < 500, "\(label): \(response.status.code)")
                    HostileExpect.notEchoed(response, label)
                }
            }
            let shows = form.shows.filter { $0.0 != "reason" }
            for name in Self.searched {
                for value in Self.refusedEverywhere + Self.markup {
                    let label = "\(form.testDescription) shown with \(name) = \(value.prefix(40))"
                    let response = try await send(filled + [(name, value)] + shows)
                    #expect(response.status.code < 500, "\(label): \(response.status.code)")
                    HostileExpect.notEchoed(response, label)
                }
            }
            #expect(try fixture.state() == before, "\(form.testDescription): a spoilt field changed the register")
            let accepted = try await send(filled + writes)
            #expect(accepted.status == .seeOther, "\(form.testDescription) complete: \(accepted.status.code) \(accepted.text.prefix(600))")
        }
        #expect(try fixture.state() != before, "\(form.testDescription): the complete form recorded nothing")
    }

    @Test func everySpoiltWithdrawalReasonIsRefusedAndAPreviewEchoesNothing() async throws {
        let fixture = try await HostileFixture.make()
        let route = HostileRoute.all.first { $0.method == .post && $0.path == "/my/meetings/{id}/withdrawal" }!
        let uri = route.uri(fixture)
        let headers = HostileFormTests.headers(route, fixture)
        let before = try fixture.state()
        try await buildApplication(register: fixture.register).test(.router) { http in
            func send(_ action: String, _ reason: String) async throws -> HostileResponse {
                let body = HostileForm.encode([("action", action), ("reason", reason), ("csrf", fixture.session!.csrfToken)])
                return try await http.hostile(.post, uri, headers: headers, body: Array(body.utf8))
            }
            for value in Self.refusedEverywhere {
                HostileExpect.refused(try await send("confirm", value), "withdrawal with reason = \(value.prefix(40))", api: false, method: .post)
            }
            for value in Self.markup {
                let label = "withdrawal previewed with reason = \(value.prefix(40))"
                let response = try await send("preview", value)
                #expect(response.status == .ok, "\(label): \(response.status.code)")
                HostileExpect.notEchoed(response, label)
            }
            #expect(try fixture.state() == before, "a spoilt withdrawal changed the register")
            let accepted = try await send("confirm", "Dubblett")
            #expect(accepted.status == .seeOther, "withdrawal: \(accepted.status.code) \(accepted.text.prefix(600))")
        }
        #expect(try fixture.state() != before, "the withdrawal recorded nothing")
    }
}
