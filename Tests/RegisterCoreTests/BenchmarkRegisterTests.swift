import Foundation
import Testing
@testable import RegisterCore

@Suite("The synthetic benchmark register")
struct BenchmarkRegisterTests {
    @Test func interruptedGenerationResumesToTheSameRegister() throws {
        let whole = try Register.inMemory()
        #expect(try BenchmarkRegister.fill(whole, meetings: 30, batchSize: 7) == 30)
        let resumed = try Register.inMemory()
        #expect(try BenchmarkRegister.fill(resumed, meetings: 12, batchSize: 5) == 12)
        #expect(try BenchmarkRegister.fill(resumed, meetings: 30, batchSize: 5) == 18)
        #expect(try BenchmarkRegister.fill(resumed, meetings: 30) == 0)
        #expect(try resumed.publicMeetings() == whole.publicMeetings())
        try resumed.verifyLedger()
    }

    @Test func meetingsHaveRealisticSizes() throws {
        let register = try Register.inMemory()
        try BenchmarkRegister.fill(register, meetings: 200)
        let meetings = try register.publicMeetings()
        #expect(meetings.count == 200)
        let subjects = meetings.compactMap(\.subject).map(\.count)
        let summaries = meetings.compactMap(\.summary).map(\.count)
        #expect((40...90).contains(subjects.reduce(0, +) / subjects.count))
        #expect((300...500).contains(summaries.reduce(0, +) / summaries.count))
        #expect(meetings.allSatisfy { (1...3).contains($0.participants?.count ?? 0) && (1...2).contains($0.issues?.count ?? 0) })
        #expect(meetings.allSatisfy { (1...2).contains($0.counterparts?.count ?? 0) && $0.counterparts!.allSatisfy { !$0.people.isEmpty } })
        #expect(meetings.contains { !($0.documents ?? []).isEmpty })
        #expect(meetings.contains { !$0.withheld.isEmpty })
        #expect(meetings.contains { $0.counterparts?.contains { $0.onBehalfOf != nil } == true })
    }

    @Test func anotherRegisterIsNeverFilled() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        #expect(throws: ValidationError.self) { try BenchmarkRegister.fill(fixture.register, meetings: 10) }
        #expect(try fixture.snapshot() == before)
    }
}
