import Foundation
import GRDB

/// How soon the published meetings were published, kept up to date by the write path
/// so that the statistics page reads a few hundred rows instead of a million meetings.
///
/// Each public `meeting` row carries, from public values only, `start_month` (the
/// month of its start in the register's time zone) and `publication_delay` (whole
/// days from the start's day to the first publication's day, 0 when published before
/// the meeting, at most `cap`); both are NULL while the start is withheld. The
/// `timeliness` table counts the published meetings per unit (0 for the whole
/// register), start month and delay, so the share within any deadline (the
/// `publication-deadline-days` setting may change) is a sum. `MeetingTallies` calls
/// `remove` before a meeting's public rows change and `add` after, in the same
/// transaction; it recounts the same way when an official moves to another unit.
enum PublicationTimeliness {
    /// Delays longer than any deadline the setting allows (365) are counted as this.
    static let cap = 366

    static let schema = """
        ALTER TABLE meeting ADD COLUMN start_month TEXT;
        ALTER TABLE meeting ADD COLUMN publication_delay INTEGER;
        CREATE TABLE timeliness(
            unit_id INTEGER NOT NULL, month TEXT NOT NULL, delay INTEGER NOT NULL, meetings INTEGER NOT NULL,
            PRIMARY KEY(unit_id, month, delay)) WITHOUT ROWID;
        """

    /// The units a meeting counts in: the whole register (0) and its disclosed participants' units.
    private static let units = """
        SELECT 0 AS unit_id UNION SELECT o.unit_id FROM meeting_participant p JOIN official o ON o.id = p.official_id WHERE p.meeting_id = ?1
        """

    /// Takes meeting `id`'s count away, as the public rows hold it now.
    static func remove(_ id: Int64, in db: Database) throws {
        try count(id, sign: "-", in: db)
        try db.executeCached(sql: "DELETE FROM timeliness WHERE meetings = 0 AND (unit_id, month, delay) IN (SELECT u.unit_id, m.start_month, m.publication_delay FROM (\(units)) u, meeting m WHERE m.id = ?1)",
                             arguments: [id])
    }

    /// Counts meeting `id` by the month and delay its public row holds (written with
    /// the row, `placement`).
    static func add(_ id: Int64, in db: Database) throws {
        try count(id, sign: "+", in: db)
    }

    /// Works out every public meeting's month and delay and counts them anew.
    static func rebuild(in db: Database) throws {
        let zone = try timeZone(db)
        try db.execute(sql: "DELETE FROM timeliness")
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM meeting") { try place(id, timeZone: zone, in: db) }
        try db.execute(sql: """
            INSERT INTO timeliness(unit_id, month, delay, meetings)
            SELECT u.unit_id, m.start_month, m.publication_delay, COUNT(*) FROM meeting m JOIN (
                SELECT id AS meeting_id, 0 AS unit_id FROM meeting
                UNION SELECT p.meeting_id, o.unit_id FROM meeting_participant p JOIN official o ON o.id = p.official_id) u
              ON u.meeting_id = m.id
            WHERE m.status = 'published' AND m.start_month IS NOT NULL GROUP BY 1, 2, 3
            """)
    }

    private static func count(_ id: Int64, sign: String, in db: Database) throws {
        try db.executeCached(sql: """
            INSERT INTO timeliness(unit_id, month, delay, meetings)
            SELECT u.unit_id, m.start_month, m.publication_delay, \(sign)1 FROM (\(units)) u, meeting m
            WHERE m.id = ?1 AND m.status = 'published' AND m.start_month IS NOT NULL
            ON CONFLICT(unit_id, month, delay) DO UPDATE SET meetings = meetings + excluded.meetings
            """, arguments: [id])
    }

    private static func place(_ id: Int64, timeZone: TimeZone, in db: Database) throws {
        guard let row = try db.rowCached(sql: "SELECT starts_at, published_at FROM meeting WHERE id = ?", arguments: [id]) else { return }
        let placed = placement(start: (row[0] as String?).flatMap { Timestamp.parse($0) }, published: (row[1] as String?).flatMap { Timestamp.parse($0) },
                               timeZone: timeZone)
        try db.executeCached(sql: "UPDATE meeting SET start_month = ?, publication_delay = ? WHERE id = ?", arguments: [placed.month, placed.delay, id])
    }

    /// A meeting's `start_month` and `publication_delay` from its start and first
    /// publication as the public row stores them (in whole seconds).
    static func placement(startsAt: Date?, publishedAt: Date, timeZone: TimeZone) -> (month: String?, delay: Int?) {
        placement(start: startsAt.flatMap { Timestamp.parse(Timestamp.format($0)) }, published: Timestamp.parse(Timestamp.format(publishedAt)),
                  timeZone: timeZone)
    }

    private static func placement(start: Date?, published: Date?, timeZone: TimeZone) -> (month: String?, delay: Int?) {
        guard let start, let published else { return (nil, nil) }
        let day = Day(start, in: timeZone)
        return (String(day.description.prefix(7)), min(cap, max(0, Day(published, in: timeZone).daysSince(day))))
    }

    private static func timeZone(_ db: Database) throws -> TimeZone {
        let identifier = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'time_zone'"))
        return identifier.flatMap(TimeZone.init(identifier:)) ?? RegisterSettings.defaultTimeZone
    }
}
