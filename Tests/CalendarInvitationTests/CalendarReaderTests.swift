import Foundation
import Testing
@testable import CalendarInvitation

/// Reading the file: folding, parameters, escapes, choosing the event, and what is refused.
@Suite("Calendar reader")
struct CalendarReaderTests {
    static func event(_ text: String, uid: String? = nil) throws(CalendarError) -> CalendarEvent {
        try CalendarFile.event(in: Array(text.utf8), uid: uid, floatingTimeZone: TestCatalogue.stockholm)
    }

    static func wrapped(_ lines: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + lines.replacingOccurrences(of: "\n", with: "\r\n") + "END:VCALENDAR\r\n"
    }

    static let basic = """
        BEGIN:VEVENT
        UID:a@test
        SUMMARY:Möte
        DTSTART:20261123T133000Z
        DTEND:20261123T143000Z
        END:VEVENT

        """

    @Test func foldsThatSplitAMultiByteCharacterAreJoinedBeforeDecoding() throws {
        let event = try CalendarFile.event(in: TestCatalogue.fixture("hand-utf8-folds.ics"), floatingTimeZone: TestCatalogue.stockholm)
        #expect(event.summary == "Kapacitet i elnätet längs Klarälven")
        #expect(event.description == "Överenskommelse – nästa steg")
        #expect(event.location == "Klarälvens Energi, Karlstad")
        #expect(event.organizer?.email == "anna.lindqvist@region.example.se")
        #expect(event.attendees.first?.name == "Fors, Ulrika")
    }

