import Foundation
import GRDB
import GRDBSQLite

/// A public change as stored: its sequence, hash and public form (`public_body`,
/// canonical JSON with confidential and redacted values null), not yet decoded. A
/// writer that can copy most of the stored form as it is reads these; it decodes
/// the rest with `decoded()`.
public struct StoredChangeRow {
    public let sequence: Int64
    /// The hash's bytes (lowercase hex), valid only during the call that hands them over.
    public let hashBytes: UnsafeRawBufferPointer
    /// The stored public form's bytes, valid only during the call that hands them over.
    public let body: UnsafeRawBufferPointer

    public init(sequence: Int64, hash: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) {
        self.sequence = sequence
        self.hashBytes = hash
        self.body = body
    }

    public var hash: String { String(decoding: hashBytes, as: UTF8.self) }

    /// The change decoded, as `forEachPublicChange` gives it.
    public func decoded() throws -> PublicChange {
        try PublicChange(canonicalBody: String(decoding: body, as: UTF8.self), hash: hash)
    }
}

extension RegisterSnapshot {
    /// Streams the stored public changes after `sequence` in ledger order, without
    /// decoding them, in constant memory. The columns are read straight from SQLite's
    /// row, with no copy and no allocation per change: a stream of a million changes
    /// spends most of its reading time here.
    public func forEachStoredPublicChange(after sequence: Int64, _ body: (StoredChangeRow) throws -> Void) throws {
        let statement = try db.makeStatement(
            sql: "SELECT seq, hash, public_body FROM change WHERE seq > ? AND public = 1 ORDER BY seq")
        try statement.setArguments([sequence])
        let sqlite = statement.sqliteStatement
        defer { sqlite3_reset(sqlite) }
        while true {
            let code = sqlite3_step(sqlite)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
            // Text before its length: sqlite3_column_bytes after sqlite3_column_text/blob is the documented order.
            let hash = sqlite3_column_text(sqlite, 1)
            let hashCount = Int(sqlite3_column_bytes(sqlite, 1))
            let stored = sqlite3_column_blob(sqlite, 2)
            let storedCount = Int(sqlite3_column_bytes(sqlite, 2))
            try body(StoredChangeRow(
                sequence: sqlite3_column_int64(sqlite, 0),
                hash: UnsafeRawBufferPointer(start: hash, count: hash == nil ? 0 : hashCount),
                body: UnsafeRawBufferPointer(start: stored, count: stored == nil ? 0 : storedCount)))
        }
    }
}
