import Foundation
import Testing
@testable import Publishing
@testable import RegisterCore

/// The main feed and the RFC 5005 archive pages: every change reaches subscribers,
/// a crawler rebuilds the register from them, and a full page never changes.
@Suite("Atom archives")
struct AtomArchiveTests {
    /// What an RFC 5005 client rebuilds by following prev-archive from the main feed,
    /// keeping for each id the newest of its entries and tombstones (by `updated` and `when`).
    struct Walk {
        var visited: [String] = []
        var entries: [String: AtomDocument.Entry] = [:]
        var tombstones: [String: Date] = [:]

        init(_ feeds: FeedSet) throws {
            var newest: [String: Date] = [:]
            var next: String? = "meetings.atom"
            while let path = next {
                visited.append(path)
                let document = try AtomDocument(try #require(try feeds.render(path: path), "no document at \(path)"))
                #expect(document.isArchive == (path != "meetings.atom"), "\(path) is marked wrongly")
                for entry in document.entries {
                    let updated = try #require(Timestamp.parse(entry.updated))
                    if updated > newest[entry.id] ?? .distantPast {
                        newest[entry.id] = updated
                        entries[entry.id] = entry
                        tombstones[entry.id] = nil
                    }
                }
                for tombstone in document.tombstones {
                    let when = try #require(Timestamp.parse(tombstone.when))
                    if when > newest[tombstone.ref] ?? .distantPast {
                        newest[tombstone.ref] = when
                        tombstones[tombstone.ref] = when
                        entries[tombstone.ref] = nil
                    }
                }
                next = document.links["prev-archive"].map { String($0.dropFirst(feeds.publication.feedRoot.count)) }
            }
        }
    }

