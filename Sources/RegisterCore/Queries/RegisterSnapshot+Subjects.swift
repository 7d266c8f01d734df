import GRDB

/// The reads of the issue, official, organisation and unit pages. They read only the
/// public tables, and count and list only published meetings (from the counts the
/// write path keeps, `MeetingTallies`): a withdrawn meeting's tombstone names no one,
/// and a draft is not in these tables at all.
extension RegisterSnapshot {
    public func issue(_ id: Int64) throws -> PublicIssue? {
        try PublicCatalogueReader.issues(db, .init(sql: "id = ?", arguments: [id])).first
    }

    public func official(_ id: Int64) throws -> PublicOfficial? {
        try PublicCatalogueReader.officials(db, .init(sql: "id = ?", arguments: [id])).first
    }

    public func organisation(_ id: Int64) throws -> PublicOrganisation? {
        try PublicCatalogueReader.organisations(db, .init(sql: "id = ?", arguments: [id])).first
    }

    public func unit(_ id: Int64) throws -> PublicUnit? {
        try PublicCatalogueReader.units(db, .init(sql: "id = ?", arguments: [id])).first
    }

    /// The organisations with these ids, in id order; unknown ids are skipped.
    public func organisations(ids: some Collection<Int64>) throws -> [PublicOrganisation] {
        guard !ids.isEmpty else { return [] }
        return try PublicCatalogueReader.organisations(db, Self.idCondition(ids))
    }

    public func officials(ids: some Collection<Int64>) throws -> [PublicOfficial] {
        guard !ids.isEmpty else { return [] }
        return try PublicCatalogueReader.officials(db, Self.idCondition(ids))
    }

    public func issues(ids: some Collection<Int64>) throws -> [PublicIssue] {
        guard !ids.isEmpty else { return [] }
        return try PublicCatalogueReader.issues(db, Self.idCondition(ids))
    }

    public func units(ids: some Collection<Int64>) throws -> [PublicUnit] {
        guard !ids.isEmpty else { return [] }
        return try PublicCatalogueReader.units(db, Self.idCondition(ids))
    }

    public func officials(ofUnit unit: Int64) throws -> [PublicOfficial] {
        try PublicCatalogueReader.officials(db, .init(sql: "unit_id = ?", arguments: [unit]))
    }

    public func issues(ofUnit unit: Int64) throws -> [PublicIssue] {
        try PublicCatalogueReader.issues(db, .init(sql: "unit_id = ?", arguments: [unit]))
    }

    /// How many published meetings the subject has.
    public func publishedMeetingCount(_ subject: MeetingSubject) throws -> Int {
        try tally(subject, facet: "all")?.meetings ?? 0
    }

    /// The published meetings of the subject, latest start first (a withheld start
    /// last), skipping the first `offset` and at most `limit`.
    public func publishedMeetings(_ subject: MeetingSubject, offset: Int = 0, limit: Int) throws -> [PublicMeeting] {
        try PublicMeetingReader.fetch(ids: publishedMeetingIds(subject, offset: offset, limit: limit), in: db)
    }

    /// The same meetings as a list shows them.
    public func listedMeetings(_ subject: MeetingSubject, offset: Int = 0, limit: Int) throws -> [ListedMeeting] {
        try ListedMeeting.fetch(ids: publishedMeetingIds(subject, offset: offset, limit: limit), in: db)
    }

