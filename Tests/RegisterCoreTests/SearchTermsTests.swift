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
