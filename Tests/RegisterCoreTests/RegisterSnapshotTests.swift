import Foundation
import Testing
@testable import RegisterCore

@Suite("Reading the register through one snapshot")
struct RegisterSnapshotTests {
    @Test func snapshotReadsWhatTheRegisterReads() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        _ = try fixture.register.recordMeeting(fixture.meeting(summary: "Utkast"), by: .shell)
        let register = fixture.register
        let expected = (units: try register.units(), officials: try register.officials(), organisations: try register.organisations(),
                        issues: try register.issues(), head: try register.ledgerHead(), settings: try register.settings(),
                        meetings: try register.publicMeetings(), changes: try register.publicChanges(after: 2))
        var meetings: [PublicMeeting] = []
        var changes: [PublicChange] = []
        try register.read { snapshot in
            #expect(try snapshot.units() == expected.units)
            #expect(try snapshot.officials() == expected.officials)
            #expect(try snapshot.organisations() == expected.organisations)
            #expect(try snapshot.issues() == expected.issues)
            #expect(try snapshot.ledgerHead() == expected.head)
            #expect(try snapshot.settings() == expected.settings)
            #expect(try snapshot.publicMeetingCount() == 1)
            try snapshot.forEachPublicMeeting { meetings.append($0) }
            try snapshot.forEachPublicChange(after: 2) { changes.append($0) }
        }
        #expect(meetings == expected.meetings)
        #expect(changes == expected.changes)
    }

    @Test func snapshotDoesNotSeeLaterWrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        let register = try Register.open(path: path)
        let writer = try Register.open(path: path)
        try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        try register.read { snapshot in
            let head = try snapshot.ledgerHead()
            try writer.add(Unit(name: "Kulturnämnden", kind: .committee), by: .shell)
            #expect(try snapshot.ledgerHead() == head)
            #expect(try snapshot.units().map(\.name) == ["Regionstyrelsen"])
        }
        #expect(try register.units().count == 2)
    }
}
