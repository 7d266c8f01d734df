import Foundation
import GRDB

extension RegisterSnapshot {
    /// One page of the published meetings that `search` finds: ranked by bm25 when it
    /// has words, newest start first otherwise; with a snippet per meeting, the
    /// counts of each filter's values and the next page's cursor. Throws a
    /// `SearchParameterError` when a filter names no catalogue record or the cursor
    /// belongs to another order.
    public func search(_ search: MeetingSearch) throws -> MeetingSearchResult {
        try self.search(search, firstChunk: 2_048)
    }

    /// `search(_:)`, its walk down the index rows (see `walkChecking`) reading `firstChunk` rows first.
    func search(_ search: MeetingSearch, firstChunk: Int) throws -> MeetingSearchResult {
        let names = try catalogueNames(search)
        let timeZone = try settings().timeZone
        let plan = try SearchPlan(search, timeZone: timeZone, in: db)
        if let cursor = search.after, cursor.isRanked != (plan.words != nil) {
            throw SearchParameterError(.after, value: cursor.description, expected: .cursor)
        }
        // The latest matches, as many as are counted: the total, the facets' sample, the first block to rank.
        let walk = try walkChecking(plan, limit: MeetingSearchResult.countLimit + 1, firstChunk: firstChunk)
        let matching = try walk?.matching.ids ?? latestIds(plan, limit: MeetingSearchResult.countLimit + 1)
        let page = plan.words != nil ? try rankedPage(plan, after: search.after, latest: matching)
            : try newestPage(plan, after: search.after, latest: matching)
        let meetings = try PublicMeetingReader.fetch(ids: page.ids, in: db)
        let snippets = try plan.words.map { try self.snippets(words: $0, seeking: plan.isExact, ids: meetings.map(\.id)) } ?? [:]

        // The facets of the filters not set count the latest matches; a set filter's, those of the search without it.
        func tally(_ sample: TaggedIds?, ids: [Int64]) throws -> SearchFacetTally {
            if let sample { return SearchFacetTally(tags: sample.tags.prefix(SearchFacet.sampleLimit)) }
            return try SearchFacetTally(ids: ids.prefix(SearchFacet.sampleLimit), in: db)
        }
        let latest = try tally(walk?.matching, ids: matching)
        let facets = try SearchFacet.parameters.map { parameter in
            guard search.value(of: parameter) != nil else {
                return try latest.facet(parameter, selected: nil, isSampled: matching.count > SearchFacet.sampleLimit, in: db)
            }
            let walked = walk?.without[parameter]
            let sample = try walked?.ids ?? latestIds(SearchPlan(search.removing(parameter), timeZone: timeZone, in: db),
                                                      limit: SearchFacet.sampleLimit + 1)
            return try tally(walked, ids: sample)
                .facet(parameter, selected: search.value(of: parameter), isSampled: sample.count > SearchFacet.sampleLimit, in: db)
        }
        return MeetingSearchResult(
            meetings: meetings.map { FoundMeeting(meeting: $0, snippet: snippets[$0.id]) },
            total: min(matching.count, MeetingSearchResult.countLimit),
            totalIsAtLeast: matching.count > MeetingSearchResult.countLimit,
            facets: facets, next: page.next, names: names)
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

    /// The ids of the latest matches, at most `limit`: by id from the index (the most
    /// recently recorded first), by start from the meetings when there is nothing to match.
    private func latestIds(_ plan: SearchPlan, limit: Int) throws -> [Int64] {
        if plan.match != nil {
            let (sql, arguments) = plan.fromIndex(columns: "meeting_search.rowid")
            return try Int64.fetchAll(db, sql: sql + " ORDER BY meeting_search.rowid DESC LIMIT \(limit)", arguments: arguments)
        }
        let (sql, arguments) = plan.fromMeetings(columns: "m.id")
        return try Int64.fetchAll(db, sql: sql + " ORDER BY COALESCE(m.starts_at, '') DESC, m.id DESC LIMIT \(limit)", arguments: arguments)
    }

    /// The latest matches (at most `limit`) of a plan that checks tags on the rows
    /// (`SearchPlan.checked`), and for each checked filter the latest
    /// `SearchFacet.sampleLimit + 1` matches of the search without it, with their
    /// stored tags: all from one walk down the rows its index query finds, which
    /// stops when each list is full. Nil when the plan checks no tags. The rows are
    /// read from the index in chunks, latest first, and their tags by id after each
    /// chunk: joining the stored rows to the index query cost twice as much.
    private func walkChecking(_ plan: SearchPlan, limit: Int, firstChunk: Int) throws -> (matching: TaggedIds, without: [MeetingSearch.Parameter: TaggedIds])? {
        guard !plan.checked.isEmpty else { return nil }
        let sampleLimit = SearchFacet.sampleLimit + 1
        var matching = TaggedIds(), without: [MeetingSearch.Parameter: TaggedIds] = [:]
        for (parameter, _) in plan.checked { without[parameter] = TaggedIds() }
        let (sql, arguments) = plan.fromIndex(columns: "meeting_search.rowid", checking: false)
        var below: Int64?, chunk = firstChunk
        walk: while true {
            var (chunkSQL, chunkArguments) = (sql, arguments)
            if let below {
                chunkSQL += " AND meeting_search.rowid < ?"
                chunkArguments += [below]
            }
            let ids = try Int64.fetchAll(db, sql: chunkSQL + " ORDER BY meeting_search.rowid DESC LIMIT \(chunk)", arguments: chunkArguments)
            guard let last = ids.last else { break }
            let stored = try SearchIndex.storedTags(ids, in: db)
            for id in ids {
                let tags = stored[id] ?? ""
                let missing = plan.checked.filter { !SearchTag.holds(tags, $0.tag) }
                if missing.isEmpty, matching.ids.count < limit { matching.append(id, tags) }
                for (parameter, _) in plan.checked where missing.isEmpty || (missing.count == 1 && missing[0].parameter == parameter) {
                    if without[parameter]!.ids.count < sampleLimit { without[parameter]!.append(id, tags) }
                }
                if matching.ids.count >= limit, without.values.allSatisfy({ $0.ids.count >= sampleLimit }) { break walk }
            }
            if ids.count < chunk { break }
            (below, chunk) = (last, min(chunk * 2, 16_384))
        }
        return (matching, without)
    }

    /// A page of ranked results: the block the cursor is in (or the first), ranked by
    /// bm25, after the cursor's meeting as it ranks now (adding meetings changes every score).
    private func rankedPage(_ plan: SearchPlan, after cursor: SearchCursor?, latest: [Int64]) throws -> SearchPage {
        var ceiling: Int64?, floor: Int64?, after: (rank: Double, id: Int64)?
        switch cursor {
        case .ranked(let rank, let id, let blockFloor, let blockCeiling): (ceiling, floor, after) = (blockCeiling, blockFloor, (rank, id))
        case .block(let blockCeiling): ceiling = blockCeiling
        case .newest, nil: break
        }
        let block: [Int64]
        if let floor {
            var (sql, arguments) = plan.fromIndex(columns: "meeting_search.rowid")
            sql += " AND meeting_search.rowid >= ?"
            arguments += [floor]
            if let ceiling {
                sql += " AND meeting_search.rowid < ?"
                arguments += [ceiling]
            }
            block = try Int64.fetchAll(db, sql: sql, arguments: arguments)
        } else if let ceiling {
            var (sql, arguments) = plan.fromIndex(columns: "meeting_search.rowid")
            sql += " AND meeting_search.rowid < ? ORDER BY meeting_search.rowid DESC LIMIT \(MeetingSearch.rankedBlock)"
            arguments += [ceiling]
            block = try Int64.fetchAll(db, sql: sql, arguments: arguments)
        } else {
            block = Array(latest.prefix(MeetingSearch.rankedBlock))
        }
        let blockFloor = floor ?? (block.count == MeetingSearch.rankedBlock ? block.last ?? 0 : 0)
        guard !block.isEmpty, let match = plan.rankMatch else { return SearchPage(ids: [], next: nil) }

        let (rank, rankArguments) = try plan.rank(in: db)
        var sql = """
            SELECT rowid, \(rank) FROM meeting_search WHERE meeting_search MATCH ? AND rowid >= ?
            AND +rowid IN (\(block.map(String.init).joined(separator: ",")))
            """
        var arguments = rankArguments + [match, blockFloor]
        if let ceiling {
            sql += " AND rowid < ?"
            arguments += [ceiling]
        }
        var ranked = try Row.fetchAll(db, sql: sql, arguments: arguments).map { (id: $0[0] as Int64, rank: $0[1] as Double) }
        ranked.sort { ($0.rank, $1.id) < ($1.rank, $0.id) }
        if let after {
            let rank = ranked.first { $0.id == after.id }?.rank ?? after.rank
            ranked.removeAll { ($0.rank, after.id) <= (rank, $0.id) }
        }
        let shown = ranked.prefix(MeetingSearch.pageSize)
        var next: SearchCursor?
        if ranked.count > MeetingSearch.pageSize, let last = shown.last {
            next = .ranked(rank: last.rank, id: last.id, floor: blockFloor, ceiling: ceiling)
        } else if blockFloor > 0 {
            var (below, arguments) = plan.fromIndex(columns: "1")
            below += " AND meeting_search.rowid < ? LIMIT 1"
            arguments += [blockFloor]
            if try Bool.fetchOne(db, sql: below, arguments: arguments) == true { next = .block(ceiling: blockFloor) }
        }
        return SearchPage(ids: shown.map(\.id), next: next)
    }

    /// A page of results without words, newest start first. When the matches are few
    /// enough to have been read whole, they are sorted; otherwise the meetings are
    /// read in order and each is checked against the index.
    private func newestPage(_ plan: SearchPlan, after cursor: SearchCursor?, latest: [Int64]) throws -> SearchPage {
        var sql: String, arguments: StatementArguments
        if plan.match != nil {
            if latest.count <= MeetingSearchResult.countLimit {
                sql = "SELECT m.id, m.starts_at FROM meeting m WHERE m.id IN (\(latest.map(String.init).joined(separator: ",")))"
                arguments = []
            } else {
                (sql, arguments) = plan.fromMeetings(columns: "m.id, m.starts_at", checkingEach: true)
            }
        } else {
            (sql, arguments) = plan.fromMeetings(columns: "m.id, m.starts_at")
        }
        if case .newest(let startsAt, let id) = cursor {
            sql += " AND (COALESCE(m.starts_at, ''), m.id) < (?, ?)"
            arguments += [startsAt ?? "", id]
        }
        sql += " ORDER BY COALESCE(m.starts_at, '') DESC, m.id DESC LIMIT \(MeetingSearch.pageSize + 1)"
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let shown = rows.prefix(MeetingSearch.pageSize)
        let next: SearchCursor? = rows.count > MeetingSearch.pageSize ? shown.last.map { .newest(startsAt: $0[1], id: $0[0]) } : nil
        return SearchPage(ids: shown.map { $0[0] }, next: next)
    }

    /// The snippet of each of `ids` for the search's words (the filter tags play no
    /// part in it). `seeking` when every word is searched as one token.
    func snippets(words: String, seeking: Bool, ids: [Int64]) throws -> [Int64: SearchSnippet] {
        guard !ids.isEmpty else { return [:] }
        // Marks no stored text holds: a fresh random token on each side of a match.
        let token = UUID().uuidString
        let open = "\u{E000}\(token)\u{E001}", close = "\u{E000}\(token)\u{E002}"
        let list = ids.map(String.init).joined(separator: ",")
        // An IN on the rowid runs the query once per id: tokens' doclists seek to it, but
        // a prefix's is built anew each time, so then a range the index can seek to, and
        // the ids as a filter after it (which steps through every match in the range).
        let rows = try Row.fetchAll(db, sql: seeking ? """
            SELECT rowid, snippet(meeting_search, -1, ?, ?, '…', 24) FROM meeting_search
            WHERE meeting_search MATCH ? AND rowid IN (\(list))
            """ : """
            SELECT rowid, snippet(meeting_search, -1, ?, ?, '…', 24) FROM meeting_search
            WHERE meeting_search MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (\(list))
            """, arguments: seeking ? [open, close, words] : [open, close, words, ids.min(), ids.max()])
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (row[0] as Int64, SearchSnippet(marked: row[1], open: open, close: close))
        })
    }
}

