import Foundation
import GRDB

/// The full-text index of published meetings (FTS5, unicode61 without diacritic
/// removal, so that å, ä and ö stay letters of their own). It indexes only public
/// text, read back from the public tables: subject, summary, place, the names of
/// the counterparts (organisations, clients, people), the issues' titles and our
/// officials' names. A last column, `tags`, holds one token per filter value of the
/// meeting (`_o12` for official 12, `_dinbound` for the direction, see `SearchTag`),
/// so that a search with filters is one FTS5 query whose doclists are intersected
/// inside the index instead of rows checked one by one. "_" is a token character
/// of the index and never one of a query's words, so no word can match a tag.
enum SearchIndex {
    /// The index row of meeting `m`: the SQL the write path and the "v5-search" migration share.
    static let rowSelect = """
        SELECT m.id, COALESCE(m.subject, ''), COALESCE(m.summary, ''), COALESCE(m.place, ''),
            COALESCE((SELECT group_concat(name, ' ') FROM (
                SELECT o.name AS name FROM meeting_counterpart c JOIN organisation o ON o.id = c.organisation_id WHERE c.meeting_id = m.id
                UNION ALL SELECT o.name FROM meeting_counterpart c JOIN organisation o ON o.id = c.on_behalf_of_id WHERE c.meeting_id = m.id
                UNION ALL SELECT p.name FROM meeting_person p WHERE p.meeting_id = m.id AND p.name IS NOT NULL)), ''),
            COALESCE((SELECT group_concat(i.title, ' ') FROM meeting_issue mi JOIN issue i ON i.id = mi.issue_id WHERE mi.meeting_id = m.id), ''),
            COALESCE((SELECT group_concat(o.name, ' ') FROM meeting_participant p JOIN official o ON o.id = p.official_id WHERE p.meeting_id = m.id), ''),
            COALESCE((SELECT group_concat(tag, ' ') FROM (
                SELECT '_o' || official_id AS tag FROM meeting_participant WHERE meeting_id = m.id
                UNION SELECT '_u' || o.unit_id FROM meeting_participant p JOIN official o ON o.id = p.official_id WHERE p.meeting_id = m.id
                UNION SELECT '_g' || organisation_id FROM meeting_counterpart WHERE meeting_id = m.id AND organisation_id IS NOT NULL
                UNION SELECT '_g' || on_behalf_of_id FROM meeting_counterpart WHERE meeting_id = m.id AND on_behalf_of_id IS NOT NULL
                UNION SELECT '_k' || replace(o.kind, '-', '') FROM meeting_counterpart c JOIN organisation o
                    ON o.id = c.organisation_id OR o.id = c.on_behalf_of_id WHERE c.meeting_id = m.id
                UNION SELECT '_i' || issue_id FROM meeting_issue WHERE meeting_id = m.id
                UNION SELECT '_d' || m.direction WHERE m.direction IS NOT NULL
                UNION SELECT '_f' || replace(m.format, '-', '') WHERE m.format IS NOT NULL)), '')
        FROM meeting m
        """

    static let insert = "INSERT INTO meeting_search(rowid, subject, summary, place, counterparts, issues, officials, tags)"

    /// The index's stored text (FTS5's content table): columns `c0` to `c6` in the
    /// order of `insert`, `id` the meeting's. Read by id it costs a fifth of a read
    /// through the index table.
    static let contentTable = "meeting_search_content"

    /// The stored tags (`c6`) of the index rows `ids`, by id: the ids bound as one JSON
    /// array to a statement prepared once, since an IN list of a thousand ids costs
    /// more to compile than to run.
    static func storedTags(_ ids: some Collection<Int64>, in db: Database) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let statement = try db.cachedStatement(sql: "SELECT c.id, c.c6 FROM json_each(?) j CROSS JOIN \(contentTable) c ON c.id = j.value")
        var tags: [Int64: String] = [:]
        tags.reserveCapacity(ids.count)
        let rows = try Row.fetchCursor(statement, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        while let row = try rows.next() { tags[row[0]] = row[1] }
        return tags
    }

    static func index(meetingId: Int64, in db: Database) throws {
        let replaced = try SearchTerms.rows(from: meetingId, through: meetingId, in: db)
        try db.executeCached(sql: "DELETE FROM meeting_search WHERE rowid = ?", arguments: [meetingId])
        try db.executeCached(sql: "\(insert) \(rowSelect) WHERE m.id = ? AND m.status = 'published'", arguments: [meetingId])
        try SearchTerms.record(from: meetingId, through: meetingId, replacing: replaced, in: db)
    }

    /// Indexes the published meetings with ids from `first` through `last`, none of them indexed yet (a batch's new meetings).
    static func index(from first: Int64, through last: Int64, in db: Database) throws {
        try db.execute(sql: "\(insert) \(rowSelect) WHERE m.id BETWEEN ? AND ? AND m.status = 'published'", arguments: [first, last])
        try SearchTerms.record(from: first, through: last, in: db)
    }

    /// An FTS5 query for the words of `text`, each as a prefix, all required; nil
    /// when `text` has no letters or digits.
    static func query(_ text: String) -> String? {
        let words = words(text).map { "\"\($0)\"*" }
        return words.isEmpty ? nil : words.joined(separator: " AND ")
    }

    /// The same query as `query(_:)`, each word that begins only one indexed token
    /// searched as that token (the same matches, found faster; see `SearchTerms`).
    static func query(_ text: String, in db: Database) throws -> String? {
        let phrases = try phrases(text, in: db)
        return phrases.isEmpty ? nil : phrases.joined(separator: " AND ")
    }

    /// The phrases of `query(_:in:)`, one per word.
    static func phrases(_ text: String, in db: Database) throws -> [String] {
        try words(text).map { try SearchTerms.phrase($0, in: db) }
    }

    private static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }

    /// An FTS5 query for meetings that carry every one of `tags`.
    static func query(tags: [String]) -> String? {
        tags.isEmpty ? nil : tags.joined(separator: " AND ")
    }
}

/// The token in the index's `tags` column that stands for one filter value.
enum SearchTag {
    static func official(_ id: Int64) -> String { "_o\(id)" }
    static func unit(_ id: Int64) -> String { "_u\(id)" }
    static func organisation(_ id: Int64) -> String { "_g\(id)" }
    static func issue(_ id: Int64) -> String { "_i\(id)" }
    static func kind(_ kind: OrganisationKind) -> String { "_k" + kind.rawValue.replacingOccurrences(of: "-", with: "") }
    static func direction(_ direction: MeetingDirection) -> String { "_d" + direction.rawValue }
    static func format(_ format: MeetingFormat) -> String { "_f" + format.rawValue.replacingOccurrences(of: "-", with: "") }

    /// Whether `tags`, an index row's stored tags, hold `tag`. A register indexed
    /// before "_" was a token character stores its tags without it: either form counts.
    static func holds(_ tags: String, _ tag: String) -> Bool {
        let wanted = tag.utf8.dropFirst()
        let underscore = UInt8(ascii: "_"), space = UInt8(ascii: " ")
        var bytes = tags.utf8[...]
        while !bytes.isEmpty {
            let end = bytes.firstIndex(of: space) ?? bytes.endIndex
            var token = bytes[..<end]
            if token.first == underscore { token = token.dropFirst() }
            if token.elementsEqual(wanted) { return true }
            bytes = end == bytes.endIndex ? bytes[end...] : bytes[bytes.index(after: end)...]
        }
        return false
    }
}
