import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The import's batch write path (`Register.importMeetings`) against recording the
/// same meetings one by one.
@Suite("The import's batch write path")
struct ImportBatchTests {
    @Test func theBatchPathWritesTheLedgerOneByOneRecordingWritesAndKeepsTheCountsRight() throws {
        let clock = { @Sendable in Timestamp.parse("2026-11-23T12:00:00Z")! }
        let batched = try TestRegister(clock: clock)
        let single = try TestRegister(clock: clock)
        let meetings = [batched.meeting(summary: "Första."),
                        batched.meeting(summary: "Andra.", withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2031-01-01"))],
                                        people: [CounterpartPerson(name: "Rolf Hemligsson", isPrivate: true)])]
        let report = try batched.register.importMeetings(meetings.enumerated().map { ImportRow(line: $0.offset + 1, meeting: $0.element) },
                                                         publish: true, by: .shell)
        for meeting in meetings { try single.register.recordAndPublishMeeting(meeting, by: .shell) }

        #expect(report.meetings == (try single.register.publicMeetings().map(\.id)))
        #expect(try batched.register.publicMeetings() == single.register.publicMeetings())
        let changes = { (register: Register) in
            try register.publicChanges(after: 0).map { "\($0.sequence) \($0.type) \($0.occurredAt) \($0.reason ?? "") \($0.record)" }
        }
        #expect(try changes(batched.register) == changes(single.register))
        let hidden = { (register: Register) in
            try register.readDatabase { db in try Row.fetchAll(db, sql: "SELECT seq, at, type, entity, entity_id, public, confidential FROM change ORDER BY seq") }
        }
        #expect(try hidden(batched.register) == hidden(single.register))
        #expect(try batched.register.verifyLedger().sequence == single.register.verifyLedger().sequence)

        let kept = try TallyComparison.kept(batched.register)
        #expect(!kept.isEmpty)
        #expect(kept == (try TallyComparison.kept(single.register)))
        #expect(kept == (try TallyComparison.countedAnew(batched.register)))
        let index = { (register: Register) in
            try register.readDatabase { db in try Row.fetchAll(db, sql: "SELECT rowid, * FROM meeting_search ORDER BY rowid") }
        }
        #expect(try index(batched.register) == index(single.register))
        #expect(try index(batched.register).count == 2)
    }

    @Test func withoutPublishTheMeetingsAreDrafts() throws {
        let fixture = try TestRegister()
        let report = try fixture.register.importMeetings([ImportRow(line: 1, meeting: fixture.meeting())], publish: false, by: .shell)
        #expect(try fixture.register.publicMeetings().isEmpty)
        #expect(try fixture.register.storedMeeting(report.meetings[0]).status == .draft)
        try fixture.register.verifyLedger()
    }
}