/// Meeting ids, the latest first, with the tags the index stores for each.
struct TaggedIds {
    var ids: [Int64] = []
    var tags: [String] = []

    mutating func append(_ id: Int64, _ tags: String) {
        ids.append(id)
        self.tags.append(tags)
    }
}

/// One page's meetings and the cursor of the next page.
struct SearchPage {
    var ids: [Int64]
    var next: SearchCursor?
}

/// The SQL a search runs: its words and filter tags as one FTS5 query, and its date range.
struct SearchPlan {
    /// The words as an FTS5 query, nil when the search has none.
    var words: String?
    /// The phrases of `words`, one per word.
    var phrases: [String]
    var tags: [String]
    /// The tags of filters with many values (an official, organisation or issue), few meetings each.
    var selectiveTags: [String]
    /// The start's bounds as stored timestamps: from (inclusive) and to (exclusive).
    var dates: (from: String, to: String?)?

    /// Lower is better, as FTS5's bm25 goes: the subject and names weigh most, the filter tags nothing.
    static let rank = "bm25(meeting_search, 4.0, 1.0, 1.0, 3.0, 2.0, 3.0, 0.0)"

    /// `rank` as `SearchRank` computes it for `rankMatch`, given the rows that hold
    /// each of its phrases that is one token (the others are counted as bm25 counts them).
    func rank(in db: Database) throws -> (String, StatementArguments) {
        var counts = StatementArguments()
        for phrase in phrases {
            let token = phrase.hasSuffix("*") ? nil : String(phrase.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            _ = counts.append(contentsOf: [try token.flatMap { try SearchTerms.rows(holding: $0, in: db) }])
        }
        for tag in selectiveTags { _ = counts.append(contentsOf: [try SearchTerms.rows(holding: tag, in: db)]) }
        let placeholders = Array(repeating: "?", count: phrases.count + selectiveTags.count).joined(separator: ", ")
        return ("\(SearchRank.name)(meeting_search, 4.0, 1.0, 1.0, 3.0, 2.0, 3.0, 0.0, \(placeholders))", counts)
    }

    init(_ search: MeetingSearch, timeZone: TimeZone, in db: Database) throws {
        phrases = try search.text.map { try SearchIndex.phrases($0, in: db) } ?? []
        words = phrases.isEmpty ? nil : phrases.joined(separator: " AND ")
        var tags: [String] = []
        if let official = search.official { tags.append(SearchTag.official(official)) }
        if let organisation = search.organisation { tags.append(SearchTag.organisation(organisation)) }
        if let issue = search.issue { tags.append(SearchTag.issue(issue)) }
        if let unit = search.unit { tags.append(SearchTag.unit(unit)) }
        if let direction = search.direction { tags.append(SearchTag.direction(direction)) }
        if let format = search.format { tags.append(SearchTag.format(format)) }
        if let kind = search.kind { tags.append(SearchTag.kind(kind)) }
        self.tags = tags
        selectiveTags = [search.official.map(SearchTag.official), search.organisation.map(SearchTag.organisation),
                         search.issue.map(SearchTag.issue)].compactMap { $0 }
        let few: [(MeetingSearch.Parameter, String?)] = [(.direction, search.direction.map(SearchTag.direction)),
                                                         (.format, search.format.map(SearchTag.format)), (.kind, search.kind.map(SearchTag.kind))]
        // Without words a selective tag's rows are too many to check each (issue 1 and inbound: 73 ms, against FTS5's 10).
        checked = selectiveTags.isEmpty || words == nil ? [] : few.compactMap { parameter, tag in tag.map { (parameter, $0) } }
        func midnight(_ day: Day) -> String {
            Timestamp.format(Timestamp.parse("\(day)T00:00", timeZone: timeZone) ?? .distantPast)
        }
        if search.from != nil || search.to != nil {
            // "0" sorts after the empty string a withheld start is ordered as, before every timestamp.
            dates = (search.from.map(midnight) ?? "0", search.to.map { midnight($0.next) })
        }
    }

    /// Whether every word is searched as one token (none as a prefix).
    var isExact: Bool {
        !phrases.contains { $0.hasSuffix("*") }
    }

    /// The whole FTS5 query: the words and every tag.
    var match: String? {
        let parts = [words, SearchIndex.query(tags: tags)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// The query a block of matches is ranked with: the words and the selective tags.
    /// (bm25 reads every phrase's whole doclist, and a tag such as a direction is in
    /// most meetings; the block's ids filter on the rest.)
    var rankMatch: String? {
        words.map { ([$0] + selectiveTags).joined(separator: " AND ") }
    }

    /// The filters with few values (a direction, format or kind), each in a large
    /// share of the meetings, when the words and a selective tag (see `selectiveTags`)
    /// narrow the search too: then their tags are checked on each row the rest finds, in
    /// the index's stored tags, since FTS5 would step through most of their long
    /// doclists to intersect them (about 11 ms for `_dinbound` with an issue's 12,600 meetings).
    var checked: [(parameter: MeetingSearch.Parameter, tag: String)]

    var checkedTags: [String] { checked.map(\.tag) }

    /// The FTS5 query that `fromIndex` matches: `match` without the `checkedTags`.
    var indexMatch: String? {
        let checked = checkedTags
        let parts = [words, SearchIndex.query(tags: tags.filter { !checked.contains($0) })].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// A SELECT of `columns` from the index rows that match (with the meeting `m`
    /// joined for a date range, and the stored row `c` for the `checkedTags`).
    /// `checking: false` leaves the checks to the caller, who reads the stored tags.
    func fromIndex(columns: String, checking: Bool = true) -> (String, StatementArguments) {
        let checked = checkedTags
        var sql = "SELECT \(columns) FROM meeting_search"
        var arguments: StatementArguments = [checked.isEmpty ? match : indexMatch]
        if !checked.isEmpty, checking {
            sql += " CROSS JOIN \(SearchIndex.contentTable) c ON c.id = meeting_search.rowid"
        }
        if dates != nil {
            sql += " CROSS JOIN meeting m ON m.id = meeting_search.rowid"
        }
        sql += " WHERE meeting_search MATCH ?"
        for tag in checked where checking {
            // Without the "_": a register indexed before "_" was a token character stores its tags without it.
            sql += " AND instr(' ' || replace(c.c6, '_', '') || ' ', ?) > 0"
            arguments += [" \(tag.dropFirst()) "]
        }
        if let dates { appendDates(dates, to: &sql, &arguments) }
        return (sql, arguments)
    }

    /// A SELECT of `columns` from the published meetings `m` that match: with the
    /// matching ids read first, or (`checkingEach`) each meeting looked up in the index.
    func fromMeetings(columns: String, checkingEach: Bool = false) -> (String, StatementArguments) {
        var sql = "SELECT \(columns) FROM meeting m WHERE m.status = 'published'"
        var arguments = StatementArguments()
        if let match {
            sql += checkingEach ? " AND EXISTS (SELECT 1 FROM meeting_search WHERE meeting_search MATCH ? AND rowid = m.id)"
                : " AND m.id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH ?)"
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
