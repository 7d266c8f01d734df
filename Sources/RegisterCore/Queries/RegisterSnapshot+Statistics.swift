import Foundation
import GRDB

extension RegisterSnapshot {
    /// The statistics of the published meetings `filter` keeps, all read in this
    /// snapshot with aggregate queries (no meeting is loaded).
    public func meetingStatistics(_ filter: StatisticsFilter = .all) throws -> MeetingStatistics {
        let timeZone = try settings().timeZone
        let (condition, arguments) = filter.condition(timeZone: timeZone)
        let chosen = "SELECT m.id FROM meeting m WHERE \(condition)"

        var meetings = 0, startWithheld = 0, counterpartsWithheld = 0
        var inbound = 0, outbound = 0, directionWithheld = 0
        let overview = """
            SELECT m.direction, m.counterparts_disclosed, m.starts_at IS NULL, COUNT(*) FROM meeting m WHERE \(condition) \
            GROUP BY 1, 2, 3
            """
        for row in try Row.fetchAll(db, sql: overview, arguments: arguments) {
            let count: Int = row[3]
            meetings += count
            switch (row[0] as String?).flatMap(MeetingDirection.init(rawValue:)) {
            case .inbound: inbound += count
            case .outbound: outbound += count
            case nil: directionWithheld += count
            }
            if !(row[1] as Bool) { counterpartsWithheld += count }
            if row[2] as Bool { startWithheld += count }
        }

        let involved = """
            WITH involved(meeting_id, organisation_id) AS (
                SELECT meeting_id, organisation_id FROM meeting_counterpart WHERE organisation_id IS NOT NULL AND meeting_id IN (\(chosen))
                UNION SELECT meeting_id, on_behalf_of_id FROM meeting_counterpart WHERE on_behalf_of_id IS NOT NULL AND meeting_id IN (\(chosen)))
            """
        let twice = arguments + arguments
        let groupCase = "CASE o.kind " + OrganisationKind.allCases.map {
            "WHEN '\($0.rawValue)' THEN '\(OrganisationGroup($0).rawValue)'"
        }.joined(separator: " ") + " ELSE '\(OrganisationGroup.other.rawValue)' END"
        var groups: [OrganisationGroup: Int] = [:]
        let groupSQL = """
            \(involved) SELECT g, COUNT(*) FROM (SELECT DISTINCT i.meeting_id, \(groupCase) AS g FROM involved i \
            JOIN organisation o ON o.id = i.organisation_id) GROUP BY g
            """
        for row in try Row.fetchAll(db, sql: groupSQL, arguments: twice) {
            if let group = OrganisationGroup(rawValue: row[0]) { groups[group] = row[1] }
        }
        let withOrganisation = try Int.fetchOne(
            db, sql: "\(involved) SELECT COUNT(DISTINCT meeting_id) FROM involved", arguments: twice) ?? 0

        let topOrganisations = try Row.fetchAll(db, sql: """
            \(involved) SELECT o.id, o.name, c.n FROM (SELECT organisation_id, COUNT(*) AS n FROM involved GROUP BY organisation_id) c \
            JOIN organisation o ON o.id = c.organisation_id ORDER BY c.n DESC, o.id LIMIT 10
            """, arguments: twice).map { RankedCount(id: $0[0], name: $0[1], meetings: $0[2]) }
        let topIssues = try Row.fetchAll(db, sql: """
            SELECT i.id, i.title, c.n FROM (SELECT issue_id, COUNT(DISTINCT meeting_id) AS n FROM meeting_issue \
            WHERE meeting_id IN (\(chosen)) GROUP BY issue_id) c JOIN issue i ON i.id = c.issue_id ORDER BY c.n DESC, i.id LIMIT 10
            """, arguments: arguments).map { RankedCount(id: $0[0], name: $0[1], meetings: $0[2]) }

        return MeetingStatistics(
            meetings: meetings,
            perMonth: try StatisticsMonths.count(condition: condition, arguments: arguments, timeZone: timeZone, in: db),
            startWithheld: startWithheld,
            byOrganisationGroup: OrganisationGroup.allCases.map { GroupCount(group: $0, meetings: groups[$0] ?? 0) },
            withoutOrganisation: meetings - counterpartsWithheld - withOrganisation,
            counterpartsWithheld: counterpartsWithheld,
            inbound: inbound, outbound: outbound, directionWithheld: directionWithheld,
            topOrganisations: topOrganisations, topIssues: topIssues)
    }
}
