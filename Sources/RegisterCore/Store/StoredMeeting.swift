import Foundation
import GRDB

/// A meeting as the registrar and the auditor see it: the full record with its
/// status and dates, drafts included. Never used for a public output.
public struct StoredMeeting: Sendable, Equatable {
    public var id: Int64
    public var status: MeetingStatus
    public var version: Int
    public var meeting: Meeting
    public var recordedAt: Date
    public var publishedAt: Date?
    public var updatedAt: Date
    /// The ledger position of the meeting's latest change (see `MeetingRevision`).
    public var revision: MeetingRevision

    init(row: Row) throws {
        id = row["id"]
        status = MeetingStatus(rawValue: row["status"]) ?? .draft
        version = row["version"]
        meeting = try RegisterCoding.decoder().decode(Meeting.self, from: Data((row["record"] as String).utf8))
        recordedAt = Timestamp.parse(row["recorded_at"]) ?? .distantPast
        publishedAt = (row["published_at"] as String?).flatMap { Timestamp.parse($0) }
        updatedAt = Timestamp.parse(row["updated_at"]) ?? .distantPast
        revision = MeetingRevision(row["updated_seq"])
    }

    static func fetch(_ id: Int64, in db: Database) throws -> StoredMeeting {
        guard let row = try db.rowCached(sql: "SELECT * FROM meeting_record WHERE id = ?", arguments: [id]) else {
            throw ValidationError("id", "no meeting with id \(id)")
        }
        return try StoredMeeting(row: row)
    }
}
