import Foundation
import GRDB

/// Which published meetings the statistics count: the search page's filters. Dates
/// are days in the register's time zone, `to` included; an organisation matches as
/// counterpart or as the client a counterpart represented; a unit matches when one of
/// our participants belongs to it; an organisation kind matches through any
/// counterpart or client of that kind. A withheld value never matches a filter on it.
public struct StatisticsFilter: Sendable, Hashable {
    public var from: Day?
    public var to: Day?
    public var official: Int64?
    public var organisation: Int64?
    public var issue: Int64?
    public var unit: Int64?
    public var direction: MeetingDirection?
    public var format: MeetingFormat?
    public var organisationKind: OrganisationKind?

    public init(from: Day? = nil, to: Day? = nil, official: Int64? = nil, organisation: Int64? = nil, issue: Int64? = nil,
                unit: Int64? = nil, direction: MeetingDirection? = nil, format: MeetingFormat? = nil,
                organisationKind: OrganisationKind? = nil) {
        self.from = from
        self.to = to
        self.official = official
        self.organisation = organisation
        self.issue = issue
        self.unit = unit
        self.direction = direction
        self.format = format
        self.organisationKind = organisationKind
    }

    public static let all = StatisticsFilter()

    public var isEmpty: Bool { self == .all }

    /// The condition on `meeting m` selecting the published meetings this filter keeps.
    func condition(timeZone: TimeZone) -> (sql: String, arguments: StatementArguments) {
        var clauses = ["m.status = 'published'"]
        var arguments = StatementArguments()
        func add(_ clause: String, _ values: [any DatabaseValueConvertible]) {
            clauses.append(clause)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        if let from {
            add("m.starts_at >= ?", [Timestamp.format(from.start(in: timeZone))])
        }
        if let to {
            add("m.starts_at < ?", [Timestamp.format(to.next.start(in: timeZone))])
        }
        if let official {
            add("m.id IN (SELECT meeting_id FROM meeting_participant WHERE official_id = ?)", [official])
        }
        if let organisation {
            add("m.id IN (SELECT meeting_id FROM meeting_counterpart WHERE organisation_id = ? UNION SELECT meeting_id FROM meeting_counterpart WHERE on_behalf_of_id = ?)",
                [organisation, organisation])
        }
        if let issue {
            add("m.id IN (SELECT meeting_id FROM meeting_issue WHERE issue_id = ?)", [issue])
        }
        if let unit {
            add("m.id IN (SELECT p.meeting_id FROM meeting_participant p JOIN official o ON o.id = p.official_id WHERE o.unit_id = ?)", [unit])
        }
        if let direction {
            add("m.direction = ?", [direction.rawValue])
        }
        if let format {
            add("m.format = ?", [format.rawValue])
        }
        if let organisationKind {
            add("""
                m.id IN (SELECT c.meeting_id FROM meeting_counterpart c JOIN organisation o ON o.id = c.organisation_id WHERE o.kind = ? \
                UNION SELECT c.meeting_id FROM meeting_counterpart c JOIN organisation o ON o.id = c.on_behalf_of_id WHERE o.kind = ?)
                """, [organisationKind.rawValue, organisationKind.rawValue])
        }
        return (clauses.joined(separator: " AND "), arguments)
    }
}

extension Day {
    /// The first instant of this day in `timeZone` (if midnight is skipped by a clock
    /// change, the first instant after it).
    func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    // `next` (the day after) is declared once, beside the search's use of it.
}
