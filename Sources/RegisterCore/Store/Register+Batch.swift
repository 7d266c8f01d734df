import Foundation
import GRDB

extension Register {
    /// When each meeting of a batch is recorded and, if it is, published.
    typealias BatchTimes = (_ index: Int) -> (recorded: Date, published: Date)

    /// How many meetings are sealed together while the writer stores the ones before.
    static let batchChunk = 256

    /// From how many meetings a batch gets a larger page cache, and how large (KiB).
    static let largeBatch = 1000
    static let largeBatchCacheKiB = 262_144

    /// Records (and, unless `form` is `.drafts`, publishes) new meetings in the open
    /// transaction `db`, each meeting's changes in `form`: with `.drafts` and
    /// `.draftsThenPublished` exactly those of `recordMeeting` then `publishMeeting`
    /// one by one, in the same order (a draft change and, when published, a published
    /// change, each with its deliveries); with `.published` only the published change
    /// and its deliveries. The meetings must be validated and their references checked. What one-by-one recording does per
    /// meeting and a batch does once is kept outside the loop: the ledger's head and
    /// settings are read once, the published meeting is not read back from its record,
    /// and the kept counts (worked out in memory, `BatchTallies`) and the search index
    /// take in the whole batch at its end.
    /// The changes are sealed ahead on every core (`BatchSealing`); the writer only
    /// links each to the one before and stores it.
    func recordBatch(_ meetings: [Meeting], as form: BatchForm, by actor: Principal, times: BatchTimes, in db: Database,
                     progress: (Int) -> Void = { _ in }) throws -> [Int64] {
        guard !meetings.isEmpty else { return [] }
        // A batch of thousands writes more pages than the connection's cache holds: with the usual 16 MiB,
        // index pages were spilled to the write-ahead log and written there again each time they changed.
        var usualCache: Int?
        if meetings.count >= Self.largeBatch {
            usualCache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
            try db.execute(sql: "PRAGMA cache_size = -\(Self.largeBatchCacheKiB)")
        }
        defer { if let usualCache { try? db.execute(sql: "PRAGMA cache_size = \(usualCache)") } }
        var tail = try LedgerTail(db)
        let timeZone = try RegisterSettings.load(db).timeZone
        let sealing = BatchSealing(meetings: meetings, form: form, actor: actor, actorsPublic: tail.actorsPublic,
                                   firstId: try Self.nextMeetingId(db), firstSequence: tail.sequence + 1)
        func prefetch(_ start: Int) -> Prefetch<[SealedMeeting]> {
            let range = start..<min(start + Self.batchChunk, meetings.count)
            let chunkTimes = range.map(times)
            return Prefetch { sealing.seal(range, times: chunkTimes) }
        }
        var tallies = BatchTallies()
        var ids: [Int64] = []
        ids.reserveCapacity(meetings.count)
        var next = prefetch(0)
        for start in stride(from: 0, to: meetings.count, by: Self.batchChunk) {
            let chunk = next.wait()
            if start + Self.batchChunk < meetings.count { next = prefetch(start + Self.batchChunk) }
            for sealed in chunk {
                try store(sealed, onto: &tail, timeZone: timeZone, in: db)
                if let (_, projection) = sealed.published { try tallies.add(projection, timeZone: timeZone, in: db) }
                ids.append(sealed.id)
                if ids.count % 500 == 0 { progress(ids.count) }
            }
        }
        if form.publishes, let first = ids.first, let last = ids.last {
            try SearchIndex.index(from: first, through: last, in: db)
            try tallies.write(in: db)
        }
        progress(meetings.count)
        return ids
    }

    private func store(_ sealed: SealedMeeting, onto tail: inout LedgerTail, timeZone: TimeZone, in db: Database) throws {
        let recorded = Timestamp.format(sealed.recorded)
        if let (change, projection) = sealed.published {
            let published = Timestamp.format(projection.publishedAt)
            try db.executeCached(
                sql: """
                    INSERT INTO meeting_record(id, status, version, record, recorded_at, published_at, updated_at, updated_seq)
                    VALUES (?, 'published', 1, ?, ?, ?, ?, ?)
                    """,
                arguments: [sealed.id, sealed.record, recorded, published, published, change.sequence])
        } else {
            try db.executeCached(
                sql: "INSERT INTO meeting_record(id, status, version, record, recorded_at, updated_at, updated_seq) VALUES (?, 'draft', 0, ?, ?, ?, ?)",
                arguments: [sealed.id, sealed.record, recorded, recorded, sealed.drafted?.sequence])
        }
        if let drafted = sealed.drafted { _ = try tail.link(drafted, in: db) }
        if let (change, projection) = sealed.published {
            _ = try tail.link(change, in: db)
            try PublicMeetingRows.save(projection, sequence: change.sequence, timeZone: timeZone, batch: true, in: db)
        }
    }

    /// The id SQLite gives the next meeting record (`AUTOINCREMENT`: above every id it ever gave).
    private static func nextMeetingId(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'meeting_record'), 0),
                       COALESCE((SELECT MAX(id) FROM meeting_record), 0)) + 1
            """) ?? 1
    }
}
