import GRDB

/// The reads of the issue, official, organisation and unit pages. They read only the
/// public tables, and count and list only published meetings: a withdrawn meeting's
/// tombstone names no one, and a draft is not in these tables at all.
extension RegisterSnapshot {
    public func issue(_ id: Int64) throws -> PublicIssue? {
        try PublicCatalogueReader.issues(db, ("id = ?", [id])).first
    }

    public func official(_ id: Int64) throws -> PublicOfficial? {
        try PublicCatalogueReader.officials(db, ("id = ?", [id])).first
    }

    public func organisation(_ id: Int64) throws -> PublicOrganisation? {
        try PublicCatalogueReader.organisations(db, ("id = ?", [id])).first
    }

    public func unit(_ id: Int64) throws -> PublicUnit? {
        try PublicCatalogueReader.units(db, ("id = ?", [id])).first
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
        try PublicCatalogueReader.officials(db, ("unit_id = ?", [unit]))
    }

    public func issues(ofUnit unit: Int64) throws -> [PublicIssue] {
        try PublicCatalogueReader.issues(db, ("unit_id = ?", [unit]))
    }

    /// How many published meetings the subject has.
    public func publishedMeetingCount(_ subject: MeetingSubject) throws -> Int {
        let ids = subject.meetingIds
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meeting m WHERE m.status = 'published' AND m.id IN (\(ids.sql))",
                                arguments: ids.arguments) ?? 0
    }

    /// The published meetings of the subject, latest start first (a withheld start
    /// last), skipping the first `offset` and at most `limit`.
    public func publishedMeetings(_ subject: MeetingSubject, offset: Int = 0, limit: Int) throws -> [PublicMeeting] {
        let ids = subject.meetingIds
        var arguments = ids.arguments
        _ = arguments.append(contentsOf: [max(0, limit), max(0, offset)])
        let page = try Int64.fetchAll(db, sql: """
            SELECT m.id FROM meeting m WHERE m.status = 'published' AND m.id IN (\(ids.sql))
            ORDER BY m.starts_at DESC, m.id DESC LIMIT ? OFFSET ?
            """, arguments: arguments)
        return try PublicMeetingReader.fetch(ids: page, in: db)
    }

    /// The organisations that met the body on the subject, as counterparts and as
    /// clients represented by others, by number of published meetings; at most `limit` entries.
    public func footprint(_ subject: MeetingSubject, limit: Int? = nil) throws -> Footprint {
        let ids = subject.meetingIds
        let meetings = "SELECT m.id, m.direction FROM meeting m WHERE m.status = 'published' AND m.id IN (\(ids.sql))"
        let counts = """
            COUNT(DISTINCT s.id), COUNT(DISTINCT CASE s.direction WHEN 'inbound' THEN s.id END),
            COUNT(DISTINCT CASE s.direction WHEN 'outbound' THEN s.id END)
            """
        var sql = """
            WITH s AS (\(meetings))
            SELECT c.organisation_id, 'counterpart', \(counts) FROM s JOIN meeting_counterpart c ON c.meeting_id = s.id
            WHERE c.organisation_id IS NOT NULL GROUP BY c.organisation_id
            UNION ALL
            SELECT c.on_behalf_of_id, 'client', \(counts) FROM s JOIN meeting_counterpart c ON c.meeting_id = s.id
            WHERE c.on_behalf_of_id IS NOT NULL GROUP BY c.on_behalf_of_id
            ORDER BY 3 DESC, 1, 2 DESC
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        var entries = try Row.fetchAll(db, sql: sql, arguments: ids.arguments).map { row in
            FootprintEntry(organisation: row[0], role: FootprintEntry.Role(rawValue: row[1]) ?? .counterpart,
                           meetings: row[2], inbound: row[3], outbound: row[4])
        }
        let clients = entries.filter { $0.role == .client }.map(\.organisation)
        if !clients.isEmpty {
            var representatives: [Int64: [Int64]] = [:]
            var representativeArguments = ids.arguments
            _ = representativeArguments.append(contentsOf: StatementArguments(clients))
            try Row.fetchCursor(db, sql: """
                SELECT DISTINCT c.on_behalf_of_id, c.organisation_id FROM meeting_counterpart c JOIN meeting m ON m.id = c.meeting_id
                WHERE m.status = 'published' AND m.id IN (\(ids.sql)) AND c.organisation_id IS NOT NULL
                AND c.on_behalf_of_id IN (\(clients.map { _ in "?" }.joined(separator: ",")))
                ORDER BY c.on_behalf_of_id, c.organisation_id
                """, arguments: representativeArguments).forEach { row in
                representatives[row[0], default: []].append(row[1])
            }
            for index in entries.indices where entries[index].role == .client {
                entries[index].representedBy = representatives[entries[index].organisation] ?? []
            }
        }
        let withheld = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM meeting m WHERE m.status = 'published' AND m.counterparts_disclosed = 0 AND m.id IN (\(ids.sql))",
            arguments: ids.arguments) ?? 0
        return Footprint(entries: entries, meetingsWithWithheldCounterparts: withheld)
    }

    /// The issues the subject's published meetings discussed, most meetings first (ties by id).
    public func issueCounts(_ subject: MeetingSubject) throws -> [IssueCount] {
        let ids = subject.meetingIds
        return try Row.fetchAll(db, sql: """
            SELECT i.issue_id, COUNT(DISTINCT m.id), COUNT(DISTINCT CASE m.direction WHEN 'inbound' THEN m.id END),
                   COUNT(DISTINCT CASE m.direction WHEN 'outbound' THEN m.id END)
            FROM meeting m JOIN meeting_issue i ON i.meeting_id = m.id
            WHERE m.status = 'published' AND m.id IN (\(ids.sql))
            GROUP BY i.issue_id ORDER BY 2 DESC, 1
            """, arguments: ids.arguments).map { row in
            IssueCount(issue: row[0], meetings: row[1], inbound: row[2], outbound: row[3])
        }
    }

    private static func idCondition(_ ids: some Collection<Int64>) -> PublicCatalogueReader.Condition {
        ("id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", StatementArguments(Array(ids)))
    }
}
