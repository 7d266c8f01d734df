import Foundation
import Testing
@testable import RegisterCore

@Suite("Recording and publishing meetings in one transaction")
struct BatchWriteTests {
    @Test func batchWritesWhatSingleWritesWrite() throws {
        let single = try TestRegister()
        let batched = try TestRegister()
        let meetings = [single.meeting(summary: "Första."),
                        single.meeting(summary: "Andra.", withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")],
                                       people: [CounterpartPerson(name: "Rolf Hemligsson", isPrivate: true)])]
        for meeting in meetings {
            try single.register.publishMeeting(try single.register.recordMeeting(meeting, by: .shell), by: .shell)
        }
        let ids = try batched.register.recordAndPublishMeetings(meetings, by: .shell)
        #expect(ids == (try single.register.publicMeetings().map(\.id)))
        #expect(try batched.register.publicMeetings() == single.register.publicMeetings())
        let types = { (register: Register) in try register.publicChanges(after: 0).map(\.type) }
        #expect(try types(batched.register) == types(single.register))
        #expect(try batched.register.ledgerHead().sequence == single.register.ledgerHead().sequence)
        try batched.register.verifyLedger()
    }

    @Test func anInvalidMeetingLeavesTheRegisterUnchanged() throws {
        let fixture = try TestRegister()
        var invalid = fixture.meeting()
        invalid.place = " "
        let before = try fixture.snapshot()
        let error = try #require(throws: ValidationError.self) {
            try fixture.register.recordAndPublishMeetings([fixture.meeting(), invalid], by: .shell)
        }
        #expect(error.problems.map(\.field) == ["meetings[1].place"])
        var unknown = fixture.meeting()
        unknown.issues = [999]
        #expect(throws: ValidationError.self) { try fixture.register.recordAndPublishMeetings([fixture.meeting(), unknown], by: .shell) }
        #expect(try fixture.snapshot() == before)
    }
}
