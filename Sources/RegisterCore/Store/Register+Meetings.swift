import Foundation
import GRDB

extension Register {
    /// Records a meeting as a draft and returns its id. A draft is in the ledger only
    /// as a commitment and appears in no public output.
    @discardableResult
    public func recordMeeting(_ meeting: Meeting, by actor: Principal) throws -> Int64 {
        try actor.requireMayWriteMeetings("record a meeting")
        let valid = try meeting.validated()
        try actor.requireMeetingWriter("record", participants: valid.participants)
        let now = clock()
        return try writer.write { db in try insertDraft(valid, by: actor, at: now, in: db) }
    }

    /// Replaces the content of a draft.
    public func updateDraft(_ id: Int64, with meeting: Meeting, by actor: Principal, basedOn revision: MeetingRevision? = nil) throws {
        try actor.requireMayWriteMeetings("edit a meeting")
        let valid = try meeting.validated()
        let now = clock()
        try writer.write { db in
            let stored = try StoredMeeting.fetch(id, in: db)
            try actor.requireMeetingWriter("edit", participants: stored.meeting.participants, valid.participants)
            try revision?.check(against: stored)
            guard stored.status == .draft else {
                throw ValidationError("id", "meeting \(id) is \(stored.status.rawValue); a published meeting is changed with `meeting correct` and a reason")
            }
            try checkReferences(of: valid, keeping: stored.meeting, in: db)
            try Self.leaveQueueIfEditedByRecorder(id, by: actor, in: db)
            let change = try Self.append(
                ChangeDraft(type: .meetingDraftUpdated, entityId: id, actor: actor, data: try JSONValue.from(valid), secrets: [JSONPointer([])]),
                at: now, in: db)
            try db.execute(sql: "UPDATE meeting_record SET record = ?, updated_at = ?, updated_seq = ? WHERE id = ?",
                           arguments: [try Self.encodeRecord(valid), Timestamp.format(now), change.sequence, id])
        }
    }

    /// Publishes a draft: from now on it is in every public output. When the register
    /// requires review and `actor` is a recorder, the draft goes to the registrar's
    /// review queue instead and nothing public changes; the outcome says which.
    @discardableResult
    public func publishMeeting(_ id: Int64, by actor: Principal) throws -> PublishOutcome {
        try actor.requireMayWriteMeetings("publish a meeting")
        let now = clock()
        return try writer.write { db in
            try actor.requireMeetingWriter("publish", participants: try StoredMeeting.fetch(id, in: db).meeting.participants)
            return try publishOrSubmit(id, by: actor, at: now, in: db)
        }
    }

    /// Records and publishes `meetings` in one transaction, each through the same steps
    /// as `recordMeeting` then `publishMeeting` (two changes per meeting, each with its
    /// own time from the clock): for bulk loads, where a transaction per change would
    /// dominate. Nothing is written unless every meeting is valid. Review applies as to
    /// `publishMeeting`: a recorder's meetings go to the queue when it is required.
    @discardableResult
    public func recordAndPublishMeetings(_ meetings: [Meeting], by actor: Principal) throws -> [Int64] {
        try actor.requireMayWriteMeetings("record a meeting")
        var valid: [Meeting] = []
        for (index, meeting) in meetings.enumerated() {
            do {
                valid.append(try meeting.validated())
            } catch {
                throw ValidationError(problems: error.problems.map { .init(field: "meetings[\(index)].\($0.field)", message: $0.message, rule: $0.rule) })
            }
        }
        for meeting in valid { try actor.requireMeetingWriter("record", participants: meeting.participants) }
        return try writer.write { db in
            if try Self.reviewApplies(to: actor, in: db) {
                return try valid.map { meeting in
                    let id = try insertDraft(meeting, by: actor, at: clock(), in: db)
                    _ = try publishOrSubmit(id, by: actor, at: clock(), in: db)
                    return id
                }
            }
            for meeting in valid { try checkReferences(of: meeting, keeping: nil, in: db) }
            return try recordBatch(valid, as: .draftsThenPublished, by: actor, times: { _ in (clock(), clock()) }, in: db)
        }
    }

    func insertDraft(_ valid: Meeting, by actor: Principal, at now: Date, in db: Database) throws -> Int64 {
        try checkReferences(of: valid, keeping: nil, in: db)
        let record = try Self.encodeRecord(valid)
        try db.executeCached(
            sql: "INSERT INTO meeting_record(status, version, record, recorded_at, updated_at, updated_seq) VALUES ('draft', 0, ?, ?, ?, 0)",
            arguments: [record, Timestamp.format(now), Timestamp.format(now)])
        let id = db.lastInsertedRowID
        let change = try Self.append(
            ChangeDraft(type: .meetingDrafted, entityId: id, actor: actor, data: try JSONValue.from(valid), secrets: [JSONPointer([])]),
            at: now, in: db)
        try db.executeCached(sql: "UPDATE meeting_record SET updated_seq = ? WHERE id = ?", arguments: [change.sequence, id])
        return id
    }

