import Foundation
import RegisterCore
import Testing
@testable import Publishing

@Suite("The incremental export of public changes")
struct ChangeLinesExportTests {
    private func sequences(_ lines: [[UInt8]]) throws -> [Int64] {
        try lines.map { try #require(Export.object($0)["sequence"] as? Int64) }
    }

    @Test func everyLineIsValidAgainstTheChangeSchema() throws {
        let register = try DemoFixture.register()
        let (lines, summary) = try Export.lines(register, after: 0)
        let report = try validateJSONLines(lines, schema: Schemas.change)
        #expect(report.isValid, "\(report)")
        let expected = try register.publicChanges(after: 0)
        #expect(try sequences(lines) == expected.map(\.sequence))
        #expect(summary.changes == expected.count)
        #expect(summary.resumeAfter == (try register.ledgerHead().sequence))
        let types = try Set(lines.map { try #require(Export.object($0)["type"] as? String) })
        #expect(types.isSuperset(of: ["meeting.published", "meeting.corrected", "meeting.withdrawn", "organisation.added"]))
        #expect(!types.contains { $0.hasPrefix("meeting.draft") })
    }

    @Test func linesAreThePublicJSONFormOfEachChange() throws {
        let fixture = try ExportFixture()
        let (lines, _) = try Export.lines(fixture.register, after: 0)
        let publicJSON = PublicJSON(Publication(settings: try fixture.register.settings()))
        #expect(lines == (try fixture.register.publicChanges(after: 0).map { try publicJSON.changeBytes($0) }))
    }

    @Test func anExportOfManyBatchesKeepsEveryLineInLedgerOrder() throws {
        let register = try Register.inMemory()
        try BenchmarkRegister.fill(register, meetings: 150)
        let sink = BufferSink()
        let summary = try ChangeLinesExport(after: 0).write(register, to: sink)
        #expect(sink.bytes.count > 4 * ChangeLinesExport.bufferSize, "the export spans several batches")
        let publicJSON = PublicJSON(Publication(settings: try register.settings()))
        var expected: [UInt8] = []
        for change in try register.publicChanges(after: 0) { expected += try publicJSON.changeBytes(change) + [0x0A] }
        #expect(sink.bytes == expected)
        #expect(summary.changes == (try register.publicChanges(after: 0).count))
    }

    @Test func resumingExportsExactlyTheNewPublicChanges() throws {
        let fixture = try ExportFixture()
        let register = fixture.register
        let (first, firstSummary) = try Export.lines(register, after: 0)
        let resumeAt = firstSummary.resumeAfter
        #expect(resumeAt == (try register.ledgerHead().sequence))
        #expect(firstSummary.lastWritten == (try sequences(first)).last)
        #expect(firstSummary.lastWritten! < resumeAt, "the fixture's newest change is a draft, which is not exported")

        let (nothing, unchanged) = try Export.lines(register, after: resumeAt)
        #expect(nothing.isEmpty)
        #expect(unchanged.resumeAfter == resumeAt && unchanged.lastWritten == nil)

        fixture.clock.advance(days: 1)
        try register.publishMeeting(fixture.draft, by: .shell)
        let added = try register.recordMeeting(fixture.meeting(subject: "Nytt möte"), by: .shell)
        try register.publishMeeting(added, by: .shell)
        try register.correctMeeting(added, with: fixture.meeting(subject: "Nytt möte, rättat"), reason: "Rättad rubrik", by: .shell)
        try register.add(Organisation(name: "Ny organisation AB", kind: .company), by: .shell)
        _ = try register.recordMeeting(fixture.meeting(subject: "Ännu ett utkast"), by: .shell)
        try register.withdrawMeeting(added, reason: "Fel register", by: .shell)

        let (second, secondSummary) = try Export.lines(register, after: resumeAt)
        let firstSequences = try sequences(first), secondSequences = try sequences(second)
        #expect(secondSequences == (try register.publicChanges(after: resumeAt).map(\.sequence)))
        #expect(secondSequences.count == 5)
        #expect(Set(firstSequences).isDisjoint(with: secondSequences))
        #expect(firstSequences + secondSequences == (try register.publicChanges(after: 0).map(\.sequence)))
        #expect(secondSummary.resumeAfter == (try register.ledgerHead().sequence))
        #expect(try validateJSONLines(first + second, schema: Schemas.change).isValid)
    }

    @Test func positionBeyondTheHeadOrNegativeIsRefused() throws {
        let fixture = try ExportFixture()
        let head = try fixture.register.ledgerHead().sequence
        for position in [head + 1, -1] {
            let sink = BufferSink()
            #expect(throws: ValidationError.self) { try ChangeLinesExport(after: position).write(fixture.register, to: sink) }
            #expect(sink.bytes.isEmpty)
        }
    }
}
