import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The import's batch write path (`Register.importMeetings`) against recording the
/// same meetings one by one.
@Suite("The import's batch write path")
struct ImportBatchTests {
    @Test func aPublishingImportWritesOnePublishedChangePerMeetingAndTheRegisterOneByOneRecordingWrites() throws {
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
        let rows = { (register: Register, sql: String) in try register.readDatabase { db in try Row.fetchAll(db, sql: sql) } }
        let records = "SELECT id, status, version, record, recorded_at, published_at, updated_at FROM meeting_record ORDER BY id"
        #expect(try rows(batched.register, records) == rows(single.register, records))
        let timeliness = "SELECT m.id, m.start_month, m.publication_delay, t.* FROM meeting m, timeliness t ORDER BY 1, 4, 5, 6"
        #expect(try !rows(batched.register, timeliness).isEmpty)
        #expect(try rows(batched.register, timeliness) == rows(single.register, timeliness))
        // The same public changes, each without the draft change before it.
        let changes = { (register: Register) in
            try register.publicChanges(after: 0).map { "\($0.type) \($0.occurredAt) \($0.reason ?? "") \($0.record)" }
        }
        #expect(try changes(batched.register) == changes(single.register))
        let stored = { (register: Register, types: String) in
            try register.readDatabase { db in
                try Row.fetchAll(db, sql: "SELECT at, type, entity, entity_id, public, confidential FROM change WHERE type IN (\(types)) ORDER BY seq")
            }
        }
        #expect(try stored(batched.register, "'meeting.drafted'").isEmpty)
        #expect(try stored(batched.register, "'meeting.published'") == stored(single.register, "'meeting.published'"))
        #expect(try stored(batched.register, "'meeting.published'").count == 2)
        #expect(try batched.register.verifyLedger().sequence == 5 + 2)
        #expect(verify(try ledgerLines(batched.register, view: .public)) == nil)
        #expect(verify(try ledgerLines(batched.register, view: .auditor)) == nil)

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

    @Test func aMeetingWhoseFirstChangeIsItsPublicationIsCorrectedRedactedWithdrawnAuditedAndVerifiedLikeAnyOther() throws {
        let fixture = try TestRegister()
        let meetings = [fixture.meeting(summary: "Första."), fixture.meeting(summary: "Andra.")]
        let ids = try fixture.register.importMeetings(meetings.enumerated().map { ImportRow(line: $0.offset + 1, meeting: $0.element) },
                                                      publish: true, by: .shell).meetings
        var corrected = meetings[0]
        corrected.place = "Stadshuset"
        try fixture.register.correctMeeting(ids[0], with: corrected, reason: "Fel plats.", by: .shell)
        try fixture.register.redactMeeting(ids[0], .field(.summary), ground: "OSL 21 kap. 7 §", reason: "Publicerat av misstag.", by: .shell)
        try fixture.register.withdrawMeeting(ids[1], reason: "Dubblett.", by: .shell)

        let first = try fixture.register.read { try $0.auditedChanges(ofMeeting: ids[0]) }
        #expect(first.map(\.type) == ["meeting.published", "meeting.corrected", "meeting.redacted"])
        #expect(first[0].data["summary"] == .string("Första."))
        #expect(first[1].differences.map(\.member).contains("place"))
        #expect(try fixture.register.read { try $0.auditedChanges(ofMeeting: ids[1]) }.map(\.type) == ["meeting.published", "meeting.withdrawn"])
        let current = try #require(try fixture.register.publicMeetings().first { $0.id == ids[0] })
        #expect(current.version == 3)
        #expect(current.place == "Stadshuset")
        #expect(current.summary == nil)
        #expect(try fixture.register.read { try $0.checkLedger() }.isIntact)
        #expect(verify(try ledgerLines(fixture.register, view: .public)) == nil)
        #expect(verify(try ledgerLines(fixture.register, view: .auditor)) == nil)
        let published = try fixture.register.publicChanges(after: 0).filter { $0.entity == "meeting" && $0.entityId == ids[0] }
        #expect(published.map(\.type) == [.meetingPublished, .meetingCorrected, .meetingRedacted])
    }

    @Test func aBatchsCountsMadeInMemoryEqualCountsMadeAnewOverVariedMeetings() throws {
        let register = try Register.inMemory()
        try BenchmarkRegister.fill(register, meetings: 300, batchSize: 120)
        let kept = try TallyComparison.kept(register)
        #expect(kept.count > 1000)
        #expect(kept == (try TallyComparison.countedAnew(register)))
        let timeliness = { try register.readDatabase { db in try Row.fetchAll(db, sql: "SELECT * FROM timeliness ORDER BY 1, 2, 3") } }
        let placed = { try register.readDatabase { db in try Row.fetchAll(db, sql: "SELECT id, start_month, publication_delay FROM meeting ORDER BY id") } }
        let keptTimeliness = try timeliness(), keptPlaces = try placed()
        #expect(!keptTimeliness.isEmpty)
        try register.writer.write { db in try PublicationTimeliness.rebuild(in: db) }
        #expect(try timeliness() == keptTimeliness)
        #expect(try placed() == keptPlaces)
    }

    @Test func withoutPublishTheMeetingsAreDrafts() throws {
        let fixture = try TestRegister()
        let report = try fixture.register.importMeetings([ImportRow(line: 1, meeting: fixture.meeting())], publish: false, by: .shell)
        #expect(try fixture.register.publicMeetings().isEmpty)
        #expect(try fixture.register.storedMeeting(report.meetings[0]).status == .draft)
        try fixture.register.verifyLedger()
    }
}
