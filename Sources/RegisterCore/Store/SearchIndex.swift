import GRDB

/// The full-text index of published meetings (FTS5, unicode61 without diacritic
/// removal, so that å, ä and ö stay letters of their own). It indexes only public
/// text, read back from the public tables.
enum SearchIndex {
    static func index(meetingId: Int64, in db: Database) throws {
        try db.executeCached(sql: "DELETE FROM meeting_search WHERE rowid = ?", arguments: [meetingId])
        try db.executeCached(
            sql: """
                INSERT INTO meeting_search(rowid, subject, summary, place, counterparts, issues)
                SELECT m.id, COALESCE(m.subject, ''), COALESCE(m.summary, ''), COALESCE(m.place, ''),
                    COALESCE((SELECT group_concat(name, ' ') FROM (
                        SELECT o.name AS name FROM meeting_counterpart c JOIN organisation o ON o.id = c.organisation_id WHERE c.meeting_id = m.id
                        UNION ALL SELECT o.name FROM meeting_counterpart c JOIN organisation o ON o.id = c.on_behalf_of_id WHERE c.meeting_id = m.id
                        UNION ALL SELECT p.name FROM meeting_person p WHERE p.meeting_id = m.id AND p.name IS NOT NULL)), ''),
                    COALESCE((SELECT group_concat(i.title, ' ') FROM meeting_issue mi JOIN issue i ON i.id = mi.issue_id WHERE mi.meeting_id = m.id), '')
                FROM meeting m WHERE m.id = ? AND m.status = 'published'
                """,
            arguments: [meetingId])
    }

    /// An FTS5 query for the words of `text`, each as a prefix, all required.
    static func query(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"*" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
