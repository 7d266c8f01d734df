import Foundation
import GRDB

extension Register {
    /// Adds a push endpoint. It starts from the current ledger head: only later public
    /// changes are queued for it (`createdAfterSequence` records that position), unless
    /// `fromStart` asks for every public change so far, queued in the same transaction.
    @discardableResult
    public func addEndpoint(_ endpoint: NewEndpoint) throws -> Endpoint {
        let valid = try endpoint.validated()
        let now = clock()
        return try writer.write { db in
            let head = try Self.ledgerHead(db).sequence
            try db.execute(
                sql: """
                    INSERT INTO endpoint(url, kind, secret, token, resource_id, enabled, created_at, created_after_seq)
                    VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                    """,
                arguments: [valid.url, valid.kind.rawValue, valid.secret, valid.token, valid.resourceId, Timestamp.format(now),
                            valid.fromStart ? 0 : head])
            let id = db.lastInsertedRowID
            try Self.queueMissedChanges(endpoint: id, at: now, in: db)
            return try Self.endpoint(id, in: db)
        }
    }

    public func endpoints() throws -> [Endpoint] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM endpoint ORDER BY id").map(Endpoint.init) }
    }

    public func endpoint(_ id: Int64) throws -> Endpoint {
        try writer.read { db in try Self.endpoint(id, in: db) }
    }

    /// Disabling pauses an endpoint: nothing is delivered to it and no change is queued
    /// for it. Enabling it again queues the public changes it missed meanwhile, so the
    /// receiver still gets every change after its starting position, in order.
    public func setEndpoint(_ id: Int64, enabled: Bool) throws {
        let now = clock()
        try writer.write { db in
            _ = try Self.endpoint(id, in: db)
            try db.execute(sql: "UPDATE endpoint SET enabled = ? WHERE id = ?", arguments: [enabled, id])
            if enabled { try Self.queueMissedChanges(endpoint: id, at: now, in: db) }
        }
    }

    static func endpoint(_ id: Int64, in db: Database) throws -> Endpoint {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM endpoint WHERE id = ?", arguments: [id]) else {
            throw ValidationError("id", "no endpoint with id \(id)")
        }
        return Endpoint(row: row)
    }

    /// Queues every public change after the endpoint's starting position that has no
    /// delivery for it yet.
    private static func queueMissedChanges(endpoint id: Int64, at date: Date, in db: Database) throws {
        let now = PreciseTimestamp.format(date)
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO outbox(endpoint_id, change_seq, entity, entity_id, state, next_attempt_at, queued_at)
                SELECT e.id, c.seq, c.entity, c.entity_id, 'pending', ?, ?
                FROM endpoint e JOIN change c ON c.seq > e.created_after_seq AND c.public = 1
                WHERE e.id = ?
                ORDER BY c.seq
                """,
            arguments: [now, now, id])
    }
}
