import Foundation
import GRDB

/// The meetings an official (or an assistant, or the registrar) keeps track of on
/// the web: every draft, and the latest published, of the officials they act for.
/// Full records, so only for the principal who may change them.
public struct OfficialsMeetings: Sendable {
    /// Every draft, the earliest meeting first (the oldest is the most overdue).
    public var drafts: [StoredMeeting]
    /// The latest published, newest publication first.
    public var published: [StoredMeeting]
}

extension RegisterSnapshot {
    /// The drafts and the latest `publishedLimit` published meetings in which one of
    /// `officials` takes part; nil means every official's (the registrar's view).
    public func officialsMeetings(_ officials: Set<Int64>?, publishedLimit: Int) throws -> OfficialsMeetings {
        let ids = (officials ?? []).sorted()
        if let officials, officials.isEmpty { return OfficialsMeetings(drafts: [], published: []) }
        let placeholders = ids.map { _ in "?" }.joined(separator: ", ")
        let draftFilter = officials == nil ? "" : """
            AND EXISTS (SELECT 1 FROM json_each(meeting_record.record, '$.participants') WHERE json_each.value IN (\(placeholders)))
            """
        let drafts = try Row.fetchAll(db, sql: "SELECT * FROM meeting_record WHERE status = 'draft' \(draftFilter)",
                                      arguments: StatementArguments(ids)).map(StoredMeeting.init(row:))
            .sorted { ($0.meeting.startsAt, $0.id) < ($1.meeting.startsAt, $1.id) }
        let publishedFilter = officials == nil ? "" : """
            AND EXISTS (SELECT 1 FROM meeting_participant p WHERE p.meeting_id = meeting_record.id AND p.official_id IN (\(placeholders)))
            """
        let published = try Row.fetchAll(
            db, sql: "SELECT * FROM meeting_record WHERE status = 'published' \(publishedFilter) ORDER BY published_at DESC, id DESC LIMIT ?",
            arguments: StatementArguments(ids) + [publishedLimit]).map(StoredMeeting.init(row:))
        return OfficialsMeetings(drafts: drafts, published: published)
    }

    /// A meeting's full record, drafts included, for one who may change it (see
    /// `Register.storedMeeting(_:toChangeBy:)`); nil when there is no such meeting.
    public func storedMeeting(_ id: Int64, toChangeBy actor: Principal) throws -> StoredMeeting? {
        try actor.requireMayWriteMeetings("read a record to change it")
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM meeting_record WHERE id = ?", arguments: [id]) else { return nil }
        let stored = try StoredMeeting(row: row)
        try actor.requireMeetingWriter("change", participants: stored.meeting.participants)
        return stored
    }
}
