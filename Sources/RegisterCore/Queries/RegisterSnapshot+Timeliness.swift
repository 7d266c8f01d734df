import GRDB

/// How many published meetings were published within the deadline, in a group (a
/// month, a unit, the whole register). Meetings whose start is withheld are not counted.
public struct TimelinessCount: Sendable, Equatable {
    /// "2026-11" for a month, the unit's name for a unit, "" for the register.
    public var label: String
    /// The unit's id, for a unit.
    public var unit: Int64?
    public var meetings: Int
    public var withinDeadline: Int

    /// The share within the deadline, 0…1 (0 for no meetings).
    public var share: Double { meetings == 0 ? 0 : Double(withinDeadline) / Double(meetings) }
}

/// The statistics' timeliness: the share of published meetings published within the
/// deadline (days from the meeting's day to its first publication, in the register's
/// time zone), for the register, per start month (oldest first) and per unit of our
/// participants (a meeting counts once in each unit taking part).
public struct PublicationTimelinessStatistics: Sendable, Equatable {
    public var deadlineDays: Int
    public var overall: TimelinessCount
    public var perMonth: [TimelinessCount]
    public var perUnit: [TimelinessCount]
}

extension RegisterSnapshot {
    /// Read from the counts the write path keeps (`PublicationTimeliness`): public values only.
    public func publicationTimeliness() throws -> PublicationTimelinessStatistics {
        let deadline = try settings().publicationDeadlineDays
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT t.unit_id, t.month, SUM(t.meetings), SUM(CASE WHEN t.delay <= ? THEN t.meetings ELSE 0 END), u.name
            FROM timeliness t LEFT JOIN unit u ON u.id = t.unit_id GROUP BY t.unit_id, t.month ORDER BY t.unit_id, t.month
            """), arguments: [deadline])
        var overall = TimelinessCount(label: "", meetings: 0, withinDeadline: 0)
        var months: [TimelinessCount] = []
        var units: [Int64: TimelinessCount] = [:]
        for row in rows {
            let unit: Int64 = row[0]
            let meetings: Int = row[2], within: Int = row[3]
            guard meetings > 0 else { continue }
            if unit == 0 {
                months.append(TimelinessCount(label: row[1], meetings: meetings, withinDeadline: within))
                overall.meetings += meetings
                overall.withinDeadline += within
            } else {
                units[unit, default: TimelinessCount(label: row[4] ?? String(unit), unit: unit, meetings: 0, withinDeadline: 0)].meetings += meetings
                units[unit]!.withinDeadline += within
            }
        }
        return PublicationTimelinessStatistics(
            deadlineDays: deadline, overall: overall, perMonth: months,
            perUnit: units.values.sorted { ($0.label, $0.unit ?? 0) < ($1.label, $1.unit ?? 0) })
    }
}
