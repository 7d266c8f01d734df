import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("The officials' pages: logging a meeting")
struct OfficialsPagesFormTests {
    typealias Fixture = OfficialsPagesFixture

    /// A complete form, as a person fills it in.
    static func filled(_ fixture: Fixture, csrf: String?) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("date", "2026-11-23"), ("time", "14:30"), ("duration", "45"), ("place", "Regionens hus"), ("format", "video"),
            ("official-\(fixture.official)", "on"), ("organisation-\(fixture.consultancy)", "on"), ("organisation-\(fixture.client)", "on"),
            ("behalf-\(fixture.consultancy)", String(fixture.client)),
            ("person-0-name", "Ulrika Fors"), ("person-0-role", "VD"), ("person-0-organisation", String(fixture.consultancy)),
            ("person-1-name", "Rolf Eriksson"), ("person-1-role", "Boende"), ("person-1-organisation", "0"), ("person-1-private", "on"),
            ("issue-\(fixture.issue)", "on"), ("direction", "inbound"), ("initiator", "counterpart"),
            ("subject", "Elförsörjningen längs Värmlandsbanan"), ("summary", "Nordvind presenterade kundens syn."),
            ("action", "draft"),
        ]
        if let csrf { fields.insert(("csrf", csrf), at: 0) }
        return fields
    }

    @Test func anAnonymousPostIsSentToSignInAndRecordsNothing() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.post("/my/meetings/new", headers: [.contentType: "application/x-www-form-urlencoded"],
                                             Self.filled(fixture, csrf: nil))
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign-in?return=%2Fmy%2Fmeetings%2Fnew")
            #expect(try await client.page("/my/meetings/\(fixture.draft)").status == .seeOther)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aFormWithoutTheCSRFTokenIsRefusedAndRecordsNothing() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), Self.filled(fixture, csrf: nil))
            #expect(page.status == .forbidden)
            let wrong = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), Self.filled(fixture, csrf: "x"))
            #expect(wrong.status == .forbidden)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aRecorderCannotOpenOrSaveAnotherOfficialsDraft() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/my/meetings/\(fixture.otherDraft)", headers: Fixture.cookie(fixture.recorder))
            #expect(page.status == .forbidden)
            #expect(!page.body.contains("Bos utkast"))
            var fields = Self.filled(fixture, csrf: fixture.recorder.csrfToken)
            fields.append(("official-\(fixture.other)", "on"))
            let saved = try await client.post("/my/meetings/\(fixture.otherDraft)", headers: Fixture.form(fixture.recorder), fields)
            #expect(saved.status == .forbidden)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func theNewFormHasNativeInputsAndTheSignedInOfficialPreselected() async throws {
        let fixture = try await Fixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/my/meetings/new", headers: Fixture.cookie(fixture.recorder))
            #expect(page.status == .ok)
            #expect(page.body.contains("type=\"date\" id=\"meeting-date\" name=\"date\""))
            #expect(page.body.contains("type=\"time\" id=\"meeting-time\" name=\"time\""))
            #expect(page.body.contains("id=\"official-\(fixture.official)\" name=\"official-\(fixture.official)\" value=\"on\" checked"))
            #expect(page.body.contains("<script src=\"/assets/meeting-form.js\" defer></script>"))
            #expect(page.body.contains("name=\"csrf\" value=\"\(fixture.recorder.csrfToken)\""))
        }
    }

    @Test func loggingAMeetingWithTheFormRecordsExactlyThatMeeting() async throws {
        let fixture = try await Fixture()
        let before = try fixture.register.storedMeetings().map(\.id)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder),
                                             Self.filled(fixture, csrf: fixture.recorder.csrfToken))
            #expect(page.status == .seeOther)
            #expect(page.headers[.location]?.hasPrefix("/my/meetings?saved=") == true)
        }
        let added = try fixture.register.storedMeetings().filter { !before.contains($0.id) }
        #expect(added.count == 1)
        let stored = try #require(added.first)
        #expect(stored.status == .draft)
        let expected = Meeting(
            startsAt: Timestamp.parse("2026-11-23T13:30:00Z")!, durationMinutes: 45, place: "Regionens hus", format: .video,
            direction: .inbound, initiator: .counterpart, participants: [fixture.official],
            counterparts: [Counterpart(organisation: fixture.consultancy, onBehalfOf: fixture.client,
                                       people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")]),
                           Counterpart(organisation: nil, people: [CounterpartPerson(name: "Rolf Eriksson", role: "Boende", isPrivate: true)])],
            issues: [fixture.issue], subject: "Elförsörjningen längs Värmlandsbanan", summary: "Nordvind presenterade kundens syn.")
        #expect(stored.meeting == expected)
        let changes = try fixture.register.readDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change WHERE entity_id = ? AND type = 'meeting.drafted'", arguments: [stored.id]) }
        #expect(changes == 1)
    }

    @Test func publishingFromTheFormPublishesTheMeeting() async throws {
        let fixture = try await Fixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            var fields = Self.filled(fixture, csrf: fixture.recorder.csrfToken)
            fields.removeLast()
            fields.append(("action", "publish"))
            let page = try await client.post("/my/meetings/\(fixture.draft)", headers: Fixture.form(fixture.recorder),
                                             fields + [("revision", try fixture.register.storedMeeting(fixture.draft).revision.description)])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/my/meetings?published=\(fixture.draft)")
        }
        let stored = try fixture.register.storedMeeting(fixture.draft)
        #expect(stored.status == .published)
        #expect(stored.meeting.subject == "Elförsörjningen längs Värmlandsbanan")
    }

    @Test func publishingFromTheFormWhenReviewIsRequiredSendsTheDraftForReviewAndSaysSo() async throws {
        let fixture = try await Fixture()
        var settings = try fixture.register.settings()
        settings.reviewRequired = "yes"
        try fixture.register.update(settings: settings, by: .shell)
        try await buildApplication(register: fixture.register).test(.router) { client in
            var fields = Self.filled(fixture, csrf: fixture.recorder.csrfToken)
            fields.removeLast()
            fields.append(("action", "publish"))
            let page = try await client.post("/my/meetings/\(fixture.draft)", headers: Fixture.form(fixture.recorder),
                                             fields + [("revision", try fixture.register.storedMeeting(fixture.draft).revision.description)])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/my/meetings?sent-for-review=\(fixture.draft)")
            let list = try await client.execute(uri: try #require(page.headers[.location]), method: .get,
                                                headers: Fixture.cookie(fixture.recorder)) { String(buffer: $0.body) }
            #expect(list.contains("skickat till registratorn för granskning"))
        }
        #expect(try fixture.register.storedMeeting(fixture.draft).status == .draft)
    }

    @Test func aBadFormIsShownAgainWithEachErrorBesideItsFieldAndInTheSummaryKeepingEveryValue() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            var fields = Self.filled(fixture, csrf: fixture.recorder.csrfToken).filter {
                !["date", "place", "subject", "official-\(fixture.official)"].contains($0.0)
            }
            fields = fields.map { $0.0 == "duration" ? ("duration", "en timme") : $0 }
            fields.append(("find-issue", "spår & <banan>"))
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), fields)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("<title>Fel: Registrera ett möte"))
            #expect(page.body.contains("class=\"error-summary\" role=\"alert\""))
            for (id, message) in [("meeting-date", "Ange mötets datum"), ("meeting-place", "Skriv var mötet hölls"),
                                  ("meeting-subject", "Skriv vad mötet handlade om"), ("find-official", "Välj minst en av våra deltagare")] {
                #expect(page.body.contains("<li><a href=\"#\(id)\">\(message)</a></li>"), "summary link to \(id)")
                #expect(page.body.contains("<p class=\"field-error\" id=\"\(id)-error\"><span class=\"visually-hidden\">Fel:</span> \(message)</p>"),
                        "error beside \(id)")
                #expect(page.body.contains("id=\"\(id)\""))
            }
            #expect(page.body.contains("<li><a href=\"#meeting-duration\">"))
            #expect(page.body.contains("value=\"en timme\""))
            #expect(page.body.contains("type=\"time\" id=\"meeting-time\" name=\"time\" value=\"14:30\""))
            #expect(page.body.contains("value=\"video\" checked"))
            #expect(page.body.contains("id=\"organisation-\(fixture.consultancy)\" name=\"organisation-\(fixture.consultancy)\" value=\"on\" checked"))
            #expect(page.body.contains("<option value=\"\(fixture.client)\" selected>"))
            #expect(page.body.contains("id=\"person-0-name\" name=\"person-0-name\" value=\"Ulrika Fors\""))
            #expect(page.body.contains("id=\"person-1-private\" name=\"person-1-private\" value=\"on\" checked"))
            #expect(page.body.contains(">Nordvind presenterade kundens syn.</textarea>"))
            #expect(page.body.contains("value=\"spår &amp; &lt;banan&gt;\""))
            #expect(page.body.contains("id=\"issue-\(fixture.issue)\" name=\"issue-\(fixture.issue)\" value=\"on\" checked"))
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func theRegistersRulesAreSaidInThePagesLanguageWithNoEnglishFromTheRegister() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            // 02.30 on the last Sunday of March does not exist in Stockholm: the clocks go forward.
            let fields = Self.filled(fixture, csrf: fixture.recorder.csrfToken).map { field -> (String, String) in
                switch field.0 {
                case "date": ("date", "2026-03-29")
                case "time": ("time", "02:30")
                case "subject": ("subject", String(repeating: "ö", count: 301))
                case "duration": ("duration", "20000")
                default: field
                }
            }
            for (language, expected) in [
                ("", ["Datum: den tiden finns inte den dagen, eftersom klockan ställs fram en timme. Ange en annan tid.",
                      "Ämne får vara högst 300 tecken lång", "Längd i minuter får vara högst en vecka"]),
                ("?lang=en", ["Date: that time does not exist on that day, because the clocks go forward an hour. Enter another time.",
                              "Subject must be at most 300 characters long", "Duration in minutes must be at most a week"]),
            ] {
                let page = try await client.post("/my/meetings/new" + language, headers: Fixture.form(fixture.recorder), fields)
                #expect(page.status == .badRequest)
                for message in expected {
                    #expect(page.body.contains("\(message)</a></li>"), "\(message)")
                }
                for english in ["Europe/Stockholm", "Unicode scalars", "is longer than"] {
                    #expect(!page.body.contains(english), "\(english)")
                }
            }
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func theCatalogueSearchStepListsMatchesAndKeepsEverythingTyped() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let fields: [(String, String)] = [
                ("csrf", fixture.recorder.csrfToken), ("date", "2026-11-23"), ("time", "09:15"), ("place", "Karlstad"),
                ("subject", "Ett ämne"), ("summary", "Halvskriven"), ("official-\(fixture.official)", "on"),
                ("person-0-name", "Ulrika Fors"), ("find-organisation", "klaralven"), ("step", "find-organisation"),
            ]
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), fields)
            #expect(page.status == .ok)
            #expect(!page.body.contains("error-summary"))
            #expect(page.body.contains("id=\"organisation-\(fixture.client)\" name=\"organisation-\(fixture.client)\" value=\"on\"><label"))
            #expect(page.body.contains("Klarälvens Energi AB (556710-1232)"))
            #expect(!page.body.contains("id=\"organisation-\(fixture.consultancy)\""))
            for value in ["value=\"2026-11-23\"", "value=\"09:15\"", "value=\"Karlstad\"", "value=\"Ett ämne\"", ">Halvskriven</textarea>",
                          "value=\"Ulrika Fors\"", "value=\"klaralven\""] {
                #expect(page.body.contains(value), "kept \(value)")
            }
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aNewOrganisationWithABadOrganisationNumberIsRefused() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), [
                ("csrf", fixture.recorder.csrfToken), ("subject", "Behålls"), ("new-organisation-name", "Fel AB"),
                ("new-organisation-number", "556802-3451"), ("new-organisation-kind", "company"), ("step", "add-organisation"),
            ])
            #expect(page.status == .badRequest)
            #expect(page.body.contains("<li><a href=\"#new-organisation-number\">Organisationsnumret stämmer inte."))
            #expect(page.body.contains("value=\"556802-3451\"") && page.body.contains("value=\"Fel AB\"") && page.body.contains("value=\"Behålls\""))
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aNewOrganisationWhoseNumberIsKnownIsTheCataloguesOrganisation() async throws {
        let fixture = try await Fixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), [
                ("csrf", fixture.recorder.csrfToken), ("new-organisation-name", "Annat namn"), ("new-organisation-number", "5567101232"),
                ("new-organisation-kind", "company"), ("step", "add-organisation"),
            ])
            #expect(page.status == .ok)
            #expect(page.body.contains("Organisationsnumret finns redan i katalogen: Klarälvens Energi AB är vald."))
            #expect(page.body.contains("id=\"organisation-\(fixture.client)\" name=\"organisation-\(fixture.client)\" value=\"on\" checked"))
            #expect(!page.body.contains("Annat namn"))
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aNewOrganisationIsAddedToTheCatalogueAndChosen() async throws {
        let fixture = try await Fixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), [
                ("csrf", fixture.recorder.csrfToken), ("new-organisation-name", "Nya Bolaget AB"), ("new-organisation-number", "556036-0793"),
                ("new-organisation-kind", "company"), ("step", "add-organisation"),
            ])
            #expect(page.status == .ok)
            let added = try #require(try fixture.register.organisations().first { $0.name == "Nya Bolaget AB" })
            #expect(added.organisationNumber == "556036-0793")
            #expect(page.body.contains("id=\"organisation-\(added.id)\" name=\"organisation-\(added.id)\" value=\"on\" checked"))
        }
    }

    @Test func aWithheldFieldIsRecordedWithItsGroundAndReleaseDate() async throws {
        let fixture = try await Fixture()
        let before = try fixture.register.storedMeetings().map(\.id)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let form = Self.filled(fixture, csrf: fixture.recorder.csrfToken)
                + [("withheld-summary", Fixture.ground), ("withheld-summary-until", "2027-06-30"), ("withheld-place", ""), ("withheld-place-until", "")]
            let page = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder), form)
            #expect(page.status == .seeOther)
            let notListed = try await client.post("/my/meetings/new", headers: Fixture.form(fixture.recorder),
                                                  Self.filled(fixture, csrf: fixture.recorder.csrfToken) + [("withheld-place", "Påhittad grund")])
            #expect(notListed.status == .badRequest)
            #expect(notListed.body.contains("<li><a href=\"#withheld-place\">"))
        }
        let added = try #require(try fixture.register.storedMeetings().first { !before.contains($0.id) })
        #expect(added.meeting.withheld == [.summary: Withholding(ground: Fixture.ground, until: Day("2027-06-30"))])
    }
}
