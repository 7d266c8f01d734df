import Foundation
import GRDB

/// Counts meetings by the month they started in, in the register's time zone, with
/// index-friendly SQL: SQLite knows no time zones, so the meetings are grouped by
/// their UTC month (the stored text's first seven characters), and then, at each
/// month boundary, the few meetings between the local and the UTC start of the
/// month (an hour or two) are counted with a range query and moved across.
enum StatisticsMonths {
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

        let range = "SELECT COUNT(*) FROM meeting m INDEXED BY meeting_status_starts WHERE \(condition) AND m.starts_at >= ? AND m.starts_at < ?"
        var month = first
        while month <= last.next {
            let local = Day(year: month.year, month: month.month, day: 1)!.start(in: timeZone)
            let utc = Day(year: month.year, month: month.month, day: 1)!.start(in: TimeZone(identifier: "UTC")!)
            if local != utc {
                let (low, high) = local < utc ? (local, utc) : (utc, local)
                let moved = try Int.fetchOne(db.cachedStatement(sql: range), arguments: arguments + [Timestamp.format(low), Timestamp.format(high)]) ?? 0
                if moved > 0 {
                    // Before the UTC start, the meetings were counted in the previous month; after it, in this one.
                    let (from, to) = local < utc ? (month.previous, month) : (month, month.previous)
                    counts[from, default: 0] -= moved
                    counts[to, default: 0] += moved
                }
            }
            month = month.next
        }

        let months = counts.filter { $0.value != 0 }.keys
        guard let start = months.min(), let end = months.max() else { return [] }
        var result: [MonthCount] = []
        month = start
        while month <= end {
            result.append(MonthCount(month: month, meetings: counts[month] ?? 0))
            month = month.next
        }
        return result
    }
}
