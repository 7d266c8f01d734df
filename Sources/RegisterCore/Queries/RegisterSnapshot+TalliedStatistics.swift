import GRDB

extension RegisterSnapshot {
    /// The statistics of every published meeting, from the counts the write path keeps
    /// (`MeetingTallies`): the same figures `meetingStatistics(.all)` counts, read
    /// from a few hundred rows.
    func talliedStatistics() throws -> MeetingStatistics {
        var meetings = 0, inbound = 0, outbound = 0, counterpartsWithheld = 0, startWithheld = 0, withOrganisation = 0
        var groups: [OrganisationGroup: Int] = [:]
        var months: [ArchiveMonth: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT facet, item, meetings, inbound, outbound FROM tally WHERE subject = 'register' AND subject_id = 0
            AND facet IN ('all', 'counterparts-withheld', 'start-withheld', 'with-organisation', 'group', 'month') AND meetings > 0
            """)) {
            let item: Int64 = row[1], count: Int = row[2]
            switch row[0] as String {
            case "all": (meetings, inbound, outbound) = (count, row[3], row[4])
            case "counterparts-withheld": counterpartsWithheld = count
            case "start-withheld": startWithheld = count
            case "with-organisation": withOrganisation = count
            case "group":
                if OrganisationGroup.allCases.indices.contains(Int(item)) { groups[OrganisationGroup.allCases[Int(item)]] = count }
            default:
                if (1...12).contains(item % 100) { months[ArchiveMonth(year: Int(item / 100), month: Int(item % 100))] = count }
            }
        }
        // From the top of `MeetingTallies.rankedIndexes` (the planner picks the key and a sort instead).
        func ranked(_ facet: String, _ table: String, _ column: String) throws -> [RankedCount] {
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT t.item, r.\(column), t.meetings FROM tally t INDEXED BY tally_\(facet)s_ranked CROSS JOIN \(table) r ON r.id = t.item
                WHERE t.subject = 'register' AND t.subject_id = 0 AND t.facet = \(MeetingTallies.literal(facet)) AND t.meetings > 0
                ORDER BY t.meetings DESC, t.item LIMIT 10
                """)).map { RankedCount(id: $0[0], name: $0[1], meetings: $0[2]) }
        }
        let timeZone = try settings().timeZone
        let (condition, arguments) = StatisticsFilter.all.condition(timeZone: timeZone)
        return MeetingStatistics(
            meetings: meetings,
            perMonth: try StatisticsMonths.count(utcMonths: months, condition: condition, arguments: arguments, timeZone: timeZone, in: db),
            startWithheld: startWithheld,
            byOrganisationGroup: OrganisationGroup.allCases.map { GroupCount(group: $0, meetings: groups[$0] ?? 0) },
            withoutOrganisation: meetings - counterpartsWithheld - withOrganisation,
            counterpartsWithheld: counterpartsWithheld,
            inbound: inbound, outbound: outbound, directionWithheld: meetings - inbound - outbound,
            topOrganisations: try ranked("organisation", "organisation", "name"),
            topIssues: try ranked("issue", "issue", "title"))
    }
}