    private func publishedMeetingIds(_ subject: MeetingSubject, offset: Int, limit: Int) throws -> [Int64] {
        let (name, id) = subject.tally
        return try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT meeting_id FROM subject_meeting WHERE subject = ? AND subject_id = ?
            ORDER BY starts_at DESC, meeting_id DESC LIMIT ? OFFSET ?
            """), arguments: [name, id, max(0, limit), max(0, offset)])
    }

    /// The organisations that met the body on an issue or with an official, as
    /// counterparts and as clients represented by others, by number of published
    /// meetings; at most `limit` entries. The counterparts and the clients are each read
    /// in that order from their index (`MeetingTallies.footprintIndexes`) and merged.
    public func footprint(_ subject: MeetingSubject, limit: Int? = nil) throws -> Footprint {
        let (name, id) = subject.tally
        let wanted = limit.map { max(0, $0) } ?? -1
        func ranked(_ role: FootprintEntry.Role) throws -> [FootprintEntry] {
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT item, meetings, inbound, outbound FROM tally
                WHERE subject = ? AND subject_id = ? AND facet = \(MeetingTallies.literal(role.rawValue)) AND meetings > 0
                ORDER BY meetings DESC, item LIMIT ?
                """), arguments: [name, id, wanted]).map { row in
                FootprintEntry(organisation: row[0], role: role, meetings: row[1], inbound: row[2], outbound: row[3])
            }
        }
        var entries = Self.merged(try ranked(.counterpart), try ranked(.client), limit: limit)
        let clients = entries.filter { $0.role == .client }.map(\.organisation)
        if !clients.isEmpty {
            var representatives: [Int64: [Int64]] = [:]
            try Row.fetchCursor(PublicMeetingReader.statement("""
                SELECT of_item, item FROM tally WHERE subject = ? AND subject_id = ? AND facet = 'represented' AND meetings > 0
                AND of_item IN (\(clients.map { _ in "?" }.joined(separator: ",")))
                ORDER BY of_item, item
                """, in: db, cached: clients.count <= PublicMeetingReader.cachedListLength), arguments: [name, id] + StatementArguments(clients)).forEach { row in
                representatives[row[0], default: []].append(row[1])
            }
            for index in entries.indices where entries[index].role == .client {
                entries[index].representedBy = representatives[entries[index].organisation] ?? []
            }
        }
        let withheld = try tally(subject, facet: "counterparts-withheld")?.meetings ?? 0
        return Footprint(entries: entries, meetingsWithWithheldCounterparts: withheld)
    }

    /// Two lists each by most meetings (ties by organisation id) as one in that order, a
    /// counterpart before a client of the same organisation and count; at most `limit`.
    static func merged(_ counterparts: [FootprintEntry], _ clients: [FootprintEntry], limit: Int?) -> [FootprintEntry] {
        let count = min(counterparts.count + clients.count, limit.map { max(0, $0) } ?? .max)
        var entries: [FootprintEntry] = []
        entries.reserveCapacity(count)
        var (next, nextClient) = (0, 0)
        while entries.count < count {
            let takeCounterpart: Bool
            if next == counterparts.count {
                takeCounterpart = false
            } else if nextClient == clients.count {
                takeCounterpart = true
            } else {
                let (counterpart, client) = (counterparts[next], clients[nextClient])
                takeCounterpart = counterpart.meetings != client.meetings ? counterpart.meetings > client.meetings
                    : counterpart.organisation <= client.organisation
            }
            if takeCounterpart {
                entries.append(counterparts[next])
                next += 1
            } else {
                entries.append(clients[nextClient])
                nextClient += 1
            }
        }
        return entries
    }

    /// The issues an organisation's published meetings (as counterpart or client)
    /// discussed, most meetings first (ties by id).
    public func issueCounts(organisation: Int64) throws -> [IssueCount] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT item, meetings, inbound, outbound FROM tally
            WHERE subject = 'organisation' AND subject_id = ? AND facet = 'issue' AND meetings > 0
            ORDER BY meetings DESC, item
            """), arguments: [organisation]).map { row in
            IssueCount(issue: row[0], meetings: row[1], inbound: row[2], outbound: row[3])
        }
    }

    /// One kept count of the subject's published meetings.
    func tally(_ subject: MeetingSubject, facet: String) throws -> (meetings: Int, inbound: Int, outbound: Int)? {
        let (name, id) = subject.tally
        return try Row.fetchOne(db.cachedStatement(sql: """
            SELECT meetings, inbound, outbound FROM tally WHERE subject = ? AND subject_id = ? AND facet = \(MeetingTallies.literal(facet)) AND item = 0 AND of_item = 0
            """), arguments: [name, id]).map { ($0[0], $0[1], $0[2]) }
    }

    private static func idCondition(_ ids: some Collection<Int64>) -> PublicCatalogueReader.Condition {
        .init(sql: "id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", arguments: StatementArguments(Array(ids)),
              isKept: ids.count <= PublicMeetingReader.cachedListLength)
    }
}
