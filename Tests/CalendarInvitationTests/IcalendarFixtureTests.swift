import Foundation
import Testing
@testable import CalendarInvitation

/// The committed invitations are what Python's icalendar writes: the script that made
/// them is run again, and each of today's files gives the same events as the committed one.
@Suite("icalendar fixtures")
struct IcalendarFixtureTests {
    static let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/venv/bin/python").standardized

    @Test func theScriptStillWritesTheSameEvents() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = FileManager.default.isExecutableFile(atPath: Self.python.path) ? Self.python : URL(fileURLWithPath: "/usr/bin/env")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/make_invitations.py").path
        process.arguments = (process.executableURL == Self.python ? [] : ["python3"]) + [script, directory.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make_invitations.py failed: pip install icalendar into .build/venv")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["icalendar-all-day.ics", "icalendar-dst-week.ics", "icalendar-floating.ics", "icalendar-folded-utc.ics", "icalendar-recurring.ics"])
        for name in ["icalendar-dst-week.ics", "icalendar-floating.ics", "icalendar-folded-utc.ics"] {
            let fresh = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            let committed = try TestCatalogue.fixture(name)
            for uid in try uids(committed) {
                let now = try CalendarFile.event(in: fresh, uid: uid, floatingTimeZone: TestCatalogue.stockholm)
                var then = try CalendarFile.event(in: committed, uid: uid, floatingTimeZone: TestCatalogue.stockholm)
                then.line = now.line
                #expect(now == then, "\(name) \(uid)")
            }
        }
    }

    private func uids(_ bytes: [UInt8]) throws -> [String] {
        try CalendarComponent.parse(bytes).flatMap { $0.components("VEVENT") }.compactMap { $0.properties("UID").first?.value }
    }
}
