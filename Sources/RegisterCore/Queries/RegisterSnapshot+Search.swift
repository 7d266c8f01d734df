import Foundation
import GRDB

extension RegisterSnapshot {
    /// One page of the published meetings that `search` finds: ranked by bm25 when it
    /// has words, newest start first otherwise; with a snippet per meeting, the
    /// counts of each filter's values and the next page's cursor. Throws a
    /// `SearchParameterError` when a filter names no catalogue record or the cursor
    /// belongs to another order.
    public func search(_ search: MeetingSearch) throws -> MeetingSearchResult {
        let names = try catalogueNames(search)
        let timeZone = try settings().timeZone
        let plan = SearchPlan(search, timeZone: timeZone)
        let page = try self.page(plan, after: search.after)
        let meetings = try PublicMeetingReader.fetch(ids: page.ids.prefix(MeetingSearch.pageSize).map { $0 }, in: db)
        let snippets = try plan.words.map { try self.snippets(words: $0, ids: meetings.map(\.id)) } ?? [:]

        var samples: [MeetingSearch.Parameter?: [Int64]] = [:]
        func sample(_ parameter: MeetingSearch.Parameter?) throws -> [Int64] {
            if let ids = samples[parameter] { return ids }
            let ids = try sampleIds(parameter.map { SearchPlan(search.removing($0), timeZone: timeZone) } ?? plan)
            samples[parameter] = ids
            return ids
        }
        let matching = try sample(nil)
        let total = matching.count <= SearchFacet.sampleLimit ? matching.count : try count(plan)
        let facets = try SearchFacet.parameters.map { parameter in
            let ids = try sample(search.value(of: parameter) == nil ? nil : parameter)
            return try facet(parameter, over: ids, selected: search.value(of: parameter))
        }
        return MeetingSearchResult(
            meetings: meetings.map { FoundMeeting(meeting: $0, snippet: snippets[$0.id]) },
            total: min(total, MeetingSearchResult.countLimit), totalIsAtLeast: total > MeetingSearchResult.countLimit,
            facets: facets, next: page.ids.count > MeetingSearch.pageSize ? page.cursors[MeetingSearch.pageSize - 1] : nil,
            names: names)
    }

