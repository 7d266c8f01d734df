import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The index's vocabulary (`search_term`): a word that begins one indexed token is
/// searched as that token, so every write that indexes a meeting must record its
/// tokens, or a search would miss the meetings holding a newer token of the same prefix.
@Suite struct SearchTermsTests {
    private let base: TestRegister
    private var register: Register { base.register }

    init() throws {
        base = try TestRegister()
    }

    private func meeting(subject: String, summary: String = "Vi diskuterade tidplanen.", official: Int64? = nil,
                         organisation: Int64? = nil) -> Meeting {
        var meeting = base.meeting(summary: summary)
        meeting.subject = subject
        if let official { meeting.participants = [official] }
        if let organisation { meeting.counterparts = [Counterpart(organisation: organisation)] }
        return meeting
    }

    private func found(_ text: String) throws -> Set<Int64> {
        let search = try MeetingSearch(query: [(name: "q", value: text)])
        return Set(try register.read { try $0.search(search) }.meetings.map(\.meeting.id))
    }

    private func phrase(_ word: String) throws -> String {
        try register.readDatabase { db in try SearchTerms.phrase(Substring(word), in: db) }
    }

    @Test func aWordBeginningOneIndexedTokenIsSearchedAsThatToken() throws {
        try register.recordAndPublishMeeting(meeting(subject: "Vätgasstationen i hamnen"), by: .shell)
        #expect(try phrase("VÄTGAS") == "\"vätgasstationen\"")
        #expect(try phrase("vätgasstationen") == "\"vätgasstationen\"")
        #expect(try phrase("ham") == "\"hamnen\"")
        #expect(try phrase("vätgasbil") == "\"vätgasbil\"*", "a word beginning no token stays a prefix")
        try register.recordAndPublishMeeting(meeting(subject: "Vätgasledningen"), by: .shell)
        #expect(try phrase("vätgas") == "\"vätgas\"*", "a word beginning two tokens stays a prefix")
        #expect(try phrase("vätgass") == "\"vätgasstationen\"")
    }

    @Test func everyWriteThatIndexesAMeetingRecordsItsTokens() throws {
        let station = try register.recordAndPublishMeeting(meeting(subject: "Vätgasstationen"), by: .shell)
        #expect(try found("vätgas") == [station])

        let published = try register.recordAndPublishMeeting(meeting(subject: "Vätgasbussar"), by: .shell)
        #expect(try found("vätgas") == [station, published], "recorded and published")

        let batch = try register.recordAndPublishMeetings([meeting(subject: "Vätgaslager"), meeting(subject: "Samråd")], by: .shell)
        #expect(try found("vätgas") == [station, published, batch[0]], "published in a batch")

        let corrected = try register.recordAndPublishMeeting(meeting(subject: "Samråd om hamnen"), by: .shell)
        try register.correctMeeting(corrected, with: meeting(subject: "Samråd om hamnen", summary: "Vätgasfärjan togs upp."),
                                    reason: "Sammanfattningen saknades.", by: .shell)
        #expect(try found("vätgas") == [station, published, batch[0], corrected], "corrected")

        let official = try register.add(Official(name: "Maja Vätgasson", title: "Regionråd", kind: .elected, unit: base.unit,
                                                 activeFrom: Day("2022-11-01")!), by: .shell)
        let named = try register.recordAndPublishMeeting(meeting(subject: "Samråd", official: official), by: .shell)
        #expect(try found("vätgas") == [station, published, batch[0], corrected, named], "an official's name")

        let organisation = try register.add(Organisation(name: "Nordisk Energi AB", kind: .company), by: .shell)
        let renamed = try register.recordAndPublishMeeting(meeting(subject: "Samråd", organisation: organisation), by: .shell)
        #expect(try found("nordisk") == [renamed])
        try register.update(organisation, with: Organisation(name: "Nordiska Vätgasbolaget AB", kind: .company), by: .shell)
        #expect(try found("vätgas") == [station, published, batch[0], corrected, named, renamed], "a renamed organisation")
    }

    @Test func withdrawnAndRedactedTokensLeaveThePrefixSearchedAsAPrefix() throws {
        let station = try register.recordAndPublishMeeting(meeting(subject: "Vätgasstationen"), by: .shell)
        let withdrawn = try register.recordAndPublishMeeting(meeting(subject: "Vätgasbussar"), by: .shell)
        let redacted = try register.recordAndPublishMeeting(meeting(subject: "Samråd", summary: "Vätgaslagret diskuterades."), by: .shell)
        try register.withdrawMeeting(withdrawn, reason: "Fel möte.", by: .shell)
        try register.redactMeeting(redacted, .field(.summary), ground: "OSL 19 kap. 3 §", reason: "Affärshemlighet.", by: .shell)
        #expect(try found("vätgas") == [station])
        #expect(try found("vätgasb").isEmpty)
        #expect(try found("vätgasl").isEmpty)
        #expect(try phrase("vätgas") == "\"vätgas\"*", "the table keeps the tokens no meeting holds any longer")
    }

