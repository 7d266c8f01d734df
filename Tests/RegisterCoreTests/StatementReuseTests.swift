import GRDB
import GRDBSQLite
import Testing
@testable import RegisterCore

/// The reads the subject pages and the statistics page make keep their compiled
/// statements: run again with other values, none is compiled anew. (SQLite compiles
/// a statement again each time a bound value it weighed against a partial index's
/// condition changes, as a tally read's `facet = ?` did.)
@Suite("Page reads reuse their compiled statements")
struct StatementReuseTests {
    @Test func readingSubjectsAndTheStatisticsAgainRecompilesNoStatement() throws {
        let fixture = try TestRegister(onFile: true)
        _ = try fixture.register.recordAndPublishMeeting(fixture.meeting(), by: .shell)
        let subjects: [MeetingSubject] = [.issue(fixture.issue), .organisation(fixture.organisation), .official(fixture.official),
                                          .unit(fixture.unit), .organisation(fixture.client)]
        let (statements, recompiled) = try fixture.register.read { snapshot in
            for _ in 0..<2 {
                for subject in subjects {
                    _ = try snapshot.publishedMeetingCount(subject)
                    _ = try snapshot.footprint(subject)
                    _ = try snapshot.listedMeetings(subject, limit: 50)
                }
                _ = try snapshot.meetingStatistics()
                _ = try snapshot.publicationTimeliness()
                _ = try snapshot.issueCounts(organisation: fixture.organisation)
                _ = try snapshot.issueCounts(organisation: fixture.client)
            }
            var statements = 0, recompiled = 0
            var statement = sqlite3_next_stmt(snapshot.db.sqliteConnection, nil)
            while let current = statement {
                statements += 1
                recompiled += Int(sqlite3_stmt_status(current, SQLITE_STMTSTATUS_REPREPARE, 0))
                statement = sqlite3_next_stmt(snapshot.db.sqliteConnection, current)
            }
            return (statements, recompiled)
        }
        #expect(statements > 5)
        #expect(recompiled == 0)
    }
}
