import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("The officials' pages: corrections and withdrawals")
struct OfficialsPagesCorrectionTests {
    typealias Fixture = OfficialsPagesFixture

    /// The correction form's fields as the GET shows them, with `changes` made.
    static func correctionFields(_ fixture: Fixture, _ changes: [String: String]) throws -> [(String, String)] {
        let timeZone = try fixture.register.settings().timeZone
        let stored = try fixture.register.storedMeeting(fixture.published)
        var fields = MeetingFormInput(stored.meeting, timeZone: timeZone).formFields.map { ($0.name, $0.value) }
        fields = fields.map { field in changes[field.0].map { (field.0, $0) } ?? field }
        return [("csrf", fixture.recorder.csrfToken), ("revision", stored.revision.description)] + fields
            + changes.filter { key, _ in !fields.contains { $0.0 == key } }.map { ($0.key, $0.value) }
    }

    @Test func theMeetingPageLinksToTheCorrectionForOneWhoMayWriteItOnly() async throws {
        let fixture = try await Fixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let mine = try await client.page("/meetings/\(fixture.published)", headers: Fixture.cookie(fixture.recorder))
            #expect(mine.body.contains("href=\"/my/meetings/\(fixture.published)/correction\""))
            #expect(!mine.body.contains("/withdrawal\""))
            let registrar = try await client.page("/meetings/\(fixture.published)", headers: Fixture.cookie(fixture.registrar))
            #expect(registrar.body.contains("href=\"/my/meetings/\(fixture.published)/withdrawal\""))
            let anonymous = try await client.page("/meetings/\(fixture.published)")
            #expect(anonymous.status == .ok && !anonymous.body.contains("/correction\""))
        }
    }

    @Test func aCorrectionNeedsAReasonAndChangesNothingWithout() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for action in ["preview", "confirm"] {
                let fields = try Self.correctionFields(fixture, ["place": "Stadshuset", "reason": "  ", "action": action])
                let page = try await client.post("/my/meetings/\(fixture.published)/correction", headers: Fixture.form(fixture.recorder), fields)
                #expect(page.status == .badRequest)
                #expect(page.body.contains("<li><a href=\"#correction-reason\">Skriv varför mötet rättas</a></li>"))
                #expect(page.body.contains("value=\"Stadshuset\""))
            }
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func thePreviewShowsThePublicViewOfTheCorrectedMeetingAndConfirmingPublishesIt() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let form = try await client.page("/my/meetings/\(fixture.published)/correction", headers: Fixture.cookie(fixture.recorder))
            #expect(form.status == .ok && form.body.contains("value=\"Regionens hus\""))
            let fields = try Self.correctionFields(fixture, ["place": "Stadshuset", "reason": "Rättad plats", "action": "preview",
                                                             "withheld-summary": Fixture.ground])
            let preview = try await client.post("/my/meetings/\(fixture.published)/correction", headers: Fixture.form(fixture.recorder), fields)
            #expect(preview.status == .ok)
            let start = try #require(preview.body.range(of: "<section class=\"preview-frame\"")).upperBound
            let shown = String(preview.body[start...].prefix { _ in true }.split(separator: "</section>", maxSplits: 1)[0])
            #expect(shown.contains("Stadshuset"))
            #expect(shown.contains("Rättad plats"))
            #expect(shown.contains("<h2 id=\"withheld\">"))
            #expect(!shown.contains("Samtal om tidplanen."))
            #expect(preview.body.contains("name=\"action\" value=\"confirm\""))
            #expect(try fixture.snapshot() == before)

            let hidden = Self.hiddenFields(preview.body) + [("action", "confirm")]
            let done = try await client.post("/my/meetings/\(fixture.published)/correction", headers: Fixture.form(fixture.recorder), hidden)
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/meetings/\(fixture.published)")
        }
        let corrected = try #require(try fixture.register.publicMeeting(fixture.published))
        #expect(corrected.version == 2 && corrected.place == "Stadshuset" && corrected.correctionReason == "Rättad plats")
        #expect(corrected.summary == nil && corrected.withheld[.summary]?.ground == Fixture.ground)
    }

    @Test func aWithdrawalNeedsAReasonIsPreviewedAndIsTheRegistrars() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        let path = "/my/meetings/\(fixture.published)/withdrawal"
        try await buildApplication(register: fixture.register).test(.router) { client in
            #expect(try await client.page(path, headers: Fixture.cookie(fixture.recorder)).status == .forbidden)
            let refused = try await client.post(path, headers: Fixture.form(fixture.recorder),
                                                [("csrf", fixture.recorder.csrfToken), ("reason", "Dubbel"), ("action", "confirm")])
            #expect(refused.status == .forbidden)
            let empty = try await client.post(path, headers: Fixture.form(fixture.registrar),
                                              [("csrf", fixture.registrar.csrfToken), ("reason", ""), ("action", "confirm")])
            #expect(empty.status == .badRequest)
            #expect(empty.body.contains("<li><a href=\"#withdrawal-reason\">Skriv varför mötet återkallas</a></li>"))
            let preview = try await client.post(path, headers: Fixture.form(fixture.registrar),
                                                [("csrf", fixture.registrar.csrfToken), ("reason", "Registrerat två gånger"), ("action", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Registrerat två gånger") && preview.body.contains("value=\"confirm\""))
            #expect(try fixture.snapshot() == before)
            let done = try await client.post(path, headers: Fixture.form(fixture.registrar),
                                             [("csrf", fixture.registrar.csrfToken), ("reason", "Registrerat två gånger"), ("action", "confirm")])
            #expect(done.status == .seeOther)
        }
        let withdrawn = try #require(try fixture.register.publicMeeting(fixture.published))
        #expect(withdrawn.status == .withdrawn && withdrawn.withdrawalReason == "Registrerat två gånger")
    }

    /// The hidden fields of the page's form, by name and value (HTML references undone).
    static func hiddenFields(_ html: String) -> [(String, String)] {
        let pattern = try! NSRegularExpression(pattern: "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let name = String(html[Range(match.range(at: 1), in: html)!])
            let value = String(html[Range(match.range(at: 2), in: html)!])
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            return (name, value)
        }
    }
}