    /// Each token's kept row count, and the index's own (fts5vocab), for the tokens some row holds.
    private func rowCounts() throws -> (kept: [String: Int], index: [String: Int]) {
        try register.writer.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, meeting_search, row)")
            let kept = try Row.fetchAll(db, sql: "SELECT term, row_count FROM search_term WHERE row_count <> 0")
            let index = try Row.fetchAll(db, sql: "SELECT term, doc FROM temp.vocabulary")
            return (Dictionary(uniqueKeysWithValues: kept.map { ($0[0], $0[1]) }), Dictionary(uniqueKeysWithValues: index.map { ($0[0], $0[1]) }))
        }
    }

    private func expectCountsOfTheIndex(_ comment: Comment) throws {
        let (kept, index) = try rowCounts()
        #expect(kept == index, comment)
    }

    /// Every write that indexes a meeting, on an index made with "_" as a token character and on one made without.
    @Test(arguments: [false, true])
    func everyWriteKeepsTheRowCountsOfTheIndex(madeWithoutUnderscore: Bool) throws {
        if madeWithoutUnderscore {
            try register.writer.write { db in
                try db.execute(sql: """
                    DROP TABLE meeting_search;
                    CREATE VIRTUAL TABLE meeting_search USING fts5(subject, summary, place, counterparts, issues, officials, tags,
                        tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
                    """)
                #expect(try SearchTerms.indexTokenizer(in: db).components == ["unicode61", "remove_diacritics", "0"])
            }
        }
        try expectCountsOfTheIndex("empty")
        let station = try register.recordAndPublishMeeting(meeting(subject: "Vätgasstationen i hamnen"), by: .shell)
        _ = try register.recordAndPublishMeetings([meeting(subject: "Vätgaslager i hamnen"), meeting(subject: "Samråd"),
                                                   meeting(subject: "Samråd om samråd")], by: .shell)
        #expect(try rowCounts().index["hamnen"] == 2)
        try expectCountsOfTheIndex("published one by one and in a batch")
        try register.correctMeeting(station, with: meeting(subject: "Samråd om hamnen", summary: "Vätgasfärjan togs upp."),
                                    reason: "Fel ämne.", by: .shell)
        try expectCountsOfTheIndex("corrected")
        let official = try register.add(Official(name: "Maja Vätgasson", title: "Regionråd", kind: .elected, unit: base.unit,
                                                 activeFrom: Day("2022-11-01")!), by: .shell)
        let organisation = try register.add(Organisation(name: "Nordisk Energi AB", kind: .company), by: .shell)
        let named = try register.recordAndPublishMeeting(meeting(subject: "Samråd", official: official, organisation: organisation), by: .shell)
        try register.update(organisation, with: Organisation(name: "Nordiska Vätgasbolaget AB", kind: .union), by: .shell)
        try register.update(official, with: Official(name: "Maja Ek", title: "Regionråd", kind: .elected, unit: base.unit,
                                                     activeFrom: Day("2022-11-01")!), by: .shell)
        try expectCountsOfTheIndex("an organisation and an official renamed")
        try register.redactMeeting(named, .field(.summary), ground: "OSL 19 kap. 3 §", reason: "Affärshemlighet.", by: .shell)
        try register.withdrawMeeting(station, reason: "Fel möte.", by: .shell)
        try expectCountsOfTheIndex("redacted and withdrawn")
    }

    @Test func theMigrationCountsTheRowsOfEveryToken() throws {
        try register.recordAndPublishMeetings([meeting(subject: "Vätgasstationen"), meeting(subject: "Vätgas och samråd")], by: .shell)
        try register.writer.write { db in
            try db.execute(sql: "ALTER TABLE search_term DROP COLUMN row_count")
            try db.execute(sql: SearchTerms.countRows)
        }
        try expectCountsOfTheIndex("counted by the migration")
    }

    @Test func theMigrationFillsTheTableFromTheIndex() throws {
        try register.recordAndPublishMeeting(meeting(subject: "Vätgasstationen"), by: .shell)
        let recorded = try register.readDatabase { db in try String.fetchAll(db, sql: "SELECT term FROM search_term ORDER BY term") }
        let filled = try register.writer.write { db in
            try db.execute(sql: "DELETE FROM search_term")
            try db.execute(sql: SearchTerms.fill)
            return try String.fetchAll(db, sql: "SELECT term FROM search_term ORDER BY term")
        }
        #expect(filled.contains("vätgasstationen") && filled.contains("_dinbound"))
        #expect(Set(filled).isSubset(of: recorded), "the write path records what the index holds, and the parts between its \"_\"")
    }
}