    @Test func mainFeedCarriesACorrectionOfAnOldMeeting() throws {
        let fixture = try FeedFixture()
        let oldest = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-02T08:00:00Z")
        for day in 0..<60 {
            fixture.clock.now = Timestamp.parse("2026-09-03T08:00:00Z")!.addingTimeInterval(Double(day) * 3600)
            try fixture.register.recordAndPublishMeetings([fixture.meeting(at: "2026-09-01T09:00:00Z", summary: "Möte \(day)")], by: .shell)
        }
        fixture.clock.now = Timestamp.parse("2026-10-20T08:00:00Z")!
        try fixture.register.correctMeeting(oldest, with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Rättad långt senare"),
                                            reason: "Fel deltagare", by: .shell)
        try FeedSet.read(fixture.register) { feeds in
            let main = try AtomDocument(try #require(try feeds.render(path: "meetings.atom")))
            let tag = feeds.publication.tag("meeting", oldest)
            let entry = try #require(main.entries.first, "the main feed is empty")
            #expect(entry.id == tag, "the correction is not the newest entry of the main feed")
            #expect(entry.text.contains("Rättad långt senare"))
            #expect(Timestamp.parse(entry.updated) == Timestamp.parse("2026-10-20T08:00:00Z"))
        }
    }

    @Test func updatedStrictlyIncreasesWithinTheSameSecond() throws {
        let fixture = try FeedFixture()
        let id = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-02T08:00:00.250Z")
        try fixture.register.correctMeeting(id, with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Första rättelsen"), reason: "Ett", by: .shell)
        try fixture.register.correctMeeting(id, with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Andra rättelsen"), reason: "Två", by: .shell)
        try fixture.register.withdrawMeeting(id, reason: "Tre", by: .shell)
        let versions = try fixture.register.publicChanges(after: 0).compactMap { change -> PublicMeeting? in
            if case .meeting(let meeting) = change.record { meeting } else { nil }
        }
        let times = versions.map { Timestamp.format($0.updatedAt) }
        #expect(versions.count == 4)
        #expect(times == times.sorted() && Set(times).count == times.count, "updated does not strictly increase: \(times)")
        #expect(Timestamp.format(try #require(versions.last?.withdrawnAt)) == times.last)
    }

    @Test func archiveWalkReconstructsThePublishedMeetingsAtTheirLatestVersionsAndTombstones() throws {
        let fixture = try FeedFixture()
        var ids: [Int64] = []
        for index in 0..<6 {
            ids.append(try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Möte \(index) version 1",
                                                           withheld: index == 5),
                                           at: "2026-09-0\(index + 2)T08:00:00Z"))
        }
        fixture.clock.now = Timestamp.parse("2026-09-10T08:00:00Z")!
        try fixture.register.correctMeeting(ids[0], with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Möte 0 version 2"), reason: "R", by: .shell)
        try fixture.register.correctMeeting(ids[1], with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Möte 1 version 2"), reason: "R", by: .shell)
        try fixture.register.correctMeeting(ids[1], with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Möte 1 version 3"), reason: "R", by: .shell)
        try fixture.register.withdrawMeeting(ids[2], reason: "Dubblett", by: .shell)
        ids.append(try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Möte 6 version 1"), at: "2026-09-11T08:00:00Z"))
        fixture.clock.now = Timestamp.parse("2030-01-02T08:00:00Z")!
        #expect(try fixture.register.releaseDueWithholdings(by: .shell) == [ids[5]])
        try fixture.register.correctMeeting(ids[6], with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Möte 6 version 2"), reason: "R", by: .shell)
        try fixture.register.withdrawMeeting(ids[0], reason: "Fel", by: .shell)

        let published = try fixture.register.publicMeetings(MeetingFilter(status: .published))
        let withdrawn = try fixture.register.publicMeetings(MeetingFilter(status: .withdrawn))
        #expect(published.count == 5 && withdrawn.count == 2)
        try FeedSet.read(fixture.register, layout: FeedLayout(pageSize: 4, mainFeedMinimum: 2)) { feeds in
            let walk = try Walk(feeds)
            #expect(walk.visited == ["meetings.atom", "archive/3.atom", "archive/2.atom", "archive/1.atom"])
            #expect(Set(walk.entries.keys) == Set(published.map { feeds.publication.tag("meeting", $0.id) }))
            for meeting in published {
                let entry = try #require(walk.entries[feeds.publication.tag("meeting", meeting.id)])
                #expect(Timestamp.parse(entry.updated) == meeting.updatedAt, "meeting \(meeting.id) is not at its latest version")
                #expect(entry.text.contains(meeting.summary ?? "?"), "meeting \(meeting.id) is not at its latest version")
            }
            #expect(walk.tombstones == Dictionary(uniqueKeysWithValues: withdrawn.map {
                (feeds.publication.tag("meeting", $0.id), $0.withdrawnAt!)
            }))
            let withheldVersion = String(decoding: try #require(try feeds.render(path: "archive/2.atom")), as: UTF8.self)
            #expect(withheldVersion.contains(feeds.publication.tag("meeting", ids[5])) && !withheldVersion.contains(FeedFixture.secret))
        }
    }

    @Test func completeArchivePageIsByteIdenticalAfterLaterChanges() throws {
        let fixture = try FeedFixture()
        let layout = FeedLayout(pageSize: 3, mainFeedMinimum: 1)
        let first = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-02T08:00:00Z")
        let second = try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-03T08:00:00Z")
        try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-04T08:00:00Z")
        let page = try FeedSet.read(fixture.register, layout: layout) { try #require(try $0.render(path: "archive/1.atom")) }
        #expect(try FeedSet.read(fixture.register, layout: layout) { try $0.render(path: "archive/2.atom") } == nil)

        fixture.clock.now = Timestamp.parse("2026-10-05T08:00:00Z")!
        try fixture.register.correctMeeting(first, with: fixture.meeting(at: "2026-09-01T08:00:00Z", summary: "Ändrad"), reason: "Rättelse", by: .shell)
        try fixture.register.withdrawMeeting(second, reason: "Dubblett", by: .shell)
        try fixture.register.update(fixture.organisation, with: Organisation(name: "Nytt namn AB", kind: .consultancy,
                                                                             organisationNumber: "5568023450"), by: .shell)
        try fixture.publish(fixture.meeting(at: "2026-10-01T08:00:00Z"), at: "2026-10-06T08:00:00Z")
        try fixture.publish(fixture.meeting(at: "2026-10-01T08:00:00Z"), at: "2026-10-07T08:00:00Z")
        try FeedSet.read(fixture.register, layout: layout) { feeds in
            #expect(try feeds.render(path: "archive/1.atom") == page)
            let second = String(decoding: try #require(try feeds.render(path: "archive/2.atom")), as: UTF8.self)
            #expect(second.contains("<fh:archive/>"))
            #expect(second.contains("rel=\"prev-archive\" type=\"application/atom+xml\" href=\"http://localhost:8080/feeds/archive/1.atom\""))
            #expect(second.contains("Nytt namn AB"))
        }
    }

    @Test func emptyFeedUpdatedIsTheTimeOfTheChangeThatMadeIt() throws {
        let clock = ManualClock(Timestamp.parse("2026-03-04T05:06:07Z")!)
        let register = try Register.inMemory(clock: { clock.now })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        clock.now = Timestamp.parse("2026-05-06T07:08:09Z")!
        let issue = try register.add(Issue(title: "Banan", summary: "S", position: "P", unit: unit), by: .shell)
        try FeedSet.read(register) { (feeds: FeedSet) throws in
            #expect(try AtomDocument(try #require(try feeds.render(path: "meetings.atom"))).updated == "2026-03-04T06:06:07+01:00")
            #expect(try AtomDocument(try #require(try feeds.render(path: "issues/\(issue).atom"))).updated == "2026-05-06T09:08:09+02:00")
        }
    }

    @Test func publishRemovesTemporaryFilesAndWritesArchivesBeforeTheDocumentsThatLinkToThem() throws {
        let fixture = try FeedFixture()
        for day in 2...5 { try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-0\(day)T08:00:00Z") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-feeds-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let left = [".meetings.atom.tmp-AbC123", "issues/.\(fixture.issue).atom.tmp-x9Y8z7"]
        for name in left {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("<feed".utf8).write(to: url)
        }
        let report = try StaticPublisher(register: fixture.register, layout: FeedLayout(pageSize: 2)).publish(to: directory)
        for name in left { #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name) is left") }
        #expect(report.removedTemporaryFiles == left.sorted())
        let order = report.written
        #expect(order.prefix(4) == ["feed.xsl", "archive/1.atom", "archive/2.atom", "meetings.atom"], "\(order)")
    }

    @Test func publishRendersAFullArchivePageOnceUnlessAskedToRewriteIt() throws {
        let fixture = try FeedFixture()
        for day in 2...3 { try fixture.publish(fixture.meeting(at: "2026-09-01T08:00:00Z"), at: "2026-09-0\(day)T08:00:00Z") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-feeds-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = FeedLayout(pageSize: 2)
        _ = try StaticPublisher(register: fixture.register, layout: layout).publish(to: directory)
        let page = directory.appendingPathComponent("archive/1.atom")
        let original = try Data(contentsOf: page)
        var settings = try fixture.register.settings()
        settings.baseURL = "https://insyn.example.se/"
        try fixture.register.update(settings: settings, by: .shell)
        let again = try StaticPublisher(register: fixture.register, layout: layout).publish(to: directory)
        #expect(!again.written.contains("archive/1.atom"))
        #expect(try Data(contentsOf: page) == original)
        let rewritten = try StaticPublisher(register: fixture.register, layout: layout, rewriteArchives: true).publish(to: directory)
        #expect(rewritten.written.contains("archive/1.atom"))
        #expect(String(decoding: try Data(contentsOf: page), as: UTF8.self).contains("https://insyn.example.se/feeds/archive/1.atom"))
    }
}