    func publishDraft(_ id: Int64, by actor: Principal, at now: Date, in db: Database) throws {
        let stored = try StoredMeeting.fetch(id, in: db)
        guard stored.status == .draft else { throw ValidationError("id", "meeting \(id) is already \(stored.status.rawValue)") }
        try checkReferences(of: stored.meeting, keeping: stored.meeting, in: db)
        let projection = PublicMeeting(id: id, meeting: stored.meeting, version: 1, recordedAt: stored.recordedAt,
                                       publishedAt: now, updatedAt: now, correctionReason: nil)
        try savePublished(projection, meeting: stored.meeting, type: .meetingPublished, reason: nil, by: actor, at: now, in: db)
        try Self.clearReview(id, in: db)
    }

    /// Corrects a published meeting: a new version with a visible reason.
    public func correctMeeting(_ id: Int64, with meeting: Meeting, reason: String, by actor: Principal,
                               basedOn revision: MeetingRevision? = nil) throws {
        try actor.requireMayWriteMeetings("correct a meeting")
        let valid = try meeting.validated()
        let reason = try Self.requireReason(reason)
        let now = clock()
        try writer.write { db in
            let stored = try StoredMeeting.fetch(id, in: db)
            try actor.requireMeetingWriter("correct", participants: stored.meeting.participants, valid.participants)
            try revision?.check(against: stored)
            guard stored.status == .published else {
                throw ValidationError("id", stored.status == .draft
                    ? "meeting \(id) is a draft; edit it with `meeting edit` or publish it first"
                    : "meeting \(id) is withdrawn and cannot be corrected")
            }
            try checkReferences(of: valid, keeping: stored.meeting, in: db)
            let valid = try Self.keepingRedactions(of: stored, in: valid, db: db)
            let projection = PublicMeeting(id: id, meeting: valid, version: stored.version + 1, recordedAt: stored.recordedAt,
                                           publishedAt: stored.publishedAt ?? now, updatedAt: Self.versionTime(now, after: stored.updatedAt),
                                           correctionReason: reason)
            try savePublished(projection, meeting: valid, type: .meetingCorrected, reason: reason, by: actor, at: now, in: db)
        }
    }

    /// Withdraws a published meeting, leaving a tombstone with the reason.
    public func withdrawMeeting(_ id: Int64, reason: String, by actor: Principal) throws {
        try actor.requireRegistrar("withdraw a meeting")
        let reason = try Self.requireReason(reason)
        let now = clock()
        try writer.write { db in
            let stored = try StoredMeeting.fetch(id, in: db)
            guard stored.status == .published else {
                throw ValidationError("id", "meeting \(id) is \(stored.status.rawValue); only a published meeting can be withdrawn")
            }
            let current = try PublicMeetingReader.fetch(ids: [id], in: db)[0]
            let tombstone = current.tombstone(at: Self.versionTime(now, after: stored.updatedAt), reason: reason)
            let change = try Self.append(
                ChangeDraft(type: .meetingWithdrawn, entityId: id, actor: actor, reason: reason, data: try JSONValue.from(tombstone)),
                at: now, in: db)
            try PublicMeetingRows.save(tombstone, sequence: change.sequence, timeZone: try RegisterSettings.load(db).timeZone, in: db)
            try db.execute(sql: "UPDATE meeting_record SET status = 'withdrawn', version = ?, updated_at = ?, updated_seq = ? WHERE id = ?",
                           arguments: [tombstone.version, Timestamp.format(tombstone.updatedAt), change.sequence, id])
        }
    }

    /// Releases every withheld field whose date has come, each release a change of
    /// its own. Returns the ids of the meetings that changed.
    @discardableResult
    public func releaseDueWithholdings(by actor: Principal) throws -> [Int64] {
        try actor.requireRegistrar("release withheld fields")
        let now = clock()
        return try writer.write { db in
            let today = Day(now, in: try RegisterSettings.load(db).timeZone)
            var released: [Int64] = []
            let candidates = try Int64.fetchAll(db, sql: "SELECT id FROM meeting WHERE status = 'published' AND withheld LIKE '%\"until\"%'")
            for id in candidates {
                let stored = try StoredMeeting.fetch(id, in: db)
                var meeting = stored.meeting
                let due = meeting.withheld.filter { $0.value.until.map { $0 <= today } ?? false }
                guard !due.isEmpty else { continue }
                for field in due.keys { meeting.withheld[field] = nil }
                let current = try PublicMeetingReader.fetch(ids: [id], in: db)[0]
                let projection = PublicMeeting(id: id, meeting: meeting, version: stored.version + 1, recordedAt: stored.recordedAt,
                                               publishedAt: stored.publishedAt ?? now, updatedAt: Self.versionTime(now, after: stored.updatedAt),
                                               correctionReason: current.correctionReason)
                let fields = due.keys.sorted().map(\.rawValue).joined(separator: ", ")
                try savePublished(projection, meeting: meeting, type: .meetingReleased,
                                  reason: "Sekretessen har upphört för: \(fields)", by: actor, at: now, in: db)
                released.append(id)
            }
            return released
        }
    }

