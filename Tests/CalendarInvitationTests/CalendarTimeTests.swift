import Foundation
import Testing
@testable import CalendarInvitation

/// Start and end as instants: VTIMEZONE rules (RDATEs, yearly RRULEs, Windows names),
/// UTC, floating times in the register's zone, and IANA names the file does not describe.
@Suite("Calendar times")
struct CalendarTimeTests {
    static func event(_ text: String, floating: TimeZone = TestCatalogue.stockholm) throws -> CalendarEvent {
        try CalendarFile.event(in: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), floatingTimeZone: floating)
    }

    /// Outlook's description of Central European time: the last Sundays of March and October.
    static let windowsZone = """
        BEGIN:VTIMEZONE
        TZID:W. Europe Standard Time
        BEGIN:STANDARD
        DTSTART:16010101T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010101T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
        END:DAYLIGHT
        END:VTIMEZONE

        """

    static func calendar(zone: String = windowsZone, start: String, end: String) -> String {
        "BEGIN:VCALENDAR\nVERSION:2.0\n" + zone + "BEGIN:VEVENT\nUID:t\nSUMMARY:Möte\n\(start)\n\(end)\nEND:VEVENT\nEND:VCALENDAR\n"
    }

    @Test(arguments: [
        ("dst-friday@insyn.test", "2026-03-27T08:00:00Z", "2026-03-27T09:00:00Z"),
        ("dst-sunday@insyn.test", "2026-03-29T12:00:00Z", "2026-03-29T13:30:00Z"),
        ("dst-monday@insyn.test", "2026-03-30T07:00:00Z", "2026-03-30T07:45:00Z"),
    ])
    func theWeekTheClocksGoForwardInStockholmFromIcalendarsVTimezone(uid: String, start: String, end: String) throws {
        let event = try CalendarFile.event(in: TestCatalogue.fixture("icalendar-dst-week.ics"), uid: uid, floatingTimeZone: .gmt)
        #expect(event.startsAt == utc(start))
        #expect(event.endsAt == utc(end))
        #expect(event.timeZoneName == "Europe/Stockholm")
    }

    @Test func outlooksWindowsZoneNameWorksThroughItsVTimezone() throws {
        let event = try CalendarFile.event(in: TestCatalogue.fixture("outlook-windows-zone.ics"), floatingTimeZone: .gmt)
        #expect(event.startsAt == utc("2026-06-15T08:00:00Z"))
        #expect(event.endsAt == utc("2026-06-15T09:00:00Z"))
        #expect(event.timeZoneName == "W. Europe Standard Time")
    }

    @Test(arguments: [
        ("20260328T100000", "2026-03-28T09:00:00Z"),   // Saturday before the change: +01:00
        ("20260329T013000", "2026-03-29T00:30:00Z"),   // Sunday before 02:00
        ("20260329T020000", "2026-03-29T01:00:00Z"),   // skipped hour: read with the offset before the gap (RFC 5545 §3.3.5)
        ("20260329T030000", "2026-03-29T01:00:00Z"),   // first hour of summer time
        ("20260329T140000", "2026-03-29T12:00:00Z"),
        ("20261025T023000", "2026-10-25T00:30:00Z"),   // the repeated hour: its first occurrence, still +02:00
        ("20261025T033000", "2026-10-25T02:30:00Z"),
        ("20261224T150000", "2026-12-24T14:00:00Z"),
        ("20270328T100000", "2027-03-28T08:00:00Z"),   // the last Sunday of March 2027 is the 28th
    ])
    func aYearlyRuleGivesTheOffsetOnEachSideOfTheChange(local: String, expected: String) throws {
        let event = try Self.event(Self.calendar(start: "DTSTART;TZID=W. Europe Standard Time:\(local)", end: "DURATION:PT30M"))
        #expect(event.startsAt == utc(expected))
    }

    @Test func aRuleWithAFixedWeekdayAndMonthDaysIsTheOldUSForm() throws {
        let zone = """
            BEGIN:VTIMEZONE
            TZID:US-Eastern
            BEGIN:STANDARD
            DTSTART:19671029T020000
            RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19870405T020000
            RRULE:FREQ=YEARLY;BYDAY=SU;BYMONTHDAY=8,9,10,11,12,13,14;BYMONTH=3
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            END:DAYLIGHT
            END:VTIMEZONE

            """
        // Second Sunday of March 2026 is the 8th; first Sunday of November the 1st.
        #expect(try Self.event(Self.calendar(zone: zone, start: "DTSTART;TZID=US-Eastern:20260307T120000", end: "DURATION:PT1H")).startsAt
                == utc("2026-03-07T17:00:00Z"))
        #expect(try Self.event(Self.calendar(zone: zone, start: "DTSTART;TZID=US-Eastern:20260309T120000", end: "DURATION:PT1H")).startsAt
                == utc("2026-03-09T16:00:00Z"))
        #expect(try Self.event(Self.calendar(zone: zone, start: "DTSTART;TZID=US-Eastern:20261102T120000", end: "DURATION:PT1H")).startsAt
                == utc("2026-11-02T17:00:00Z"))
    }

    @Test func floatingTimesAreTakenInTheRegistersTimeZone() throws {
        let bytes = try TestCatalogue.fixture("icalendar-floating.ics")
        let stockholm = try CalendarFile.event(in: bytes, floatingTimeZone: TestCatalogue.stockholm)
        #expect(stockholm.startsAt == utc("2026-07-01T08:00:00Z"))
        #expect(stockholm.endsAt == utc("2026-07-01T09:15:00Z"))
        #expect(stockholm.timeZoneName == "Europe/Stockholm")
        let helsinki = try CalendarFile.event(in: bytes, floatingTimeZone: TimeZone(identifier: "Europe/Helsinki")!)
        #expect(helsinki.startsAt == utc("2026-07-01T07:00:00Z"))
    }

    @Test func anIANANameWithoutVTimezoneIsReadWithFoundationsZones() throws {
        let event = try Self.event(Self.calendar(zone: "", start: "DTSTART;TZID=America/New_York:20261123T093000",
                                                 end: "DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20261123T103000"))
        #expect(event.startsAt == utc("2026-11-23T14:30:00Z"))
        #expect(event.endsAt == utc("2026-11-23T15:30:00Z"))
    }

    @Test func utcTimesAndDurationsNeedNoZone() throws {
        let event = try Self.event(Self.calendar(zone: "", start: "DTSTART:20261123T133000Z", end: "DURATION:PT1H30M"))
        #expect(event.startsAt == utc("2026-11-23T13:30:00Z"))
        #expect(event.endsAt == utc("2026-11-23T15:00:00Z"))
        #expect(event.timeZoneName == "UTC")
        #expect(CalendarDuration.seconds("P1W") == 604_800)
        #expect(CalendarDuration.seconds("P1DT2H") == 93_600)
        #expect(CalendarDuration.seconds("-PT15M") == -900)
        #expect(CalendarDuration.seconds("PT") == nil)
        #expect(CalendarDuration.seconds("P1H") == nil)
    }

    @Test func aZoneRuleOutsideWhatTimeZonesUseIsRefusedNamingItsLine() {
        let zone = Self.windowsZone.replacingOccurrences(of: "BYDAY=-1SU;BYMONTH=3", with: "BYDAY=-1SU;BYMONTH=3;BYSETPOS=1")
        let error = #expect(throws: CalendarError.self) {
            try Self.event(Self.calendar(zone: zone, start: "DTSTART;TZID=W. Europe Standard Time:20260615T100000", end: "DURATION:PT1H"))
        }
        #expect(error?.description == "line 15: RRULE: BYSETPOS is not supported in a time zone's rule")
    }
}
