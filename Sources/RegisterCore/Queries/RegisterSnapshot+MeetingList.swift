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
        let plan = try SearchPlan(query.search, timeZone: try settings().timeZone, in: db)
        if query.status == .published, query.order.byStart, let subject = try narrowestSubject(query.search) {
            return try subjectList(query, plan: plan, from: subject)
        }
        return try indexList(query, plan: plan)
    }

    /// The list read the general way: the meetings walked in the list's order on the
    /// `meeting_newest_start` index, each filter a tag of the full-text index.
    func indexList(_ query: MeetingListQuery, plan: SearchPlan) throws -> MeetingListPage {
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
        return try page(sql: sql, arguments: arguments, of: query)
    }

    /// The list of published meetings in start order read from one filtered subject's
    /// own listing (`subject_meeting`, kept in start order by the write path), each other
    /// filter checked on the meeting: a few hundred rows read for a page, where the index
    /// walk reads every published meeting since the page's start and intersects the tags'
    /// doclists (a direction's holds half the register). The same meetings as `indexList`
    /// gives, filter for filter (`MeetingListPlanTests`).
    func subjectList(_ query: MeetingListQuery, plan: SearchPlan, from driver: ListedSubject) throws -> MeetingListPage {
        let search = query.search
        var sql = """
            SELECT sm.meeting_id, sm.starts_at FROM subject_meeting sm CROSS JOIN meeting m ON m.id = sm.meeting_id
            WHERE sm.subject = ? AND sm.subject_id = ? AND m.status = 'published'
            """
        var arguments: StatementArguments = [driver.subject, driver.id]
        for other in ListedSubject.all(in: search) where other != driver {
            sql += """
                 AND EXISTS (SELECT 1 FROM subject_meeting x WHERE x.subject = ? AND x.subject_id = ? \
                AND x.starts_at = sm.starts_at AND x.meeting_id = sm.meeting_id)
                """
            arguments += [other.subject, other.id]
        }
        if let direction = search.direction {
            sql += " AND m.direction = ?"
            arguments += [direction.rawValue]
        }
        if let format = search.format {
            sql += " AND m.format = ?"
            arguments += [format.rawValue]
        }
        if let kind = search.kind {
            sql += """
                 AND EXISTS (SELECT 1 FROM meeting_counterpart c JOIN organisation o ON o.id = c.organisation_id OR o.id = c.on_behalf_of_id \
                WHERE c.meeting_id = m.id AND o.kind = ?)
                """
            arguments += [kind.rawValue]
        }
        if let words = plan.words {
            sql += " AND sm.meeting_id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH ?)"
            arguments += [words]
        }
        if let dates = plan.dates {
            sql += " AND sm.starts_at >= ?"
            arguments += [dates.from]
            if let to = dates.to {
                sql += " AND sm.starts_at < ?"
                arguments += [to]
            }
        }
        let direction = query.order.descending ? "DESC" : "ASC"
        if let after = query.after {
            sql += " AND (sm.starts_at, sm.meeting_id) \(query.order.descending ? "<" : ">") (?, ?)"
            arguments += [after.startsAt, after.id]
        }
        sql += " ORDER BY sm.starts_at \(direction), sm.meeting_id \(direction)"
        return try page(sql: sql, arguments: arguments, of: query)
    }

    /// A filter on a subject that has its own listing: an issue, official, organisation or unit.
    struct ListedSubject: Equatable {
        var subject: String
        var id: Int64

        static func all(in search: MeetingSearch) -> [ListedSubject] {
            [search.official.map { ListedSubject(subject: "official", id: $0) },
             search.organisation.map { ListedSubject(subject: "organisation", id: $0) },
             search.issue.map { ListedSubject(subject: "issue", id: $0) },
             search.unit.map { ListedSubject(subject: "unit", id: $0) }].compactMap { $0 }
        }
    }

    /// The filtered subject with the fewest published meetings (from the kept counts), if any.
    func narrowestSubject(_ search: MeetingSearch) throws -> ListedSubject? {
        var best: (subject: ListedSubject, meetings: Int)?
        for subject in ListedSubject.all(in: search) {
            let meetings = try Int.fetchOne(db.cachedStatement(sql: "SELECT meetings FROM tally WHERE subject = ? AND subject_id = ? AND facet = 'all'"),
                                            arguments: [subject.subject, subject.id]) ?? 0
            if best.map({ meetings < $0.meetings }) ?? true { best = (subject, meetings) }
        }
        return best?.subject
    }

    /// Reads one page more than the limit's rows (id, stored start) to know whether a next page exists.
    private func page(sql: String, arguments: StatementArguments, of query: MeetingListQuery) throws -> MeetingListPage {
        let sql = sql + " LIMIT \(query.limit + 1)"
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