    func savePublished(_ projection: PublicMeeting, meeting: Meeting, type: ChangeType, reason: String?, redacts: JSONValue? = nil,
                       by actor: Principal, at now: Date, in db: Database) throws {
        var draft = Self.publicChange(projection, meeting: meeting, type: type, reason: reason, by: actor)
        draft.redacts = redacts
        let change = try Self.append(draft, at: now, in: db)
        try PublicMeetingRows.save(projection, sequence: change.sequence, timeZone: try RegisterSettings.load(db).timeZone, in: db)
        try db.executeCached(
            sql: """
                UPDATE meeting_record SET status = 'published', version = ?, record = ?, published_at = ?, updated_at = ?, updated_seq = ?
                WHERE id = ?
                """,
            arguments: [projection.version, try Self.encodeRecord(meeting), Timestamp.format(projection.publishedAt),
                        Timestamp.format(projection.updatedAt), change.sequence, projection.id])
    }

    /// The ledger data of a public meeting change: the projection, with every withheld
    /// value and private name put back as a secret (a commitment in the public view).
    static func publicChange(_ projection: PublicMeeting, meeting: Meeting, full: JSONValue? = nil, type: ChangeType, reason: String?,
                             by actor: Principal) -> ChangeDraft {
        let full = full ?? meeting.ledgerValue
        var data = projection.ledgerValue
        var secrets: [JSONPointer] = []
        for field in meeting.withheld.keys.sorted() {
            let pointer = JSONPointer([field.rawValue])
            data.set(full.value(at: pointer) ?? .null, at: pointer)
            secrets.append(pointer)
        }
        if meeting.withheld[.counterparts] == nil {
            for (index, counterpart) in meeting.counterparts.enumerated() {
                for (personIndex, person) in counterpart.people.enumerated() where person.isPrivate {
                    let pointer = JSONPointer(["counterparts", String(index), "people", String(personIndex), "name"])
                    data.set(.string(person.name), at: pointer)
                    secrets.append(pointer)
                }
            }
        }
        return ChangeDraft(type: type, entityId: projection.id, actor: actor, reason: reason, data: data, secrets: secrets)
    }

    func checkReferences(of meeting: Meeting, keeping stored: Meeting?, in db: Database) throws {
        let timeZone = try RegisterSettings.load(db).timeZone
        let day = Day(meeting.startsAt, in: timeZone)
        var problems = Problems()
        for (index, id) in meeting.participants.enumerated() {
            guard let row = try db.rowCached(sql: "SELECT name, active_from, active_to FROM official WHERE id = ?", arguments: [id]) else {
                problems.add("participants[\(index)]", "no official with id \(id)")
                continue
            }
            let from = Day(row["active_from"] as String)
            let to = (row["active_to"] as String?).flatMap(Day.init)
            if let from, day < from || (to.map { day > $0 } ?? false) {
                problems.add("participants[\(index)]", "\(row["name"] as String) was not active on \(day) (active \(from) to \(to?.description ?? "now"))")
            }
        }
        for (index, counterpart) in meeting.counterparts.enumerated() {
            for (key, id) in [("organisation", counterpart.organisation), ("onBehalfOf", counterpart.onBehalfOf)] {
                if let id, try db.rowCached(sql: "SELECT 1 FROM organisation WHERE id = ?", arguments: [id]) == nil {
                    problems.add("counterparts[\(index)].\(key)", "no organisation with id \(id)")
                }
            }
        }
        for (index, id) in meeting.issues.enumerated()
        where try db.rowCached(sql: "SELECT 1 FROM issue WHERE id = ?", arguments: [id]) == nil {
            problems.add("issues[\(index)]", "no issue with id \(id)")
        }
        try Self.checkGrounds(of: meeting, keeping: stored, in: db, into: &problems)
        try problems.check()
    }

    static func requireReason(_ reason: String) throws(ValidationError) -> String {
        try requireText(reason, field: "reason", max: 2000)
    }

    static func encodeRecord(_ meeting: Meeting) throws -> String {
        String(decoding: try RegisterCoding.encoder().encode(meeting), as: UTF8.self)
    }
}
