import Foundation
import GRDB

extension Register {
    /// Adds a push endpoint. It starts from the current ledger head: only later public
    /// changes are queued for it (`createdAfterSequence` records that position), unless
    /// `fromStart` asks for every public change so far, queued in the same transaction.
    @discardableResult
    public func addEndpoint(_ endpoint: NewEndpoint, by actor: Principal) throws -> Endpoint {
        try actor.requireRegistrar("manage push endpoints")
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
    /// receiver still gets every change after its starting position, in order; it also
    /// lifts a pause, and the pending deliveries go on from where they stopped.
    public func setEndpoint(_ id: Int64, enabled: Bool, by actor: Principal) throws {
        try actor.requireRegistrar("manage push endpoints")
        let now = clock()
        try writer.write { db in
            _ = try Self.endpoint(id, in: db)
            try db.execute(sql: "UPDATE endpoint SET enabled = ? WHERE id = ?", arguments: [enabled, id])
            if enabled {
                try Self.resume(id, in: db)
                try Self.queueMissedChanges(endpoint: id, at: now, in: db)
            }
        }
    }

    /// Changes an endpoint's URL or credentials, checked as a new endpoint's are, and
    /// lifts its pause: its pending deliveries are sent to it as it is now, in order.
    @discardableResult
    public func updateEndpoint(_ id: Int64, _ update: EndpointUpdate, by actor: Principal) throws -> Endpoint {
        try actor.requireRegistrar("manage push endpoints")
        return try writer.write { db in
            let valid = try update.applied(to: try Self.endpoint(id, in: db))
            try db.execute(
                sql: "UPDATE endpoint SET url = ?, secret = ?, token = ?, resource_id = ? WHERE id = ?",
                arguments: [valid.url, valid.secret, valid.token, valid.resourceId, id])
            try Self.resume(id, in: db)
            return try Self.endpoint(id, in: db)
        }
    }

    /// Removes an endpoint and its whole outbox (delivered, pending and dead letters)
    /// in one transaction; returns how many deliveries were still pending or dead.
    @discardableResult
    public func removeEndpoint(_ id: Int64, by actor: Principal) throws -> Int {
        try actor.requireRegistrar("manage push endpoints")
        return try writer.write { db in
            _ = try Self.endpoint(id, in: db)
            let undelivered = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE endpoint_id = ? AND state IN ('pending', 'dead')", arguments: [id]) ?? 0
            try db.execute(sql: "DELETE FROM outbox WHERE endpoint_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM endpoint WHERE id = ?", arguments: [id])
            return undelivered
        }
    }

    /// Pauses an endpoint because a receiver's answer said the endpoint itself is wrong;
    /// nothing is dead-lettered. Only if it is still configured as `endpoint` was when
    /// that answer came, so a pause never undoes an update made meanwhile. Returns
    /// whether it was paused.
    @discardableResult
    public func pauseEndpoint(_ endpoint: Endpoint, reason: String) throws -> Bool {
        let now = clock()
        return try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM endpoint WHERE id = ?", arguments: [endpoint.id]),
                  Endpoint(row: row).sameDestination(as: endpoint) else { return false }
            try db.execute(sql: "UPDATE endpoint SET paused_at = ?, pause_reason = ? WHERE id = ?",
                           arguments: [PreciseTimestamp.format(now), reason, endpoint.id])
            return true
        }
    }

    private static func resume(_ id: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE endpoint SET paused_at = NULL, pause_reason = NULL WHERE id = ?", arguments: [id])
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

extension Register {
    /// Changes an endpoint's URL or credentials (`update`, when it changes anything)
    /// and whether it is enabled, in one transaction: both or neither.
    @discardableResult
    public func changeEndpoint(_ id: Int64, _ update: EndpointUpdate?, enabled: Bool?, by actor: Principal) throws -> Endpoint {
        try actor.requireRegistrar("manage push endpoints")
        guard update != nil || enabled != nil else {
            throw ValidationError("", "nothing to change: give a new url, secret, token, resource id, or enabled")
        }
        return try inOneTransaction { shared in
            if let update { try shared.updateEndpoint(id, update, by: actor) }
            if let enabled { try shared.setEndpoint(id, enabled: enabled, by: actor) }
            return try shared.endpoint(id)
        }
    }
}
