import Foundation
import GRDB

extension RegisterSnapshot {
    /// One page of the meetings `query` lists, in its order, from its cursor. The
    /// words and filters are those of the search (the same index and date range);
    /// the order and the cursor run on the `meeting_newest_start` index. A withdrawn
    /// meeting's tombstone names no one and is not in the search index, so only the
    /// dates narrow a list of them. Throws a `SearchParameterError` when a filter names
    /// no catalogue record.
    public func meetingList(_ query: MeetingListQuery) throws -> MeetingListPage {
        try checkRecords(query.search)
        if query.isEmpty { return MeetingListPage(meetings: [], next: nil) }
        let plan = SearchPlan(query.search, timeZone: try settings().timeZone)
        var sql = "SELECT m.id, COALESCE(m.starts_at, '') FROM meeting m WHERE m.status = ?"
        var arguments: StatementArguments = [query.status.rawValue]
        if let match = plan.match {
            // The matches are read from the index once (SQLite keeps them in a temporary b-tree), then the
            // meetings are walked in the list's order and each is looked up there, until the page is full.
            sql += " AND m.id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH ?)"
            arguments += [match]
        }
        if let dates = plan.dates {
            sql += " AND COALESCE(m.starts_at, '') >= ?"
            arguments += [dates.from]
            if let to = dates.to {
                sql += " AND COALESCE(m.starts_at, '') < ?"
                arguments += [to]
            }
        }
        let direction = query.order.descending ? "DESC" : "ASC"
        let comparison = query.order.descending ? "<" : ">"
        if query.order.byStart {
            if let after = query.after {
                sql += " AND (COALESCE(m.starts_at, ''), m.id) \(comparison) (?, ?)"
                arguments += [after.startsAt, after.id]
            }
            sql += " ORDER BY COALESCE(m.starts_at, '') \(direction), m.id \(direction)"
        } else {
            if let after = query.after {
                sql += " AND m.id \(comparison) ?"
                arguments += [after.id]
            }
            sql += " ORDER BY m.id \(direction)"
        }
        sql += " LIMIT \(query.limit + 1)"
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let shown = rows.prefix(query.limit)
        var next: MeetingListQuery.Cursor?
        if rows.count > query.limit, let last = shown.last {
            next = MeetingListQuery.Cursor(startsAt: last[1], id: last[0])
        }
        return MeetingListPage(meetings: try PublicMeetingReader.fetch(ids: shown.map { $0[0] }, in: db), next: next)
    }

    /// Refuses a filter that names no catalogue record, as the search does.
    private func checkRecords(_ search: MeetingSearch) throws {
        let lookups: [(MeetingSearch.Parameter, Int64?, String)] = [
            (.official, search.official, "official"), (.organisation, search.organisation, "organisation"),
            (.issue, search.issue, "issue"), (.unit, search.unit, "unit"),
        ]
        for (parameter, id, table) in lookups {
            guard let id else { continue }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) == true else {
                throw SearchParameterError(parameter, value: String(id), expected: .record(table))
            }
        }
    }
}
