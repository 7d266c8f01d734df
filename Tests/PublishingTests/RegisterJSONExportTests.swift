import Foundation
import RegisterCore
import Testing
@testable import Publishing

@Suite("The public JSON export")
struct RegisterJSONExportTests {
    @Test func demoExportIsValidAgainstItsSchema() throws {
        let register = try DemoFixture.register()
        let bytes = try Export.json(register)
        let report = try validateJSON(bytes, schema: Schemas.register)
        #expect(report.isValid, "\(report)")

        let document = try Export.object(bytes)
        let meetings = try #require(document["meetings"] as? [[String: Any]])
        let stored = try register.storedMeetings()
        #expect(meetings.compactMap { $0["id"] as? Int64 } == stored.filter { $0.status != .draft }.map(\.id).sorted())
        #expect(meetings.contains { $0["status"] as? String == "withdrawn" })
        #expect(meetings.contains { ($0["withheld"] as? [String: Any])?.isEmpty == false })
        #expect((document["organisations"] as? [Any])?.count == (try register.organisations().count))
        #expect((document["officials"] as? [Any])?.count == (try register.officials().count))
        #expect((document["issues"] as? [Any])?.count == (try register.issues().count))
        #expect((document["units"] as? [Any])?.count == (try register.units().count))
    }

    @Test func documentCarriesHeadLicenceAndFeeds() throws {
        let fixture = try ExportFixture()
        let document = try Export.object(try Export.json(fixture.register))
        let head = try fixture.register.ledgerHead()
        let ledger = try #require(document["ledger"] as? [String: Any])
        #expect(ledger["sequence"] as? Int64 == head.sequence)
        #expect(ledger["hash"] as? String == head.hash)
        #expect(document["generatedAt"] as? String == "2026-12-01T09:00:00Z")
        #expect(document["licence"] as? [String: String] == ["name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"])
        let publication = Publication(settings: try fixture.register.settings())
        let feeds = try #require(document["feeds"] as? [String: String])
        #expect(feeds["main"] == publication.feedURL(.all))
        #expect(feeds["issue"]?.replacingOccurrences(of: "{id}", with: "7") == publication.feedURL(.issue(7)))
        #expect(feeds["official"]?.replacingOccurrences(of: "{id}", with: "7") == publication.feedURL(.official(7)))
        #expect(feeds["organisation"]?.replacingOccurrences(of: "{id}", with: "7") == publication.feedURL(.organisation(7)))
        #expect(feeds["archive"]?.replacingOccurrences(of: "{page}", with: "3") == publication.archiveURL(3))
    }

    @Test func meetingsAreThePublicJSONFormOfEachMeeting() throws {
        let fixture = try ExportFixture()
        let document = try Export.object(try Export.json(fixture.register))
        let exported = try #require(document["meetings"] as? [Any])
        let publicJSON = PublicJSON(Publication(settings: try fixture.register.settings()))
        let expected = try fixture.register.publicMeetings().map { meeting in
            let sink = BufferSink()
            let json = JSONStreamWriter(sink)
            try publicJSON.meeting(meeting, to: json)
            try json.finish()
            return try JSONSerialization.jsonObject(with: Data(sink.bytes))
        }
        #expect(try canonical(exported) == canonical(expected))
    }

    @Test func registerWithoutMeetingsExportsAValidDocument() throws {
        let register = try Register.inMemory()
        let bytes = try Export.json(register)
        let report = try validateJSON(bytes, schema: Schemas.register)
        #expect(report.isValid, "\(report)")
        let document = try Export.object(bytes)
        #expect((document["meetings"] as? [Any])?.isEmpty == true)
        #expect((document["ledger"] as? [String: Any])?["sequence"] as? Int64 == 0)
        #expect((document["ledger"] as? [String: Any])?["hash"] as? String == LedgerEntry.genesisHash)
    }

    @Test func filterSelectsMeetingsButKeepsTheCatalogue() throws {
        let fixture = try ExportFixture()
        let bytes = try Export.json(fixture.register, filter: MeetingFilter(status: .withdrawn))
        #expect(try validateJSON(bytes, schema: Schemas.register).isValid)
        let document = try Export.object(bytes)
        #expect((document["meetings"] as? [[String: Any]])?.compactMap { $0["id"] as? Int64 } == [fixture.withdrawn])
        #expect((document["organisations"] as? [Any])?.count == 3)
    }

    /// A write committed while the export is streaming is in neither its records nor
    /// its ledger head: both come from the one read transaction the export started.
    @Test func recordsAndHeadComeFromOneSnapshot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        let fixture = try ExportFixture(register: try Register.open(path: path))
        let other = try Register.open(path: path)
        let before = try fixture.register.ledgerHead()
        let meetingsBefore = try fixture.register.publicMeetings().count
        let sink = InterruptingSink {
            let id = try other.recordMeeting(fixture.meeting(subject: "Publicerat under exporten"), by: .shell)
            try other.publishMeeting(id, by: .shell)
        }
        try RegisterJSONExport(generatedAt: Export.generatedAt).write(fixture.register, to: sink)
        #expect(sink.interrupted)
        #expect(try fixture.register.ledgerHead().sequence == before.sequence + 2)
        let document = try Export.object(sink.bytes)
        #expect((document["ledger"] as? [String: Any])?["sequence"] as? Int64 == before.sequence)
        #expect((document["meetings"] as? [Any])?.count == meetingsBefore)
        #expect(!String(decoding: sink.bytes, as: UTF8.self).contains("Publicerat under exporten"))
    }
}

/// The JSON text of a parsed value with sorted keys, to compare documents by content.
func canonical(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

/// A sink that runs `interruption` when the export first writes, then keeps the bytes.
final class InterruptingSink: ByteSink {
    private(set) var bytes: [UInt8] = []
    private(set) var interrupted = false
    private let interruption: () throws -> Void

    init(_ interruption: @escaping () throws -> Void) {
        self.interruption = interruption
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if !interrupted {
            interrupted = true
            try interruption()
        }
        self.bytes.append(contentsOf: bytes)
    }

    func finish() throws {}
}
