import Foundation
import GRDB

/// What a publish did: with review required (`review-required yes`), a recorder's
/// publish sends the draft to the registrar's queue instead; the caller says which.
public enum PublishOutcome: String, Sendable, Equatable {
    case published
    case sentForReview = "in-review"
}

/// Where a draft stands in review: waiting in the registrar's queue, or returned to
/// the recorder with the registrar's comment. A draft outside review has none.
public struct ReviewState: Sendable, Equatable {
    public enum State: String, Sendable {
        case queued, returned
    }

    public var state: State
    /// When it was sent for review, or returned.
    public var at: Date
    /// The name of who sent it (queued) or returned it.
    public var by: String
    /// The registrar's comment on a returned draft.
    public var comment: String?

    init(row: Row) {
        state = State(rawValue: row["state"]) ?? .queued
        at = Timestamp.parse(row["at"]) ?? .distantPast
        by = row["by_name"]
        comment = row["comment"]
    }
}

/// A draft in the registrar's review queue, with the full record to review.
public struct QueuedMeeting: Sendable, Equatable {
    public var stored: StoredMeeting
    public var review: ReviewState
}

extension Register {
    /// Approves a draft in the review queue: publishes it, the registrar its actor.
    /// `revision` is the state the registrar reviewed; a draft changed since is refused.
    public func approveMeeting(_ id: Int64, by actor: Principal, basedOn revision: MeetingRevision? = nil) throws {
        try actor.requireRegistrar("approve a meeting for publication")
        let now = clock()
        try writer.write { db in
            let stored = try Self.queuedDraft(id, basedOn: revision, in: db)
            try publishDraft(stored.id, by: actor, at: now, in: db)
        }
    }

    /// Returns a draft in the review queue to the recorder with a comment, which the
    /// recorder sees on the draft until it is sent again or published.
    public func returnMeeting(_ id: Int64, comment: String, by actor: Principal, basedOn revision: MeetingRevision? = nil) throws {
        try actor.requireRegistrar("return a meeting from review")
        var problems = Problems()
        problems.requireText(comment, "comment", max: 2000)
        try problems.check()
        let comment = comment.trimmed
        let now = clock()
        try writer.write { db in
            _ = try Self.queuedDraft(id, basedOn: revision, in: db)
            let change = try Self.append(
                ChangeDraft(type: .meetingReturned, entityId: id, actor: actor, data: .object(["comment": .string(comment)]),
                            secrets: [JSONPointer([])]),
                at: now, in: db)
            try Self.saveReview(id, state: .returned, comment: comment, by: actor, sequence: change.sequence, at: now, in: db)
        }
    }

    /// Publishes the draft, or, when review applies to `actor`, sends it to the queue.
    func publishOrSubmit(_ id: Int64, by actor: Principal, at now: Date, in db: Database) throws -> PublishOutcome {
        guard try Self.reviewApplies(to: actor, in: db) else {
            try publishDraft(id, by: actor, at: now, in: db)
            return .published
        }
        let stored = try StoredMeeting.fetch(id, in: db)
        guard stored.status == .draft else { throw ValidationError("id", "meeting \(id) is already \(stored.status.rawValue)") }
        if try Self.review(of: id, in: db)?.state == .queued {
            throw ValidationError("id", "meeting \(id) is waiting for the registrar's review already")
        }
        try checkReferences(of: stored.meeting, keeping: stored.meeting, in: db)
        let change = try Self.append(
            ChangeDraft(type: .meetingSubmitted, entityId: id, actor: actor, data: try JSONValue.from(stored.meeting),
                        secrets: [JSONPointer([])]),
            at: now, in: db)
        try Self.saveReview(id, state: .queued, comment: nil, by: actor, sequence: change.sequence, at: now, in: db)
        return .sentForReview
    }

    /// A recorder's publish goes to review when the register requires it; the
    /// registrar's and the admin's never do.
    static func reviewApplies(to actor: Principal, in db: Database) throws -> Bool {
        guard actor.role == .recorder else { return false }
        return try RegisterSettings.load(db).requiresReview
    }

    /// An edit of a queued draft by its recorder takes it out of the queue (it must be
    /// sent again); the registrar's edit keeps it there. A returned draft keeps its comment.
    static func leaveQueueIfEditedByRecorder(_ id: Int64, by actor: Principal, in db: Database) throws {
        guard actor.role == .recorder else { return }
        try db.execute(sql: "DELETE FROM meeting_review WHERE meeting_id = ? AND state = 'queued'", arguments: [id])
    }

    static func clearReview(_ id: Int64, in db: Database) throws {
        try db.executeCached(sql: "DELETE FROM meeting_review WHERE meeting_id = ?", arguments: [id])
    }

    private static func queuedDraft(_ id: Int64, basedOn revision: MeetingRevision?, in db: Database) throws -> StoredMeeting {
        let stored = try StoredMeeting.fetch(id, in: db)
        guard stored.status == .draft, try review(of: id, in: db)?.state == .queued else {
            throw ValidationError("id", "meeting \(id) is not waiting for review")
        }
        try revision?.check(against: stored)
        return stored
    }

    private static func saveReview(_ id: Int64, state: ReviewState.State, comment: String?, by actor: Principal, sequence: Int64,
                                   at now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO meeting_review(meeting_id, state, at, seq, by_name, comment) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(meeting_id) DO UPDATE SET state = excluded.state, at = excluded.at, seq = excluded.seq,
                    by_name = excluded.by_name, comment = excluded.comment
                """,
            arguments: [id, state.rawValue, Timestamp.format(now), sequence, actor.name, comment])
        try db.execute(sql: "UPDATE meeting_record SET updated_seq = ? WHERE id = ?", arguments: [sequence, id])
    }

    static func review(of id: Int64, in db: Database) throws -> ReviewState? {
        try db.rowCached(sql: "SELECT * FROM meeting_review WHERE meeting_id = ?", arguments: [id]).map(ReviewState.init(row:))
    }
}

extension RegisterSnapshot {
    /// The drafts waiting for the registrar's review, the longest waiting first. Not
    /// a public output: the records are full.
    public func reviewQueue() throws -> [QueuedMeeting] {
        try Row.fetchAll(db, sql: """
            SELECT r.*, v.state, v.at, v.by_name, v.comment FROM meeting_review v JOIN meeting_record r ON r.id = v.meeting_id
            WHERE v.state = 'queued' ORDER BY v.seq
            """).map { row in QueuedMeeting(stored: try StoredMeeting(row: row), review: ReviewState(row: row)) }
    }

    /// Where a draft stands in review (nil outside it), for the draft's page and record.
    public func review(of id: Int64) throws -> ReviewState? {
        try Register.review(of: id, in: db)
    }
}
