import GRDB
@testable import RegisterCore

/// The counts the write path keeps (`MeetingTallies`), and the same counts made anew
/// from the public tables, for comparing them.
enum TallyComparison {
    /// Every kept count and listing, in a fixed order.
    static func kept(_ register: Register) throws -> [String] {
        try register.readDatabase { db in
            try String.fetchAll(db, sql: """
                SELECT subject || ' ' || subject_id || ' ' || facet || ' ' || item || ' ' || of_item || ': '
                    || meetings || ' ' || inbound || ' ' || outbound FROM tally WHERE meetings <> 0 ORDER BY 1
                """)
            + String.fetchAll(db, sql: """
                SELECT subject || ' ' || subject_id || ' ' || starts_at || ' ' || meeting_id FROM subject_meeting ORDER BY 1
                """)
        }
    }

    static func countedAnew(_ register: Register) throws -> [String] {
        try register.writer.write { db in try MeetingTallies.rebuild(in: db) }
        return try Self.kept(register)
    }
}
