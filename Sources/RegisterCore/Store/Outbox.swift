import Foundation
import GRDB

/// One queued delivery of a public change to one endpoint, with the change as the
/// ledger stores it.
public struct OutboxItem: Sendable, Equatable {
    public var id: Int64
    public var endpointId: Int64
    /// The ledger sequence of the change it carries.
    public var sequence: Int64
    /// Attempts made since it was queued or requeued.
    public var attempts: Int
    public var nextAttemptAt: Date
    /// When the first failed attempt of the current run of retries was made.
    public var firstFailedAt: Date?
    let body: String
    let hash: String

    /// The public change it carries, decoded from the ledger's stored text. Decoding is
    /// left to the caller, so that a worker can do it while it waits for a receiver.
    public func change() throws -> PublicChange {
        try PublicChange(canonicalBody: body, hash: hash)
    }
}

/// How one attempt at a delivery ended, as the outbox records it.
public enum OutboxOutcome: Sendable, Equatable {
    /// The receiver answered 2xx.
    case delivered
    /// The endpoint's kind does not take this change (a ckan endpoint and a catalogue change).
    case skipped
    /// Try again at `next`; until then nothing later is sent to this endpoint.
    case retry(next: Date, error: String)
    /// Given up on: only `requeueDeadLetters` sends it again.
    case dead(error: String)
}

/// One attempt at a delivery: which, how it ended and when.
public struct OutboxAttempt: Sendable, Equatable {
    public var delivery: Int64
    public var outcome: OutboxOutcome
    public var at: Date

    public init(delivery: Int64, outcome: OutboxOutcome, at: Date) {
        self.delivery = delivery
        self.outcome = outcome
        self.at = at
    }
}

/// The delivery queue's operations for the push worker. A row's state is `pending`,
/// `delivered`, `skipped` or `dead`; only a pending row changes state, so two workers
/// racing on one row cannot undo each other's result.
///
/// Order: per endpoint the lowest pending change goes first, and while it is retried
/// nothing later is sent. A dead letter holds back the later changes to the same
/// record (they stay pending, "held") until it is requeued and delivered, so a
/// receiver never sees a record's later version before an earlier one; changes to
/// other records carry on.
extension Register {
    /// The next pending deliveries for an enabled endpoint that is not paused, in ledger order, held ones
    /// left out, at most `limit`, and only those after change `sequence` when given (to
    /// read ahead while earlier ones are being sent). The first may not be due yet
    /// (`nextAttemptAt`); the caller must then wait for it rather than send a later one.
    public func pendingDeliveries(endpoint: Int64, after sequence: Int64? = nil, limit: Int = 100) throws -> [OutboxItem] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.endpoint_id, o.change_seq, o.attempts, o.next_attempt_at, o.first_failed_at, c.public_body, c.hash
                    FROM outbox o JOIN change c ON c.seq = o.change_seq
                    WHERE o.endpoint_id = ? AND o.state = 'pending' AND o.change_seq > ? AND \(Self.notHeld)
                      AND EXISTS (SELECT 1 FROM endpoint e WHERE e.id = o.endpoint_id AND e.enabled = 1 AND e.paused_at IS NULL)
                    ORDER BY o.change_seq LIMIT ?
                    """,
                arguments: [endpoint, sequence ?? 0, limit]
            ).map { row in
                OutboxItem(id: row["id"], endpointId: row["endpoint_id"], sequence: row["change_seq"], attempts: row["attempts"],
                           nextAttemptAt: PreciseTimestamp.parse(row["next_attempt_at"]) ?? .distantPast,
                           firstFailedAt: (row["first_failed_at"] as String?).flatMap(PreciseTimestamp.parse),
                           body: row["public_body"], hash: row["hash"])
            }
        }
    }

    /// Records the outcomes of attempts, all in one transaction, the deliveries in one
    /// statement. An outcome for a row that is no longer pending (another worker
    /// recorded it first) changes nothing. Returns how many were recorded.
    @discardableResult
    public func record(_ attempts: [OutboxAttempt]) throws -> Int {
        let delivered = attempts.filter { $0.outcome == .delivered }
        let deliveredJSON = "[" + delivered.map { "[\($0.delivery),\"\(PreciseTimestamp.format($0.at))\"]" }.joined(separator: ",") + "]"
        return try writer.write { db in
            var recorded = 0
            if !delivered.isEmpty {
                try db.cachedStatement(sql: """
                    UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = d.at, last_attempt_at = d.at
                    FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS at FROM json_each(?)) AS d
                    WHERE outbox.id = d.id AND outbox.state = 'pending'
                    """).execute(arguments: [deliveredJSON])
                recorded += db.changesCount
            }
            for attempt in attempts {
                guard let (sql, arguments) = Self.update(for: attempt) else { continue }
                try db.cachedStatement(sql: "UPDATE outbox SET \(sql) WHERE id = ? AND state = 'pending'")
                    .execute(arguments: arguments + [attempt.delivery])
                recorded += db.changesCount
            }
            return recorded
        }
    }

    /// Records the outcome of one attempt made at `date`; false when the row was no
    /// longer pending.
    @discardableResult
    public func record(_ outcome: OutboxOutcome, for delivery: Int64, at date: Date) throws -> Bool {
        try record([OutboxAttempt(delivery: delivery, outcome: outcome, at: date)]) == 1
    }

    /// The assignments recording an outcome other than a delivery (those are recorded together).
    private static func update(for attempt: OutboxAttempt) -> (String, StatementArguments)? {
        let at = PreciseTimestamp.format(attempt.at)
        return switch attempt.outcome {
        case .delivered:
            nil
        case .skipped:
            ("state = 'skipped', delivered_at = ?", [at])
        case .retry(let next, let error):
            ("attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?, last_error = ?, first_failed_at = COALESCE(first_failed_at, ?)",
             [PreciseTimestamp.format(next), at, error, at])
        case .dead(let error):
            ("state = 'dead', attempts = attempts + 1, last_attempt_at = ?, last_error = ?, first_failed_at = COALESCE(first_failed_at, ?)",
             [at, error, at])
        }
    }

    /// Puts dead letters back in the queue, due at once, with a fresh retry schedule;
    /// for one endpoint or all. Returns how many.
    @discardableResult
    public func requeueDeadLetters(endpoint: Int64? = nil) throws -> Int {
        let now = PreciseTimestamp.format(clock())
        return try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, first_failed_at = NULL
                    WHERE state = 'dead' AND (? IS NULL OR endpoint_id = ?)
                    """,
                arguments: [now, endpoint, endpoint])
            return db.changesCount
        }
    }

    /// A pending row `o` is held while a dead letter for the same record precedes it.
    static let notHeld = """
        NOT EXISTS (SELECT 1 FROM outbox d WHERE d.endpoint_id = o.endpoint_id AND d.entity = o.entity
                    AND d.entity_id = o.entity_id AND d.state = 'dead' AND d.change_seq < o.change_seq)
        """
}
