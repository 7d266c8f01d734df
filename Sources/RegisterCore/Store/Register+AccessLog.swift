import Foundation
import GRDB

/// One read of confidential values: who read what, and when. The access log is kept
/// by the register for the admin and the auditors; its table refuses every UPDATE and
/// DELETE, so nobody, the register's own code included, can change what it says.
public struct AccessLogEntry: Sendable, Equatable {
    public let id: Int64
    public let at: Date
    public let reader: Principal
    /// What kind of record was read: "meeting", "export".
    public let entity: String
    public let entityID: Int64?
    /// What of it was read, in a few words: "full record", "auditor export".
    public let what: String

    init(_ row: Row) {
        id = row["id"]
        at = Timestamp.parse(row["at"]) ?? .distantPast
        reader = Principal(kind: Principal.Kind(rawValue: row["principal_kind"]) ?? .shell, id: row["principal_id"],
                           name: row["principal_name"], role: Role(rawValue: row["role"]) ?? .admin)
        entity = row["entity"]
        entityID = row["entity_id"]
        what = row["what"]
    }
}

extension Register {
    /// Appends a read of confidential values to the access log; call it before the
    /// values are sent, so that a read the log could not record does not happen.
    @discardableResult
    public func logAccess(by reader: Principal, entity: String, id: Int64?, what: String) async throws -> AccessLogEntry {
        let stamp = Timestamp.format(clock())
        return try await writer.write { db in try Self.appendAccess(reader, entity: entity, id: id, what: what, at: stamp, in: db) }
    }

    /// The same from synchronous code (the command line's exports).
    @discardableResult
    public func logAccess(by reader: Principal, entity: String, id: Int64?, what: String) throws -> AccessLogEntry {
        let stamp = Timestamp.format(clock())
        return try writer.write { db in try Self.appendAccess(reader, entity: entity, id: id, what: what, at: stamp, in: db) }
    }

    /// The access log in order, from the entry after `after`, at most `limit` entries.
    public func accessLog(after: Int64 = 0, limit: Int = 1_000) throws -> [AccessLogEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_log WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit])
                .map(AccessLogEntry.init)
        }
    }

    private static func appendAccess(_ reader: Principal, entity: String, id: Int64?, what: String, at stamp: String,
                                     in db: Database) throws -> AccessLogEntry {
        try db.execute(sql: """
            INSERT INTO access_log(at, principal_kind, principal_id, principal_name, role, entity, entity_id, what)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [stamp, reader.kind.rawValue, reader.id, reader.name, reader.role.rawValue, entity, id, what])
        return AccessLogEntry(try Row.fetchOne(db, sql: "SELECT * FROM access_log WHERE id = ?", arguments: [db.lastInsertedRowID])!)
    }
}
