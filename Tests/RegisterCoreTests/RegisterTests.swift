import Foundation
import GRDB
import Testing
@testable import RegisterCore

@Suite("Recording, correcting, withdrawing, listing")
struct RegisterTests {
    @Test func correctionIsANewVersionWithAReason() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        let published = try #require(try fixture.register.publicMeeting(id))
        try fixture.register.correctMeeting(id, with: fixture.meeting(summary: "Rättad text."), reason: "Förtydligat", by: .shell)
        let corrected = try #require(try fixture.register.publicMeeting(id))
        #expect(corrected.version == published.version + 1)
        #expect(corrected.summary == "Rättad text.")
        #expect(corrected.correctionReason == "Förtydligat")
        #expect(corrected.publishedAt == published.publishedAt)
    }

    @Test func withdrawalLeavesATombstoneAndKeepsTheLedger() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        let before = try fixture.register.ledgerHead().sequence
        try fixture.register.withdrawMeeting(id, reason: "Registrerat två gånger", by: .shell)
        let tombstone = try #require(try fixture.register.publicMeeting(id))
        #expect(tombstone.status == .withdrawn)
        #expect(tombstone.subject == nil)
        #expect(tombstone.withdrawalReason == "Registrerat två gånger")
        #expect(try fixture.register.ledgerHead().sequence == before + 1)
        #expect(try fixture.register.publicMeetings(MeetingFilter(text: "Värmlandsbanan")).isEmpty)
    }

    @Test func filtersAndSwedishFullTextSearch() throws {
        let fixture = try TestRegister()
        let first = try fixture.register.recordMeeting(fixture.meeting(summary: "Vi talade om älvens vattenkraft."), by: .shell)
        try fixture.register.publishMeeting(first, by: .shell)
        var other = fixture.meeting(summary: "Vi talade om alvens framtid.")
        other.counterparts = [Counterpart(organisation: fixture.client)]
        other.issues = []
        let second = try fixture.register.recordMeeting(other, by: .shell)
        try fixture.register.publishMeeting(second, by: .shell)
        let draft = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)

        #expect(try fixture.register.publicMeetings(MeetingFilter(text: "älvens")).map(\.id) == [first])
        #expect(try fixture.register.publicMeetings(MeetingFilter(text: "alvens")).map(\.id) == [second])
        #expect(try fixture.register.publicMeetings(MeetingFilter(organisation: fixture.organisation)).map(\.id) == [first])
        #expect(try fixture.register.publicMeetings(MeetingFilter(organisation: fixture.client)).map(\.id) == [first, second])
        #expect(try fixture.register.publicMeetings(MeetingFilter(issue: fixture.issue)).map(\.id) == [first])
        #expect(try fixture.register.storedMeetings(MeetingFilter(status: .draft)).map(\.id) == [draft])
        #expect(try fixture.register.storedMeetings(MeetingFilter(official: fixture.official)).count == 3)
        let from = Timestamp.parse("2026-11-21T00:00:00Z")!
        #expect(try fixture.register.publicMeetings(MeetingFilter(from: from)).isEmpty)
    }

    @Test func renamingAnOrganisationOrIssueReindexesItsMeetings() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        try fixture.register.update(fixture.client, with: Organisation(name: "Älvkraft Öst AB", kind: .company), by: .shell)
        try fixture.register.update(fixture.issue, with: Issue(title: "Godsstråket", summary: "S", position: "P", unit: fixture.unit), by: .shell)
        #expect(try fixture.register.publicMeetings(MeetingFilter(text: "Älvkraft")).map(\.id) == [id])
        #expect(try fixture.register.publicMeetings(MeetingFilter(text: "Godsstråket")).map(\.id) == [id])
        #expect(try fixture.register.publicMeetings(MeetingFilter(text: "Klarälvens")).isEmpty)
    }

    @Test func fileDatabaseUsesWALAndForeignKeys() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let register = try Register.open(path: path)
        let (journal, foreignKeys) = try register.readDatabase { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func demoLoadsAndVerifies() throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        let head = try register.verifyLedger()
        #expect(head.sequence > 700)
        let stored = try register.storedMeetings()
        #expect(stored.count == DemoRegister.meetingCount)
        #expect(stored.contains { $0.status == .withdrawn })
        #expect(stored.contains { $0.status == .draft })
        #expect(stored.contains { $0.version > 1 })
        #expect(stored.contains { !$0.meeting.withheld.isEmpty })
        #expect(try register.officials().count == 20)
        #expect(try register.organisations().count == 40)
        #expect(try register.issues().count == 12)
        #expect(try register.publicChanges(after: 0).contains { $0.type == .meetingReleased })
        #expect(throws: ValidationError.self) { try DemoRegister.load(into: register) }
    }
}