    /// The names of the records the filters name; a filter naming none is refused.
    private func catalogueNames(_ search: MeetingSearch) throws -> [MeetingSearch.Parameter: String] {
        let lookups: [(MeetingSearch.Parameter, Int64?, String, String, String)] = [
            (.official, search.official, "official", "name", "official"),
            (.organisation, search.organisation, "organisation", "name", "organisation"),
            (.issue, search.issue, "issue", "title", "issue"),
            (.unit, search.unit, "unit", "name", "unit"),
        ]
        var names: [MeetingSearch.Parameter: String] = [:]
        for (parameter, id, table, column, noun) in lookups {
            guard let id else { continue }
            guard let name = try String.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE id = ?", arguments: [id]) else {
                throw SearchParameterError(parameter, value: String(id), expected: .record(noun))
            }
            names[parameter] = name
        }
        return names
    }

    /// The ids of one page plus one (so that a next page shows itself), with the cursor after each.
    private func page(_ plan: SearchPlan, after cursor: SearchCursor?) throws -> (ids: [Int64], cursors: [SearchCursor]) {
        let limit = MeetingSearch.pageSize + 1
        if let match = plan.match, plan.words != nil {
            var (sql, arguments) = plan.fromIndex(columns: "meeting_search.rowid AS id, \(SearchPlan.rank) AS r")
            var keyset = ""
            switch cursor {
            case nil: break
            case .ranked(let rank, let id):
                // The rank of the cursor's meeting now: adding meetings changes every bm25 score.
                let current = try Double.fetchOne(db, sql: "SELECT \(SearchPlan.rank) FROM meeting_search WHERE meeting_search MATCH ? AND rowid = ?",
                                                  arguments: [match, id]) ?? rank
                keyset = " WHERE r > ? OR (r = ? AND id < ?)"
                arguments += [current, current, id]
            case .newest(let startsAt, let id):
                throw SearchParameterError(.after, value: SearchCursor.newest(startsAt: startsAt, id: id).description, expected: .cursor)
            }
            sql = "SELECT id, r FROM (\(sql))\(keyset) ORDER BY r, id DESC LIMIT \(limit)"
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return (rows.map { $0[0] }, rows.map { .ranked(rank: $0[1], id: $0[0]) })
        }
        var (sql, arguments) = plan.fromMeetings(columns: "m.id, m.starts_at")
        switch cursor {
        case nil: break
        case .newest(let startsAt, let id):
            sql += " AND (COALESCE(m.starts_at, ''), m.id) < (?, ?)"
            arguments += [startsAt ?? "", id]
        case .ranked(let rank, let id):
            throw SearchParameterError(.after, value: SearchCursor.ranked(rank: rank, id: id).description, expected: .cursor)
        }
        sql += " ORDER BY COALESCE(m.starts_at, '') DESC, m.id DESC LIMIT \(limit)"
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        return (rows.map { $0[0] }, rows.map { .newest(startsAt: $0[1], id: $0[0]) })
    }

    /// The latest matching meetings, at most one more than `SearchFacet.sampleLimit`:
    /// by id from the index, by start from the meetings when there is nothing to match.
    private func sampleIds(_ plan: SearchPlan) throws -> [Int64] {
        let limit = SearchFacet.sampleLimit + 1
        if plan.match != nil {
            let (sql, arguments) = plan.fromIndex(columns: "meeting_search.rowid")
            return try Int64.fetchAll(db, sql: sql + " ORDER BY meeting_search.rowid DESC LIMIT \(limit)", arguments: arguments)
        }
        let (sql, arguments) = plan.fromMeetings(columns: "m.id")
        return try Int64.fetchAll(db, sql: sql + " ORDER BY COALESCE(m.starts_at, '') DESC, m.id DESC LIMIT \(limit)", arguments: arguments)
    }

    /// How many meetings match, counted up to one more than `MeetingSearchResult.countLimit`.
    private func count(_ plan: SearchPlan) throws -> Int {
        let (sql, arguments) = plan.match != nil ? plan.fromIndex(columns: "1") : plan.fromMeetings(columns: "1")
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql) LIMIT \(MeetingSearchResult.countLimit + 1))",
                                arguments: arguments) ?? 0
    }

    private func facet(_ parameter: MeetingSearch.Parameter, over sample: [Int64], selected: String?) throws -> SearchFacet {
        let ids = sample.prefix(SearchFacet.sampleLimit).map(String.init).joined(separator: ",")
        let isSampled = sample.count > SearchFacet.sampleLimit
        guard !ids.isEmpty, let select = Self.facetSQL[parameter] else {
            return SearchFacet(parameter: parameter, values: [], isSampled: isSampled)
        }
        let sql = select.replacingOccurrences(of: "$IDS", with: ids) + " LIMIT \(SearchFacet.valueLimit)"
        let values = try Row.fetchAll(db, sql: sql).map { row in
            let value: String = switch (row[0] as DatabaseValue).storage {
            case .int64(let id): String(id)
            case .string(let name): name
            default: ""
            }
            return SearchFacet.Value(value: value, name: row[1], count: row[2], isSelected: value == selected)
        }
        return SearchFacet(parameter: parameter, values: values, isSampled: isSampled)
    }

    /// Each facet's counting query over the meetings `$IDS`: value, name (or NULL), count.
    private static let facetSQL: [MeetingSearch.Parameter: String] = [
        .direction: "SELECT direction, NULL, COUNT(*) AS n FROM meeting WHERE id IN ($IDS) AND direction IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1",
        .format: "SELECT format, NULL, COUNT(*) AS n FROM meeting WHERE id IN ($IDS) AND format IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1",
        .kind: """
            SELECT o.kind, NULL, COUNT(DISTINCT c.meeting_id) AS n FROM meeting_counterpart c
            JOIN organisation o ON o.id IN (c.organisation_id, c.on_behalf_of_id) WHERE c.meeting_id IN ($IDS) GROUP BY 1 ORDER BY n DESC, 1
            """,
        .official: """
            SELECT o.id, o.name, COUNT(DISTINCT p.meeting_id) AS n FROM meeting_participant p JOIN official o ON o.id = p.official_id
            WHERE p.meeting_id IN ($IDS) GROUP BY o.id ORDER BY n DESC, o.name, o.id
            """,
        .unit: """
            SELECT u.id, u.name, COUNT(DISTINCT p.meeting_id) AS n FROM meeting_participant p JOIN official o ON o.id = p.official_id
            JOIN unit u ON u.id = o.unit_id WHERE p.meeting_id IN ($IDS) GROUP BY u.id ORDER BY n DESC, u.name, u.id
            """,
        .organisation: """
            SELECT o.id, o.name, COUNT(DISTINCT c.meeting_id) AS n FROM meeting_counterpart c
            JOIN organisation o ON o.id IN (c.organisation_id, c.on_behalf_of_id) WHERE c.meeting_id IN ($IDS) GROUP BY o.id ORDER BY n DESC, o.name, o.id
            """,
        .issue: """
            SELECT i.id, i.title, COUNT(DISTINCT mi.meeting_id) AS n FROM meeting_issue mi JOIN issue i ON i.id = mi.issue_id
            WHERE mi.meeting_id IN ($IDS) GROUP BY i.id ORDER BY n DESC, i.title, i.id
            """,
    ]

    /// The snippet of each of `ids` for the search's words (the filter tags play no part in it).
    private func snippets(words: String, ids: [Int64]) throws -> [Int64: SearchSnippet] {
        guard !ids.isEmpty else { return [:] }
        // Marks no stored text holds: a fresh random token on each side of a match.
        let token = UUID().uuidString
        let open = "\u{E000}\(token)\u{E001}", close = "\u{E000}\(token)\u{E002}"
        let rows = try Row.fetchAll(db, sql: """
            SELECT rowid, snippet(meeting_search, -1, ?, ?, '…', 24) FROM meeting_search
            WHERE meeting_search MATCH ? AND rowid IN (\(ids.map(String.init).joined(separator: ",")))
            """, arguments: [open, close, words])
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (row[0] as Int64, SearchSnippet(marked: row[1], open: open, close: close))
        })
    }
}

