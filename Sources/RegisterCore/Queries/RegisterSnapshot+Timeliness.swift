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
        // The rows in key order, summed here: grouped and joined to the units in SQL, they cost a sixth of the statistics page.
        var overall = TimelinessCount(label: "", meetings: 0, withinDeadline: 0)
        var months: [TimelinessCount] = []
        var units: [Int64: TimelinessCount] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT unit_id, month, delay, meetings FROM timeliness ORDER BY unit_id, month, delay"))
        var group: (unit: Int64, month: String, meetings: Int, within: Int)?
        func close() {
            guard let group, group.meetings > 0 else { return }
            if group.unit == 0 {
                months.append(TimelinessCount(label: group.month, meetings: group.meetings, withinDeadline: group.within))
                overall.meetings += group.meetings
                overall.withinDeadline += group.within
            } else {
                units[group.unit, default: TimelinessCount(label: "", unit: group.unit, meetings: 0, withinDeadline: 0)].meetings += group.meetings
                units[group.unit]!.withinDeadline += group.within
            }
        }
        while let row = try rows.next() {
            let unit: Int64 = row[0], month: String = row[1], delay: Int = row[2], meetings: Int = row[3]
            if group?.unit != unit || group?.month != month {
                close()
                group = (unit, month, 0, 0)
            }
            group!.meetings += meetings
            if delay <= deadline { group!.within += meetings }
        }
        close()
        if !units.isEmpty {
            let names = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, name FROM unit"))
            while let row = try names.next() {
                let id: Int64 = row[0]
                units[id]?.label = row[1]
            }
            for (id, count) in units where count.label.isEmpty { units[id]!.label = String(id) }
        }
        return PublicationTimelinessStatistics(
            deadlineDays: deadline, overall: overall, perMonth: months,
            perUnit: units.values.sorted { ($0.label, $0.unit ?? 0) < ($1.label, $1.unit ?? 0) })
    }
}
