import Foundation
import GRDB

/// Where one endpoint's deliveries stand, for `push status` and for monitoring: what
/// waits, since when, why the last attempt failed, and what was given up on.
public struct OutboxStatus: Sendable, Equatable {
    public var endpoint: Endpoint
    /// Pending deliveries, held ones included.
    public var pending: Int
    /// Pending deliveries held back behind a dead letter for the same record.
    public var held: Int
    /// Pending deliveries that failed at least once and wait for their next attempt.
    public var retrying: Int
    public var delivered: Int
    public var skipped: Int
    public var dead: Int
    /// When the longest-waiting pending delivery was queued.
    public var oldestPendingSince: Date?
    /// When the first deliverable pending change is due (later than now while it is retried).
    public var nextAttemptAt: Date?
    /// The latest failure among deliveries not yet delivered.
    public var lastError: String?
    public var lastErrorAt: Date?

    public func oldestPendingAge(at now: Date) -> TimeInterval? {
        oldestPendingSince.map { max(0, now.timeIntervalSince($0)) }
    }
}

extension Register {
    public func outboxStatus() throws -> [OutboxStatus] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM endpoint ORDER BY id").map { try Self.status(of: Endpoint(row: $0), in: db) }
        }
    }

    static func status(of endpoint: Endpoint, in db: Database) throws -> OutboxStatus {
        let counts = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(state = 'pending'), 0) AS pending,
                       COALESCE(SUM(state = 'pending' AND attempts > 0), 0) AS retrying,
                       COALESCE(SUM(state = 'delivered'), 0) AS delivered, COALESCE(SUM(state = 'skipped'), 0) AS skipped,
                       COALESCE(SUM(state = 'dead'), 0) AS dead,
                       MIN(CASE WHEN state = 'pending' THEN COALESCE(queued_at, next_attempt_at) END) AS oldest
                FROM outbox WHERE endpoint_id = ?
                """,
            arguments: [endpoint.id])
        let held = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM outbox o WHERE o.endpoint_id = ? AND o.state = 'pending' AND NOT (\(notHeld))",
            arguments: [endpoint.id]) ?? 0
        let next = try String.fetchOne(
            db,
            sql: "SELECT o.next_attempt_at FROM outbox o WHERE o.endpoint_id = ? AND o.state = 'pending' AND \(notHeld) ORDER BY o.change_seq LIMIT 1",
            arguments: [endpoint.id])
        let failure = try Row.fetchOne(
            db,
            sql: """
                SELECT last_error, last_attempt_at FROM outbox
                WHERE endpoint_id = ? AND state IN ('pending', 'dead') AND last_error IS NOT NULL
                ORDER BY last_attempt_at DESC LIMIT 1
                """,
            arguments: [endpoint.id])
        return OutboxStatus(
            endpoint: endpoint, pending: counts?["pending"] ?? 0, held: held, retrying: counts?["retrying"] ?? 0,
            delivered: counts?["delivered"] ?? 0, skipped: counts?["skipped"] ?? 0, dead: counts?["dead"] ?? 0,
            oldestPendingSince: (counts?["oldest"] as String?).flatMap(PreciseTimestamp.parse),
            nextAttemptAt: next.flatMap(PreciseTimestamp.parse),
            lastError: failure?["last_error"],
            lastErrorAt: (failure?["last_attempt_at"] as String?).flatMap(PreciseTimestamp.parse))
    }
}
