import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The counts the write path keeps (`MeetingTallies`) against the same counts made
/// anew from the public tables, after every kind of write that moves them.
@Suite("The meeting counts kept by the write path")
struct MeetingTalliesTests {
    private func meeting(day: Int, _ direction: MeetingDirection, _ participants: [Int64], _ counterparts: [Counterpart],
                         _ issues: [Int64], withheld: [MeetingField: Withholding] = [:]) -> Meeting {
        Meeting(startsAt: Timestamp.parse(String(format: "2026-10-%02dT09:00:00Z", day))!, durationMinutes: 30, place: "Regionens hus",
                format: .inPerson, direction: direction, initiator: .counterpart, participants: participants,
                counterparts: counterparts, issues: issues, subject: "Möte \(day)", summary: "Samtal.", withheld: withheld)
    }

    @Test func keptCountsEqualCountsMadeAnewAfterCorrectionsWithdrawalsAndRedactions() throws {
        let fixture = try FootprintRegister()
        let register = fixture.register
        let before = try TallyComparison.kept(register)
        #expect(!before.isEmpty)
        #expect(try TallyComparison.countedAnew(register) == before)

        let p = fixture.published
        try register.correctMeeting(p[0], with: meeting(day: 11, .outbound, [fixture.officials.erik], [Counterpart(organisation: fixture.ngo)],
                                                      [fixture.issues.ferry]), reason: "Fel organisation angavs.", by: .shell)
        try register.correctMeeting(p[1], with: meeting(day: 2, .outbound, [fixture.officials.anna], [Counterpart(organisation: fixture.ngo)],
                                                      [fixture.issues.railway],
                                                      withheld: [.counterparts: Withholding(ground: "OSL 19 kap. 3 §")]),
                                    reason: "Motparten skulle sekretessbeläggas.", by: .shell)
        try register.withdrawMeeting(p[3], reason: "Registrerat två gånger.", by: .shell)
        try register.redactMeeting(p[6], .field(.direction), ground: "OSL 19 kap. 3 §", reason: "Uppgiften omfattas av sekretess.", by: .shell)
        try register.publishMeeting(fixture.draft, by: .shell)
        let after = try TallyComparison.kept(register)
        #expect(after != before)
        #expect(try TallyComparison.countedAnew(register) == after)
    }

    @Test func movingAnOfficialOrChangingAnOrganisationsKindCountsItsMeetingsAgain() throws {
        let fixture = try FootprintRegister()
        let register = fixture.register
        let statisticsBefore = try register.read { try $0.meetingStatistics() }
        try register.update(fixture.officials.erik, with: Official(name: "Erik Berg", title: "Kulturchef", kind: .staff,
                                                                  unit: fixture.units.board, activeFrom: Day("2020-01-01")!), by: .shell)
        try register.update(fixture.ngo, with: Organisation(name: "Naturskyddsföreningen i Värmland", kind: .company), by: .shell)
        let after = try TallyComparison.kept(register)
        #expect(try TallyComparison.countedAnew(register) == after)
        try register.read { (snapshot: RegisterSnapshot) throws in
            #expect(try snapshot.publishedMeetingCount(.unit(fixture.units.committee)) == 0)
            #expect(try snapshot.meetingStatistics() != statisticsBefore)
        }
    }

    @Test func statisticsFromTheKeptCountsEqualThoseCountedByQueries() throws {
        let fixture = try FootprintRegister()
        try fixture.register.correctMeeting(fixture.published[2], with: meeting(day: 31, .inbound, [fixture.officials.anna], [Counterpart(organisation: nil, people: [CounterpartPerson(name: "Privatperson", isPrivate: true)])],
                                                                                [fixture.issues.ferry]), reason: "Ingen organisation deltog.", by: .shell)
        try fixture.register.read { (snapshot: RegisterSnapshot) throws in
            let tallied = try snapshot.meetingStatistics()
            #expect(tallied.meetings == fixture.published.count)
            #expect(tallied == (try snapshot.meetingStatistics(.all, scanThreshold: .max)))
            #expect(tallied == (try snapshot.meetingStatistics(.all, scanThreshold: 0)))
        }
    }
}
