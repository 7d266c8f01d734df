import Foundation
import GRDB

/// What an operator's monitoring asks of a running register: the ledger's head and
/// where each endpoint's deliveries stand, read in one transaction.
public struct OperationalState: Sendable {
    public var head: LedgerHead
    public var outbox: [OutboxStatus]
}

extension Register {
    /// Read off the caller's thread (a server handler's event loop stays free).
    public func operationalState() async throws -> OperationalState {
        try await writer.read { db in
            OperationalState(head: try Self.ledgerHead(db),
                             outbox: try Row.fetchAll(db, sql: "SELECT * FROM endpoint ORDER BY id").map { try Self.status(of: Endpoint(row: $0), in: db) })
        }
    }

    /// Reads the ledger's head from the database, off the caller's thread: whether the
    /// register can be read at all (`/healthz`).
    public func readableHead() async throws -> LedgerHead {
        try await writer.read { db in try Self.ledgerHead(db) }
    }
}
