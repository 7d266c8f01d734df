import Foundation
import Testing
@testable import RegisterCore

@Suite("Instants, text, URLs and errors of the input")
struct InputValueTests {
    let stockholm = RegisterSettings.defaultTimeZone

    @Test(arguments: [
        ("9999-12-31T23:00-02:00", "startsAt: '9999-12-31T23:00-02:00' is outside the years 1900 to 2200"),
        ("1899-12-31T23:59:59Z", "startsAt: '1899-12-31T23:59:59Z' is outside the years 1900 to 2200"),
        ("2201-01-01T00:00", "startsAt: '2201-01-01T00:00' is outside the years 1900 to 2200"),
        ("2026-11-20T14:30+14:30", "startsAt: '2026-11-20T14:30+14:30' has an offset beyond ±14:00"),
        ("2026-11-20T14:30:00.5Z", "startsAt: '2026-11-20T14:30:00.5Z' has a fraction of a second; the register keeps whole seconds"),
    ])
    func anInstantOutsideTheDocumentedRangeIsRefused(startsAt: String, message: String) {
        let error = #expect(throws: ValidationError.self) { try readMeeting(meetingInput(["startsAt": "\"\(startsAt)\""])) }
        #expect(error?.description == message)
    }

    @Test func theEdgesOfTheRangeAndOfTheOffsetsAreAccepted() throws {
        #expect(try Timestamp.read("1900-01-01T00:00:00Z", timeZone: stockholm) == Timestamp.earliest)
        #expect(Timestamp.format(try Timestamp.read("2200-12-31T23:59:59Z", timeZone: stockholm)) == "2200-12-31T23:59:59Z")
        #expect(Timestamp.format(try Timestamp.read("2026-11-20T14:30+14:00", timeZone: stockholm)) == "2026-11-20T00:30:00Z")
        #expect(Timestamp.format(try Timestamp.read("2026-11-20T14:30-12:00", timeZone: stockholm)) == "2026-11-21T02:30:00Z")
    }

