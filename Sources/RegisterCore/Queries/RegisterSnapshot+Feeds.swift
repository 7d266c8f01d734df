import Foundation
import GRDB

/// One public meeting change as the feeds see it: its number among the public
/// meeting changes (1, 2, 3… in ledger order) and the meeting as it stood after it.
public struct FeedChange: Sendable, Equatable {
    public var ordinal: Int64
    public var sequence: Int64
    public var meeting: PublicMeeting
}

/// The public catalogue as it stood after one change of the ledger.
public struct PublicCatalogueRecords: Sendable, Equatable {
    public var units: [PublicUnit] = []
    public var officials: [PublicOfficial] = []
    public var organisations: [PublicOrganisation] = []
    public var issues: [PublicIssue] = []

    public init(units: [PublicUnit] = [], officials: [PublicOfficial] = [], organisations: [PublicOrganisation] = [],
                issues: [PublicIssue] = []) {
        self.units = units
        self.officials = officials
        self.organisations = organisations
        self.issues = issues
    }
}

extension RegisterSnapshot {
    /// How many public meeting changes the ledger holds: the number of the newest.
    public func feedChangeCount() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(ordinal) FROM feed_change")) ?? 0
    }

    /// The public meeting changes numbered `ordinals`, in ledger order, each with the
    /// meeting as of that change (read from the ledger, so an old version stays as it was).
    public func feedChanges(_ ordinals: ClosedRange<Int64>) throws -> [FeedChange] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Register.publicChangeColumns) FROM change
            WHERE seq IN (SELECT seq FROM feed_change WHERE ordinal BETWEEN ? AND ?) ORDER BY seq
            """, arguments: [ordinals.lowerBound, ordinals.upperBound])
        return try rows.enumerated().compactMap { index, row in
            guard case .meeting(let meeting) = try Register.publicChange(row).record else { return nil }
            return FeedChange(ordinal: ordinals.lowerBound + Int64(index), sequence: row["seq"], meeting: meeting)
        }
    }

    /// The time of the register's first change, or nil while the ledger is empty.
    public func firstChangeTime() throws -> Date? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT at FROM change ORDER BY seq LIMIT 1")).flatMap { Timestamp.parse($0) }
    }

    /// The time of the change that added a catalogue record (`entity` is "issue",
    /// "official", "organisation" or "unit"), or nil if there is no such record.
    public func additionTime(entity: String, id: Int64) throws -> Date? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT at FROM change WHERE entity = ? AND entity_id = ? ORDER BY seq LIMIT 1"),
                            arguments: [entity, id]).flatMap { Timestamp.parse($0) }
    }

    /// The officials, organisations and issues that `meetings` name, each at its latest
    /// change up to change `sequence`, read from the ledger.
    public func publicCatalogue(asOf sequence: Int64, namedBy meetings: [PublicMeeting]) throws -> PublicCatalogueRecords {
        var wanted: [(entity: String, id: Int64)] = []
        wanted += Set(meetings.flatMap { $0.participants ?? [] }).sorted().map { ("official", $0) }
        wanted += Set(meetings.flatMap { ($0.counterparts ?? []).flatMap { [$0.organisation, $0.onBehalfOf].compactMap { $0 } } })
            .sorted().map { ("organisation", $0) }
        wanted += Set(meetings.flatMap { $0.issues ?? [] }).sorted().map { ("issue", $0) }
        var records = PublicCatalogueRecords()
        for (entity, id) in wanted {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(Register.publicChangeColumns) FROM change
                WHERE entity = ? AND entity_id = ? AND seq <= ? AND public = 1 ORDER BY seq DESC LIMIT 1
                """, arguments: [entity, id, sequence]) else { continue }
            switch try Register.publicChange(row).record {
            case .unit(let unit): records.units.append(unit)
            case .official(let official): records.officials.append(official)
            case .organisation(let organisation): records.organisations.append(organisation)
            case .issue(let issue): records.issues.append(issue)
            case .meeting: break
            }
        }
        return records
    }

    /// The published meetings of one issue, official or organisation (as counterpart
    /// or client) changed last, newest first, at most `limit`.
    public func latestPublishedMeetings(_ filter: MeetingFilter, limit: Int) throws -> [PublicMeeting] {
        var published = filter
        published.status = .published
        let (sql, arguments) = PublicMeetingReader.query(published)
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM (\(sql)) ORDER BY updated_at DESC, id DESC LIMIT \(limit)",
                                     arguments: arguments)
        return try PublicMeetingReader.fetch(ids: ids, in: db)
    }

    /// Each withdrawn meeting's tombstone with the meeting as it last stood in public
    /// before the withdrawal, so that a feed that carried it can carry its tombstone.
    public func withdrawnMeetings() throws -> [(tombstone: PublicMeeting, lastPublished: PublicMeeting)] {
        let tombstones = try PublicMeetingReader.fetch(
            ids: try Int64.fetchAll(db, sql: "SELECT id FROM meeting WHERE status = 'withdrawn' ORDER BY id"), in: db)
        return try tombstones.compactMap { tombstone in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Register.publicChangeColumns) FROM change WHERE entity = 'meeting' AND entity_id = ? AND public = 1 ORDER BY seq DESC
                """, arguments: [tombstone.id])
            for row in rows {
                if case .meeting(let meeting) = try Register.publicChange(row).record, meeting.status == .published {
                    return (tombstone, meeting)
                }
            }
            return nil
        }
    }
}

extension MeetingFilter {
    /// Whether a public meeting is of the official, organisation and issue this filter names.
    public func includes(_ meeting: PublicMeeting) -> Bool {
        if let official, !(meeting.participants?.contains(official) ?? false) { return false }
        if let organisation, !(meeting.counterparts?.contains { $0.organisation == organisation || $0.onBehalfOf == organisation } ?? false) {
            return false
        }
        if let issue, !(meeting.issues?.contains(issue) ?? false) { return false }
        return true
    }
}
