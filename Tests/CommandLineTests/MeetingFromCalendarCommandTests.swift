import Foundation
import Testing
import RegisterCore

/// `insyn meeting add --from-ics FILE [--uid UID]`: a draft from an invitation, what was
/// matched printed after its id; a bad file is one line naming its line, and records nothing.
@Suite("meeting add --from-ics")
struct MeetingFromCalendarCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../CalendarInvitationTests/Fixtures/\(name)").standardized.path
    }

    /// Anna (official 1, with an account), Nordvind (nordvind.example) and Klarälvens Energi (klaralven.example).
    static func withCatalogue() throws -> Insyn {
        let insyn = Insyn()
        #expect(try insyn.run(["init"]).status == 0)
        let register = try Register.open(path: insyn.database)
        let unit = try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        let anna = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, unit: unit, activeFrom: Day("2022-01-01")!), by: .shell)
        try register.add(Official(name: "Ove Holm", title: "Trafikdirektör", kind: .staff, unit: unit, activeFrom: Day("2022-01-01")!), by: .shell)
        try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy, website: "https://www.nordvind.example/"), by: .shell)
        try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, website: "https://klaralven.example/"), by: .shell)
        try register.addAccount(NewAccount(name: "Anna Lindqvist", email: "anna.lindqvist@region.example.se", role: .recorder, officials: [anna]))
        return insyn
    }

    @Test func anOutlookInvitationIsRecordedAsADraftAndTheReportSaysWhoWasMatched() throws {
        let insyn = try Self.withCatalogue()
        defer { insyn.cleanUp() }
        let result = try insyn.run(["meeting", "add", "--from-ics", Self.fixture("outlook-windows-zone.ics")])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "1")
        #expect(lines.contains("Draft 1: Elförsörjning längs Värmlandsbanan"))
        #expect(lines.contains("  starts 2026-06-15 10:00 (Europe/Stockholm; written in W. Europe Standard Time), 60 minutes, at Regionens hus, sal 3"))
        #expect(lines.contains("  Fors, Ulrika <ulrika.fors@nordvind.example> (organizer): organisation 1 Nordvind Kommunikation AB"))
        #expect(lines.contains("  Lindqvist, Anna <anna.lindqvist@region.example.se>: official 1 Anna Lindqvist"))
        #expect(lines.contains { $0.hasPrefix("  Ove Holm <ove.holm@region.example.se>: not matched") })
        #expect(try insyn.run(["meeting", "list"]).output == "1\tdraft\tv0\t2026-06-15 10:00\tElförsörjning längs Värmlandsbanan\n")
    }

    @Test func severalEventsNeedUidAndWithItOneIsRecorded() throws {
        let insyn = try Self.withCatalogue()
        defer { insyn.cleanUp() }
        let file = Self.fixture("icalendar-dst-week.ics")
        let refused = try insyn.run(["meeting", "add", "--from-ics", file])
        #expect(refused.status == 1)
        #expect(refused.error == "Error: \(file) the file holds 3 events; choose one by its UID: dst-friday@insyn.test (Elnätet före omställningen); dst-sunday@insyn.test (Söndagsmöte efter omställningen); dst-monday@insyn.test (Måndag i sommartid)\n")
        let chosen = try insyn.run(["meeting", "add", "--from-ics", file, "--uid", "dst-sunday@insyn.test"])
        #expect(chosen.status == 0, "\(chosen.error)")
        #expect(try insyn.run(["meeting", "list"]).output == "1\tdraft\tv0\t2026-03-29 14:00\tSöndagsmöte efter omställningen\n")
    }

    @Test func officialNamesAnOfficialTheAttendeesDoNotMatch() throws {
        let insyn = try Self.withCatalogue()
        defer { insyn.cleanUp() }
        let text = try String(contentsOfFile: Self.fixture("google-utc.ics"), encoding: .utf8)
            .replacingOccurrences(of: "anna.lindqvist@region.example.\r\n se", with: "someone@region.example.se")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-\(UUID()).ics").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let refused = try insyn.run(["meeting", "add", "--from-ics", file])
        #expect(refused.status == 1)
        #expect(refused.error.hasPrefix("Error: \(file) line 6: none of the attendees is one of our officials"), "\(refused.error)")
        #expect(refused.error.hasSuffix("; name them with --official ID\n"))
        let recorded = try insyn.run(["meeting", "add", "--from-ics", file, "--official", "2"])
        #expect(recorded.status == 0, "\(recorded.error)")
        #expect(try Register.open(path: insyn.database).storedMeeting(1).meeting.participants == [2])
    }

    @Test(arguments: [
        ("icalendar-recurring.ics", "line 59: the event recurs (RRULE or RDATE); a register records each meeting on its own"),
        ("icalendar-all-day.ics", "line 7: DTSTART: is a date without a time (an all-day event)"),
    ])
    func aRefusedInvitationIsOneLineWithStatus1AndRecordsNothing(fixture: String, message: String) throws {
        let insyn = try Self.withCatalogue()
        defer { insyn.cleanUp() }
        let file = Self.fixture(fixture)
        let result = try insyn.run(["meeting", "add", "--from-ics", file])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("Error: \(file) \(message)"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.output.isEmpty)
        #expect(try insyn.run(["meeting", "list"]).output.isEmpty)
    }

    @Test func aBrokenFileFromStandardInputNamesItsLine() throws {
        let insyn = try Self.withCatalogue()
        defer { insyn.cleanUp() }
        let result = try insyn.run(["meeting", "add", "--from-ics", "-"], input: "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:tomorrow\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(result.status == 1)
        #expect(result.error == "Error: - line 3: DTSTART: 'tomorrow' is not a date and time like 20261123T143000, 20261123T133000Z or 20261123\n")
        #expect(try insyn.run(["meeting", "list"]).output.isEmpty)
    }

    @Test(arguments: [
        (["meeting", "add"], "give one of --from <file> and --from-ics <file>; see 'insyn meeting add --help'"),
        (["meeting", "add", "--from", "x.json", "--from-ics", "x.ics"], "give one of --from <file> and --from-ics <file>"),
        (["meeting", "add", "--from", "x.json", "--uid", "u"], "--uid and --official go with --from-ics"),
        (["meeting", "add", "--from-ics", "x.ics", "--publish"], "a meeting from an invitation is recorded as a draft"),
    ])
    func aWrongCombinationOfOptionsIsAUsageError(arguments: [String], message: String) throws {
        let insyn = try Self.withCatalogue()
        defer { insyn.cleanUp() }
        let result = try insyn.run(arguments)
        #expect(result.status == 64)
        #expect(result.error.hasPrefix("Error: \(message)"), "\(result.error)")
    }
}
