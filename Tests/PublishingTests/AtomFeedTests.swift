import Foundation
import Testing
@testable import Publishing
@testable import RegisterCore

/// A register with hostile text everywhere a person can type, for the feed tests.
struct FeedFixture {
    static let hostile = "<b>&amp; \"citat\" 'apostrof' ]]> \u{1}\u{8}\u{1B} å ä ö 🇸🇪 </dd></dl>"
    static let secret = "Hemligt anbudspris 4 812 000 kr"
    static let privateName = "Rolf Hemligsson"

    let register: Register
    let clock: ManualClock
    let official: Int64
    let organisation: Int64
    let issue: Int64

    init() throws {
        clock = ManualClock(Timestamp.parse("2026-09-10T10:00:00Z")!)
        let clock = clock
        register = try Register.inMemory(clock: { clock.now })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen \(Self.hostile)", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna \(Self.hostile)", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2022-01-01")!), by: .shell)
        organisation = try register.add(Organisation(name: "Nordvind \(Self.hostile) AB", kind: .consultancy, organisationNumber: "5568023450"), by: .shell)
        issue = try register.add(Issue(title: "Banan \(Self.hostile)", summary: "S", position: "P", unit: unit), by: .shell)
    }

    func meeting(at start: String, summary: String = "Vi talade om \(FeedFixture.hostile)", withheld: Bool = false) -> Meeting {
        Meeting(startsAt: Timestamp.parse(start)!, durationMinutes: 45, place: "Rum \(Self.hostile)", format: .inPerson,
                direction: .inbound, initiator: .counterpart, participants: [official],
                counterparts: [Counterpart(organisation: organisation, people: [
                    CounterpartPerson(name: "Ulrika \(Self.hostile)", role: "VD"),
                    CounterpartPerson(name: Self.privateName, isPrivate: true),
                ])],
                issues: [issue], subject: "Ämne \(Self.hostile)", summary: withheld ? Self.secret : summary,
                documents: [MeetingDocument(title: "Dok \(Self.hostile)", direction: .given, url: "https://example.se/a?b=1&c=2")],
                withheld: withheld ? [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2030-01-01"))] : [:])
    }

    @discardableResult
    func publish(_ meeting: Meeting, at time: String) throws -> Int64 {
        clock.now = Timestamp.parse(time)!
        let id = try register.recordMeeting(meeting, by: .shell)
        try register.publishMeeting(id, by: .shell)
        return id
    }
}

@Suite("Atom feeds")
struct AtomFeedTests {
    @Test func everyKindOfFeedIsValidWithHostileText() throws {
        let fixture = try FeedFixture()
        let first = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-02T08:00:00Z")
        try fixture.publish(fixture.meeting(at: "2026-10-01T08:00:00Z", withheld: true), at: "2026-10-02T08:00:00Z")
        fixture.clock.now = Timestamp.parse("2026-10-05T08:00:00Z")!
        try fixture.register.withdrawMeeting(first, reason: "Återkallad: \(FeedFixture.hostile)", by: .shell)
        try FeedSet.read(fixture.register, layout: FeedLayout(pageSize: 2, mainFeedMinimum: 1)) { feeds in
            #expect(feeds.paths.contains("archive/1.atom"))
            for path in ["meetings.atom", "archive/1.atom", "issues/\(fixture.issue).atom",
                         "officials/\(fixture.official).atom", "organisations/\(fixture.organisation).atom"] {
                let bytes = try #require(try feeds.render(path: path))
                let report = try validateAtom(bytes)
                #expect(report.isValid, "\(path): \(report.messages)")
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.contains("<b>"), "\(path) lets markup through")
            }
            #expect(try feeds.render(path: "archive/2.atom") == nil)
            #expect(try feeds.render(path: "archive/0.atom") == nil)
            #expect(try feeds.render(path: "issues/999.atom") == nil)
        }
    }

    @Test func withdrawalLeavesTombstonesInTheFeedsThatCarriedTheMeeting() throws {
        let fixture = try FeedFixture()
        let id = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-02T08:00:00Z")
        fixture.clock.now = Timestamp.parse("2026-10-05T08:00:00Z")!
        try fixture.register.withdrawMeeting(id, reason: "Dubbelregistrerat", by: .shell)
        try FeedSet.read(fixture.register, layout: FeedLayout(pageSize: 2)) { feeds in
            let tag = feeds.publication.tag("meeting", id)
            for path in ["meetings.atom", "archive/1.atom", "issues/\(fixture.issue).atom", "officials/\(fixture.official).atom",
                         "organisations/\(fixture.organisation).atom"] {
                let text = String(decoding: try #require(try feeds.render(path: path)), as: UTF8.self)
                #expect(text.contains("<at:deleted-entry ref=\"\(tag)\" when=\"2026-10-05T10:00:00+02:00\">"), "\(path) lacks the tombstone")
                #expect(text.contains("<at:comment>Dubbelregistrerat</at:comment>"))
                #expect(!text.contains("<entry><id>\(tag)</id>"), "\(path) still has the entry")
            }
        }
    }

    @Test func correctionMovesUpdatedAndKeepsTheId() throws {
        let fixture = try FeedFixture()
        let id = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-02T08:00:00Z")
        let before = String(decoding: try #require(try FeedSet.read(fixture.register) { try $0.render(path: "meetings.atom") }), as: UTF8.self)
        fixture.clock.now = Timestamp.parse("2026-09-20T12:00:00Z")!
        try fixture.register.correctMeeting(id, with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Rättad sammanfattning"),
                                            reason: "Fel i sammanfattningen", by: .shell)
        try FeedSet.read(fixture.register) { feeds in
            let after = String(decoding: try #require(try feeds.render(path: "meetings.atom")), as: UTF8.self)
            let tag = feeds.publication.tag("meeting", id)
            for text in [before, after] { #expect(text.contains("<entry><id>\(tag)</id>")) }
            #expect(before.contains("<updated>2026-09-02T10:00:00+02:00</updated>"))
            #expect(after.contains("<published>2026-09-02T10:00:00+02:00</published><updated>2026-09-20T14:00:00+02:00</updated>"))
            #expect(after.contains("Fel i sammanfattningen"))
            #expect(after.contains("Rättad sammanfattning"))
        }
    }

    @Test func publishWritesNoWithheldValueAndNoPrivateName() throws {
        let fixture = try FeedFixture()
        try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z", withheld: true), at: "2026-09-02T08:00:00Z")
        fixture.clock.now = Timestamp.parse("2026-09-03T08:00:00Z")!
        try fixture.register.recordMeeting(fixture.meeting(at: "2026-09-02T08:00:00Z", summary: "Utkast ingen får se"), by: .shell)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-feeds-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try StaticPublisher(register: fixture.register).publish(to: directory)
        #expect(report.written.count == 5)
        var checked = 0
        for case let url as URL in FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)!
        where !url.hasDirectoryPath && url.lastPathComponent != ".publish.lock" {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for secret in [FeedFixture.secret, FeedFixture.privateName, "Utkast ingen får se"] {
                #expect(!text.contains(secret), "\(url.lastPathComponent) leaks \(secret)")
            }
            checked += 1
        }
        #expect(checked == report.written.count)
        let main = String(decoding: try Data(contentsOf: directory.appendingPathComponent("meetings.atom")), as: UTF8.self)
        #expect(main.contains("OSL 19 kap. 3 §"))
        let again = try StaticPublisher(register: fixture.register).publish(to: directory)
        #expect(again.written.isEmpty)
    }
}
