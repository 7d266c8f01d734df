import GRDB

/// Counts of the published meetings kept up to date by the write path, so that the
/// issue, official, organisation and unit pages and the statistics read a few rows
/// instead of counting a million meetings per request.
///
/// `tally` holds, for each subject (an issue, official, unit, organisation as
/// counterpart, as client or either, and the whole register), how many published
/// meetings have each facet (all of them, each organisation as counterpart or client,
/// each organisation acting for a client, each issue, each start month in UTC, each
/// group of organisation kinds…), split by direction. `subject_meeting` lists each
/// subject's published meetings in start order, for paging. Saving a meeting takes its
/// old contribution away and adds the new one, in the same transaction; a catalogue
/// change that moves an official to another unit or an organisation to another kind
/// counts the meetings naming it again. A batch of new meetings counts them in
/// memory instead (`BatchTallies`).
enum MeetingTallies {
    /// The subjects whose meetings are listed page by page.
    static let listedSubjects = ["issue", "official", "unit", "counterpart", "client", "organisation"]

    static let schema = """
        CREATE TABLE tally(
            subject TEXT NOT NULL, subject_id INTEGER NOT NULL, facet TEXT NOT NULL, item INTEGER NOT NULL, of_item INTEGER NOT NULL,
            meetings INTEGER NOT NULL, inbound INTEGER NOT NULL, outbound INTEGER NOT NULL,
            PRIMARY KEY(subject, subject_id, facet, item, of_item)) WITHOUT ROWID;
        CREATE TABLE subject_meeting(
            subject TEXT NOT NULL, subject_id INTEGER NOT NULL, starts_at TEXT NOT NULL, meeting_id INTEGER NOT NULL,
            PRIMARY KEY(subject, subject_id, starts_at, meeting_id)) WITHOUT ROWID;
        CREATE INDEX subject_meeting_by_meeting ON subject_meeting(meeting_id);
        """

    /// The footprints' orders kept as indexes (migration `v10-pagespeed2`): each subject's
    /// counterparts and clients by number of meetings, and each client's representatives.
    /// The key of `tally` has the client (`of_item`) last and no count, so a footprint read
    /// and sorted all its organisations (two thousand on an issue of the million-meeting
    /// register) and every representative row for its top list; now it reads the top of
    /// two indexes and one range per client. Partial, so that the other facets' counts
    /// (most of a meeting's tally rows) are written as before.
    static let footprintIndexes = """
        CREATE INDEX tally_counterparts_ranked ON tally(subject, subject_id, meetings DESC, item, inbound, outbound) WHERE facet = 'counterpart';
        CREATE INDEX tally_clients_ranked ON tally(subject, subject_id, meetings DESC, item, inbound, outbound) WHERE facet = 'client';
        CREATE INDEX tally_representatives ON tally(subject, subject_id, of_item, item, meetings) WHERE facet = 'represented';
        """

    /// The statistics' top lists kept as indexes (migration `v12-statisticsspeed`): each
    /// subject's organisations and issues by number of meetings (the register's are the
    /// statistics' top ten; an organisation's issues are its page's list). Without them
    /// the statistics page read and sorted all two thousand organisations of the
    /// million-meeting register for its top ten, an eighth of the page's time. Partial by
    /// facet alone, like `footprintIndexes`: a condition on the subject too would make
    /// SQLite compile every tally read that binds its subject again on each run.
    static let rankedIndexes = """
        CREATE INDEX tally_organisations_ranked ON tally(subject, subject_id, meetings DESC, item, inbound, outbound) WHERE facet = 'organisation';
        CREATE INDEX tally_issues_ranked ON tally(subject, subject_id, meetings DESC, item, inbound, outbound) WHERE facet = 'issue';
        """