    @Test func icalendarsFoldedDescriptionKeepsEveryEscapedCharacter() throws {
        let event = try CalendarFile.event(in: TestCatalogue.fixture("icalendar-folded-utc.ics"), floatingTimeZone: TestCatalogue.stockholm)
        #expect(event.summary == "Värmlandsbanan; godstrafik, el och tidplan")
        #expect(event.description == """
            Dagordning:
            1. Elförsörjning längs banan; nuläge, kostnader och tidplan.
            2. Godstrafikens behov – Kil, Karlstad och Kristinehamn.
            Sökväg till underlaget: \\\\server\\delat\\värmlandsbanan
            """)
        #expect(event.location == "Regionens hus, sal 3")
    }

    @Test func textEscapesAreUndone() {
        #expect(CalendarText.unescaped(#"a\,b\;c\\d\ne\Nf"#) == "a,b;c\\d\ne\nf")
    }

    @Test func parametersMayBeQuotedHoldSeveralValuesAndCaretEscapes() throws {
        let line = try ContentLineReader.parse(#"ATTENDEE;CN="Fors, Ulrika: VD";MEMBER="mailto:a@x.se","mailto:b@x.se";X-Q=^'hej^'^n:mailto:u@x.se"#, line: 7)
        #expect(line.name == "ATTENDEE")
        #expect(line.parameter("cn") == "Fors, Ulrika: VD")
        #expect(line.parameters.first { $0.name == "MEMBER" }?.values == ["mailto:a@x.se", "mailto:b@x.se"])
        #expect(line.parameter("X-Q") == "\"hej\"\n")
        #expect(line.value == "mailto:u@x.se")
    }

    @Test func severalEventsNeedAUIDAndTheErrorListsThem() throws {
        let bytes = try TestCatalogue.fixture("icalendar-dst-week.ics")
        let error = #expect(throws: CalendarError.self) {
            try CalendarFile.event(in: bytes, floatingTimeZone: TestCatalogue.stockholm)
        }
        #expect(error?.description == "the file holds 3 events; choose one by its UID: dst-friday@insyn.test (Elnätet före omställningen); dst-sunday@insyn.test (Söndagsmöte efter omställningen); dst-monday@insyn.test (Måndag i sommartid)")
        let chosen = try CalendarFile.event(in: bytes, uid: "dst-monday@insyn.test", floatingTimeZone: TestCatalogue.stockholm)
        #expect(chosen.summary == "Måndag i sommartid")
        let missing = #expect(throws: CalendarError.self) {
            try CalendarFile.event(in: bytes, uid: "nope", floatingTimeZone: TestCatalogue.stockholm)
        }
        #expect(missing?.description.hasPrefix("no event has the UID 'nope'; the file holds dst-friday@insyn.test") == true)
    }

    @Test func aRecurringEventIsRefusedNamingTheRuleLine() throws {
        let error = #expect(throws: CalendarError.self) {
            try CalendarFile.event(in: TestCatalogue.fixture("icalendar-recurring.ics"), floatingTimeZone: TestCatalogue.stockholm)
        }
        #expect(error?.line == 59)
        #expect(error?.message.hasPrefix("the event recurs (RRULE or RDATE)") == true)
        let rdate = #expect(throws: CalendarError.self) {
            try Self.event(Self.wrapped(Self.basic.replacingOccurrences(of: "END:VEVENT", with: "RDATE:20261130T133000Z\nEND:VEVENT")))
        }
        #expect(rdate?.line == 8)
    }

    @Test func anAllDayEventIsRefusedClearly() throws {
        let error = #expect(throws: CalendarError.self) {
            try CalendarFile.event(in: TestCatalogue.fixture("icalendar-all-day.ics"), floatingTimeZone: TestCatalogue.stockholm)
        }
        #expect(error?.description == "line 7: DTSTART: is a date without a time (an all-day event); a meeting needs the time it starts and ends")
    }

    @Test(arguments: [
        ("BEGIN:VEVENT\nUID:a\nDTSTART:2026112T133000Z\nDTEND:20261123T143000Z\nEND:VEVENT\n",
         "line 5: DTSTART: '2026112T133000Z' is not a date and time like 20261123T143000, 20261123T133000Z or 20261123"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20261123T133000Z\nEND:VEVENT\n", "line 3: the event has neither DTEND nor DURATION; a meeting needs its length"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20261123T133000Z\nDURATION:PT1H\nDTEND:20261123T143000Z\nEND:VEVENT\n", "line 6: DURATION: an event has DTEND or DURATION, not both"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20261123T133000Z\nDURATION:1 hour\nEND:VEVENT\n", "line 6: DURATION: '1 hour' is not a duration like PT1H30M"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20261123T133000Z\nDTEND:20261123T123000Z\nEND:VEVENT\n", "line 6: the event ends before it starts, or when it starts"),
        ("BEGIN:VEVENT\nDTSTART;TZID=Mars/Olympus:20261123T133000\nDURATION:PT1H\nEND:VEVENT\n",
         "line 4: DTSTART: the time zone 'Mars/Olympus' has no VTIMEZONE in the file and is not a time zone name such as Europe/Stockholm"),
        ("BEGIN:VEVENT\nSUMMARY;CN=\"open:x\nEND:VEVENT\n", "line 4: SUMMARY: the quoted value of CN is not closed"),
        ("BEGIN:VEVENT\nSUMMARY hello\nEND:VEVENT\n", "line 4: SUMMARY: a ':' must separate the name and parameters from the value"),
        ("BEGIN:VEVENT\nUID:a\nEND:VTODO\n", "line 5: END:VTODO does not close BEGIN:VEVENT of line 3"),
        ("BEGIN:VEVENT\nUID:a\n", "line 5: END:VCALENDAR does not close BEGIN:VEVENT of line 3"),
        ("BEGIN:VEVENT\nUID:a\nUID:b\nDTSTART:20261123T133000Z\nDURATION:PT1H\nEND:VEVENT\n", "line 5: UID is given twice in the VEVENT that starts at line 3"),
        ("", "the file holds no event (BEGIN:VEVENT)"),
    ])
    func aBadFileIsOneLineNamingItsLine(body: String, message: String) {
        let error = #expect(throws: CalendarError.self) { try Self.event(Self.wrapped(body)) }
        #expect(error?.description == message)
    }

    @Test func somethingOtherThanACalendarIsRefusedAtItsFirstLine() {
        let error = #expect(throws: CalendarError.self) { try Self.event("{\"startsAt\": \"2026-11-23T14:30\"}\n") }
        #expect(error?.line == 1)
        let html = #expect(throws: CalendarError.self) { try Self.event("BEGIN:VCARD\nEND:VCARD\n") }
        #expect(html?.description == "line 1: the file must start with BEGIN:VCALENDAR, not BEGIN:VCARD")
    }

    @Test func invalidUTF8IsRefusedNamingTheLine() {
        var bytes = Array(Self.wrapped(Self.basic).utf8)
        let index = bytes.firstIndex(of: UInt8(ascii: "M"))!
        bytes[index] = 0xC3
        let error = #expect(throws: CalendarError.self) { try CalendarFile.event(in: bytes, floatingTimeZone: TestCatalogue.stockholm) }
        #expect(error?.description == "line 5: is not valid UTF-8")
    }

    @Test func aCancellationIsRefused() {
        let error = #expect(throws: CalendarError.self) {
            try Self.event(Self.wrapped("METHOD:CANCEL\n" + Self.basic))
        }
        #expect(error?.message.hasPrefix("the invitation cancels a meeting") == true)
    }

    @Test func attendeeAddressesArePlainLowerCaseEmails() throws {
        let event = try CalendarFile.event(in: TestCatalogue.fixture("outlook-windows-zone.ics"), floatingTimeZone: TestCatalogue.stockholm)
        #expect(event.organizer?.email == "ulrika.fors@nordvind.example")
        #expect(event.organizer?.name == "Fors, Ulrika")
        #expect(event.attendees.map(\.email) == ["anna.lindqvist@region.example.se", "ove.holm@region.example.se", "sal3@region.example.se"])
        #expect(event.attendees.map(\.userType) == ["INDIVIDUAL", "INDIVIDUAL", "RESOURCE"])
        #expect(event.uid == "040000008200E00074C5B7101A82E00800000000B0E8C3A6A5A1DC01000000000000000010000000D3E4C1F1B8E1A74D8B5A5B5A1E0F1A2B")
        #expect(event.conferenceURL != nil)
    }
}
