import Foundation
import GRDB

/// Reads public meetings back from the public tables, streaming: meeting rows are
/// read in order and their participants, counterparts, people, issues and documents
/// are fetched a batch at a time, so memory stays flat however many there are.
/// Columns are read by position, never by name: looking names up was most of the
/// time of an export.
public enum PublicMeetingReader {
    static let batchSize = 1000

    /// The columns of `meeting` a public meeting is read from, in the order `MeetingColumns` reads them.
    static let columns = """
        m.id, m.status, m.version, m.starts_at, m.duration_minutes, m.place, m.format, m.direction, m.initiator, \
        m.subject, m.summary, m.participants_disclosed, m.counterparts_disclosed, m.issues_disclosed, \
        m.documents_disclosed, m.withheld, m.recorded_at, m.published_at, m.updated_at, m.correction_reason, \
        m.withdrawn_at, m.withdrawal_reason
        """

    /// Calls `body` with each public meeting matching `filter`, in `order`.
    public static func forEach(_ filter: MeetingFilter, order: MeetingOrder, in db: Database,
                               _ body: (PublicMeeting) throws -> Void) throws {
        var (sql, arguments) = query(filter)
        switch order {
        case .id: sql += " ORDER BY m.id"
        case .newestPublished: sql += " ORDER BY m.published_at DESC, m.id DESC"
        case .newestStart: sql += " ORDER BY m.starts_at DESC, m.id DESC"
        }
        if let limit = filter.limit { sql += " LIMIT \(limit)" }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var batch: [MeetingColumns] = []
        batch.reserveCapacity(batchSize)
        while let row = try rows.next() {
            batch.append(MeetingColumns(row))
            if batch.count == batchSize {
                try emit(batch, in: db, body)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try emit(batch, in: db, body)
    }

    /// The public meetings with these ids, in the same order; unknown ids are skipped.
    public static func fetch(ids: [Int64], in db: Database) throws -> [PublicMeeting] {
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(statement("SELECT \(columns) FROM meeting m WHERE m.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                              in: db, cached: ids.count <= cachedListLength),
                                    arguments: StatementArguments(ids))
        var meetings: [Int64: PublicMeeting] = [:]
        try emit(rows.map(MeetingColumns.init), in: db) { meetings[$0.id] = $0 }
        return ids.compactMap { meetings[$0] }
    }

    /// Lists of ids up to this long are read with statements the connection keeps (one
    /// per length, so at most this many): a page's list of meetings is read by five
    /// statements besides the meetings' own, and compiling them for every page was a sixth of reading it.
    static let cachedListLength = 64

    /// `sql` compiled, or the connection's kept statement of it when `cached`.
    static func statement(_ sql: String, in db: Database, cached: Bool) throws -> Statement {
        cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    public static func count(_ filter: MeetingFilter, in db: Database) throws -> Int {
        let (sql, arguments) = query(filter)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: arguments) ?? 0
    }

    static func query(_ filter: MeetingFilter) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let from = filter.from {
            clauses.append("m.starts_at >= ?")
            _ = arguments.append(contentsOf: [Timestamp.format(from)])
        }
        if let to = filter.to {
            clauses.append("m.starts_at < ?")
            _ = arguments.append(contentsOf: [Timestamp.format(to)])
        }
        if let official = filter.official {
            clauses.append("m.id IN (SELECT meeting_id FROM meeting_participant WHERE official_id = ?)")
            _ = arguments.append(contentsOf: [official])
        }
        if let organisation = filter.organisation {
            clauses.append("m.id IN (SELECT meeting_id FROM meeting_counterpart WHERE organisation_id = ? OR on_behalf_of_id = ?)")
            _ = arguments.append(contentsOf: [organisation, organisation])
        }
        if let issue = filter.issue {
            clauses.append("m.id IN (SELECT meeting_id FROM meeting_issue WHERE issue_id = ?)")
            _ = arguments.append(contentsOf: [issue])
        }
        if let status = filter.status {
            clauses.append("m.status = ?")
            _ = arguments.append(contentsOf: [status.rawValue])
        }
        if let month = filter.month {
            clauses.append("m.published_month = ?")
            _ = arguments.append(contentsOf: [month.description])
        }
        if let text = filter.text {
            clauses.append("m.id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH ?)")
            _ = arguments.append(contentsOf: [SearchIndex.query(text) ?? "\"\""])
        }
        let whereClause = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return ("SELECT \(columns) FROM meeting m" + whereClause, arguments)
    }

    private static func emit(_ rows: [MeetingColumns], in db: Database, _ body: (PublicMeeting) throws -> Void) throws {
        guard !rows.isEmpty else { return }
        let ids = rows.map(\.id)
        let low = ids.min()!, high = ids.max()!
        let dense = high - low < Int64(ids.count * 4)
        let range = dense ? "meeting_id BETWEEN ? AND ?" : "meeting_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
        let arguments = dense ? StatementArguments([low, high]) : StatementArguments(ids)
        let cached = dense || ids.count <= cachedListLength
        func cursor(_ sql: String) throws -> RowCursor {
            try Row.fetchCursor(statement(sql, in: db, cached: cached), arguments: arguments)
        }

        var participants: [Int64: [Int64]] = [:]
        try cursor("SELECT meeting_id, official_id FROM meeting_participant WHERE \(range) ORDER BY meeting_id, position").forEach { row in
            participants[row[0], default: []].append(row[1])
        }
        var issues: [Int64: [Int64]] = [:]
        try cursor("SELECT meeting_id, issue_id FROM meeting_issue WHERE \(range) ORDER BY meeting_id, position").forEach { row in
            issues[row[0], default: []].append(row[1])
        }
        var people: [Int64: [Int: [PublicPerson]]] = [:]
        try cursor("SELECT meeting_id, counterpart_position, name, role, private FROM meeting_person WHERE \(range) ORDER BY meeting_id, counterpart_position, position").forEach { row in
            people[row[0], default: [:]][row[1], default: []].append(PublicPerson(name: row[2], role: row[3], isPrivate: row[4]))
        }
        var counterparts: [Int64: [PublicCounterpart]] = [:]
        try cursor("SELECT meeting_id, position, organisation_id, on_behalf_of_id FROM meeting_counterpart WHERE \(range) ORDER BY meeting_id, position").forEach { row in
            let meetingId: Int64 = row[0]
            counterparts[meetingId, default: []].append(PublicCounterpart(
                organisation: row[2], onBehalfOf: row[3], people: people[meetingId]?[row[1]] ?? []))
        }
        var documents: [Int64: [MeetingDocument]] = [:]
        try cursor("SELECT meeting_id, title, direction, url FROM meeting_document WHERE \(range) ORDER BY meeting_id, position").forEach { row in
            documents[row[0], default: []].append(MeetingDocument(
                title: row[1], direction: DocumentDirection(rawValue: row[2]) ?? .received, url: row[3]))
        }
        for row in rows {
            try body(row.meeting(participants: participants[row.id], counterparts: counterparts[row.id], issues: issues[row.id],
                                 documents: documents[row.id]))
        }
    }
}
