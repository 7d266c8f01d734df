import Foundation
import GRDB

/// Writes a `PublicMeeting` into the public current-state tables (`meeting` and its
/// join tables). These tables hold nothing that is not public.
enum PublicMeetingRows {
    /// `batch` is for a meeting new to these tables inside a batch, which brings the
    /// kept counts (`BatchTallies`) and the search index up to date for all its
    /// meetings at its end: there is no old contribution to take away and nothing to
    /// index yet.
    static func save(_ meeting: PublicMeeting, sequence: Int64, timeZone: TimeZone, batch: Bool = false, in db: Database) throws {
        let withheld = meeting.withheld.isEmpty ? "{}" : String(decoding: try RegisterCoding.encoder().encode(meeting.withheld), as: UTF8.self)
        if !batch { try MeetingTallies.remove(meeting.id, in: db) }
        let placement = PublicationTimeliness.placement(startsAt: meeting.startsAt, publishedAt: meeting.publishedAt, timeZone: timeZone)
        try db.executeCached(
            sql: """
                INSERT OR REPLACE INTO meeting(
                    id, status, version, starts_at, duration_minutes, place, format, direction, initiator, subject, summary,
                    participants_disclosed, counterparts_disclosed, issues_disclosed, documents_disclosed, withheld,
                    recorded_at, published_at, published_month, updated_at, correction_reason, withdrawn_at, withdrawal_reason,
                    updated_seq, start_month, publication_delay)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                meeting.id, meeting.status.rawValue, meeting.version, meeting.startsAt.map(Timestamp.format),
                meeting.durationMinutes, meeting.place, meeting.format?.rawValue, meeting.direction?.rawValue,
                meeting.initiator?.rawValue, meeting.subject, meeting.summary,
                meeting.participants != nil, meeting.counterparts != nil, meeting.issues != nil, meeting.documents != nil,
                withheld, Timestamp.format(meeting.recordedAt), Timestamp.format(meeting.publishedAt),
                meeting.archiveMonth(in: timeZone).description, Timestamp.format(meeting.updatedAt),
                meeting.correctionReason, meeting.withdrawnAt.map(Timestamp.format), meeting.withdrawalReason, sequence,
                placement.month, placement.delay,
            ])
        for table in ["meeting_participant", "meeting_counterpart", "meeting_person", "meeting_issue", "meeting_document"] where !batch {
            try db.executeCached(sql: "DELETE FROM \(table) WHERE meeting_id = ?", arguments: [meeting.id])
        }
        for (position, official) in (meeting.participants ?? []).enumerated() {
            try db.executeCached(sql: "INSERT INTO meeting_participant(meeting_id, position, official_id) VALUES (?, ?, ?)",
                           arguments: [meeting.id, position, official])
        }
        for (position, counterpart) in (meeting.counterparts ?? []).enumerated() {
            try db.executeCached(
                sql: "INSERT INTO meeting_counterpart(meeting_id, position, organisation_id, on_behalf_of_id) VALUES (?, ?, ?, ?)",
                arguments: [meeting.id, position, counterpart.organisation, counterpart.onBehalfOf])
            for (personPosition, person) in counterpart.people.enumerated() {
                try db.executeCached(
                    sql: "INSERT INTO meeting_person(meeting_id, counterpart_position, position, name, role, private) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [meeting.id, position, personPosition, person.name, person.role, person.isPrivate])
            }
        }
        for (position, issue) in (meeting.issues ?? []).enumerated() {
            try db.executeCached(sql: "INSERT INTO meeting_issue(meeting_id, position, issue_id) VALUES (?, ?, ?)",
                           arguments: [meeting.id, position, issue])
        }
        for (position, document) in (meeting.documents ?? []).enumerated() {
            try db.executeCached(
                sql: "INSERT INTO meeting_document(meeting_id, position, title, direction, url) VALUES (?, ?, ?, ?, ?)",
                arguments: [meeting.id, position, document.title, document.direction.rawValue, document.url])
        }
        if !batch {
            try SearchIndex.index(meetingId: meeting.id, in: db)
            try MeetingTallies.add(meeting.id, in: db)
        }
    }
}
