import Foundation
import Testing
@testable import RegisterCore

@Suite("Confidential values stay out of the public view")
struct ConfidentialityTests {
    static let secretSummary = "Anbudspriset är 4 812 000 kronor"
    static let privateName = "Rolf Hemligsson"
    static let personnummer = "19800101-0001"

    func populated() throws -> (TestRegister, Int64, Int64) {
        let fixture = try TestRegister()
        try fixture.register.add(Organisation(name: "Hantverk (enskild firma)", kind: .company, personnummer: Self.personnummer), by: .shell)
        let published = try fixture.register.recordMeeting(fixture.meeting(
            summary: Self.secretSummary, withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30"))],
            people: [CounterpartPerson(name: Self.privateName, role: "Boende", isPrivate: true)]), by: .shell)
        try fixture.register.publishMeeting(published, by: .shell)
        let draft = try fixture.register.recordMeeting(fixture.meeting(summary: "Utkast som ingen får se"), by: .shell)
        return (fixture, published, draft)
    }

    @Test func publicProjectionHasNoWithheldValue() throws {
        let (fixture, published, draft) = try populated()
        let meetings = try fixture.register.publicMeetings()
        #expect(meetings.map(\.id) == [published])
        #expect(!meetings.map(\.id).contains(draft))
        let meeting = try #require(meetings.first)
        #expect(meeting.summary == nil)
        #expect(meeting.withheld[.summary] == Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30")))
        #expect(meeting.counterparts?[0].people[0].name == nil)
        #expect(meeting.counterparts?[0].people[0].isPrivate == true)
        #expect(meeting.subject == "Värmlandsbanan och godstrafiken")
        #expect(try fixture.register.organisations().last?.soleTrader == true)
    }

    @Test func publicLedgerViewHoldsCommitmentsAuditorViewHoldsValues() throws {
        let (fixture, _, _) = try populated()
        let publicText = try ledgerLines(fixture.register, view: .public).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        let auditorText = try ledgerLines(fixture.register, view: .auditor).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        for secret in [Self.secretSummary, Self.privateName, "800101-0001", "Utkast som ingen får se"] {
            #expect(!publicText.contains(secret), "public ledger leaks \(secret)")
            #expect(auditorText.contains(secret), "auditor ledger lacks \(secret)")
        }
        #expect(publicText.contains("$commitment"))
        #expect(publicText.contains("OSL 19 kap. 3 §"))
    }

    @Test func publicChangesCarryNoConfidentialValue() throws {
        let (fixture, published, _) = try populated()
        let changes = try fixture.register.publicChanges(after: 0)
        #expect(!changes.contains { $0.type == .meetingDrafted })
        let publication = try #require(changes.first { $0.type == .meetingPublished })
        guard case .meeting(let meeting) = publication.record else { Issue.record("not a meeting"); return }
        #expect(meeting.id == published)
        #expect(meeting.summary == nil)
        #expect(meeting.counterparts?[0].people[0].name == nil)
        #expect(meeting == (try fixture.register.publicMeeting(published)))
    }

    @Test func releaseOnTheDatePublishesTheField() throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        let fixture = try TestRegister(clock: { clock.now })
        let id = try fixture.register.recordMeeting(fixture.meeting(
            summary: Self.secretSummary, withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30"))]), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        #expect(try fixture.register.releaseDueWithholdings(by: .shell).isEmpty)
        clock.now = Timestamp.parse("2027-06-30T08:00:00Z")!
        #expect(try fixture.register.releaseDueWithholdings(by: .shell) == [id])
        let meeting = try #require(try fixture.register.publicMeeting(id))
        #expect(meeting.summary == Self.secretSummary)
        #expect(meeting.withheld.isEmpty)
        #expect(meeting.version == 2)
        #expect(try fixture.register.publicChanges(after: 0).last?.type == .meetingReleased)
        try fixture.register.verifyLedger()
    }
}