    /// A facet's name as SQL text, for a statement that reads `tally` by facet. A facet
    /// is a name of ours, never input; written into the statement rather than bound,
    /// since a bound facet makes SQLite compile the statement again on every run: it
    /// checks the bound value against the partial indexes' `facet = '…'`.
    static func literal(_ facet: String) -> String {
        precondition(facet.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") }, "not a facet: \(facet)")
        return "'\(facet)'"
    }

    /// Takes meeting `id`'s contribution away, as the public tables hold it now (nothing for a draft).
    static func remove(_ id: Int64, in db: Database) throws {
        try db.executeCached(sql: upsert(meetings: "id = ?1", sign: "-"), arguments: [id])
        try db.executeCached(sql: "DELETE FROM subject_meeting WHERE meeting_id = ?", arguments: [id])
        try PublicationTimeliness.remove(id, in: db)
    }

    /// Adds meeting `id`'s contribution, as the public tables hold it now (nothing unless published).
    static func add(_ id: Int64, in db: Database) throws {
        try db.executeCached(sql: upsert(meetings: "id = ?1", sign: "+"), arguments: [id])
        try db.executeCached(sql: listing(meetings: "id = ?1"), arguments: [id])
        try PublicationTimeliness.add(id, in: db)
    }

    /// Counts every published meeting anew.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM tally; DELETE FROM subject_meeting")
        try db.execute(sql: upsert(meetings: "1", sign: "+"))
        try db.execute(sql: listing(meetings: "1"))
    }

    /// Runs `change` (a catalogue write) and, when it changed `column` of the `table`
    /// row `id` (an official's unit, an organisation's kind), counts the meetings
    /// `naming` selects again: away with the old value, back with the new.
    static func recounting(_ table: String, _ id: Int64, column: String, meetings naming: String, in db: Database,
                           _ change: () throws -> Void) throws {
        let select = "SELECT \(column) FROM \(table) WHERE id = ?"
        let old = try DatabaseValue.fetchOne(db, sql: select, arguments: [id]) ?? .null
        try change()
        let new = try DatabaseValue.fetchOne(db, sql: select, arguments: [id]) ?? .null
        guard old != new else { return }
        let meetings = try Int64.fetchAll(db, sql: naming, arguments: [id])
        let update = "UPDATE \(table) SET \(column) = ? WHERE id = ?"
        try db.execute(sql: update, arguments: [old, id])
        for meeting in meetings { try remove(meeting, in: db) }
        try db.execute(sql: update, arguments: [new, id])
        for meeting in meetings { try add(meeting, in: db) }
    }

    private static func listing(meetings condition: String) -> String {
        let listed = "subject IN (\(listedSubjects.map { "'\($0)'" }.joined(separator: ", ")))"
        return """
            INSERT INTO subject_meeting(subject, subject_id, starts_at, meeting_id)
            SELECT DISTINCT s.subject, s.sid, COALESCE(m.starts_at, ''), s.mid FROM (\(subjects(condition))) s JOIN meeting m ON m.id = s.mid
            WHERE s.\(listed)
            """
    }

    private static func upsert(meetings condition: String, sign: String) -> String {
        """
        INSERT INTO tally(subject, subject_id, facet, item, of_item, meetings, inbound, outbound)
        SELECT t.subject, t.sid, t.facet, t.item, t.of_item, \(sign)COUNT(*), \(sign)COUNT(CASE m.direction WHEN 'inbound' THEN 1 END),
            \(sign)COUNT(CASE m.direction WHEN 'outbound' THEN 1 END)
        FROM (\(tuples(condition))) t JOIN meeting m ON m.id = t.mid WHERE true
        GROUP BY t.subject, t.sid, t.facet, t.item, t.of_item
        ON CONFLICT(subject, subject_id, facet, item, of_item) DO UPDATE SET
            meetings = meetings + excluded.meetings, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound
        """
    }

