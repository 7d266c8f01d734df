import Foundation
import GRDB

extension Register {
    /// When each meeting of a batch is recorded and, if it is, published.
    typealias BatchTimes = (_ index: Int) -> (recorded: Date, published: Date)

    /// Records (and, with `publish`, publishes) new meetings in the open transaction
    /// `db`, each meeting's changes exactly those of `recordMeeting` then
    /// `publishMeeting` one by one, in the same order: a draft change and, when
    /// published, a published change, each with its deliveries. The meetings must be
    /// validated and their references checked. What one-by-one recording does per
    /// meeting and a batch does once is kept outside the loop: the ledger's head and
    /// settings are read once, the published meeting is not read back from its record,
    /// and the kept counts and the search index take in the whole batch at its end.
    func recordBatch(_ meetings: [Meeting], publish: Bool, by actor: Principal, times: BatchTimes, in db: Database,
                     progress: (Int) -> Void = { _ in }) throws -> [Int64] {
        guard !meetings.isEmpty else { return [] }
        var tail = try LedgerTail(db)
        let timeZone = try RegisterSettings.load(db).timeZone
        var ids: [Int64] = []
        ids.reserveCapacity(meetings.count)
        for (index, meeting) in meetings.enumerated() {
            let (recorded, published) = times(index)
            let full = try JSONValue.from(meeting)
            // The stored record is the same JSON as `encodeRecord` writes, in its canonical form.
            let record = CanonicalJSON.string(full)
            let draftSequence = tail.sequence + 1
            let lastSequence = publish ? draftSequence + 1 : draftSequence
            if publish {
                try db.executeCached(
                    sql: """
                        INSERT INTO meeting_record(status, version, record, recorded_at, published_at, updated_at, updated_seq)
                        VALUES ('published', 1, ?, ?, ?, ?, ?)
                        """,
                    arguments: [record, Timestamp.format(recorded), Timestamp.format(published), Timestamp.format(published), lastSequence])
            } else {
                try db.executeCached(
                    sql: "INSERT INTO meeting_record(status, version, record, recorded_at, updated_at, updated_seq) VALUES ('draft', 0, ?, ?, ?, ?)",
                    arguments: [record, Timestamp.format(recorded), Timestamp.format(recorded), lastSequence])
            }
            let id = db.lastInsertedRowID
            ids.append(id)
            _ = try tail.append(ChangeDraft(type: .meetingDrafted, entityId: id, actor: actor, data: full, secrets: [JSONPointer([])]),
                            at: recorded, in: db)
            if publish {
                let recordedAt = Timestamp.parse(Timestamp.format(recorded)) ?? recorded
                let projection = PublicMeeting(id: id, meeting: meeting, version: 1, recordedAt: recordedAt,
                                               publishedAt: published, updatedAt: published, correctionReason: nil)
                let change = try tail.append(
                    try Self.publicChange(projection, meeting: meeting, full: full, type: .meetingPublished, reason: nil, by: actor),
                    at: published, in: db)
                try PublicMeetingRows.save(projection, sequence: change.sequence, timeZone: timeZone, batch: true, in: db)
            }
            if (index + 1) % 500 == 0 { progress(index + 1) }
        }
        if publish, let first = ids.first, let last = ids.last {
            try SearchIndex.index(from: first, through: last, in: db)
            try MeetingTallies.add(from: first, through: last, in: db)
        }
        progress(meetings.count)
        return ids
    }
}
