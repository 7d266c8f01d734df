import Foundation
import GRDB

extension RegisterSnapshot {
    /// How many chosen meetings make reading a join table through faster than searching it per meeting.
    static let scanThreshold = 20_000

    /// The statistics of the published meetings `filter` keeps, all read in this
    /// snapshot: of all of them from the kept counts, of some with aggregate queries
    /// (no meeting is loaded).
    public func meetingStatistics(_ filter: StatisticsFilter = .all) throws -> MeetingStatistics {
        filter.isEmpty ? try talliedStatistics() : try meetingStatistics(filter, scanThreshold: Self.scanThreshold)
    }

    func meetingStatistics(_ filter: StatisticsFilter, scanThreshold: Int) throws -> MeetingStatistics {
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

        // With many meetings chosen, reading a join table through and looking each row up in the
        // chosen set (`+` keeps SQLite from searching the table once per chosen id) is the faster plan.
        func member(_ column: String) -> String {
            (meetings > scanThreshold ? "+" : "") + "\(column) IN (\(chosen))"
        }
        func isIn(_ group: OrganisationGroup, _ table: String) -> String {
            "COALESCE(\(table).kind IN (" + group.kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ") + "), 0)"
        }
        let flagColumns = OrganisationGroup.allCases.enumerated().map { index, group in
            "MAX(\(isIn(group, "o")) OR \(isIn(group, "b"))) AS g\(index)"
        }.joined(separator: ", ")
        let groupRow = try Row.fetchOne(db, sql: """
            SELECT \(OrganisationGroup.allCases.indices.map { "COALESCE(SUM(g\($0)), 0)" }.joined(separator: ", ")), COUNT(*) FROM (
                SELECT \(flagColumns) FROM meeting_counterpart c
                LEFT JOIN organisation o ON o.id = c.organisation_id LEFT JOIN organisation b ON b.id = c.on_behalf_of_id
                WHERE (c.organisation_id IS NOT NULL OR c.on_behalf_of_id IS NOT NULL) AND \(member("c.meeting_id")) GROUP BY c.meeting_id)
            """, arguments: arguments)
        var groups: [OrganisationGroup: Int] = [:]
        for (index, group) in OrganisationGroup.allCases.enumerated() { groups[group] = groupRow?[index] ?? 0 }
        let withOrganisation: Int = groupRow?[OrganisationGroup.allCases.count] ?? 0

        let topOrganisations = try Row.fetchAll(db, sql: """
            SELECT o.id, o.name, t.n FROM (SELECT organisation_id, COUNT(*) AS n FROM (
                SELECT meeting_id, organisation_id FROM meeting_counterpart WHERE organisation_id IS NOT NULL AND \(member("meeting_id"))
                UNION SELECT meeting_id, on_behalf_of_id FROM meeting_counterpart WHERE on_behalf_of_id IS NOT NULL AND \(member("meeting_id")))
              GROUP BY organisation_id) t
            JOIN organisation o ON o.id = t.organisation_id ORDER BY t.n DESC, o.id LIMIT 10
            """, arguments: arguments + arguments).map { RankedCount(id: $0[0], name: $0[1], meetings: $0[2]) }
        // A meeting lists an issue at most once (validation refuses it twice).
        let topIssues = try Row.fetchAll(db, sql: """
            SELECT i.id, i.title, t.n FROM (SELECT issue_id, COUNT(*) AS n FROM meeting_issue WHERE \(member("meeting_id")) GROUP BY issue_id) t
            JOIN issue i ON i.id = t.issue_id ORDER BY t.n DESC, i.id LIMIT 10
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
