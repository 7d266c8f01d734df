import GRDB

/// Tells, without a read transaction, whether anything was committed to the
/// register's file since the last look: SQLite's `data_version` on a connection of its
/// own, which changes whenever another connection (this process's writer, another
/// process such as the command line) commits. Asking costs a look at the WAL index in
/// shared memory, no disk read, so a server can ask on every request and read the
/// ledger head only after a commit.
public final class CommitProbe: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            connection = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw RegisterFailure(error)
        }
    }

    /// A number that differs from the one before whenever a commit happened in between.
    public func dataVersion() throws -> Int64 {
        do {
            return try connection.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch let error as DatabaseError {
            throw RegisterFailure(error)
        }
    }
}

extension Register {
    /// A probe of the register's file; nil for a register in memory, which has no file to look at.
    public func commitProbe() throws -> CommitProbe? {
        try writer.path.map(CommitProbe.init)
    }
}