    @Test func aLocalTimeSkippedByTheSpringClockChangeIsRefused() {
        #expect(throws: Refusal("'2027-03-28T02:30' does not exist in Europe/Stockholm: the clocks are put forward at that hour; give another time or an offset")) {
            try Timestamp.read("2027-03-28T02:30", timeZone: stockholm)
        }
        let error = #expect(throws: ValidationError.self) { try readMeeting(meetingInput(["startsAt": #""2027-03-28T02:30""#])) }
        #expect(error?.problems.map(\.field) == ["startsAt"])
    }

    @Test func aLocalTimeRepeatedInAutumnNeedsItsOffset() throws {
        #expect(throws: Refusal("'2026-10-25T02:30' happens twice in Europe/Stockholm: the clocks are put back at that hour; add the offset, +02:00 or +01:00")) {
            try Timestamp.read("2026-10-25T02:30", timeZone: stockholm)
        }
        #expect(Timestamp.format(try Timestamp.read("2026-10-25T02:30+02:00", timeZone: stockholm)) == "2026-10-25T00:30:00Z")
        #expect(Timestamp.format(try Timestamp.read("2026-10-25T02:30+01:00", timeZone: stockholm)) == "2026-10-25T01:30:00Z")
        #expect(Timestamp.format(try Timestamp.read("2026-10-25T03:30", timeZone: stockholm)) == "2026-10-25T02:30:00Z")
        #expect(Timestamp.format(try Timestamp.read("2026-07-01T12:00", timeZone: stockholm)) == "2026-07-01T10:00:00Z")
    }

    @Test func endsAtAndDurationMustAgreeWhenBothAreGiven() throws {
        let error = #expect(throws: ValidationError.self) {
            try readMeeting(meetingInput(["durationMinutes": "30", "endsAt": #""2026-11-20T15:30""#]))
        }
        #expect(error?.description == "endsAt: is 60 minutes after startsAt but durationMinutes is 30; give one of them, or both agreeing")
        #expect(try readMeeting(meetingInput(["durationMinutes": "60", "endsAt": #""2026-11-20T15:30""#])).durationMinutes == 60)
        #expect(try readMeeting(meetingInput(["endsAt": #""2026-11-20T15:00""#], removing: ["durationMinutes"])).durationMinutes == 30)
        #expect(throws: ValidationError("endsAt", "must be a whole number of minutes after startsAt")) {
            try readMeeting(meetingInput(["endsAt": #""2026-11-20T15:00:30""#], removing: ["durationMinutes"]))
        }
    }

    @Test func aMeetingOutsideTheRangeIsRefusedByTheWritePathToo() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        var meeting = fixture.meeting()
        meeting.startsAt = Date(timeIntervalSince1970: 253_402_297_200)
        let error = try #require(throws: ValidationError.self) { try fixture.register.recordMeeting(meeting, by: .shell) }
        #expect(error.problems.map(\.field) == ["startsAt"])
        meeting = fixture.meeting()
        meeting.durationMinutes = Int.max
        #expect(throws: ValidationError.self) { try fixture.register.recordMeeting(meeting, by: .shell) }
        #expect(try fixture.snapshot() == before)
    }

    @Test func nulIsRefusedInEveryTextField() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        let nul = "före\u{0}efter"
        var meetings: [(String, Meeting)] = []
        for field in ["place", "subject", "summary", "person", "role", "document", "ground"] {
            var meeting = fixture.meeting()
            switch field {
            case "place": meeting.place = nul
            case "subject": meeting.subject = nul
            case "summary": meeting.summary = nul
            case "person": meeting.counterparts[0].people[0].name = nul
            case "role": meeting.counterparts[0].people[0].role = nul
            case "document": meeting.documents[0].title = nul
            default: meeting.withheld = [.summary: Withholding(ground: nul)]
            }
            meetings.append((field, meeting))
        }
        for (field, meeting) in meetings {
            let error = try #require(throws: ValidationError.self, "\(field)") { try fixture.register.recordMeeting(meeting, by: .shell) }
            #expect(error.description.hasSuffix("must not contain U+0000 (NUL)"), "\(field): \(error)")
        }
        #expect(throws: ValidationError("name", "must not contain U+0000 (NUL)")) { try fixture.register.add(Unit(name: nul, kind: .board), by: .shell) }
        #expect(throws: ValidationError("policyAreas[0]", "must not contain U+0000 (NUL)")) {
            try fixture.register.add(Issue(title: "T", summary: "S", position: "P", policyAreas: [nul], unit: fixture.unit), by: .shell)
        }
        #expect(throws: ValidationError("party", "must not contain U+0000 (NUL)")) {
            try fixture.register.add(Official(name: "A", title: "B", kind: .elected, party: nul, unit: fixture.unit, activeFrom: Day("2022-01-01")!), by: .shell)
        }
        #expect(throws: ValidationError.self) { try fixture.register.add(Organisation(name: nul, kind: .company), by: .shell) }
        #expect(try fixture.snapshot() == before)
    }

    @Test func lengthLimitsCountUnicodeScalars() throws {
        let fixture = try TestRegister()
        let name = "e" + String(repeating: "\u{301}", count: 5_000)
        #expect(name.count == 1)
        #expect(throws: ValidationError("name", "is longer than 200 characters (Unicode scalars); it has 5001")) {
            try fixture.register.add(Unit(name: name, kind: .board), by: .shell)
        }
    }

    @Test func aLeadingByteOrderMarkIsRefusedNotDropped() throws {
        let fixture = try TestRegister()
        #expect(throws: ValidationError("policyAreas[0]", "begins with U+FEFF (an invisible byte order mark); remove it")) {
            try fixture.register.add(Issue(title: "T", summary: "S", position: "P", policyAreas: ["\u{FEFF}Infrastruktur"], unit: fixture.unit), by: .shell)
        }
    }

    @Test func invisibleFormatCharactersAreKeptNotTrimmed() throws {
        let fixture = try TestRegister()
        let area = "\u{200B}Infrastruktur\u{200F}"
        let id = try fixture.register.add(Issue(title: "\u{200F}مرحبا", summary: "S", position: "P", policyAreas: [area], unit: fixture.unit), by: .shell)
        let issue = try #require(try fixture.register.issues().first { $0.id == id })
        #expect(issue.policyAreas.map { Array($0.unicodeScalars) } == [Array(area.unicodeScalars)])
        #expect(Array(issue.title.unicodeScalars) == Array("\u{200F}مرحبا".unicodeScalars))
    }

    @Test func anIRIIsStoredAsItsURI() throws {
        let fixture = try TestRegister()
        var meeting = fixture.meeting()
        meeting.documents = [MeetingDocument(title: "Skrivelse", direction: .received, url: "https://dok.example/ä.pdf?q=ö#å")]
        let id = try fixture.register.recordMeeting(meeting, by: .shell)
        #expect(try fixture.register.storedMeeting(id).meeting.documents[0].url == "https://dok.example/%C3%A4.pdf?q=%C3%B6#%C3%A5")
        #expect(try WebAddress.uri("https://a.se/100%/{x}").get() == "https://a.se/100%25/%7Bx%7D")
        #expect(try WebAddress.uri("https://a.se/%C3%A4").get() == "https://a.se/%C3%A4")
        let organisation = try fixture.register.add(Organisation(name: "Å AB", kind: .company, website: "https://atta.example/om-oss/å"), by: .shell)
        #expect(try fixture.register.organisations().first { $0.id == organisation }?.website == "https://atta.example/om-oss/%C3%A5")
    }

    @Test func aNonASCIIHostIsRefusedWithAClearMessage() throws {
        let fixture = try TestRegister()
        #expect(throws: ValidationError("website", "the host of 'https://åtta.example/' has letters outside ASCII; give its ASCII form (xn--…)")) {
            try fixture.register.add(Organisation(name: "Å AB", kind: .company, website: "https://åtta.example/"), by: .shell)
        }
        #expect(throws: ValidationError("website", "'https://a.se/x y' contains a space; write it as %20")) {
            try fixture.register.add(Organisation(name: "Å AB", kind: .company, website: "https://a.se/x y"), by: .shell)
        }
    }

    @Test func anErrorNamesTheFirstFiveProblemsAndCountsTheRest() throws {
        let fixture = try TestRegister()
        var meeting = fixture.meeting()
        meeting.participants = Array(1_000...10_999)
        let error = try #require(throws: ValidationError.self) { try fixture.register.recordMeeting(meeting, by: .shell) }
        #expect(error.problems.count == 10_000)
        #expect(error.description.hasSuffix("; and 9995 more problems"))
        #expect(error.description.count < 500)
        #expect(!error.description.contains("\n"))
    }

    @Test func aQuotedValueIsShortAndOnOneLine() {
        let quoted = ValidationError.quote("a\nb" + String(repeating: "x", count: 10_000))
        #expect(quoted == "'a\\u{A}b" + String(repeating: "x", count: 57) + "…'")
        let error = #expect(throws: ValidationError.self) {
            try readMeeting(meetingInput(["startsAt": "\"" + String(repeating: "9", count: 100_000) + "\""]))
        }
        #expect((error?.description.count ?? .max) < 200)
    }
}