    /// The subjects of the published meetings `condition` picks, one row per meeting and subject.
    private static func subjects(_ condition: String) -> String {
        let m = "(SELECT id FROM meeting WHERE status = 'published' AND \(condition)) m"
        return """
            SELECT m.id AS mid, 'issue' AS subject, i.issue_id AS sid FROM \(m) JOIN meeting_issue i ON i.meeting_id = m.id
            UNION SELECT m.id, 'official', p.official_id FROM \(m) JOIN meeting_participant p ON p.meeting_id = m.id
            UNION SELECT m.id, 'unit', o.unit_id FROM \(m) JOIN meeting_participant p ON p.meeting_id = m.id JOIN official o ON o.id = p.official_id
            UNION SELECT m.id, 'counterpart', c.organisation_id FROM \(m) JOIN meeting_counterpart c ON c.meeting_id = m.id WHERE c.organisation_id IS NOT NULL
            UNION SELECT m.id, 'client', c.on_behalf_of_id FROM \(m) JOIN meeting_counterpart c ON c.meeting_id = m.id WHERE c.on_behalf_of_id IS NOT NULL
            UNION SELECT m.id, 'organisation', c.organisation_id FROM \(m) JOIN meeting_counterpart c ON c.meeting_id = m.id WHERE c.organisation_id IS NOT NULL
            UNION SELECT m.id, 'organisation', c.on_behalf_of_id FROM \(m) JOIN meeting_counterpart c ON c.meeting_id = m.id WHERE c.on_behalf_of_id IS NOT NULL
            UNION SELECT m.id, 'register', 0 FROM \(m)
            """
    }

    /// What each published meeting `condition` picks counts in: one row per meeting,
    /// subject and facet (so a meeting counts once however often it names a thing).
    private static func tuples(_ condition: String) -> String {
        let published = "SELECT id, counterparts_disclosed, starts_at FROM meeting WHERE status = 'published' AND \(condition)"
        let counterparts = """
            SELECT c.meeting_id AS mid, c.organisation_id AS org, c.on_behalf_of_id AS client
            FROM (\(published)) m JOIN meeting_counterpart c ON c.meeting_id = m.id
            """
        let group = "CASE o.kind " + OrganisationKind.allCases.map {
            "WHEN '\($0.rawValue)' THEN \(OrganisationGroup.allCases.firstIndex(of: OrganisationGroup($0))!)"
        }.joined(separator: " ") + " END"
        let footprinted = "s.subject IN ('issue', 'official')"
        return """
            WITH s AS MATERIALIZED (\(subjects(condition))), c AS MATERIALIZED (\(counterparts)), m AS (\(published))
            SELECT mid, subject, sid, 'all' AS facet, 0 AS item, 0 AS of_item FROM s
            UNION SELECT s.mid, s.subject, s.sid, 'counterpart', c.org, 0 FROM s JOIN c ON c.mid = s.mid WHERE \(footprinted) AND c.org IS NOT NULL
            UNION SELECT s.mid, s.subject, s.sid, 'client', c.client, 0 FROM s JOIN c ON c.mid = s.mid WHERE \(footprinted) AND c.client IS NOT NULL
            UNION SELECT s.mid, s.subject, s.sid, 'represented', c.org, c.client FROM s JOIN c ON c.mid = s.mid
                WHERE \(footprinted) AND c.org IS NOT NULL AND c.client IS NOT NULL
            UNION SELECT s.mid, s.subject, s.sid, 'counterparts-withheld', 0, 0 FROM s JOIN m ON m.id = s.mid
                WHERE s.subject IN ('issue', 'official', 'register') AND m.counterparts_disclosed = 0
            UNION SELECT s.mid, s.subject, s.sid, 'issue', i.issue_id, 0 FROM s JOIN meeting_issue i ON i.meeting_id = s.mid
                WHERE s.subject IN ('organisation', 'register')
            UNION SELECT mid, 'register', 0, 'organisation', org, 0 FROM c WHERE org IS NOT NULL
            UNION SELECT mid, 'register', 0, 'organisation', client, 0 FROM c WHERE client IS NOT NULL
            UNION SELECT c.mid, 'register', 0, 'group', \(group), 0 FROM c JOIN organisation o ON o.id IN (c.org, c.client)
            UNION SELECT mid, 'register', 0, 'with-organisation', 0, 0 FROM c WHERE org IS NOT NULL OR client IS NOT NULL
            UNION SELECT id, 'register', 0, 'start-withheld', 0, 0 FROM m WHERE starts_at IS NULL
            UNION SELECT id, 'register', 0, 'month', CAST(substr(starts_at, 1, 4) || substr(starts_at, 6, 2) AS INTEGER), 0
                FROM m WHERE starts_at IS NOT NULL
            """
    }
}
