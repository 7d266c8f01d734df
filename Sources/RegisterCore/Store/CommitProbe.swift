import GRDB
import GRDBSQLite
import Synchronization

/// Tells, without a read transaction, whether anything was committed to the
/// register's file since the last look: SQLite's `data_version` on a connection of its
/// own, which changes whenever another connection (this process's writer, another
/// process such as the command line) commits. Asking costs a look at the WAL index in
/// shared memory, no disk read, so a server can ask on every request and read the
/// ledger head only after a commit. The connection is SQLite's own, with the one
/// statement prepared once, so that a look costs no queue hop and no parsing.
public final class CommitProbe: Sendable {
    private struct Connection: ~Copyable {
        let database: OpaquePointer
        let statement: OpaquePointer

        deinit {
            sqlite3_finalize(statement)
            sqlite3_close_v2(database)
        }
    }

    private let connection: Mutex<Connection>

    init(path: String) throws {
        var database: OpaquePointer?
        var code = sqlite3_open_v2(path, &database, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        var statement: OpaquePointer?
        if code == SQLITE_OK, let database {
            code = sqlite3_prepare_v3(database, "PRAGMA data_version", -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        }
        guard code == SQLITE_OK, let database, let statement else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(database)
            throw RegisterFailure(DatabaseError(resultCode: ResultCode(rawValue: code), message: message))
        }
        connection = Mutex(Connection(database: database, statement: statement))
    }

    /// A number that differs from the one before whenever a commit happened in between.
    public func dataVersion() throws -> Int64 {
        try connection.withLock { connection in
            defer { sqlite3_reset(connection.statement) }
            let code = sqlite3_step(connection.statement)
            guard code == SQLITE_ROW else {
                throw RegisterFailure(DatabaseError(resultCode: ResultCode(rawValue: code),
                                                    message: String(cString: sqlite3_errmsg(connection.database))))
            }
            return sqlite3_column_int64(connection.statement, 0)
        }
    }
}

extension Register {
    /// A probe of the register's file; nil for a register in memory, which has no file to look at.
    public func commitProbe() throws -> CommitProbe? {
        try writer.path.map(CommitProbe.init)
    }
}
