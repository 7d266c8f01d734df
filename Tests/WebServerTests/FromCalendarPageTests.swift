import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// `/my/meetings/from-calendar`: an uploaded invitation becomes a draft and the person
/// goes on to its form; anonymous readers and auditors are refused; a bad file shows
/// the page again with the reason, and nothing is recorded.
@Suite("The upload page of a calendar invitation")
struct FromCalendarPageTests {
    static let boundary = "----insyn-test-boundary-7d3f"

    /// Ulrika of Nordvind (website nordvind.example) invites Anna (the fixture's recorder).
    static func invitation(_ events: [String] = [event()]) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REQUEST\r\n" + events.joined() + "END:VCALENDAR\r\n"
    }

    static func event(uid: String = "m1@test", summary: String = "Vindkraft i Kil", start: String = "20261123T133000Z") -> String {
        """
        BEGIN:VEVENT\r\nUID:\(uid)\r\nSUMMARY:\(summary)\r\nLOCATION:Regionens hus\\, sal 3\r\nDTSTART:\(start)\r\nDTEND:20261123T143000Z\r
        ORGANIZER;CN="Fors, Ulrika":mailto:ulrika.fors@nordvind.example\r\nATTENDEE;CN=Anna Lindqvist:mailto:anna@region.example.se\r
        END:VEVENT\r\n
        """
    }

    static func body(file: String?, uid: String = "", csrf: String?) -> ByteBuffer {
        var text = ""
        if let csrf { text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n" }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"invitation\"; filename=\"\(file == nil ? "" : "invite.ics")\"\r\n"
        text += "Content-Type: text/calendar\r\n\r\n\(file ?? "")\r\n"
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"uid\"\r\n\r\n\(uid)\r\n--\(boundary)--\r\n"
        return ByteBuffer(string: text)
    }

    static func headers(_ session: Session?) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if let session { fields[.cookie] = "\(SessionCookies.name)=\(session.id)" }
        return fields
    }

    struct Setup {
        let fixture: OfficialsPagesFixture
        let nordvind: Int64
    }

    static func setup() async throws -> Setup {
        let fixture = try await OfficialsPagesFixture()
        let nordvind = try fixture.register.add(Organisation(name: "Nordvind Vind AB", kind: .company, website: "https://nordvind.example"), by: .shell)
        return Setup(fixture: fixture, nordvind: nordvind)
    }

    static func upload(_ client: some TestClientProtocol, _ session: Session?, file: String?, uid: String = "",
                       csrf: String? = nil) async throws -> Page {
        try await client.execute(uri: "/my/meetings/from-calendar", method: .post, headers: headers(session),
                                 body: body(file: file, uid: uid, csrf: csrf ?? session?.csrfToken)) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    @Test func anUploadedInvitationIsRecordedAsADraftAndThePersonGoesOnToItsForm() async throws {
        let setup = try await Self.setup()
        let fixture = setup.fixture
        let before = try fixture.register.storedMeetings().map(\.id)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let form = try await client.page("/my/meetings/from-calendar", headers: OfficialsPagesFixture.cookie(fixture.recorder))
            #expect(form.status == .ok)
            #expect(form.headers[.cacheControl] == "no-store")
            #expect(form.body.contains("<form class=\"account-form\" method=\"post\" action=\"/my/meetings/from-calendar\" enctype=\"multipart/form-data\" novalidate>"))
            #expect(form.body.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(fixture.recorder.csrfToken)\">"))
            #expect(form.body.contains("<input type=\"file\" id=\"calendar-file\" name=\"invitation\" accept=\".ics,text/calendar\""))

            let myMeetings = try await client.page("/my/meetings", headers: OfficialsPagesFixture.cookie(fixture.recorder))
            #expect(myMeetings.body.contains("<a href=\"/my/meetings/from-calendar\">Från en kalenderinbjudan</a>"))

            let page = try await Self.upload(client, fixture.recorder, file: Self.invitation())
            #expect(page.status == .seeOther, "\(page.body)")
            let id = try #require(try fixture.register.storedMeetings().map(\.id).first { !before.contains($0) })
            #expect(page.headers[.location] == "/my/meetings/\(id)")
            let stored = try fixture.register.storedMeeting(id)
            #expect(stored.status == .draft)
            #expect(stored.meeting.subject == "Vindkraft i Kil")
            #expect(stored.meeting.place == "Regionens hus, sal 3")
            #expect(stored.meeting.startsAt == Timestamp.parse("2026-11-23T13:30:00Z"))
            #expect(stored.meeting.participants == [fixture.official])
            #expect(stored.meeting.counterparts == [Counterpart(organisation: setup.nordvind, people: [CounterpartPerson(name: "Fors, Ulrika")])])
        }
    }

    @Test func severalEventsAreListedAndTheUIDFieldChoosesOne() async throws {
        let setup = try await Self.setup()
        let fixture = setup.fixture
        let file = Self.invitation([Self.event(uid: "a@test", summary: "Första"), Self.event(uid: "b@test", summary: "Andra")])
        try await buildApplication(register: fixture.register).test(.router) { client in
            let snapshot = try fixture.snapshot()
            let refused = try await Self.upload(client, fixture.recorder, file: file)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<a href=\"#calendar-file\">Inbjudan kunde inte bli ett utkast: the file holds 2 events; choose one by its UID: a@test (Första); b@test (Andra)</a>"))
            #expect(try fixture.snapshot() == snapshot)
            let chosen = try await Self.upload(client, fixture.recorder, file: file, uid: "b@test")
            #expect(chosen.status == .seeOther)
            let location = try #require(chosen.headers[.location])
            let id = try #require(Int64(location.split(separator: "/").last ?? ""))
            #expect(try fixture.register.storedMeeting(id).meeting.subject == "Andra")
        }
    }

    @Test(arguments: [
        (invitation([event().replacingOccurrences(of: "END:VEVENT", with: "RRULE:FREQ=WEEKLY\r\nEND:VEVENT")]), "line 13: the event recurs (RRULE or RDATE)"),
        (invitation([event(start: "20261123")]), "line 9: DTSTART: is a date without a time (an all-day event)"),
        ("<html>not a calendar</html>", "line 1: is not a content line like NAME:value (&#39;&lt;html&gt;not a calendar&lt;/html&gt;&#39;)"),
        (invitation([event().replacingOccurrences(of: "anna@region.example.se", with: "someone@elsewhere.example")]),
         "none of the attendees is one of our officials"),
    ])
    func aRefusedFileShowsThePageAgainWithTheReasonAndRecordsNothing(file: String, message: String) async throws {
        let setup = try await Self.setup()
        let fixture = setup.fixture
        try await buildApplication(register: fixture.register).test(.router) { client in
            let snapshot = try fixture.snapshot()
            let page = try await Self.upload(client, fixture.registrar, file: file, uid: "")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("<title>Fel: Registrera ett möte från en kalenderinbjudan"))
            #expect(page.body.contains("class=\"error-summary\""))
            #expect(page.body.contains("<p class=\"field-error\" id=\"calendar-file-error\"><span class=\"visually-hidden\">"))
            #expect(page.body.contains(message), "\(page.body)")
            #expect(try fixture.snapshot() == snapshot)
        }
    }

    @Test func noFileAsksForOneAndKeepsTheTypedUID() async throws {
        let setup = try await Self.setup()
        try await buildApplication(register: setup.fixture.register).test(.router) { client in
            let page = try await Self.upload(client, setup.fixture.recorder, file: nil, uid: "typed@uid")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("<a href=\"#calendar-file\">Välj en .ics-fil med inbjudan</a>"))
            #expect(page.body.contains("name=\"uid\" value=\"typed@uid\""))
        }
    }

    @Test func anAnonymousReaderIsSentToSignInAndAnAuditorIsRefused() async throws {
        let setup = try await Self.setup()
        let fixture = setup.fixture
        try await buildApplication(register: fixture.register).test(.router) { client in
            let snapshot = try fixture.snapshot()
            let page = try await client.page("/my/meetings/from-calendar")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign-in?return=%2Fmy%2Fmeetings%2Ffrom%2Dcalendar")
            let posted = try await Self.upload(client, nil, file: Self.invitation())
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location]?.hasPrefix("/sign-in") == true)
            let auditor = try await Self.upload(client, fixture.auditor, file: Self.invitation())
            #expect(auditor.status == .forbidden)
            #expect(try fixture.snapshot() == snapshot)
        }
    }

    @Test func anUploadWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let setup = try await Self.setup()
        let fixture = setup.fixture
        try await buildApplication(register: fixture.register).test(.router) { client in
            let snapshot = try fixture.snapshot()
            let page = try await Self.upload(client, fixture.recorder, file: Self.invitation(), csrf: "forged")
            #expect(page.status == .forbidden)
            #expect(try fixture.snapshot() == snapshot)
        }
    }

    @Test func aBodyLargerThanTheLimitIsRefusedWith413() async throws {
        let setup = try await Self.setup()
        let fixture = setup.fixture
        try await buildApplication(register: fixture.register).test(.router) { client in
            let snapshot = try fixture.snapshot()
            let huge = Self.invitation() + String(repeating: "X-PADDING:" + String(repeating: "a", count: 60) + "\r\n", count: 40_000)
            let page = try await Self.upload(client, fixture.recorder, file: huge)
            #expect(page.status == .contentTooLarge)
            #expect(try fixture.snapshot() == snapshot)
        }
    }

    @Test func multipartPartsAreReadWithTheirNamesAndFileNames() throws {
        let text = "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--b\r\n"
            + "Content-Disposition: form-data; name=\"invitation\"; filename=\"a; b.ics\"\r\nContent-Type: text/calendar\r\n\r\nBEGIN\r\n\r\n--b--\r\n"
        let body = try #require(MultipartBody(bytes: Array(text.utf8), boundary: "b"))
        #expect(body.text("csrf") == "tok")
        #expect(body.file("invitation")?.filename == "a; b.ics")
        #expect(body.file("invitation")?.bytes == Array("BEGIN\r\n".utf8))
        #expect(MultipartBody.boundary("multipart/form-data; boundary=\"x y\"") == "x y")
        #expect(MultipartBody.boundary("application/x-www-form-urlencoded") == nil)
        #expect(MultipartBody(bytes: Array("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end".utf8), boundary: "b") == nil)
    }
}