/// The SQL a search runs: its words and filter tags as one FTS5 query, and its date range.
struct SearchPlan {
    /// The words as an FTS5 query, nil when the search has none.
    var words: String?
    var tags: [String]
    /// The start's bounds as stored timestamps: from (inclusive) and to (exclusive).
    var dates: (from: String, to: String?)?

    /// Lower is better, as FTS5's bm25 goes: the subject and names weigh most, the filter tags nothing.
    static let rank = "bm25(meeting_search, 4.0, 1.0, 1.0, 3.0, 2.0, 3.0, 0.0)"

    init(_ search: MeetingSearch, timeZone: TimeZone) {
        words = search.text.flatMap(SearchIndex.query)
        var tags: [String] = []
        if let official = search.official { tags.append(SearchTag.official(official)) }
        if let organisation = search.organisation { tags.append(SearchTag.organisation(organisation)) }
        if let issue = search.issue { tags.append(SearchTag.issue(issue)) }
        if let unit = search.unit { tags.append(SearchTag.unit(unit)) }
        if let direction = search.direction { tags.append(SearchTag.direction(direction)) }
        if let format = search.format { tags.append(SearchTag.format(format)) }
        if let kind = search.kind { tags.append(SearchTag.kind(kind)) }
        self.tags = tags
        func midnight(_ day: Day) -> String {
            Timestamp.format(Timestamp.parse("\(day)T00:00", timeZone: timeZone) ?? .distantPast)
        }
        if search.from != nil || search.to != nil {
            // "0" sorts after the empty string a withheld start is ordered as, before every timestamp.
            dates = (search.from.map(midnight) ?? "0", search.to.map { midnight($0.next) })
        }
    }

    /// The whole FTS5 query: the words and every tag.
    var match: String? {
        let parts = [words, SearchIndex.query(tags: tags)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// A SELECT of `columns` from the index rows that match (with the meeting `m` joined for a date range).
    func fromIndex(columns: String) -> (String, StatementArguments) {
        var sql = "SELECT \(columns) FROM meeting_search"
        var arguments: StatementArguments = [match]
        if let dates {
            sql += " CROSS JOIN meeting m ON m.id = meeting_search.rowid WHERE meeting_search MATCH ?"
            appendDates(dates, to: &sql, &arguments)
        } else {
            sql += " WHERE meeting_search MATCH ?"
        }
        return (sql, arguments)
    }

    /// A SELECT of `columns` from the published meetings `m` that match.
    func fromMeetings(columns: String) -> (String, StatementArguments) {
        var sql = "SELECT \(columns) FROM meeting m WHERE m.status = 'published'"
        var arguments = StatementArguments()
        if let match {
            sql += " AND m.id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH ?)"
            arguments += [match]
        }
        if let dates { appendDates(dates, to: &sql, &arguments) }
        return (sql, arguments)
    }

    private func appendDates(_ dates: (from: String, to: String?), to sql: inout String, _ arguments: inout StatementArguments) {
        sql += " AND COALESCE(m.starts_at, '') >= ?"
        arguments += [dates.from]
        if let to = dates.to {
            sql += " AND COALESCE(m.starts_at, '') < ?"
            arguments += [to]
        }
    }
}

extension Day {
    /// The day after this one.
    var next: Day {
        let (year, month, day) = Day.civil(fromDays: Day.days(year: year, month: month, day: day) + 1)
        return Day(year: Int(year), month: month, day: day)!
    }
}
