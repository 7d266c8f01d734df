import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// `insyn_bm25` ranks the search's blocks in place of FTS5's `bm25()`: it must give
/// the same score to the last bit, with the kept row counts and without them, and
/// the counts it is given must be the index's own after every kind of write.
@Suite struct SearchRankTests {
    private static let words = ["vätgas", "vätgasstationen", "hamnen", "samråd", "tidplanen", "värmlandsbanan", "energi", "öst"]

    /// A register of 60 meetings whose subjects and summaries repeat a few words a varying number of times.
    static func register() throws -> TestRegister {
        let base = try TestRegister()
        let other = try base.register.add(Issue(title: "Vätgas i hamnen", summary: "S.", position: "P.", unit: base.unit), by: .shell)
        var meetings: [Meeting] = []
        for index in 0..<60 {
            var meeting = base.meeting(summary: (0..<(1 + index % 7)).map { words[($0 * 3 + index) % words.count] }.joined(separator: " ") + ".")
            meeting.subject = "\(words[index % words.count].capitalized) \(words[(index / 3) % words.count])"
            meeting.direction = index % 3 == 0 ? .outbound : .inbound
            meeting.issues = index % 2 == 0 ? [base.issue] : [base.issue, other]
            meetings.append(meeting)
        }
        _ = try base.register.recordAndPublishMeetings(meetings, by: .shell)
        return base
    }

    @Test(arguments: ["vätgas", "vätgasstationen", "hamn", "samråd tidplanen", "vä hamnen", "öst energi vätgas", "samråd samråd"])
    func theRankIsBm25ToTheLastBit(text: String) throws {
        let base = try Self.register()
        try base.register.readDatabase { db in
            for issue in [nil, base.issue] {
                let plan = try SearchPlan(MeetingSearch(text: text, issue: issue), timeZone: .gmt, in: db)
                let match = try #require(plan.rankMatch)
                let (rank, counts) = try plan.rank(in: db)
                let reference = try Row.fetchAll(db, sql: "SELECT rowid, \(SearchPlan.rank) FROM meeting_search WHERE meeting_search MATCH ? ORDER BY rowid",
                                                 arguments: [match]).map { "\($0[0] as Int64) \(($0[1] as Double).bitPattern)" }
                let kept = try Row.fetchAll(db, sql: "SELECT rowid, \(rank) FROM meeting_search WHERE meeting_search MATCH ? ORDER BY rowid",
                                            arguments: counts + [match]).map { "\($0[0] as Int64) \(($0[1] as Double).bitPattern)" }
                let counted = try Row.fetchAll(db, sql: """
                    SELECT rowid, \(SearchRank.name)(meeting_search, 4.0, 1.0, 1.0, 3.0, 2.0, 3.0, 0.0) FROM meeting_search
                    WHERE meeting_search MATCH ? ORDER BY rowid
                    """, arguments: [match]).map { "\($0[0] as Int64) \(($0[1] as Double).bitPattern)" }
                #expect(!reference.isEmpty)
                #expect(kept == reference, "\(match) with the kept counts")
                #expect(counted == reference, "\(match) counted")
            }
        }
    }

    @Test func aPhraseOfOneTokenIsGivenItsKeptCountAndAPrefixNone() throws {
        let base = try Self.register()
        try base.register.readDatabase { db in
            let plan = try SearchPlan(MeetingSearch(text: "vätgasstationen vä", issue: base.issue), timeZone: .gmt, in: db)
            let (_, counts) = try plan.rank(in: db)
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meeting_search WHERE meeting_search MATCH 'vätgasstationen'")
            #expect(counts == [rows, nil, 60])
        }
    }
}

/// A page's snippets are read by seeking each row when every word is one token, by a
/// range otherwise: both give the same snippet.
@Suite struct SearchSnippetTests {
    @Test(arguments: ["vätgas", "vätgasstationen", "hamnen samråd", "öst energi vätgas"])
    func seekingEachRowGivesTheSnippetsARangeGives(text: String) throws {
        let base = try SearchRankTests.register()
        let words = try base.register.readDatabase { db in try SearchPlan(MeetingSearch(text: text), timeZone: .gmt, in: db).words }
        let ids = try base.register.readDatabase { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM meeting_search WHERE meeting_search MATCH ?", arguments: [words])
        }
        #expect(ids.count > 3)
        for page in [Array(ids.prefix(20)), ids.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)] {
            let (sought, ranged) = try base.register.read { snapshot in
                (try snapshot.snippets(words: try #require(words), seeking: true, ids: page),
                 try snapshot.snippets(words: try #require(words), seeking: false, ids: page))
            }
            #expect(sought.count == page.count)
            #expect(sought == ranged)
        }
    }
}
