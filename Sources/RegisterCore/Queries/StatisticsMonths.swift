import Foundation
import GRDB

/// Counts meetings by the month they started in, in the register's time zone, with
/// index-friendly SQL: SQLite knows no time zones, so the meetings are grouped by
/// their UTC month (the stored text's first seven characters), and then, at each
/// month boundary, the few meetings between the local and the UTC start of the
/// month (an hour or two) are counted with a range query and moved across.
enum StatisticsMonths {
    private static let utc = TimeZone(identifier: "UTC")!

    static func count(condition: String, arguments: StatementArguments, timeZone: TimeZone,
                      in db: Database) throws -> [MonthCount] {
        var counts: [ArchiveMonth: Int] = [:]
        let sql = "SELECT substr(m.starts_at, 1, 7), COUNT(*) FROM meeting m WHERE \(condition) AND m.starts_at IS NOT NULL GROUP BY 1"
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            if let month = ArchiveMonth(row[0] as String) { counts[month] = row[1] }
        }
        return try count(utcMonths: counts, condition: condition, arguments: arguments, timeZone: timeZone, in: db)
    }

    /// The months in the register's time zone from the counts by UTC month (`utcMonths`)
    /// of the meetings `condition` picks.
    static func count(utcMonths: [ArchiveMonth: Int], condition: String, arguments: StatementArguments, timeZone: TimeZone,
                      in db: Database) throws -> [MonthCount] {
        var counts = utcMonths
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return [] }

        // Every month boundary's range, counted by one statement (a statement run per boundary cost a tenth of the page).
        var ranges: [(month: ArchiveMonth, low: String, high: String, movesBack: Bool)] = []
        var boundary = first
        while boundary <= last.next {
            let day = Day(year: boundary.year, month: boundary.month, day: 1)!
            let (local, utc) = (day.start(in: timeZone), day.start(in: Self.utc))
            if local != utc {
                let (low, high) = local < utc ? (local, utc) : (utc, local)
                ranges.append((boundary, Timestamp.format(low), Timestamp.format(high), local < utc))
            }
            boundary = boundary.next
        }
        if !ranges.isEmpty {
            let json = "[" + ranges.map { "[\"\($0.low)\",\"\($0.high)\"]" }.joined(separator: ",") + "]"
            let sql = """
                SELECT j.key, (SELECT COUNT(*) FROM meeting m INDEXED BY meeting_status_starts WHERE \(condition)
                    AND m.starts_at >= json_extract(j.value, '$[0]') AND m.starts_at < json_extract(j.value, '$[1]'))
                FROM json_each(?) j
                """
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments + [json])
            while let row = try rows.next() {
                let moved: Int = row[1]
                guard moved > 0 else { continue }
                let range = ranges[row[0] as Int]
                // Before the UTC start, the meetings were counted in the previous month; after it, in this one.
                let (from, to) = range.movesBack ? (range.month.previous, range.month) : (range.month, range.month.previous)
                counts[from, default: 0] -= moved
                counts[to, default: 0] += moved
            }
        }

        let months = counts.filter { $0.value != 0 }.keys
        guard let start = months.min(), let end = months.max() else { return [] }
        var result: [MonthCount] = []
        var month = start
        while month <= end {
            result.append(MonthCount(month: month, meetings: counts[month] ?? 0))
            month = month.next
        }
        return result
    }
}
